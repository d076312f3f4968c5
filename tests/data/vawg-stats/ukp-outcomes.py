#!/usr/bin/python3
"""police.uk outcomes files read per crime, with Python alone.

usage: ukp-outcomes.py later FILE OUT   writes OUT: a later month (the
           month after FILE's) of outcomes for some of FILE's crimes: a
           charged crime later "Unable to prosecute suspect", a crime with
           no suspect later charged, a charged crime later sentenced, and
           one row repeated
       ukp-outcomes.py count FILE...    prints crimes,charged,outcomes:
           distinct Crime IDs; those whose outcome history holds a charge
           or a court result (FACTS.md 7.2: "Suspect charged", the court
           stages and every court sentence); those whose latest outcome
           is not open ("Under investigation", "Status update unavailable")
       ukp-outcomes.py chosen FILE...   prints each crime's outcome, one
           per line: the latest by month among its charge and court rows
           when it has any, else the latest by month; the later row wins
           a tie
"""
import csv
import sys

COURT = {"Suspect charged", "Awaiting court outcome",
         "Defendant sent to Crown Court", "Court result unavailable",
         "Court case unable to proceed", "Defendant found not guilty",
         "Offender sent to prison", "Offender fined",
         "Offender given community sentence",
         "Offender given suspended prison sentence",
         "Offender given conditional discharge",
         "Offender given absolute discharge",
         "Offender ordered to pay compensation",
         "Offender deprived of property", "Offender otherwise dealt with"}
OPEN = {"", "Under investigation", "Status update unavailable"}


def rows(paths):
    for p in paths:
        with open(p, newline="") as f:
            yield from csv.DictReader(f)


def history(paths):
    h = {}
    for r in rows(paths):
        if r["Crime ID"]:
            h.setdefault(r["Crime ID"], []).append(r)
    return h


def chosen(rs):
    court = [r for r in rs if r["Outcome type"] in COURT]
    pool = court or rs
    best = pool[0]
    for r in pool[1:]:
        if r["Month"] >= best["Month"]:
            best = r
    return best


cmd, args = sys.argv[1], sys.argv[2:]
if cmd == "later":
    src = list(rows(args[:1]))
    y, m = map(int, src[0]["Month"].split("-"))
    month = "%04d-%02d" % (y + m // 12, m % 12 + 1)
    charged = [r for r in src if r["Outcome type"] == "Suspect charged"]
    nosus = [r for r in src if r["Outcome type"].startswith("Investigation complete")]
    out = []
    for r, t in ([(r, "Unable to prosecute suspect") for r in charged[:10]] +
                 [(r, "Offender sent to prison") for r in charged[10:15]] +
                 [(r, "Suspect charged") for r in nosus[:10]] +
                 [(r, "Local resolution") for r in nosus[10:15]]):
        r = dict(r, Month=month)
        r["Outcome type"] = t
        out.append(r)
    out.append(out[-1])
    with open(args[1], "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(src[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(out)
elif cmd == "count":
    h = history(args)
    print("%d,%d,%d" % (len(h),
                        sum(any(r["Outcome type"] in COURT for r in rs) for rs in h.values()),
                        sum(chosen(rs)["Outcome type"] not in OPEN for rs in h.values())))
elif cmd == "chosen":
    for rs in history(args).values():
        print(chosen(rs)["Outcome type"])
else:
    sys.exit(__doc__)
