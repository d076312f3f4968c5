#!/usr/bin/python3
"""Linkage test sets derived from a FEBRL file, and their scoring.

    linkage-variants.py make FEBRL.csv OUTDIR [SEED]
        writes OUTDIR/<variant>.csv for every variant below, in person
        role columns, with person_true_id (N of rec-N-...).
    linkage-variants.py score FILE.csv
        prints "precision recall f1 rows" of the person_id column of a
        vawg-dedupe output against person_true_id, pairwise: a pair is
        found when both rows have the same non-empty id.  A row with an
        empty person_id is a singleton.
    linkage-variants.py ceiling FILE.csv
        prints "true_pairs names_only errors_at_least f1_at_most": the
        pairs of one person's records that agree on nothing but their
        names (the same forename, its initial, or one slip; the same
        surname or one slip; no other person_* field on both records)
        set against the pairs of two persons' records that look the same
        (the names agreeing the same way, the name as common in the
        file: twice, 3 to 5 times, more): a rule that knows a name by
        how it agrees and how common it is cannot link the one without
        the other, so each such class costs it at least the smaller of
        its two counts, and F1 can be no more than 2T / (2T + errors),
        T the true pairs.

The variants (random choices from SEED, default 1, so every run gives the
same files):
  base        the file as it is: given_name -> person_forename, surname,
              street_number address_1 address_2 -> person_address,
              suburb -> person_town, postcode, date_of_birth -> person_dob,
              soc_sec_id -> person_other_id (a person number)
  nodob       the date of birth column dropped
  noid        the person number column dropped
  sparse      names, date of birth and town only (the address, postcode
              and person number dropped): the shape of many lists
  namesdob    names and date of birth only
  blank5      both names blanked in 5% of rows
  swap5       forename and surname swapped in 5% of rows
  three       three records per person: persons with fewer get copies of
              one of their records with one small fault (a letter of the
              surname dropped, the postcode blanked, one digit of the
              person number changed, the town blanked)
  small       the first 1,000 rows of the file, whole persons only
  email       a person_email column (the forename, a dot and the surname
              of the person's original record @ one of four domains), and
              in 5% of rows everything but the email blanked: rows with
              no name, linked by email alone
"""
import csv
import random
import sys


def read_febrl(path):
    src = open(path, newline="")
    rows = csv.reader(src, skipinitialspace=True)
    head = [h.strip() for h in next(rows)]
    out = []
    for r in rows:
        d = dict(zip(head, [v.strip() for v in r]))
        addr = " ".join(x for x in (d["street_number"], d["address_1"],
                                    d["address_2"]) if x)
        out.append({
            "rec_id": d["rec_id"],
            "person_forename": d["given_name"],
            "person_surname": d["surname"],
            "person_address": addr,
            "person_town": d["suburb"],
            "person_postcode": d["postcode"],
            "person_dob": d["date_of_birth"],
            "person_other_id": d["soc_sec_id"],
            "person_true_id": d["rec_id"].split("-")[1],
        })
    return out


def write(path, rows, drop=()):
    cols = [c for c in rows[0] if c not in drop]
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([r[c] for c in cols])


def fault(rng, r):
    r = dict(r)
    k = rng.randrange(4)
    if k == 0 and len(r["person_surname"]) > 3:
        i = rng.randrange(1, len(r["person_surname"]))
        r["person_surname"] = r["person_surname"][:i] + \
            r["person_surname"][i + 1:]
    elif k == 1:
        r["person_postcode"] = ""
    elif k == 2 and r["person_other_id"]:
        s = r["person_other_id"]
        i = rng.randrange(len(s))
        r["person_other_id"] = s[:i] + str((int(s[i]) + 1) % 10) + \
            s[i + 1:] if s[i].isdigit() else s
    else:
        r["person_town"] = ""
    return r


def make(path, outdir, seed):
    base = read_febrl(path)
    rng = random.Random(seed)
    write(outdir + "/base.csv", base)
    write(outdir + "/nodob.csv", base, drop=("person_dob",))
    write(outdir + "/noid.csv", base, drop=("person_other_id",))
    write(outdir + "/sparse.csv", base, drop=(
        "person_address", "person_postcode", "person_other_id"))
    write(outdir + "/namesdob.csv", base, drop=(
        "person_address", "person_postcode", "person_other_id",
        "person_town"))
    rows = []
    for r in base:
        r = dict(r)
        if rng.random() < 0.05:
            r["person_forename"] = r["person_surname"] = ""
        rows.append(r)
    write(outdir + "/blank5.csv", rows)
    rows = []
    for r in base:
        r = dict(r)
        if rng.random() < 0.05:
            r["person_forename"], r["person_surname"] = \
                r["person_surname"], r["person_forename"]
        rows.append(r)
    write(outdir + "/swap5.csv", rows)
    byid = {}
    for r in base:
        byid.setdefault(r["person_true_id"], []).append(r)
    rows = []
    for t, rs in byid.items():
        rows.extend(rs)
        while len(rs) < 3:
            extra = fault(rng, rng.choice(rs))
            extra["rec_id"] = "rec-%s-extra-%d" % (t, len(rs))
            rs.append(extra)
            rows.append(extra)
    rng.shuffle(rows)
    write(outdir + "/three.csv", rows)
    rows, seen = [], set()
    for r in base:
        t = r["person_true_id"]
        if t in seen:
            continue
        if len(rows) + len(byid[t]) > 1000:
            continue
        seen.add(t)
        rows.extend(x for x in base if x["person_true_id"] == t)
        if len(rows) == 1000:
            break
    write(outdir + "/small.csv", rows)
    domains = ["example.org", "example.net", "mail.example", "post.example"]
    orig = {r["person_true_id"]: r for r in base if r["rec_id"].endswith("org")}
    rows = []
    for r in base:
        r = dict(r)
        o = orig.get(r["person_true_id"], r)
        local = ".".join(x for x in (o["person_forename"],
                                      o["person_surname"]) if x)
        r["person_email"] = "%s.%s@%s" % (
            local or "p", r["person_true_id"],
            domains[int(r["person_true_id"]) % 4])
        if rng.random() < 0.05:
            for c in r:
                if c.startswith("person_") and c not in (
                        "person_email", "person_true_id"):
                    r[c] = ""
        rows.append(r)
    write(outdir + "/email.csv", rows)


def score(path):
    rows = list(csv.DictReader(open(path, newline="")))
    truth, found = {}, {}
    for i, r in enumerate(rows):
        truth.setdefault(r["person_true_id"], []).append(i)
        found.setdefault(r["person_id"] or "row%d" % i, []).append(i)
    tp = sum(len(v) * (len(v) - 1) // 2 for v in truth.values())
    fp = sum(len(v) * (len(v) - 1) // 2 for v in found.values())
    inter = {}
    for i, r in enumerate(rows):
        k = (r["person_true_id"], r["person_id"] or "row%d" % i)
        inter[k] = inter.get(k, 0) + 1
    cp = sum(v * (v - 1) // 2 for v in inter.values())
    p = cp / fp if fp else 1.0
    rc = cp / tp if tp else 1.0
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    print("%.4f %.4f %.4f %d" % (p, rc, f1, len(rows)))


def one_slip(a, b):
    """a and b one letter added, dropped or changed, or two swapped."""
    if len(a) == len(b):
        d = [i for i in range(len(a)) if a[i] != b[i]]
        return len(d) == 1 or (len(d) == 2 and d[1] == d[0] + 1 and
                               a[d[0]] == b[d[1]] and a[d[1]] == b[d[0]])
    if len(a) > len(b):
        a, b = b, a
    return len(b) == len(a) + 1 and any(
        a == b[:i] + b[i + 1:] for i in range(len(b)))


def ceiling(path):
    import collections
    import itertools
    import unicodedata

    def norm(v):
        v = unicodedata.normalize("NFKD", v.strip().lower())
        return "".join(c for c in v if c.isalnum())

    def names(a, b, short):
        if not a or not b:
            return None
        if a == b:
            return "same"
        if short and (len(a) == 1 or len(b) == 1) and a[0] == b[0]:
            return "initial"
        if len(a) >= 4 and len(b) >= 4 and one_slip(a, b):
            return "slip"
        return None

    rows = list(csv.DictReader(open(path, newline="")))
    other = [c for c in (rows[0].keys() if rows else ())
             if c.startswith("person_") and c not in (
                 "person_forename", "person_surname", "person_sex",
                 "person_true_id", "person_id", "person_match_weight",
                 "person_match_probability")]
    fn = [norm(r["person_forename"]) for r in rows]
    sn = [norm(r["person_surname"]) for r in rows]
    true = [r["person_true_id"] for r in rows]
    common = collections.Counter(zip(fn, sn))
    # Pairs whose surnames are the same or one slip apart: each surname
    # under itself and under each of its one-letter deletions.
    keys = collections.defaultdict(set)
    for i, s in enumerate(sn):
        if s:
            keys[s].add(i)
            for k in range(len(s)):
                keys[s[:k] + s[k + 1:]].add(i)
    seen, cls = set(), collections.Counter()
    for ix in keys.values():
        for a, b in itertools.combinations(sorted(ix), 2):
            if (a, b) in seen:
                continue
            seen.add((a, b))
            rs, rf = names(sn[a], sn[b], False), names(fn[a], fn[b], True)
            if not rs or not rf or any(rows[a][c] and rows[b][c]
                                       for c in other):
                continue
            sa, sb = rows[a].get("person_sex"), rows[b].get("person_sex")
            if sa and sb and sa != sb:
                continue
            c = min(common[(fn[a], sn[a])], common[(fn[b], sn[b])])
            cls[(rf, rs, 0 if c <= 2 else 1 if c <= 5 else 2,
                 true[a] == true[b])] += 1
    pairs = sum(c * (c - 1) // 2
                for c in collections.Counter(true).values())
    only = sum(v for k, v in cls.items() if k[3])
    errors = sum(min(cls[k[:3] + (True,)], cls[k[:3] + (False,)])
                 for k in cls if k[3])
    print("%d %d %d %.4f" % (pairs, only, errors,
                             2 * pairs / (2 * pairs + errors) if pairs
                             else 1.0))


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3],
             int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    elif len(sys.argv) == 3 and sys.argv[1] == "score":
        score(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "ceiling":
        ceiling(sys.argv[2])
    else:
        sys.exit(__doc__)
