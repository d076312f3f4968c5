#!/usr/bin/python3
# Independent reference for tests/vawg-stats.bats: computes each metric
# of vawg-stats(1) from its definition in the man page, with Python's csv
# module, datetime and exact probability sums (intervals-ref.py), sharing
# no code with the C program.  Prints the expected CSV on stdout.
#   ref.py METRIC [--by a,b] [--period P] [--from D] [--to D] [--at D]
#          [--where c=v] [--basis B] [--compare C] [--population F]
#          [--before A..B --after C..D] [--target N] [--role R] FILE...
import argparse, csv, datetime, math, os, sys
from collections import defaultdict
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
ref = __import__("intervals-ref")

ap = argparse.ArgumentParser()
ap.add_argument("metric")
ap.add_argument("files", nargs="+")
ap.add_argument("--by", default="")
ap.add_argument("--period", default=None)
ap.add_argument("--from", dest="frm")
ap.add_argument("--to")
ap.add_argument("--at")
ap.add_argument("--where", action="append", default=[])
ap.add_argument("--basis", default="closed")
ap.add_argument("--compare")
ap.add_argument("--population")
ap.add_argument("--before")
ap.add_argument("--after")
ap.add_argument("--target", type=int)
ap.add_argument("--role", default="victim")
ap.add_argument("--positive", default="1,2,3,4,6,7,8")
a = ap.parse_args()
M = a.metric
by = [c for c in a.by.split(",") if c]
period = a.period or ("all" if M == "wanted" else "month")
D = datetime.date

def pdate(s):
    try:
        if len(s) == 7:
            return D(int(s[:4]), int(s[5:7]), 1) if s[4] == "-" else None
        if len(s) >= 10 and s[4] == "-" and s[7] == "-" and s[:4].isdigit():
            return D(int(s[:4]), int(s[5:7]), int(s[8:10]))
    except ValueError:
        return None
    return None

frm = pdate(a.frm) if a.frm else None
to = pdate(a.to) if a.to else None
at = pdate(a.at) if a.at else D.today()

rows = []
for f in a.files:
    with open(f, newline="", encoding="utf-8-sig") as fh:
        rows += list(csv.DictReader(fh))
allrows = rows

def keep(r):
    cols = defaultdict(list)
    for w in a.where:
        c, v = w.split("=", 1)
        cols[c].append(v)
    return all(r.get(c, "") in vs for c, vs in cols.items())
rows = [r for r in rows if keep(r)]

def gkey(r):
    return tuple(r[c] if r[c] != "" else "unknown" for c in by)

def mi(d):                      # month index
    return d.year * 12 + d.month - 1

def start_month(d):             # first month of d's period
    if period == "quarter":
        return d.year * 12 + (d.month - 1) // 3 * 3
    if period == "fy":
        y = d.year if d.month >= 4 else d.year - 1
        return y * 12 + 3
    if period == "year":
        return d.year * 12
    return mi(d)

def bucket(d):
    if period == "all":
        return 0
    return start_month(d)

UNK = "unknown"
STEP = {"month": 1, "quarter": 3, "fy": 12, "year": 12, "rolling12": 1}

def label(k):
    if k == UNK:
        return UNK
    if period == "all":
        return "all"
    y, m = divmod(k, 12)
    m += 1
    if period == "month":
        return "%04d-%02d" % (y, m)
    if period == "quarter":
        return "%04d-Q%d" % (y, (m - 1) // 3 + 1)
    if period == "fy":
        return "%04d-%02d" % (y, (y + 1) % 100)
    if period == "year":
        return "%04d" % y
    s = k - 11
    return "%04d-%02d..%04d-%02d" % (s // 12, s % 12 + 1, y, m)

def f4(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    s = "%.4f" % x
    return "0.0000" if s == "-0.0000" else s

def f2(x):
    return "" if x is None else "%.2f" % x

def rate(x, n):
    if n == 0:
        return ["", "", ""]
    lo, hi = ref.wilson(x, n, LEVEL)
    if x == 0: lo = 0.0
    if x == n: hi = 1.0
    return [f4(x / n), f4(lo), f4(hi)]

def pois(x):
    lo, hi = ref.garwood(x, LEVEL)
    return [str(x), f2(lo), f2(hi)]

LEVEL = 0.95

# Each metric fills cells[(group, bucket)] = counter dict.
cells = defaultdict(lambda: defaultdict(int))
hists = defaultdict(lambda: defaultdict(list))
buckets = set()
dates = []            # dates of the rows counted (for period all)

def place(r, col):
    """Bucket of a row by its date column, or None when it is dropped."""
    d = pdate(r.get(col, ""))
    if d is None:
        if frm or to:
            return None
        return 0 if period == "all" else UNK
    # With --compare, the year before --from is read for the comparison.
    lo = frm
    if frm and a.compare:
        lo = D(frm.year - 1, frm.month, 1)
    if (lo and d < lo) or (to and d > to):
        return None
    b = bucket(d) if period != "rolling12" else mi(d)
    buckets.add(b)
    dates.append(d)
    return b

OGROUP = {"1": "charge_summons", "1A": "charge_summons", "2": "ooc_formal",
          "2A": "ooc_formal", "3": "ooc_formal", "3A": "ooc_formal",
          "6": "ooc_formal", "7": "ooc_formal", "8": "ooc_informal",
          "4": "tic", "22": "diversionary", "23": "diversionary",
          "5": "prosecution_prevented", "9": "prosecution_prevented",
          "10": "prosecution_prevented", "11": "prosecution_prevented",
          "12": "prosecution_prevented", "13": "prosecution_prevented",
          "17": "prosecution_prevented", "15": "evidential_victim_supports",
          "14": "evidential_victim_declines",
          "16": "evidential_victim_declines",
          "21": "not_in_public_interest", "20": "transferred",
          "18": "no_suspect", "19": "nfib"}
SLUGS = set(OGROUP.values()) | {"pending"}

def outcome(r):
    """(group or None for unknown, normalised code)"""
    c = r.get("outcome_code", "").strip()
    if c:
        c = c.upper()
        num = c[:-1] if c.endswith("A") else c
        if not num.isdigit():
            return None, ""
        c = str(int(num)) + ("A" if c.endswith("A") else "")
        if c == "0":
            return "pending", ""
        return OGROUP.get(c), c if c in OGROUP else ""
    if r.get("outcome_code") == "" or "outcome_code" not in r:
        g = r.get("outcome_group", "")
        if g == "":
            return "pending", ""
        ok = g != "unknown" and all(ch in "abcdefghijklmnopqrstuvwxyz0123456789_" for ch in g)
        return (g if ok else None), ""

positive = {int(x) for x in a.positive.split(",")}

if M in ("count", "engagement"):
    for r in rows:
        col = {"count": "reported_date", "engagement": "date"}[M]
        if "wanted_ref" in r: col = "wanted_date"
        b = place(r, col)
        if b is None: continue
        cells[(gkey(r), b)]["n"] += 1

elif M in ("charge-rate", "outcomes"):
    col = "outcome_date" if a.basis == "closed" else "reported_date"
    for r in rows:
        g, code = outcome(r)
        if g is None: continue
        if a.basis == "closed" and g == "pending": continue
        b = place(r, col)
        if b is None: continue
        if M == "charge-rate":
            c = cells[(gkey(r), b)]
            c["den"] += 1
            c["chg"] += g == "charge_summons"
        else:
            cells[(gkey(r) + (g, code), b)]["n"] += 1
            t = cells[(gkey(r) + ("\x7f",), b)]
            t["n"] += 1
            if code:
                t["pos"] += int(code.rstrip("A")) in positive
            else:
                t["pos"] += any(OGROUP.get(str(k)) == g for k in positive)

elif M == "orders":
    for r in rows:
        b = place(r, "applied_date")
        if b is None: continue
        c = cells[(gkey(r), b)]
        c["applied"] += 1
        dec = r["decision"]
        c[dec if dec in ("granted", "refused", "withdrawn", "pending") else "unk"] += 1
        if dec == "granted":
            c["dvpn"] += r["order_type"] == "DVPN"
            c["dvpo"] += r["order_type"] == "DVPO"
            g = pdate(r["granted_date"])
            e = pdate(r["expiry_date"]) if r["expiry_date"] else None
            if g is None or (r["expiry_date"] and e is None): continue
            if g <= at and (e is None or e >= at):
                c["inforce"] += 1

elif M == "wanted":
    for r in rows:
        # Arrests count in the period of their arrest date.
        w0 = pdate(r["wanted_date"])
        a0 = pdate(r["arrest_date"]) if r["arrest_date"] else None
        if w0 and a0 and w0 <= a0 <= at and not ((frm and a0 < frm) or (to and a0 > to)):
            b2 = bucket(a0) if period != "rolling12" else mi(a0)
            buckets.add(b2)
            dates.append(a0)
            cells[(gkey(r), b2)]["arrests"] += 1
            hists[(gkey(r), b2)]["arrest"].append((a0 - w0).days)
        b = place(r, "wanted_date")
        if b is None: continue
        c = cells[(gkey(r), b)]
        h = hists[(gkey(r), b)]
        c["records"] += 1
        w = pdate(r["wanted_date"])
        ar = pdate(r["arrest_date"]) if r["arrest_date"] else None
        if (r["arrest_date"] and ar is None) or w is None or (ar and ar < w):
            c["unk"] += 1
            continue
        if ar and ar <= at:
            continue
        if w > at: continue
        days = (at - w).days
        c["now"] += 1
        c["da"] += r["da_flag"] == "Y"
        c["hh"] += r["high_harm"] == "Y"
        c["fl"] += r["forensic_live"] == "Y"
        c["b7" if days <= 7 else "b28" if days <= 28 else "b90" if days <= 90
          else "b365" if days <= 365 else "bover"] += 1
        h["days"].append(days)

elif M == "marac":
    people = defaultdict(list)
    for r in rows:
        meet = pdate(r["meeting_date"])
        refd = pdate(r["referral_date"]) or meet
        ident = (r.get("victim_id") or "|".join(
            r[c].upper().replace(" ", "").replace("-", "").replace("'", "")
            for c in ("victim_surname", "victim_forename", "victim_dob")))
        b = place(r, "meeting_date")
        if b is None:
            if meet is not None and refd is not None:
                people[ident].append((refd, None))
            continue
        c = cells[(gkey(r), b)]
        c["cases"] += 1
        ds = r["dash_score"]
        if ds.isdigit() and 0 <= int(ds) <= 27:
            c["d13" if int(ds) <= 13 else "d19" if int(ds) <= 19 else "d27"] += 1
        else:
            c["dunk"] += 1
        if refd is not None:
            people[ident].append((refd, (gkey(r), b)))
    def add12(d):
        y, m = d.year + 1, d.month
        last = [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28,
                31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return D(y, m, min(d.day, last))
    for lst in people.values():
        lst.sort(key=lambda t: t[0])
        for i in range(1, len(lst)):
            if lst[i][1] is not None and lst[i][0] <= add12(lst[i - 1][0]):
                cells[lst[i][1]]["rep"] += 1

elif M == "disclosures":
    for r in rows:
        b = place(r, "received_date")
        if b is None: continue
        c = cells[(gkey(r), b)]
        h = hists[(gkey(r), b)]
        c["req"] += 1
        dec = r["decision"]
        c[dec if dec in ("disclose", "no_disclose", "withdrawn", "pending") else "unk"] += 1
        rd = pdate(r["received_date"])
        if rd is None: continue
        dd = pdate(r["decision_date"]) if r["decision_date"] else None
        if (r["decision_date"] and dd is None) or (dd and dd < rd):
            dd = None
        decided = dec in ("disclose", "no_disclose")
        if decided and dd:
            c["decided"] += 1
            c["w28"] += (dd - rd).days <= 28
            h["days"].append((dd - rd).days)
        closed = (decided or dec == "withdrawn") and (dd is None or dd <= at)
        if not closed and rd <= at and (at - rd).days > 28:
            c["open"] += 1

elif M == "repeat":
    idc = a.role + "_id"
    per = defaultdict(list)
    for r in rows:
        d = pdate(r["reported_date"])
        if d is None or not r[idc]: continue
        per[r[idc]].append((d, gkey(r)))
    def add12(d):
        y, m = d.year + 1, d.month
        last = [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28,
                31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return D(y, m, min(d.day, last))
    for lst in per.values():
        lst.sort(key=lambda t: t[0])
        seen = {}
        for i, (d, g) in enumerate(lst):
            rep = i > 0 and d <= add12(lst[i - 1][0])
            if (frm and d < frm) or (to and d > to): continue
            b = bucket(d) if period != "rolling12" else mi(d)
            buckets.add(b)
            dates.append(d)
            keys = [b + k for k in range(12)] if period == "rolling12" else [b]
            for k in keys:
                cells[(g, k)]["crimes"] += 1
                seen[(g, k)] = seen.get((g, k), False) or rep
        for gk, rep in seen.items():
            cells[gk]["people"] += 1
            cells[gk]["rep"] += rep

elif M == "change":
    b0, b1 = [pdate(x) for x in a.before.split("..")]
    a0, a1 = [pdate(x) for x in a.after.split("..")]
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(by + ["before", "after", "before_count", "after_count",
                       "before_days", "after_days", "change", "pct_change",
                       "rate_ratio", "rate_ratio_lower", "rate_ratio_upper",
                       "p_value"])
    cnt = defaultdict(lambda: [0, 0])
    monthly = defaultdict(lambda: defaultdict(int))
    for r in rows:
        d = pdate(r.get("reported_date", r.get("date", "")))
        if d is None: continue
        c = cnt[gkey(r)]
        c[0] += b0 <= d <= b1
        c[1] += a0 <= d <= a1
        monthly[gkey(r)][mi(d)] += 1
    # The data's months (every row read), up to the month before --after.
    alld = [pdate(r.get("reported_date", r.get("date", ""))) for r in allrows]
    alld = [d for d in alld if d is not None]
    months = list(range(mi(min(alld)), min(mi(max(alld)), mi(a0) - 1) + 1)) if alld else []
    tb, ta = (b1 - b0).days + 1, (a1 - a0).days + 1
    for g in sorted(cnt, key=lambda t: "\x1f".join(t).encode()):
        x2, x1 = cnt[g]
        ys = [monthly[g][m] for m in months]
        phi = None
        if len(ys) >= 12 and sum(ys) > 0:
            mean = sum(ys) / len(ys)
            phi = sum((y - mean) ** 2 / mean for y in ys) / (len(ys) - 1)
        if phi is not None and phi > 1 and x1 > 0 and x2 > 0:
            # Quasi-Poisson: the log rate ratio's Wald interval widened.
            from statistics import NormalDist
            nd = NormalDist()
            rr = (x1 / ta) / (x2 / tb)
            se = math.sqrt(phi * (1 / x1 + 1 / x2))
            zz = nd.inv_cdf(1 - (1 - LEVEL) / 2)
            vals = ["%.1f" % (100 * (rr - 1)), f4(rr), f4(rr * math.exp(-zz * se)),
                    f4(rr * math.exp(zz * se)),
                    f4(2 * (1 - nd.cdf(abs(math.log(rr)) / se)))]
        elif x1 + x2 > 0 and x2 > 0:
            rr, lo, hi, p = ref.rate_ratio(x1, ta, x2, tb, LEVEL)
            vals = ["%.1f" % (100 * (rr - 1)), f4(rr), f4(lo), f4(hi), f4(p)]
        elif x1 + x2 > 0:
            lo = ref.clopper(x1, x1 + x2, LEVEL)[0]
            vals = ["", "", f4(lo / (1 - lo) * tb / ta), "inf",
                    f4(ref.binom_test(x1, x1 + x2, ta / (ta + tb)))]
        else:
            vals = ["", "", "", "", ""]
        out.writerow(list(g) + [a.before, a.after, x2, x1, tb, ta, x1 - x2]
                     + vals)
    sys.exit(0)

# Periods to write.
if period == "all":
    keys = [0] if any(b != UNK for (_, b) in cells) else []
else:
    known = [b for b in buckets if b != UNK]
    lo = (mi(frm) if period == "rolling12" else start_month(frm)) if frm else (min(known) if known else None)
    hi = (mi(to) if period == "rolling12" else start_month(to)) if to else (max(known) if known else None)
    keys = []
    if lo is not None:
        if period == "rolling12":
            lo = hi if hi - lo < 11 else lo + 11
        keys = list(range(lo, hi + 1, STEP[period]))

def total(g, k):
    c = defaultdict(int)
    h = defaultdict(list)
    if period == "rolling12" and k != UNK and M != "repeat":
        ks = [k - i for i in range(12)]
    else:
        ks = [k]
    for kk in ks:
        for n, v in cells.get((g, kk), {}).items():
            c[n] += v
        for n, v in hists.get((g, kk), {}).items():
            h[n] += v
    return c, h

def q7(v, q):
    if not v: return ""
    v = sorted(v)
    h = (len(v) - 1) * q
    lo = math.floor(h)
    x = v[lo] if lo + 1 >= len(v) else v[lo] + (h - lo) * (v[lo + 1] - v[lo])
    return "%.1f" % x

pop = {}
if a.population:
    with open(a.population, newline="") as fh:
        for r in csv.DictReader(fh):
            pop.setdefault(r["area"], []).append(r)

def popval(g, k, col):
    if k == UNK or period == "all":
        y = max(dates).year
    else:
        y = k // 12
    areas = [g[by.index("borough")]] if "borough" in by else sorted({r["borough"] for r in rows if r.get("borough")})
    if not areas: return None
    tot = 0.0
    for ar in areas:
        cand = [r for r in pop.get(ar, []) if r[col]]
        if not cand: return None
        le = [r for r in cand if int(r["year"]) <= y]
        best = max(le, key=lambda r: int(r["year"])) if le else min(cand, key=lambda r: int(r["year"]))
        tot += float(best[col])
    return tot

out = csv.writer(sys.stdout, lineterminator="\n")
head = {"count": ["count", "count_lower", "count_upper"],
        "engagement": ["activities", "activities_lower", "activities_upper",
                       "target", "shortfall", "target_met"],
        "outcomes": ["outcome_group", "outcome_code", "count", "outcomes",
                     "share", "share_lower", "share_upper"],
        "orders": ["applied", "granted", "refused", "withdrawn", "pending",
                   "decision_unknown", "grant_rate", "grant_rate_lower",
                   "grant_rate_upper", "in_force_at", "dvpn_granted",
                   "dvpo_granted", "conversion", "conversion_lower",
                   "conversion_upper"],
        "wanted": ["at", "records", "wanted", "wanted_da", "wanted_high_harm",
                   "wanted_forensic_live", "median_days_wanted",
                   "p90_days_wanted", "days_0_7", "days_8_28", "days_29_90",
                   "days_91_365", "days_over_365", "arrests",
                   "median_days_to_arrest", "status_unknown"],
        "marac": ["cases", "repeats", "repeat_rate", "repeat_rate_lower",
                  "repeat_rate_upper", "dash_0_13", "dash_14_19",
                  "dash_20_27", "dash_unknown"],
        "disclosures": ["requests", "disclose", "no_disclose", "withdrawn",
                        "pending", "decision_unknown", "disclosure_rate",
                        "disclosure_rate_lower", "disclosure_rate_upper",
                        "decided", "median_days_to_decision",
                        "within_28_days", "within_28_share",
                        "within_28_share_lower", "within_28_share_upper",
                        "open_over_28_days_at"],
        "repeat": ["people", "repeat_people", "repeat_rate",
                   "repeat_rate_lower", "repeat_rate_upper", "crimes"]}.get(M)
if M == "charge-rate":
    head = ["charges", "outcomes" if a.basis == "closed" else "crimes",
            "charge_rate", "charge_rate_lower", "charge_rate_upper"]
    if a.compare:
        head += ["prev_period", "prev_charges", "prev_denominator",
                 "prev_charge_rate", "prev_charge_rate_lower",
                 "prev_charge_rate_upper", "charge_change", "rate_change",
                 "rate_change_lower", "rate_change_upper"]
if M == "count" and a.compare:
    head += ["prev_period", "prev_count", "count_change", "pct_change"]
if M == "orders" and a.population:
    head += ["population", "granted_per_100k", "granted_per_100k_lower",
             "granted_per_100k_upper", "in_force_per_100k",
             "in_force_per_100k_lower", "in_force_per_100k_upper"]
if M == "marac" and a.population:
    head += ["female_16plus", "cases_per_10k_women_year",
             "cases_per_10k_women_year_lower", "cases_per_10k_women_year_upper"]
out.writerow(by + ["period"] + head)

def skey(g):
    return "\x1f".join(g).encode()

nby = len(by)
groups = sorted({g[:nby] if M == "outcomes" else g for (g, _) in cells},
                key=skey)
for g in groups:
    gk = keys + ([UNK] if any(gg[:nby] == g and b == UNK for (gg, b) in cells) else [])
    for k in gk:
        lab = label(k)
        if M == "outcomes":
            t, _ = total(g + ("\x7f",), k)
            if t["n"] == 0: continue
            outs = sorted({gg[nby:] for (gg, _) in cells if gg[:nby] == g and gg[nby:] != ("\x7f",)},
                          key=lambda t: "\x1f".join(t).encode())
            for o in outs:
                c, _ = total(g + o, k)
                if c["n"] == 0: continue
                out.writerow(list(g) + [lab, o[0], o[1], c["n"], t["n"]] + rate(c["n"], t["n"]))
            out.writerow(list(g) + [lab, "positive", " ".join(str(x) for x in sorted(positive)),
                                    t["pos"], t["n"]] + rate(t["pos"], t["n"]))
            continue
        c, h = total(g, k)
        row = list(g) + [lab]
        if M == "count":
            row += pois(c["n"])
            if a.compare:
                pk = None if k == UNK else k - (12 if a.compare == "yoy" or period == "rolling12" else STEP[period])
                if k == UNK or pk - (11 if period == "rolling12" else 0) < min(b for b in buckets if b != UNK):
                    row += ["", "", "", ""]
                else:
                    p, _ = total(g, pk)
                    row += [label(pk), p["n"], "%.0f" % (c["n"] - p["n"]),
                            "%.1f" % (100 * (c["n"] / p["n"] - 1)) if p["n"] else ""]
        elif M == "engagement":
            row += pois(c["n"])
            row += [a.target, max(0, a.target - c["n"]), "Y" if c["n"] >= a.target else "N"] if a.target is not None else ["", "", ""]
        elif M == "charge-rate":
            row += [c["chg"], c["den"]] + rate(c["chg"], c["den"])
            if a.compare:
                pk = None if k == UNK else k - (12 if a.compare == "yoy" or period == "rolling12" else STEP[period])
                if k == UNK or pk - (11 if period == "rolling12" else 0) < min(b for b in buckets if b != UNK):
                    row += [""] * 10
                else:
                    p, _ = total(g, pk)
                    row += [label(pk), p["chg"], p["den"]] + rate(p["chg"], p["den"])
                    row += ["%.0f" % (c["chg"] - p["chg"])]
                    if c["den"] and p["den"]:
                        p1, p2 = c["chg"] / c["den"], p["chg"] / p["den"]
                        l1, u1 = ref.wilson(c["chg"], c["den"], LEVEL)
                        l2, u2 = ref.wilson(p["chg"], p["den"], LEVEL)
                        if c["chg"] == 0: l1 = 0.0
                        if c["chg"] == c["den"]: u1 = 1.0
                        if p["chg"] == 0: l2 = 0.0
                        if p["chg"] == p["den"]: u2 = 1.0
                        d = p1 - p2
                        row += [f4(d), f4(d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)),
                                f4(d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))]
                    else:
                        row += ["", "", ""]
        elif M == "orders":
            row += [c["applied"], c["granted"], c["refused"], c["withdrawn"],
                    c["pending"], c["unk"]] + rate(c["granted"], c["granted"] + c["refused"])
            row += [c["inforce"]]
            if "order_type" in by:
                row += ["", ""] + rate(0, 0)
            else:
                row += [c["dvpn"], c["dvpo"]] + rate(min(c["dvpo"], c["dvpn"]), c["dvpn"])
            if a.population:
                pv = popval(g, k, "population")
                if pv:
                    lo, hi = ref.garwood(c["granted"], LEVEL)
                    row += ["%.0f" % pv, f2(c["granted"] / pv * 1e5), f2(lo / pv * 1e5), f2(hi / pv * 1e5)]
                    lo, hi = ref.garwood(c["inforce"], LEVEL)
                    row += [f2(c["inforce"] / pv * 1e5), f2(lo / pv * 1e5), f2(hi / pv * 1e5)]
                else:
                    row += ["", "", "", "", "", "", ""]
        elif M == "wanted":
            row += [at.isoformat(), c["records"], c["now"], c["da"], c["hh"], c["fl"],
                    q7(h["days"], 0.5), q7(h["days"], 0.9), c["b7"], c["b28"],
                    c["b90"], c["b365"], c["bover"], c["arrests"],
                    q7(h["arrest"], 0.5), c["unk"]]
        elif M == "marac":
            row += [c["cases"], c["rep"]] + rate(c["rep"], c["cases"])
            row += [c["d13"], c["d19"], c["d27"], c["dunk"]]
            if a.population:
                months = {"month": 1, "quarter": 3, "fy": 12, "year": 12, "rolling12": 12}.get(period)
                if period == "all":
                    months = mi(max(dates)) - mi(min(dates)) + 1
                pv = popval(g, k, "female_16plus")
                if pv and k != UNK:
                    lo, hi = ref.garwood(c["cases"], LEVEL)
                    f = 1e4 * 12 / months / pv
                    row += ["%.0f" % pv, f2(c["cases"] * f), f2(lo * f), f2(hi * f)]
                else:
                    row += ["", "", "", ""]
        elif M == "disclosures":
            row += [c["req"], c["disclose"], c["no_disclose"], c["withdrawn"],
                    c["pending"], c["unk"]] + rate(c["disclose"], c["disclose"] + c["no_disclose"])
            row += [c["decided"], q7(h["days"], 0.5), c["w28"]] + rate(c["w28"], c["decided"]) + [c["open"]]
        elif M == "repeat":
            row += [c["people"], c["rep"]] + rate(c["rep"], c["people"]) + [c["crimes"]]
        out.writerow(row)
