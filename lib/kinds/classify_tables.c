/*
 * The built-in classification tables, as CSV text.  Sources: Home Office
 * Counting Rules and the ONS crime hierarchy for offence codes; the Home
 * Office outcomes framework for outcome numbers; data.police.uk for the
 * open-data crime types and outcome categories (the mapping of those to
 * Home Office outcome groups is ours, and approximate).  Each can be
 * replaced by a file with the same columns; see vawg-ingest(1).
 */
#include "kinds/classify_tables.h"

/*
 * 8U (controlling or coercive behaviour) and 8R (malicious
 * communications) are the codes in common use; they are not confirmed
 * against a published Home Office list.  8K covers poisoning as well as
 * FGM.  Homicide is not a VAWG group by code alone: with a DA flag it is.
 */
const char classify_offences_csv[] =
"code,offence_group,vawg,description\n"
"1,homicide,N,Murder\n"
"4/1,homicide,N,Manslaughter\n"
"4/10,homicide,N,Corporate manslaughter\n"
"4/2,homicide,N,Infanticide\n"
"19C,rape,Y,Rape of a female aged 16 and over\n"
"19D,rape,Y,Rape of a female child under 16\n"
"19E,rape,Y,Rape of a female child under 13\n"
"19F,rape,Y,Rape of a male aged 16 and over\n"
"19G,rape,Y,Rape of a male child under 16\n"
"19H,rape,Y,Rape of a male child under 13\n"
"17A,other_sexual,Y,Sexual assault on a male aged 13 and over\n"
"17B,other_sexual,Y,Sexual assault on a male child under 13\n"
"20A,other_sexual,Y,Sexual assault on a female aged 13 and over\n"
"20B,other_sexual,Y,Sexual assault on a female child under 13\n"
"21,other_sexual,Y,Sexual activity involving a child under 13\n"
"22A,other_sexual,Y,Causing sexual activity without consent\n"
"22B,other_sexual,Y,Sexual activity involving child under 16\n"
"23,other_sexual,Y,Incest or familial sexual offences\n"
"70,other_sexual,Y,Sexual activity etc with a person with a mental disorder\n"
"71,other_sexual,Y,Abuse of children through sexual exploitation\n"
"72,other_sexual,Y,Trafficking for sexual exploitation\n"
"73,other_sexual,Y,Abuse of position of trust of a sexual nature\n"
"88A,other_sexual,Y,Sexual grooming\n"
"88C,other_sexual,Y,Other miscellaneous sexual offences\n"
"88D,other_sexual,Y,Unnatural sexual offences\n"
"88E,other_sexual,Y,Exposure and voyeurism\n"
"8Q,stalking,Y,Stalking\n"
"8L,harassment,Y,Harassment\n"
"8M,harassment,Y,Racially or religiously aggravated harassment\n"
"8R,harassment,Y,Malicious communications\n"
"8U,coercive_control,Y,Controlling or coercive behaviour\n"
"3B,threats_to_kill,Y,Threats to kill\n"
"8K,fgm,Y,Poisoning or female genital mutilation\n"
"8N,violence_with_injury,N,Assault with injury\n"
"8P,violence_with_injury,N,Racially or religiously aggravated assault with injury\n"
"5D,violence_with_injury,N,Assault with intent to cause serious harm\n"
"5E,violence_with_injury,N,Endangering life\n"
"105A,violence_without_injury,N,Assault without injury\n"
"105B,violence_without_injury,N,Racially or religiously aggravated assault without injury\n"
"11A,other_violence,N,Cruelty to children/young persons\n"
"13,other_violence,N,Child abduction\n"
"14,other_violence,N,Procuring illegal abortion\n"
"36,other_violence,N,Kidnapping\n"
"106,other_violence,N,Modern slavery\n"
"9A,public_order,N,Public fear alarm or distress\n"
"9B,public_order,N,Racially or religiously aggravated public fear alarm or distress\n"
"24,other,N,Exploitation of prostitution\n"
"27,other,N,Soliciting for the purposes of prostitution\n"
"86,other,N,Obscene publications etc\n";

/* 1A, 2A and 3A are subsets of 1, 2 and 3: the same group, never extra. */
const char classify_outcomes_csv[] =
"code,outcome_group,description\n"
"0,pending,Not yet assigned an outcome\n"
"1,charge_summons,Charged or summonsed\n"
"1A,charge_summons,Charged or summonsed for an alternative offence\n"
"2,ooc_formal,Caution - youths\n"
"2A,ooc_formal,Youth caution for an alternative offence\n"
"3,ooc_formal,Caution - adults\n"
"3A,ooc_formal,Adult caution for an alternative offence\n"
"4,tic,Taken into consideration\n"
"5,prosecution_prevented,Offender died\n"
"6,ooc_formal,Penalty Notice for Disorder\n"
"7,ooc_formal,Cannabis or khat warning\n"
"8,ooc_informal,Community resolution\n"
"9,prosecution_prevented,Prosecution not in the public interest (CPS)\n"
"10,prosecution_prevented,Formal action not in the public interest (police)\n"
"11,prosecution_prevented,Prosecution prevented - suspect under age\n"
"12,prosecution_prevented,Prosecution prevented - suspect too ill\n"
"13,prosecution_prevented,Prosecution prevented - victim or key witness dead or too ill\n"
"14,evidential_victim_declines,Evidential difficulties - suspect not identified; victim does not support action\n"
"15,evidential_victim_supports,Evidential difficulties - suspect identified; victim supports action\n"
"16,evidential_victim_declines,Evidential difficulties - suspect identified; victim does not support action\n"
"17,prosecution_prevented,Prosecution time limit expired\n"
"18,no_suspect,Investigation complete - no suspect identified\n"
"19,nfib,National Fraud Intelligence Bureau filed\n"
"20,transferred,Responsibility transferred to another body\n"
"21,not_in_public_interest,Further investigation not in the public interest (police)\n"
"22,diversionary,Diversionary educational or intervention activity\n"
"23,diversionary,Deferred prosecution of a child while conditions are completed\n";

const char classify_ukp_crime_csv[] =
"crime_type,offence_group\n"
"Anti-social behaviour,anti_social_behaviour\n"
"Bicycle theft,bicycle_theft\n"
"Burglary,burglary\n"
"Criminal damage and arson,criminal_damage_arson\n"
"Drugs,drugs\n"
"Other crime,other\n"
"Other theft,other_theft\n"
"Possession of weapons,possession_of_weapons\n"
"Public order,public_order\n"
"Robbery,robbery\n"
"Shoplifting,shoplifting\n"
"Theft from the person,theft_from_person\n"
"Vehicle crime,vehicle_crime\n"
"Violence and sexual offences,violence_and_sexual\n";

/*
 * "Unable to prosecute suspect" covers outcomes 14, 15 and 16, which the
 * open data do not tell apart: it has a group of its own.
 */
const char classify_ukp_outcome_csv[] =
"category,outcome_group\n"
"Suspect charged,charge_summons\n"
"Awaiting court outcome,charge_summons\n"
"Defendant sent to Crown Court,charge_summons\n"
"Court result unavailable,charge_summons\n"
"Court case unable to proceed,charge_summons\n"
"Defendant found not guilty,charge_summons\n"
"Offender sent to prison,charge_summons\n"
"Offender fined,charge_summons\n"
"Offender given community sentence,charge_summons\n"
"Offender given suspended prison sentence,charge_summons\n"
"Offender given conditional discharge,charge_summons\n"
"Offender given absolute discharge,charge_summons\n"
"Offender ordered to pay compensation,charge_summons\n"
"Offender deprived of property,charge_summons\n"
"Offender otherwise dealt with,charge_summons\n"
"Suspect charged as part of another case,tic\n"
"Offender given a caution,ooc_formal\n"
"Offender given penalty notice,ooc_formal\n"
"Offender given a drugs possession warning,ooc_formal\n"
"Local resolution,ooc_informal\n"
"Unable to prosecute suspect,evidential_difficulties\n"
"Investigation complete; no suspect identified,no_suspect\n"
"Formal action is not in the public interest,prosecution_prevented\n"
"Further investigation is not in the public interest,not_in_public_interest\n"
"Further action is not in the public interest,diversionary\n"
"Action to be taken by another organisation,transferred\n"
"Under investigation,pending\n"
"Status update unavailable,pending\n";
