/*
 * A hand-written scanner rather than strptime() or a regular
 * expression: it is called on every date of every row, must never roll
 * an impossible date over (mktime() would), and must say why it failed.
 */
#include <string.h>

#include "core/dates.h"
#include "core/dateparse.h"

/* Excel's serial 25569 is 1970-01-01 (day 0); 61 is 1900-03-01. */
#define EXCEL_EPOCH 25569
#define EXCEL_MIN 61
#define EXCEL_MAX 99999

struct scan {
	const char *p, *end;
};

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Reads 1 to max digits; returns the count and sets *v, 0 when none. */
static int
num(struct scan *sc, int max, int *v)
{
	int k = 0;

	*v = 0;
	while (sc->p < sc->end && is_digit(*sc->p) && k < max + 1) {
		*v = *v * 10 + (*sc->p - '0');
		sc->p++;
		k++;
	}
	return k > max ? -1 : k;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Reads an English month name or abbreviation; returns 1-12 or 0. */
static int
month_name(struct scan *sc)
{
	static const char *const names[] = { "january", "february", "march",
	    "april", "may", "june", "july", "august", "september", "october",
	    "november", "december" };
	char w[12];
	size_t k = 0, i;

	while (sc->p < sc->end && k < sizeof(w) - 1 &&
	    ((*sc->p | 32) >= 'a' && (*sc->p | 32) <= 'z'))
		w[k++] = (char)lower(*sc->p++);
	if (k < 3 || (sc->p < sc->end && ((*sc->p | 32) >= 'a' &&
	    (*sc->p | 32) <= 'z')))
		return 0;
	w[k] = '\0';
	if (k == 4 && memcmp(w, "sept", 4) == 0)
		return 9;
	for (i = 0; i < 12; i++)
		if ((k == 3 || k == strlen(names[i])) &&
		    memcmp(w, names[i], k) == 0)
			return (int)i + 1;
	return 0;
}

/*
 * Checks an optional time after the date: [T or blanks] h:mm[:ss[.f]]
 * [blanks AM|PM][Z].  Returns 0 when the rest is empty or such a time.
 */
static int
time_tail(struct scan *sc)
{
	int h, m, s = 0, nh;

	if (sc->p == sc->end)
		return 0;
	if (*sc->p == 'T' || *sc->p == 't')
		sc->p++;
	else if (*sc->p == ' ')
		while (sc->p < sc->end && *sc->p == ' ')
			sc->p++;
	else
		return -1;
	if ((nh = num(sc, 2, &h)) < 1 || sc->p == sc->end || *sc->p != ':')
		return -1;
	sc->p++;
	if (num(sc, 2, &m) != 2)
		return -1;
	if (sc->p < sc->end && *sc->p == ':') {
		sc->p++;
		if (num(sc, 2, &s) != 2)
			return -1;
		if (sc->p < sc->end && *sc->p == '.') {
			sc->p++;
			if (sc->p == sc->end || !is_digit(*sc->p))
				return -1;
			while (sc->p < sc->end && is_digit(*sc->p))
				sc->p++;
		}
	}
	if (m > 59 || s > 59)
		return -1;
	while (sc->p < sc->end && *sc->p == ' ')
		sc->p++;
	if (sc->end - sc->p >= 2 && (sc->p[1] | 32) == 'm' &&
	    ((sc->p[0] | 32) == 'a' || (sc->p[0] | 32) == 'p')) {
		if (h < 1 || h > 12)
			return -1;
		sc->p += 2;
	} else if (h > 23) {
		return -1;
	}
	if (sc->p < sc->end && *sc->p == 'Z')
		sc->p++;
	return sc->p == sc->end ? 0 : -1;
}

static int
finish(const struct dateparse_opts *o, int y, int m, int d, int32_t *day,
    int *ymd)
{
	if (!date_valid(y, m, d))
		return DATEPARSE_EINVALID;
	*day = date_from_ymd(y, m, d);
	if (ymd != NULL) {
		ymd[0] = y;
		ymd[1] = m;
		ymd[2] = d;
	}
	return *day > o->as_of ? DATEPARSE_EFUTURE : DATEPARSE_OK;
}

static int
two_digit_year(const struct dateparse_opts *o, int yy)
{
	int y, m, d;

	date_to_ymd(o->as_of, &y, &m, &d);
	return yy <= y % 100 ? 2000 + yy : 1900 + yy;
}

/* All digits, with at most one '.': an Excel serial or yyyymmdd. */
static int
number_only(const struct dateparse_opts *o, const char *s, size_t n,
    int32_t *day, int *ymd)
{
	size_t i, dot = n;
	long v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '.' && dot == n && i > 0 && i + 1 < n)
			dot = i;
		else if (!is_digit(s[i]))
			return DATEPARSE_EFORMAT;
	}
	if (dot == n && n == 8) {
		int y = 0, m, d;

		for (i = 0; i < 4; i++)
			y = y * 10 + (s[i] - '0');
		m = (s[4] - '0') * 10 + (s[5] - '0');
		d = (s[6] - '0') * 10 + (s[7] - '0');
		return finish(o, y, m, d, day, ymd);
	}
	if (dot > 5)
		return DATEPARSE_EFORMAT;
	for (i = 0; i < dot; i++)
		v = v * 10 + (s[i] - '0');
	if (v < EXCEL_MIN || v > EXCEL_MAX)
		return DATEPARSE_EFORMAT;
	*day = (int32_t)(v - EXCEL_EPOCH);
	if (ymd != NULL)
		date_to_ymd(*day, &ymd[0], &ymd[1], &ymd[2]);
	return *day > o->as_of ? DATEPARSE_EFUTURE : DATEPARSE_OK;
}

/* Digits and at most one '.', nothing else. */
static int
plain_number(const char *s, size_t n)
{
	size_t i, dots = 0;

	for (i = 0; i < n; i++)
		if (s[i] == '.')
			dots++;
		else if (!is_digit(s[i]))
			return 0;
	return dots <= 1;
}

static int
parse(const struct dateparse_opts *o, const char *s, size_t n, int32_t *day,
    int *ymd)
{
	struct scan sc;
	int a, b, c, na, nb, nc, sep, y, m, d, named = 0;

	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return DATEPARSE_EMPTY;
	if (plain_number(s, n))
		return number_only(o, s, n, day, ymd);
	sc.p = s;
	sc.end = s + n;
	if ((na = num(&sc, 4, &a)) < 1 || sc.p == sc.end)
		return DATEPARSE_EFORMAT;
	sep = *sc.p++;
	if (sep != '/' && sep != '-' && sep != '.' && sep != ' ')
		return DATEPARSE_EFORMAT;
	if (sc.p < sc.end && is_digit(*sc.p)) {
		if ((nb = num(&sc, 2, &b)) < 1)
			return DATEPARSE_EFORMAT;
	} else if (na <= 2 && (b = month_name(&sc)) != 0) {
		named = 1;
	} else {
		return DATEPARSE_EFORMAT;
	}
	if (sc.p == sc.end || *sc.p++ != sep)
		return DATEPARSE_EFORMAT;
	if ((nc = num(&sc, 4, &c)) < 1)
		return DATEPARSE_EFORMAT;
	if (time_tail(&sc) != 0)
		return DATEPARSE_EFORMAT;
	if (na == 4) {
		/* Year first: always year, month, day. */
		if (nc > 2)
			return DATEPARSE_EFORMAT;
		return finish(o, a, b, c, day, ymd);
	}
	if (na == 3 || (nc != 4 && nc != 2))
		return DATEPARSE_EFORMAT;
	y = nc == 4 ? c : two_digit_year(o, c);
	if (named || o->order == DATEPARSE_DMY) {
		d = a;
		m = b;
	} else {
		m = a;
		d = b;
	}
	return finish(o, y, m, d, day, ymd);
}

int
dateparse(const struct dateparse_opts *o, const char *s, size_t n,
    int32_t *day)
{
	return parse(o, s, n, day, NULL);
}

static void
put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
}

int
dateparse_iso(const struct dateparse_opts *o, const char *s, size_t n,
    int32_t *day, char *out)
{
	int ymd[3], st = parse(o, s, n, day, ymd);

	if (st == DATEPARSE_OK || st == DATEPARSE_EFUTURE) {
		/* By hand: this runs on every date of every row. */
		put2(out, ymd[0] / 100);
		put2(out + 2, ymd[0] % 100);
		out[4] = '-';
		put2(out + 5, ymd[1]);
		out[7] = '-';
		put2(out + 8, ymd[2]);
		out[10] = '\0';
	}
	return st;
}

void
dateparse_defaults(struct dateparse_opts *o)
{
	o->order = DATEPARSE_DMY;
	o->as_of = date_today();
}

const char *
dateparse_strerror(int status)
{
	switch (status) {
	case DATEPARSE_OK:
		return "valid date";
	case DATEPARSE_EMPTY:
		return "empty";
	case DATEPARSE_EFORMAT:
		return "not a date";
	case DATEPARSE_EINVALID:
		return "impossible date";
	case DATEPARSE_EFUTURE:
		return "date after the as-of date";
	}
	return "bad date";
}

int
dateparse_order_parse(const char *s, enum dateparse_order *order)
{
	if (strcmp(s, "dmy") == 0)
		*order = DATEPARSE_DMY;
	else if (strcmp(s, "mdy") == 0)
		*order = DATEPARSE_MDY;
	else
		return -1;
	return 0;
}
