#!/usr/bin/python3
"""Independent check of the monthly report's headline figures.

Reads the raw exports exactly as a source system wrote them (CP1252 or
UTF-8 with a BOM, dd/mm/yyyy dates; the disclosures export a workbook,
read with openpyxl), leaves out the rows vawg-synth says
it planted with a record fault (truth/bad-rows.csv: an impossible or
future date, planted in the first date of the row, its key date), keeps
the rows planted with a field fault (a wrong PNC check letter: vawg-ingest
blanks that PNC ID and keeps the record, and no figure here reads a PNC
ID), keeps the last row of each reference, and counts with Python alone:
  rape / VAWG charges and outcomes assigned in the month (Home Office
  outcome 1 or 1A over every outcome but 0 and empty), MARAC cases by
  meeting date, Clare's Law requests by date received; at the month's last
  day, SPOs in force (granted on or before it, expiry empty or on or after
  it) and domestic-abuse offenders still wanted (wanted on or before it,
  not arrested by it).
Prints measure,value lines for MONTH.
usage: headline.py DATA_DIR YYYY-MM
"""
import csv
import sys

data, month = sys.argv[1], sys.argv[2]
# Record faults reject the row; field faults only blank one field.
RECORD_FAULTS = {"impossible_date", "future_date"}
bad = set()
with open(f"{data}/truth/bad-rows.csv", newline="") as f:
    for r in csv.DictReader(f):
        if r["reason"] in RECORD_FAULTS:
            bad.add((r["file"], r["ref"]))


def records(name):
    if name.endswith(".xlsx"):      # openpyxl; date cells as dd/mm/yyyy
        import datetime
        import openpyxl
        wb = openpyxl.load_workbook(f"{data}/raw/{name}", read_only=True)
        it = wb.worksheets[0].iter_rows(values_only=True)
        hdr = next(it)
        for row in it:
            yield {h: "" if v is None else v.strftime("%d/%m/%Y")
                   if isinstance(v, datetime.datetime) else str(v)
                   for h, v in zip(hdr, row + (None,) * len(hdr))}
        return
    raw = open(f"{data}/raw/{name}", "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    first = text.split("\n", 1)[0]
    delim = max(",;\t|", key=first.count)
    yield from csv.DictReader(text.splitlines(), delimiter=delim)


def rows(name, ref_col):
    last = {}
    for r in records(name):
        if ("raw/" + name, r[ref_col]) in bad:
            continue
        last[r[ref_col]] = r
    return last.values()


def in_month(ddmmyyyy):
    d = ddmmyyyy.strip()
    return len(d) >= 10 and f"{d[6:10]}-{d[3:5]}" == month


RAPE = {"19C", "19D", "19E", "19F", "19G", "19H"}
VAWG = RAPE | {"17A", "17B", "20A", "20B", "21", "22A", "22B", "23", "70",
               "71", "72", "73", "88A", "88C", "88D", "88E", "8Q", "8L",
               "8M", "8R", "8U", "3B", "8K"}
n = {"rape_charges": 0, "rape_outcomes": 0, "vawg_charges": 0,
     "vawg_outcomes": 0}
for r in rows("crime-export.csv", "Crime Reference"):
    code = r["Offence Code"].strip().upper()
    out = r["Outcome Code"].strip().upper()
    if out in ("", "0") or not in_month(r["Outcome Date"]):
        continue
    charged = out in ("1", "1A")
    if code in RAPE:
        n["rape_outcomes"] += 1
        n["rape_charges"] += charged
    if code in VAWG or r["DA Flag"].strip().lower() in ("yes", "y"):
        n["vawg_outcomes"] += 1
        n["vawg_charges"] += charged
n["marac_cases"] = sum(in_month(r["Meeting Date"])
                       for r in rows("marac-export.csv", "MARAC Ref"))
n["disclosure_requests"] = sum(in_month(r["Date Received"])
                               for r in rows("dvds-export.xlsx", "DVDS Ref"))
import calendar
import datetime


def day(ddmmyyyy):
    d = ddmmyyyy.strip()
    if len(d) < 10:
        return None
    return datetime.date(int(d[6:10]), int(d[3:5]), int(d[0:2]))


y, m = int(month[:4]), int(month[5:7])
end = datetime.date(y, m, calendar.monthrange(y, m)[1])
n["spo_in_force"] = 0
for r in rows("orders-export.csv", "Order Ref"):
    g, x = day(r["Date Granted"]), day(r["Expiry Date"])
    if (r["Order Type"].strip().upper() == "SPO"
            and r["Decision"].strip().lower() == "granted"
            and g is not None and g <= end and (x is None or x >= end)):
        n["spo_in_force"] += 1
n["wanted_da"] = 0
for r in rows("wanted-export.csv", "Wanted Ref"):
    w, a = day(r["Date Circulated"]), day(r["Date Arrested"])
    if (r["DA"].strip().lower() in ("yes", "y") and w is not None
            and w <= end and (a is None or a > end)):
        n["wanted_da"] += 1
for k, v in n.items():
    print(f"{k},{v}")
