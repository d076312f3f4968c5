#!/usr/bin/python3
"""Independent checks of vawg-synth output with Python's csv module.

  validate.py canon KIND FILE      header, values; prints the row count
  validate.py raw FILE ENC DELIM EOL
                                   decodes and checks a raw export; prints
                                   "rows N bad M reason=count..."
  validate.py all DIR              checks the data set against its manifest

Expected columns are those of the project brief, typed in here, not read
from the program.  Exits 1 with a message on the first failure.
"""
import csv
import datetime
import io
import re
import sys

CANON = {
    "crime": "crime_ref,reported_date,committed_date,committed_time,"
             "offence_code,"
             "offence_desc,offence_group,vawg,da_flag,bcu,borough,ward,"
             "postcode,lsoa,latitude,longitude,easting,northing,"
             "victim_forename,victim_surname,victim_dob,"
             "victim_pnc,victim_postcode,victim_sex,suspect_forename,"
             "suspect_surname,suspect_dob,suspect_pnc,suspect_postcode,"
             "suspect_sex,outcome_code,outcome_date,outcome_group,"
             "victim_ethnicity,victim_age,suspect_police",
    "wanted": "wanted_ref,person_forename,person_surname,person_dob,"
              "person_pnc,person_postcode,person_sex,offence_code,"
              "offence_desc,offence_group,da_flag,high_harm,forensic_live,"
              "wanted_date,arrest_date,bcu,borough,ward",
    "order": "order_ref,order_type,respondent_forename,respondent_surname,"
             "respondent_dob,respondent_pnc,respondent_postcode,"
             "protected_forename,protected_surname,protected_dob,"
             "applied_date,decision,granted_date,expiry_date,breach_count,"
             "bcu,borough,pnc_upload_date",
    "marac": "marac_ref,referral_date,meeting_date,victim_forename,"
             "victim_surname,victim_dob,victim_postcode,"
             "perpetrator_forename,perpetrator_surname,perpetrator_dob,"
             "perpetrator_pnc,dash_score,risk_level,referral_route,"
             "referring_agency,borough",
    "disclosure": "dvds_ref,route,channel,received_date,decision_date,"
                  "decision,applicant_forename,applicant_surname,"
                  "applicant_dob,subject_forename,subject_surname,"
                  "subject_dob,subject_pnc,borough,contact_date",
    "engagement": "engagement_ref,date,type,bcu,borough,ward,postcode,"
                  "concern,action,status",
    "population": "area,year,population,female_16plus",
}
ROLES = {
    "crime": ["victim", "suspect"], "wanted": ["person"],
    "order": ["respondent", "protected"],
    "marac": ["victim", "perpetrator"],
    "disclosure": ["applicant", "subject"],
    "engagement": [], "population": [],
}
VAWG_GROUPS = {"rape", "other_sexual", "stalking", "harassment",
               "coercive_control", "threats_to_kill", "fgm"}
OFFENCE_GROUPS = VAWG_GROUPS | {
    "homicide", "violence_with_injury", "violence_without_injury",
    "other_violence", "public_order", "other"}
OUTCOME = {}
for g, codes in {
        "charge_summons": "1 1A", "ooc_formal": "2 2A 3 3A 6 7",
        "ooc_informal": "8", "tic": "4", "diversionary": "22 23",
        "prosecution_prevented": "5 9 10 11 12 13 17",
        "evidential_victim_supports": "15",
        "evidential_victim_declines": "14 16",
        "not_in_public_interest": "21", "transferred": "20",
        "no_suspect": "18", "nfib": "19"}.items():
    for c in codes.split():
        OUTCOME[c] = g
ENUMS = {
    "decision@order": {"granted", "refused", "withdrawn", "pending"},
    "order_type": {"DVPN", "DVPO", "SPO", "ISPO", "NMO", "RO", "SHPO"},
    "route": {"ask", "know"}, "channel": {"portal", "other"},
    "decision@disclosure": {"disclose", "no_disclose", "withdrawn",
                            "pending"},
    "type": {"walk_and_talk", "streetsafe", "op_gwen", "vigilant",
             "verona"},
}
LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY"
POSTCODE = re.compile(r"^[A-Z][A-HJ-Y]?[0-9][0-9A-Z]? [0-9][A-Z]{2}$")
TRUE_ID = re.compile(r"^P[0-9]{7,}$")


def fail(msg):
    sys.exit("validate.py: " + msg)


def pnc_ok(v):
    """Checks a PNC ID in long, slashless or short form."""
    m = re.fullmatch(r"([0-9]{4})/?([0-9]{7})([A-Z])", v) or \
        re.fullmatch(r"([0-9]{2})/([0-9]{1,7})([A-Z])", v)
    if not m:
        return None
    yy = int(m.group(1)) % 100
    return LETTERS[(yy * 10**7 + int(m.group(2))) % 23] == m.group(3)


def iso(v):
    return datetime.date.fromisoformat(v)


def dmy(v):
    return datetime.datetime.strptime(v, "%d/%m/%Y").date()


def check_canon(kind, path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    want = CANON[kind].split(",") + [r + "_true_id" for r in ROLES[kind]]
    if kind == "engagement":
        want.append("notes")
    if rows[0] != want:
        fail(f"{path}: header {rows[0]} is not {want}")
    hdr = rows[0]
    for n, rec in enumerate(rows[1:], 2):
        if len(rec) != len(hdr):
            fail(f"{path}: record {n}: {len(rec)} fields")
        r = dict(zip(hdr, rec))
        for k, v in r.items():
            if v == "":
                continue
            if k.endswith("_date") or k.endswith("_dob") or k == "date":
                iso(v)
            elif k.endswith("_pnc"):
                if not re.fullmatch(r"[0-9]{4}/[0-9]{7}[A-Z]", v) or \
                        not pnc_ok(v):
                    fail(f"{path}: record {n}: bad {k}")
            elif k == "victim_ethnicity":
                if v not in ("white", "asian", "black", "mixed", "other"):
                    fail(f"{path}: record {n}: {k} not an ONS group")
            elif k == "victim_age":
                if not v.isdigit() or int(v) > 120:
                    fail(f"{path}: record {n}: {k} not an age")
            elif k in ("vawg", "da_flag", "high_harm", "forensic_live",
                       "suspect_police"):
                if v not in ("Y", "N"):
                    fail(f"{path}: record {n}: {k} not Y/N")
            elif k.endswith("_sex"):
                if v not in ("M", "F"):
                    fail(f"{path}: record {n}: {k} not M/F")
            elif k == "postcode" or k.endswith("_postcode"):
                if not POSTCODE.match(v):
                    fail(f"{path}: record {n}: {k} not a postcode")
            elif k == "committed_time":
                if not re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", v):
                    fail(f"{path}: record {n}: bad {k}")
            elif k in ("latitude", "longitude", "easting", "northing"):
                lim = {"latitude": (49.8, 61), "longitude": (-8.7, 1.8),
                       "easting": (0, 700000), "northing": (0, 1300000)}[k]
                if not lim[0] <= float(v) <= lim[1]:
                    fail(f"{path}: record {n}: {k} outside the UK")
            elif k.endswith("_true_id"):
                if not TRUE_ID.match(v):
                    fail(f"{path}: record {n}: bad {k}")
            key = k + "@" + kind if k + "@" + kind in ENUMS else k
            if key in ENUMS and v not in ENUMS[key]:
                fail(f"{path}: record {n}: {k} not in {ENUMS[key]}")
        if "offence_group" in r and r["offence_group"] not in OFFENCE_GROUPS:
            fail(f"{path}: record {n}: offence_group")
        if kind == "crime":
            want_v = "Y" if r["offence_group"] in VAWG_GROUPS or \
                r["da_flag"] == "Y" else "N"
            if r["vawg"] != want_v:
                fail(f"{path}: record {n}: vawg is not {want_v}")
            want_o = OUTCOME.get(r["outcome_code"], "pending"
                                 if r["outcome_code"] in ("", "0")
                                 else "unknown")
            if r["outcome_group"] != want_o:
                fail(f"{path}: record {n}: outcome_group not {want_o}")
            if (r["outcome_code"] == "") != (r["outcome_date"] == ""):
                fail(f"{path}: record {n}: outcome code without date")
            if r["committed_date"] > r["reported_date"]:
                fail(f"{path}: record {n}: committed after reported")
        if kind == "marac":
            if not 0 <= int(r["dash_score"]) <= 27:
                fail(f"{path}: record {n}: dash_score")
        if kind == "order" and r["decision"] != "granted" and \
                (r["granted_date"] or r["expiry_date"]):
            fail(f"{path}: record {n}: dates on an order not granted")
    return len(rows) - 1


def xlsx_rows(path):
    """A workbook export read with openpyxl: its dates must be date cells
    and every other value a string cell (no leading zero lost)."""
    import openpyxl
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = []
    for n, row in enumerate(wb.worksheets[0].iter_rows(values_only=True), 1):
        rec = []
        for v in row:
            if isinstance(v, datetime.datetime):
                rec.append(v.strftime("%d/%m/%Y"))
            elif v is None or isinstance(v, str):
                rec.append(v or "")
            else:
                fail(f"{path}: row {n}: a {type(v).__name__} cell")
        rows.append(rec)
    return [r + [""] * (len(rows[0]) - len(r)) for r in rows]


def check_raw(path, enc, delim, eol, extract=datetime.date(2026, 10, 1)):
    if enc == "xlsx":
        return check_rows(path, xlsx_rows(path), extract)
    data = open(path, "rb").read()
    if enc == "utf-8-bom":
        if not data.startswith(b"\xef\xbb\xbf"):
            fail(f"{path}: no BOM")
        text = data[3:].decode("utf-8")
    elif enc == "cp1252":
        text = data.decode("cp1252")
        try:
            data.decode("utf-8")
            if re.search(rb"[\x80-\xff]", data):
                fail(f"{path}: cp1252 file decodes as UTF-8")
        except UnicodeDecodeError:
            pass
    else:
        text = data.decode("utf-8")
    if eol == "crlf":
        if re.search(r"(?<!\r)\n", text) or not text.endswith("\r\n"):
            fail(f"{path}: a line end is not CRLF")
    elif "\r" in text:
        fail(f"{path}: CR in an LF file")
    d = {"comma": ",", "semicolon": ";", "tab": "\t", "pipe": "|"}[delim]
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=d))
    return check_rows(path, rows, extract)


def check_rows(path, rows, extract):
    hdr = rows[0]
    if len(hdr) < 3:
        fail(f"{path}: header not split by {delim}")
    datecols = [i for i, h in enumerate(hdr)
                if "Date" in h or "DOB" in h]
    main = next((i for i, h in enumerate(hdr) if h.startswith("Date")),
                None)
    pnccols = [i for i, h in enumerate(hdr) if "PNC" in h and "Date" not in h]
    bad = {}
    for n, rec in enumerate(rows[1:], 2):
        if len(rec) != len(hdr):
            fail(f"{path}: record {n}: {len(rec)} fields")
        reason = None
        for i in datecols:
            if rec[i] == "":
                continue
            try:
                day = dmy(rec[i])
            except ValueError:
                if i != main:
                    fail(f"{path}: record {n}: bad date in {hdr[i]}")
                reason = "impossible_date"
                continue
            if i == main and day >= extract:
                reason = "future_date"
        for i in pnccols:
            if rec[i] == "":
                continue
            ok = pnc_ok(rec[i])
            if ok is None:
                fail(f"{path}: record {n}: {hdr[i]} not a PNC ID")
            if not ok:
                reason = "bad_pnc_check"
        if reason:
            bad[reason] = bad.get(reason, 0) + 1
    return len(rows) - 1, bad


def check_all(top):
    with open(top + "/manifest.csv", encoding="utf-8", newline="") as f:
        man = list(csv.DictReader(f))
    want = {"canonical/" + k + ".csv" for k in CANON} | {"marac-list.csv"}
    files = {m["file"] for m in man}
    if not want <= files or len([f for f in files
                                 if f.startswith("raw/")]) != 7:
        fail(f"manifest lists {sorted(files)}")
    for m in man:
        path = top + "/" + m["file"]
        if m["file"].startswith("raw/"):
            rows, bad = check_raw(path, m["encoding"], m["delimiter"],
                                  m["line_end"])
            got = ";".join(f"{k}={bad[k]}" for k in
                           ("impossible_date", "future_date",
                            "bad_pnc_check") if k in bad)
            if got != m["bad_reasons"] or \
                    sum(bad.values()) != int(m["bad_rows"]):
                fail(f"{path}: bad rows {got}, manifest says "
                     f"{m['bad_rows']} {m['bad_reasons']}")
        else:
            rows = check_canon(m["kind"], path)
            if m["bad_rows"] != "0":
                fail(f"{path}: bad rows in a canonical file")
        if rows != int(m["rows"]):
            fail(f"{path}: {rows} rows, manifest says {m['rows']}")
    print(len(man), "files")


if __name__ == "__main__":
    if sys.argv[1] == "canon":
        print(check_canon(sys.argv[2], sys.argv[3]))
    elif sys.argv[1] == "raw":
        rows, bad = check_raw(*sys.argv[2:6])
        print("rows", rows, "bad", sum(bad.values()),
              " ".join(f"{k}={v}" for k, v in sorted(bad.items())))
    else:
        check_all(sys.argv[2])
