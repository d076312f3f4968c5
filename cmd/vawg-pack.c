/*
 * vawg-pack: the Risk Management Unit's research for several purposes,
 * by one engine (vawg-marac-pack's): --for marac (a MARAC list), dvds
 * (Clare's Law applications: the subject, the applicant's connection
 * to them, the 28-day deadline), spo (Stalking Protection Order
 * applications: the court bundle's chronology between the respondent
 * and the protected person) or nominal (vawg-rank's list: a briefing
 * sheet per nominal).  Same matching, findings, summary, HTML pages,
 * --redact, --audit and all-or-nothing outputs for each.  This file is
 * the options; the run is lib/pack/cli.h's pack_main().
 *
 * usage: vawg-pack --for marac|dvds|spo|nominal --cases file [options]
 */
#include "core/cli.h"
#include "pack/cli.h"

static struct cli cli = {
	.synopsis = "vawg-pack [--no-excel-safe] [--strict] "
	    "--for marac|dvds|spo|nominal --cases file\n"
	    "       [--cases-from date] [--cases-to date] [--as-of date] [--audit file] [--crimes file] "
	    "[--disclosures file]\n"
	    "       [--engagement file] [--findings file] [--grey bits] "
	    "[--html dir]\n"
	    "       [--lookback 12m|24m|all] [--marac file] "
	    "[--marking text] [--mode mode]\n"
	    "       [--orders file] [--redact field,...] [--role role] "
	    "[--summary file]\n"
	    "       [--threshold bits] [--wanted file] [-o file]",
	.excel_safe = 1,
	.help =
	    "  --for PURPOSE       marac: a MARAC list (marac kind, by marac_ref)\n"
	    "                      dvds: Clare's Law applications (disclosure\n"
	    "                      kind, by dvds_ref: applicant and subject)\n"
	    "                      spo: SPO applications (order kind, by\n"
	    "                      order_ref: protected and respondent)\n"
	    "                      nominal: vawg-rank output (by the id column\n"
	    "                      after rank; rows without a rank skipped)\n"
	    "  --cases FILE        the case list (- is stdin)\n"
	    "  --cases-from DATE   only the cases whose own date (received,\n"
	    "  --cases-to DATE     referral or meeting, applied) is within\n"
	    "  --role ROLE         nominal: the rank list's person prefix\n"
	    "                      (default suspect)\n"
	    "  --crimes FILE       crimes to search (victim_*, suspect_*)\n"
	    "  --orders FILE       orders to search (respondent_*, protected_*)\n"
	    "  --wanted FILE       wanted records to search (person_*)\n"
	    "  --disclosures FILE  Clare's Law records (applicant_*, subject_*)\n"
	    "  --marac FILE        earlier MARAC referrals (victim_*, perpetrator_*)\n"
	    "  --engagement FILE   engagement records at the people's postcodes\n"
	    "  --lookback SPAN     12m, 24m, Nm or all: how far back crimes and\n"
	    "                      engagement are listed (default 12m for marac,\n"
	    "                      all for the others)\n"
	    "  --as-of DATE        reference date (default: each case's date:\n"
	    "                      meeting, received or applied; required for\n"
	    "                      nominal)\n"
	    PACK_HELP_COMMON,
};

int
main(int argc, char *argv[])
{
	return pack_main(&cli, argc, argv, NULL);
}
