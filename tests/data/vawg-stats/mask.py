#!/usr/bin/python3
# mask.py EXPECTED < OURS: our CSV with each field that EXPECTED has as
# "*" (a figure ref.py does not reproduce) written as "*".
import csv, sys
exp = list(csv.reader(open(sys.argv[1], newline="")))
out = csv.writer(sys.stdout, lineterminator="\n")
for i, row in enumerate(csv.reader(sys.stdin)):
    e = exp[i] if i < len(exp) else []
    out.writerow(["*" if j < len(e) and e[j] == "*" else v
                  for j, v in enumerate(row)])
