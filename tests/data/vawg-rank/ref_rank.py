#!/usr/bin/python3
"""An independent reference for vawg-rank's scores, written from the
man page's definitions (not from the C code), for the tests.

ref_rank.py HARM.csv AS_OF WINDOW TOP [--da-only] [--min-da N] [--id COL]
    [--victim-id COL] < crimes.csv
writes rank,ID,score,offence_count,da_offence_count,victim_count,
harm_days,last_offence_date for the default weights.  It is also the
Python peer of the benchmark (tests/bench/rank.sh).
"""
import csv
import datetime
import sys
import unicodedata

W = dict(recency=10, frequency=2, harm_per_day=0.01, victims=5)
# VAWG offence codes (FACTS.md section 2): rape, other sexual offences,
# stalking, harassment, coercive control, threats to kill, FGM.
VAWG = set("19C 19D 19E 19F 19G 19H 17A 17B 20A 20B 21 22A 22B 23 70 71 "
           "72 73 88A 88C 88D 88E 8Q 8L 8M 8R 8U 3B 8K".split())


def norm(code):
    return "".join(code.split()).upper().replace(".", "/")


def main():
    args = sys.argv[1:]
    harmfile, as_of, window, top = args[:4]
    da_only = "--da-only" in args
    min_da = int(args[args.index("--min-da") + 1]) if "--min-da" in args else 0
    idcol = args[args.index("--id") + 1] if "--id" in args else "suspect_id"
    vidcol = (args[args.index("--victim-id") + 1] if "--victim-id" in args
              else "victim_id")
    as_of = datetime.date.fromisoformat(as_of)
    window, top = int(window), int(top)
    harm, default = {}, 0.0
    for r in csv.DictReader(open(harmfile, newline="")):
        if r["offence_code"] == "*":
            default = float(r["harm_days"])
        else:
            harm[norm(r["offence_code"])] = float(r["harm_days"])
    people = {}
    for r in csv.DictReader(sys.stdin):
        pid = r.get(idcol, "")
        if not pid:
            continue
        ds = r.get("reported_date") or r.get("committed_date")
        d = datetime.date.fromisoformat(ds[:10])
        since = (as_of - d).days
        if since < 0 or since > window:
            continue
        da = r.get("da_flag") == "Y"
        if da_only:
            if not da:
                continue
        else:
            v = r.get("vawg", "")
            if v == "":
                v = "Y" if da or norm(r["offence_code"]) in VAWG else "N"
            if v != "Y":
                continue
        p = people.setdefault(pid, dict(n=0, da=0, harm=0.0, last=None,
                                        victims=set()))
        p["n"] += 1
        p["da"] += da
        p["harm"] += harm.get(norm(r["offence_code"]), default)
        p["last"] = d if p["last"] is None else max(p["last"], d)
        if r.get(vidcol):
            p["victims"].add(("id", r[vidcol]))
        elif r.get("victim_forename") or r.get("victim_surname"):
            # Letters and digits, case and accents folded.
            key = tuple("".join(c for c in unicodedata.normalize(
                                    "NFKD", r.get(f, "").casefold())
                                if c.isalnum()).upper()
                        for f in ("victim_forename", "victim_surname",
                                  "victim_dob"))
            p["victims"].add(key)
    rows = []
    for pid, p in people.items():
        if p["da"] < min_da:
            continue
        since = (as_of - p["last"]).days
        total = (W["recency"] * (window - since) / window
                 + W["frequency"] * p["n"]
                 + W["harm_per_day"] * p["harm"]
                 + W["victims"] * len(p["victims"]))
        cents = int(total * 100 + 0.5)
        rows.append((-cents, -p["harm"], -p["last"].toordinal(), -p["n"],
                     -len(p["victims"]), pid.encode(), pid, p, cents))
    rows.sort()
    if top:
        rows = rows[:top]
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["rank", idcol, "score", "offence_count",
                  "da_offence_count", "victim_count", "harm_days",
                  "last_offence_date"])
    for i, r in enumerate(rows, 1):
        p, cents = r[7], r[8]
        h = p["harm"]
        out.writerow([i, r[6], "%d.%02d" % (cents // 100, cents % 100),
                      p["n"], p["da"], len(p["victims"]),
                      int(h) if h == int(h) else h, p["last"].isoformat()])


main()
