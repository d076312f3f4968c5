#!/usr/bin/python3
# Makes the small fixtures of tests/vawg-stats.bats (run once; the output
# is committed).  Seeded, so the same files come out every time.  Edge
# rows are written by hand first: 31 March / 1 April (financial year
# edge), 29 February, 31 December / 1 January, empty and bad values.
import csv, random, sys, os

out = os.path.dirname(os.path.abspath(__file__))
R = random.Random(5)

CRIME = ("crime_ref,reported_date,committed_date,offence_code,offence_desc,"
         "offence_group,vawg,da_flag,bcu,borough,ward,postcode,lsoa,"
         "victim_forename,victim_surname,victim_dob,victim_pnc,"
         "victim_postcode,victim_sex,suspect_forename,suspect_surname,"
         "suspect_dob,suspect_pnc,suspect_postcode,suspect_sex,outcome_code,"
         "outcome_date,outcome_group,victim_id,suspect_id").split(",")
GROUP = {"1": "charge_summons", "1A": "charge_summons", "3": "ooc_formal",
         "8": "ooc_informal", "16": "evidential_victim_declines",
         "15": "evidential_victim_supports", "18": "no_suspect",
         "4": "tic", "": "pending", "0": "pending", "22": "diversionary"}

def crime(i, rep, borough, code, odate, vid, sid="", desc="Stalking",
          ogroup=None):
    return {"crime_ref": "CR%04d" % i, "reported_date": rep,
            "committed_date": rep, "offence_code": "8Q",
            "offence_desc": desc, "offence_group": "stalking", "vawg": "Y",
            "da_flag": "Y", "bcu": "NA", "borough": borough,
            "ward": borough + " Central" if borough else "",
            "postcode": "N1 1AA", "lsoa": "E01000001",
            "victim_forename": "Ann", "victim_surname": "Lee",
            "victim_dob": "1990-01-01", "victim_pnc": "", "victim_postcode":
            "N1 1AA", "victim_sex": "F", "suspect_forename": "Bob",
            "suspect_surname": "Roe", "suspect_dob": "1985-05-05",
            "suspect_pnc": "", "suspect_postcode": "N2 2BB",
            "suspect_sex": "M", "outcome_code": code, "outcome_date": odate,
            "outcome_group": GROUP.get(code, "unknown") if ogroup is None
            else ogroup, "victim_id": vid, "suspect_id": sid}

rows = [
    crime(1, "2024-03-31", "Haringey", "1", "2024-04-01", "V1", "S1"),
    crime(2, "2024-04-01", "Haringey", "1A", "2024-04-30", "V1", "S1"),
    crime(3, "2024-02-29", "Enfield", "16", "2024-03-31", "V2", "S2",
          desc="Assault, with injury"),
    crime(4, "2023-12-31", "Enfield", "", "", "V3", "S2"),
    crime(5, "2024-01-01", "Enfield", "0", "", "V3", "S3",
          desc="two\nlines"),
    crime(6, "2023-04-01", "", "18", "2023-05-02", "V4", ""),
    crime(7, "2023-03-31", "Haringey", "01", "2023-04-01", "V5", "S4"),
    crime(8, "not a date", "Haringey", "1", "2024-06-01", "V6", "S5"),
    crime(9, "2024-07-15", "Haringey", "99", "2024-08-01", "V7", "S6"),
    crime(10, "2024-05-10", "Enfield", "x", "2024-05-20", "V8", "S7"),
    crime(11, "2025-02-28", "Enfield", "", "", "", "S8", ogroup="pending"),
    crime(12, "2024-11-11", "Haringey", "", "2024-12-01", "V9", "S9",
          ogroup="charge_summons"),
]
vids = ["V%d" % k for k in range(1, 15)]
for i in range(13, 121):
    y = R.choice([2023, 2024, 2025])
    m = R.randint(1, 12)
    d = R.randint(1, 28)
    rep = "%04d-%02d-%02d" % (y, m, d)
    code = R.choice(["1", "1", "1A", "3", "8", "16", "15", "18", "", "0",
                     "4", "22"])
    if code in ("", "0"):
        od = ""
    else:
        om = m + R.randint(0, 5)
        oy = y + (om - 1) // 12
        om = (om - 1) % 12 + 1
        od = "%04d-%02d-%02d" % (oy, om, R.randint(1, 28))
    rows.append(crime(i, rep, R.choice(["Haringey", "Enfield"]), code, od,
                      R.choice(vids), R.choice(["S1", "S2", "S3", "S10"])))
with open(os.path.join(out, "crimes.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, CRIME, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)

# Orders.
ORDER = ("order_ref,order_type,respondent_forename,respondent_surname,"
         "respondent_dob,respondent_pnc,respondent_postcode,"
         "protected_forename,protected_surname,protected_dob,applied_date,"
         "decision,granted_date,expiry_date,breach_count,bcu,"
         "borough").split(",")
orows = []
for i in range(1, 61):
    t = R.choice(["DVPN", "DVPN", "DVPO", "SPO", "NMO"])
    y = R.choice([2024, 2025])
    m = R.randint(1, 12)
    ap = "%04d-%02d-%02d" % (y, m, R.randint(1, 28))
    dec = R.choice(["granted", "granted", "granted", "refused", "withdrawn",
                    "pending", ""])
    gd = ap if dec == "granted" else ""
    ex = ""
    if dec == "granted" and t in ("DVPN", "DVPO"):
        ex = "%04d-%02d-%02d" % (y, m, 28)
    elif dec == "granted" and R.random() < 0.5:
        ex = "%04d-%02d-%02d" % (y + 2, m, 1)
    orows.append({"order_ref": "OR%03d" % i, "order_type": t,
                  "respondent_forename": "Bob", "respondent_surname": "Roe",
                  "respondent_dob": "", "respondent_pnc": "",
                  "respondent_postcode": "", "protected_forename": "",
                  "protected_surname": "", "protected_dob": "",
                  "applied_date": ap, "decision": dec, "granted_date": gd,
                  "expiry_date": ex, "breach_count": "0", "bcu": "NA",
                  "borough": R.choice(["Haringey", "Enfield"])})
orows.append(dict(orows[0], order_ref="OR999", granted_date="bad",
                  decision="granted"))
with open(os.path.join(out, "orders.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, ORDER, lineterminator="\n")
    w.writeheader()
    w.writerows(orows)

# Wanted.
WANTED = ("wanted_ref,person_forename,person_surname,person_dob,person_pnc,"
          "person_postcode,person_sex,offence_code,offence_desc,"
          "offence_group,da_flag,high_harm,forensic_live,wanted_date,"
          "arrest_date,bcu,borough,ward").split(",")
wrows = []
for i in range(1, 51):
    wd = "%04d-%02d-%02d" % (R.choice([2024, 2025]), R.randint(1, 12),
                             R.randint(1, 28))
    ad = ""
    if R.random() < 0.5:
        ad = "%04d-%02d-%02d" % (int(wd[:4]) + R.randint(0, 1),
                                 R.randint(1, 12), R.randint(1, 28))
        if ad < wd:
            ad = ""
    wrows.append({"wanted_ref": "W%03d" % i, "person_forename": "X",
                  "person_surname": "Y", "person_dob": "", "person_pnc": "",
                  "person_postcode": "", "person_sex": "M",
                  "offence_code": "8N", "offence_desc": "Assault",
                  "offence_group": "violence_with_injury",
                  "da_flag": R.choice(["Y", "N", ""]),
                  "high_harm": R.choice(["Y", "N"]),
                  "forensic_live": R.choice(["Y", "N"]), "wanted_date": wd,
                  "arrest_date": ad, "bcu": "NA",
                  "borough": R.choice(["Haringey", "Enfield"]), "ward": ""})
wrows.append(dict(wrows[0], wanted_ref="W999", arrest_date="2020-01-01"))
with open(os.path.join(out, "wanted.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, WANTED, lineterminator="\n")
    w.writeheader()
    w.writerows(wrows)

# MARAC.
MARAC = ("marac_ref,referral_date,meeting_date,victim_forename,victim_surname,"
         "victim_dob,victim_postcode,perpetrator_forename,perpetrator_surname,"
         "perpetrator_dob,perpetrator_pnc,dash_score,risk_level,"
         "referral_route,referring_agency,borough").split(",")
people = [("Ann", "Lee", "1990-01-01"), ("Bea", "Kay", "1985-02-02"),
          ("Cat", "Fox", "1979-03-03"), ("Dee", "Ray", "2000-04-04"),
          ("Eve", "Orr", "1995-05-05"), ("Fay", "Ng", "1988-06-06")]
mrows = []
for i in range(1, 41):
    fn, sn, dob = R.choice(people)
    y = R.choice([2024, 2025])
    m = R.randint(1, 12)
    ref = "%04d-%02d-%02d" % (y, m, R.randint(1, 20))
    meet = "%04d-%02d-%02d" % (y, m, R.randint(21, 28))
    mrows.append({"marac_ref": "M%03d" % i, "referral_date": ref,
                  "meeting_date": meet, "victim_forename": fn,
                  "victim_surname": sn, "victim_dob": dob,
                  "victim_postcode": "", "perpetrator_forename": "P",
                  "perpetrator_surname": "Q", "perpetrator_dob": "",
                  "perpetrator_pnc": "",
                  "dash_score": str(R.randint(5, 27)) if R.random() < 0.9
                  else R.choice(["", "40"]),
                  "risk_level": "high",
                  "referral_route": R.choice(["police", "idva", "health"]),
                  "referring_agency": "x",
                  "borough": R.choice(["Haringey", "Enfield"])})
# A repeat exactly 12 months after the last referral, and one a day later.
mrows.append(dict(mrows[0], marac_ref="M901", victim_forename="Gil",
                  victim_surname="Tan", victim_dob="1970-07-07",
                  referral_date="2024-02-29", meeting_date="2024-03-05"))
mrows.append(dict(mrows[0], marac_ref="M902", victim_forename="Gil",
                  victim_surname="Tan", victim_dob="1970-07-07",
                  referral_date="2025-02-28", meeting_date="2025-03-04"))
mrows.append(dict(mrows[0], marac_ref="M903", victim_forename="Hal",
                  victim_surname="Uno", victim_dob="1971-08-08",
                  referral_date="2024-05-10", meeting_date="2024-05-20"))
mrows.append(dict(mrows[0], marac_ref="M904", victim_forename="Hal",
                  victim_surname="Uno", victim_dob="1971-08-08",
                  referral_date="2025-05-11", meeting_date="2025-05-20"))
with open(os.path.join(out, "marac.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, MARAC, lineterminator="\n")
    w.writeheader()
    w.writerows(mrows)

# Disclosures.
DISC = ("dvds_ref,route,channel,received_date,decision_date,decision,"
        "applicant_forename,applicant_surname,applicant_dob,subject_forename,"
        "subject_surname,subject_dob,subject_pnc,borough").split(",")
drows = []
import datetime
for i in range(1, 51):
    rd = datetime.date(2025, 1, 1) + datetime.timedelta(R.randint(0, 300))
    dec = R.choice(["disclose", "disclose", "no_disclose", "withdrawn",
                    "pending", ""])
    dd = ""
    if dec in ("disclose", "no_disclose", "withdrawn"):
        dd = (rd + datetime.timedelta(R.randint(3, 60))).isoformat()
    drows.append({"dvds_ref": "D%03d" % i, "route": R.choice(["ask", "know"]),
                  "channel": R.choice(["portal", "other"]),
                  "received_date": rd.isoformat(), "decision_date": dd,
                  "decision": dec, "applicant_forename": "",
                  "applicant_surname": "", "applicant_dob": "",
                  "subject_forename": "", "subject_surname": "",
                  "subject_dob": "", "subject_pnc": "",
                  "borough": R.choice(["Haringey", "Enfield"])})
with open(os.path.join(out, "disclosures.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, DISC, lineterminator="\n")
    w.writeheader()
    w.writerows(drows)

# Engagement.
ENG = ("engagement_ref,date,type,bcu,borough,ward,postcode,concern,action,"
       "status").split(",")
erows = []
for i in range(1, 81):
    dt = datetime.date(2024, 11, 1) + datetime.timedelta(R.randint(0, 120))
    erows.append({"engagement_ref": "E%03d" % i, "date": dt.isoformat(),
                  "type": R.choice(["walk_and_talk", "streetsafe", "op_gwen"]),
                  "bcu": "NA", "borough": "Haringey",
                  "ward": R.choice(["Noel Park", "Tottenham Hale", ""]),
                  "postcode": "", "concern": "", "action": "",
                  "status": "done"})
with open(os.path.join(out, "engagement.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, ENG, lineterminator="\n")
    w.writeheader()
    w.writerows(erows)

with open(os.path.join(out, "population.csv"), "w", newline="") as f:
    f.write("area,year,population,female_16plus\n"
            "Haringey,2023,264000,110000\nHaringey,2024,266000,111000\n"
            "Enfield,2023,330000,132000\nEnfield,2025,333000,134000\n")
