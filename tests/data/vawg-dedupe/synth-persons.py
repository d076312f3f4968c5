#!/usr/bin/python3
"""Stacks every person of a vawg-synth --all data set into one file.

    synth-persons.py DIR > persons.csv

Reads DIR/canonical/*.csv and writes, for every row and every role that
has a <role>_true_id, one row: source (kind:role:ref), person_forename,
person_surname, person_dob, person_pnc, person_postcode, person_sex and
person_true_id.  Roles without a name or a PNC ID are left out.
"""
import csv
import glob
import os
import sys

FIELDS = ["forename", "surname", "dob", "pnc", "postcode", "sex"]
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["source"] + ["person_" + f for f in FIELDS] +
             ["person_true_id"])
for path in sorted(glob.glob(os.path.join(sys.argv[1], "canonical",
                                          "*.csv"))):
    kind = os.path.basename(path)[:-4]
    with open(path, newline="") as fp:
        rd = csv.DictReader(fp)
        roles = [c[:-8] for c in rd.fieldnames if c.endswith("_true_id")]
        for row in rd:
            ref = row[rd.fieldnames[0]]
            for r in roles:
                vals = [row.get(r + "_" + f, "") for f in FIELDS]
                if not (vals[0] or vals[1] or vals[3]):
                    continue
                out.writerow(["%s:%s:%s" % (kind, r, ref)] + vals +
                             [row[r + "_true_id"]])
