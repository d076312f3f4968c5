#!/usr/bin/python3
"""Independent checks of vawg-stats hotspots and profile (csv module,
datetime, and the Ordnance Survey's own formulae for the National Grid).

  check.py hotspots RAW ING TABLE PLACE   counts, shares, concentration
  check.py geojson FILE TABLE RAW GRID    features against the table
  check.py cells ING TABLE SIZE           each point in its cell (OS maths)
  check.py profile CANON TABLE            hour x weekday counts
  check.py planted TABLE                  the synth's planted hot spots

RAW is a police.uk street file, ING its vawg-ingest output.  Exits 1 with
a message on the first failure.
"""
import csv
import datetime
import json
import math
import sys
from collections import Counter


def fail(msg):
    print(msg)
    sys.exit(1)


def rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def wgs84_to_bng(lat, lon):
    """WGS84 to OSGB36 by the OS Helmert transformation, then the
    Transverse Mercator of the National Grid ("A guide to coordinate
    systems in Great Britain", sections 6.6 and annexe C)."""
    a, b = 6378137.0, 6356752.3141
    e2 = 1 - b * b / (a * a)
    p, l = math.radians(lat), math.radians(lon)
    nu = a / math.sqrt(1 - e2 * math.sin(p) ** 2)
    x = nu * math.cos(p) * math.cos(l)
    y = nu * math.cos(p) * math.sin(l)
    z = (1 - e2) * nu * math.sin(p)
    tx, ty, tz, s = -446.448, 125.157, -542.060, 20.4894e-6
    rx, ry, rz = [math.radians(v / 3600) for v in (-0.1502, -0.2470, -0.8421)]
    x2 = tx + (1 + s) * x - rz * y + ry * z
    y2 = ty + rz * x + (1 + s) * y - rx * z
    z2 = tz - ry * x + rx * y + (1 + s) * z
    a, b = 6377563.396, 6356256.909
    e2 = 1 - b * b / (a * a)
    pp = math.hypot(x2, y2)
    p = math.atan2(z2, pp * (1 - e2))
    for _ in range(10):
        nu = a / math.sqrt(1 - e2 * math.sin(p) ** 2)
        p = math.atan2(z2 + e2 * nu * math.sin(p), pp)
    l = math.atan2(y2, x2)
    f0, p0, l0, n0, e0 = 0.9996012717, math.radians(49), math.radians(-2), \
        -100000, 400000
    n = (a - b) / (a + b)
    nu = a * f0 / math.sqrt(1 - e2 * math.sin(p) ** 2)
    rho = a * f0 * (1 - e2) / (1 - e2 * math.sin(p) ** 2) ** 1.5
    eta2 = nu / rho - 1
    dp, sp = p - p0, p + p0
    m = b * f0 * ((1 + n + 5 / 4 * n ** 2 + 5 / 4 * n ** 3) * dp
                  - (3 * n + 3 * n ** 2 + 21 / 8 * n ** 3) * math.sin(dp) *
                  math.cos(sp)
                  + (15 / 8 * n ** 2 + 15 / 8 * n ** 3) * math.sin(2 * dp) *
                  math.cos(2 * sp)
                  - 35 / 24 * n ** 3 * math.sin(3 * dp) * math.cos(3 * sp))
    c, sn, t = math.cos(p), math.sin(p), math.tan(p)
    i = m + n0
    ii = nu / 2 * sn * c
    iii = nu / 24 * sn * c ** 3 * (5 - t ** 2 + 9 * eta2)
    iiia = nu / 720 * sn * c ** 5 * (61 - 58 * t ** 2 + t ** 4)
    iv = nu * c
    v = nu / 6 * c ** 3 * (nu / rho - t ** 2)
    vi = nu / 120 * c ** 5 * (5 - 18 * t ** 2 + t ** 4 + 14 * eta2 -
                              58 * t ** 2 * eta2)
    dl = l - l0
    north = i + ii * dl ** 2 + iii * dl ** 4 + iiia * dl ** 6
    east = e0 + iv * dl + v * dl ** 3 + vi * dl ** 5
    return east, north


def table(path):
    return rows(path)


def check_block(tab, counts):
    """tab: the table's rows of one period; counts: place -> count."""
    total = sum(counts.values())
    order = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].encode()))
    if [r["place"] for r in tab] != [k for k, _ in order]:
        fail("places or their order differ")
    run = 0
    for r, (k, n) in zip(tab, order):
        run += n
        rank = 1 + sum(1 for v in counts.values() if v > n)
        if int(r["count"]) != n or int(r["rank"]) != rank:
            fail(f"{k}: count {r['count']} rank {r['rank']}, want {n} {rank}")
        if abs(float(r["share"]) - n / total) > 5e-5 or \
                abs(float(r["cumulative_share"]) - run / total) > 5e-5:
            fail(f"{k}: share")
        if int(r["places"]) != len(counts):
            fail("places")
    for col, frac in (("top5pct_share", 0.05), ("top10pct_share", 0.10)):
        k = max(1, math.ceil(frac * len(counts)))
        want = sum(n for _, n in order[:k]) / total
        if any(abs(float(r[col]) - want) > 5e-5 for r in tab):
            fail(f"{col}: want {want:.4f}")


def hotspots(raw, ing, tab, place):
    if place == "lsoa":
        counts = Counter(r["LSOA code"] for r in rows(raw) if r["LSOA code"])
    else:
        size = int(place.split(":")[1])
        counts = Counter()
        for r in rows(ing):
            if r["easting"]:
                e = math.floor(float(r["easting"]) / size) * size
                n = math.floor(float(r["northing"]) / size) * size
                counts["E%dN%d" % (e, n)] += 1
        if sum(counts.values()) != sum(1 for r in rows(raw) if r["Latitude"]):
            fail("rows with coordinates")
    check_block(table(tab), counts)


def cells(ing, tab, size):
    """Each row's point, by the OS formulae from its latitude and
    longitude, lies in the square of its cell (2 m of slack for the
    Helmert transformation); the cells hold the table's counts."""
    size = int(size)
    want = {r["place"]: int(r["count"]) for r in table(tab)}
    got = Counter()
    for r in rows(ing):
        if not r["latitude"]:
            continue
        e, n = wgs84_to_bng(float(r["latitude"]), float(r["longitude"]))
        if abs(e - float(r["easting"])) > 2 or \
                abs(n - float(r["northing"])) > 2:
            fail(f"easting/northing {r['easting']} {r['northing']} "
                 f"against the OS formulae {e:.1f} {n:.1f}")
        ce = math.floor(float(r["easting"]) / size) * size
        cn = math.floor(float(r["northing"]) / size) * size
        if not (ce - 2 <= e < ce + size + 2 and cn - 2 <= n < cn + size + 2):
            fail(f"point outside its cell E{ce}N{cn}")
        got["E%dN%d" % (ce, cn)] += 1
    if dict(got) != want:
        fail("cell counts differ")


def geojson(path, tab, raw, grid):
    d = json.load(open(path))
    if d["type"] != "FeatureCollection":
        fail("not a FeatureCollection")
    want = {r["place"]: int(r["count"]) for r in table(tab)}
    got = {f["properties"]["place"]: f["properties"]["count"]
           for f in d["features"]}
    if got != want:
        fail("feature counts differ from the table")
    pts = [(float(r["Longitude"]), float(r["Latitude"])) for r in rows(raw)
           if r["Latitude"]]
    slack = 0.005 if grid == "grid" else 0
    x0, x1 = min(p[0] for p in pts) - slack, max(p[0] for p in pts) + slack
    y0, y1 = min(p[1] for p in pts) - slack, max(p[1] for p in pts) + slack
    for f in d["features"]:
        g = f["geometry"]
        want_type = "Polygon" if grid == "grid" else "Point"
        if g["type"] != want_type:
            fail(f"geometry {g['type']}")
        cs = g["coordinates"][0] if grid == "grid" else [g["coordinates"]]
        for x, y in cs:
            if not (x0 <= x <= x1 and y0 <= y <= y1):
                fail(f"coordinate outside the data's bounding box")
        if grid == "grid" and cs[0] != cs[-1]:
            fail("ring not closed")


def profile(canon, tab):
    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
             "Saturday", "Sunday"]
    c, untimed = Counter(), Counter()
    for r in rows(canon):
        wd = names[datetime.date.fromisoformat(r["committed_date"])
                   .weekday()] if r["committed_date"] else "unknown"
        if r["committed_time"]:
            c[wd, int(r["committed_time"][:2])] += 1
            c["all", int(r["committed_time"][:2])] += 1
        else:
            untimed[wd] += 1
            untimed["all"] += 1
    t = table(tab)
    if [r["weekday"] for r in t] != names + ["unknown", "all"]:
        fail("weekday rows")
    for r in t:
        for h in range(24):
            if int(r["h%02d" % h]) != c[r["weekday"], h]:
                fail(f"{r['weekday']} {h}: {r['h%02d' % h]} want "
                     f"{c[r['weekday'], h]}")
        if int(r["untimed"]) != untimed[r["weekday"]]:
            fail(f"{r['weekday']}: untimed")
        win = sum(c[r["weekday"], h] for h in range(14, 24))
        timed = int(r["timed"])
        if int(r["in_window"]) != win or (timed and abs(
                float(r["window_share"]) - win / timed) > 5e-5):
            fail(f"{r['weekday']}: window")


def planted(tab):
    """The hot spots lib/synth/synthplace.h plants: wards on a 5 x 4 grid
    of 1,400 m squares around E 530800 N 190500, each spot at an offset
    from its ward's centre (typed in here from that header)."""
    spots = [(6, 120, -80, "persistent"), (14, -150, 60, "persistent"),
             (12, 90, 140, "persistent"), (0, -60, -110, "persistent"),
             (9, 40, 30, "persistent")]
    t = table(tab)
    last = max(r["period"] for r in t)
    for w, dx, dy, want in spots:
        e = 530800 + (w % 5 - 2) * 1400 + dx
        n = 190500 + (1.5 - w // 5) * 1400 + dy
        cell = "E%dN%d" % (e // 250 * 250, n // 250 * 250)
        got = [r["stability"] for r in t
               if r["place"] == cell and r["period"] == last]
        if got != [want]:
            fail(f"ward {w} spot {cell}: {got}, want {want}")


if __name__ == "__main__":
    globals()[sys.argv[1]](*sys.argv[2:])
