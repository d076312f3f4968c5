#!/usr/bin/python3
"""Converts a FEBRL file (febrl1.csv, febrl2.csv) to person role columns.

    febrl-to-roles.py febrl1.csv > febrl1-person.csv

given_name -> person_forename, surname -> person_surname, street_number,
address_1 and address_2 -> person_address, suburb -> person_town,
postcode -> person_postcode, date_of_birth -> person_dob (YYYY-MM-DD when
it is eight digits, else as it was), soc_sec_id -> person_phone (a
personal number compared exactly or one digit off, as a phone number is),
state kept as it is, rec_id kept, and person_true_id = N of rec-N-...
"""
import csv
import sys

src = open(sys.argv[1], newline="")
rows = csv.reader(src, skipinitialspace=True)
head = next(rows)
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["rec_id", "person_forename", "person_surname",
              "person_address", "person_town", "person_postcode", "state",
              "person_dob", "person_phone", "person_true_id"])
for r in rows:
    d = dict(zip([h.strip() for h in head], [v.strip() for v in r]))
    dob = d["date_of_birth"]
    if len(dob) == 8 and dob.isdigit():
        dob = dob[:4] + "-" + dob[4:6] + "-" + dob[6:]
    addr = " ".join(x for x in (d["street_number"], d["address_1"],
                                d["address_2"]) if x)
    out.writerow([d["rec_id"], d["given_name"], d["surname"], addr,
                  d["suburb"], d["postcode"], d["state"], dob,
                  d["soc_sec_id"], d["rec_id"].split("-")[1]])
