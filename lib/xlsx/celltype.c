/*
 * Typing CSV values for a spreadsheet.  Parsers are strict and fixed
 * width: a value either is exactly one of the documented shapes or it
 * is text, so that nothing an analyst wrote is changed by a guess.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx/celltype.h"
#include "core/utf8.h"
#include "core/dates.h"

/* Serial day number of 1970-01-01 in Excel's 1900 date system. */
#define EXCEL_EPOCH 25569
/* Serial of 1900-03-01: earlier serials are off by Excel's 1900 leap day. */
#define EXCEL_FIRST 61
#define MAX_SIG 15
#define MAX_NUMLEN 48

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

/* Reads n digits at s as a number. */
static int
digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int
alldig(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdig((unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * Parses a number -?(0|[1-9][0-9]*)(\.[0-9]+)? taking all of s[0..n).
 * Returns 1 (integer), 2 (decimal) or 0, and sets *num and *dec.
 */
static int
parse_number(const char *s, size_t n, double *num, int *dec)
{
	size_t i = 0, intstart, intlen, fraclen = 0, sig = 0;
	int lead = 1;
	char buf[MAX_NUMLEN + 1];

	if (n == 0 || n > MAX_NUMLEN)
		return 0;
	if (s[0] == '-')
		i++;
	intstart = i;
	while (i < n && isdig((unsigned char)s[i]))
		i++;
	intlen = i - intstart;
	if (intlen == 0 || (intlen > 1 && s[intstart] == '0'))
		return 0;
	if (i < n) {
		if (s[i] != '.')
			return 0;
		i++;
		while (i < n && isdig((unsigned char)s[i])) {
			i++;
			fraclen++;
		}
		if (fraclen == 0 || i != n)
			return 0;
	}
	for (i = intstart; i < n; i++) {
		if (s[i] == '.')
			continue;
		if (lead && s[i] == '0')
			continue;
		lead = 0;
		sig++;
	}
	if (sig > MAX_SIG)
		return 0;
	*dec = (int)fraclen;
	if (fraclen == 0) {
		int64_t v = 0;

		for (i = intstart; i < n; i++)
			v = v * 10 + (s[i] - '0');
		*num = (double)(s[0] == '-' ? -v : v);
		return 1;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	*num = strtod(buf, NULL);
	return 2;
}

/* YYYY-MM-DD at s (10 bytes): sets *serial, returns 0 or -1. */
static int
parse_date(const char *s, double *serial)
{
	int y, m, d;
	int32_t day;

	if (!alldig(s, 4) || s[4] != '-' || !alldig(s + 5, 2) ||
	    s[7] != '-' || !alldig(s + 8, 2))
		return -1;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (!date_valid(y, m, d))
		return -1;
	day = date_from_ymd(y, m, d);
	if ((long)day + EXCEL_EPOCH < EXCEL_FIRST)
		return -1;
	*serial = (double)day + EXCEL_EPOCH;
	return 0;
}

/* HH:MM or HH:MM:SS at s (len 5 or 8): adds the day fraction. */
static int
parse_time(const char *s, size_t n, double *serial)
{
	int h, mi, se = 0;

	if (!alldig(s, 2) || s[2] != ':' || !alldig(s + 3, 2))
		return -1;
	if (n == 8) {
		if (s[5] != ':' || !alldig(s + 6, 2))
			return -1;
		se = digits(s + 6, 2);
	}
	h = digits(s, 2);
	mi = digits(s + 3, 2);
	if (h > 23 || mi > 59 || se > 59)
		return -1;
	*serial += (h * 3600 + mi * 60 + se) / 86400.0;
	return 0;
}

enum ct_kind
ct_classify(const char *s, size_t n, struct ct_value *v)
{
	int r;

	v->num = 0;
	v->decimals = 0;
	v->seconds = 0;
	if (n == 0)
		return v->kind = CT_EMPTY;
	if (isdig((unsigned char)s[0]) || s[0] == '-') {
		r = parse_number(s, n, &v->num, &v->decimals);
		if (r == 1)
			return v->kind = CT_INTEGER;
		if (r == 2)
			return v->kind = CT_DECIMAL;
	}
	if (!isdig((unsigned char)s[0]))
		goto other;
	if (n > 1 && s[0] == '0' && alldig(s, n))
		return v->kind = CT_ZEROID;
	if (n == 10 && parse_date(s, &v->num) == 0)
		return v->kind = CT_DATE;
	if ((n == 16 || n == 19) && (s[10] == 'T' || s[10] == ' ') &&
	    parse_date(s, &v->num) == 0 &&
	    parse_time(s + 11, n - 11, &v->num) == 0) {
		v->seconds = n == 19;
		return v->kind = CT_DATETIME;
	}
	if (n == 7 && alldig(s, 4) && s[4] == '-' && alldig(s + 5, 2)) {
		int y = digits(s, 4), m = digits(s + 5, 2);

		if (date_valid(y, m, 1) &&
		    (long)date_from_ymd(y, m, 1) + EXCEL_EPOCH >= EXCEL_FIRST) {
			v->num = (double)date_from_ymd(y, m, 1) + EXCEL_EPOCH;
			return v->kind = CT_MONTH;
		}
	}
other:
	if (n > 1 && s[n - 1] == '%' &&
	    parse_number(s, n - 1, &v->num, &v->decimals) != 0) {
		v->num /= 100;
		v->decimals += 2;
		return v->kind = CT_PERCENT;
	}
	v->num = 0;
	v->decimals = 0;
	return v->kind = CT_TEXT;
}

int
ct_formula_like(const char *s, size_t n)
{
	return n > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' ||
	    s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

static const char *const id_words[] = {
	"ref", "id", "pnc", "urn", "code", "number", "no", "phone", "tel",
	"mobile", "telephone", "postcode", "lsoa", "ward", "nhs", NULL
};
/* Rates and shares hold fractions (0.125); pct columns hold points (12.5). */
static const char *const rate_words[] = {
	"rate", "share", "proportion", "conversion", NULL
};
static const char *const points_words[] = {
	"pct", "percent", "percentage", NULL
};
/* Words after a rate that still mean a rate: charge_rate_lower. */
static const char *const rate_mods[] = {
	"lo", "hi", "low", "high", "lower", "upper", "lcl", "ucl", "diff",
	"change", "delta", "prev", "yoy", NULL
};
static const char *const date_words[] = { "date", "dob", NULL };
static const char *const year_words[] = { "year", NULL };

/* 1 when the word w[0..n) (compared without case) is in list. */
static int
inlist(const char *w, size_t n, const char *const *list)
{
	size_t i;

	for (; *list != NULL; list++) {
		if (strlen(*list) != n)
			continue;
		for (i = 0; i < n; i++) {
			int c = (unsigned char)w[i];

			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (c != (*list)[i])
				break;
		}
		if (i == n)
			return 1;
	}
	return 0;
}

/* The '_'-separated word that ends at end (name <= end). */
static const char *
word_before(const char *name, const char *end)
{
	const char *w;

	for (w = end; w > name && w[-1] != '_'; w--)
		;
	return w;
}

enum ct_hint
ct_name_hint(const char *name)
{
	const char *w, *end;
	int mods;

	if (name == NULL || *name == '\0')
		return CT_HINT_NONE;
	end = name + strlen(name);
	w = word_before(name, end);
	if (inlist(w, (size_t)(end - w), id_words))
		return CT_HINT_TEXT;
	if (inlist(w, (size_t)(end - w), date_words))
		return CT_HINT_DATE;
	if (inlist(w, (size_t)(end - w), year_words))
		return CT_HINT_YEAR;
	/* Up to two modifiers may follow a rate: rate_change_lower. */
	for (mods = 0; mods <= 2; mods++) {
		if (inlist(w, (size_t)(end - w), rate_words))
			return CT_HINT_PERCENT;
		if (inlist(w, (size_t)(end - w), points_words))
			return CT_HINT_POINTS;
		if (!inlist(w, (size_t)(end - w), rate_mods) || w < name + 2)
			break;
		end = w - 1;
		w = word_before(name, end);
	}
	return CT_HINT_NONE;
}

void
ct_col_init(struct ct_col *c, const char *name, enum ct_force f)
{
	memset(c, 0, sizeof(*c));
	c->hint = ct_name_hint(name);
	c->force = f;
}

void
ct_col_add(struct ct_col *c, const char *s, size_t n)
{
	struct ct_value v;

	ct_classify(s, n, &v);
	c->n[v.kind]++;
	switch (v.kind) {
	case CT_INTEGER:
	case CT_DECIMAL:
	case CT_PERCENT:
		if (v.decimals > c->maxdec)
			c->maxdec = v.decimals;
		if (v.kind != CT_PERCENT && (v.num < -1 || v.num > 1))
			c->outside = 1;
		break;
	case CT_DATETIME:
		c->seconds |= v.seconds;
		break;
	default:
		break;
	}
}

static const struct {
	const char *name;
	enum ct_force force;
} force_names[] = {
	{ "count", CT_FORCE_COUNT }, { "number", CT_FORCE_NUMBER },
	{ "rate", CT_FORCE_PERCENT }, { "percent", CT_FORCE_POINTS },
	{ "date", CT_FORCE_DATE }, { "month", CT_FORCE_MONTH },
	{ "money", CT_FORCE_MONEY }, { "text", CT_FORCE_TEXT },
};

int
ct_force_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(force_names) / sizeof(force_names[0]); i++)
		if (strcmp(s, force_names[i].name) == 0)
			return (int)force_names[i].force;
	return -1;
}

/* The column of a kind that does not depend on the values. */
static struct ct_coldef
forced(enum ct_force f)
{
	struct ct_coldef d = { CT_COL_TEXT, 0, 0, 0, 0 };

	switch (f) {
	case CT_FORCE_COUNT:
		d.type = CT_COL_INTEGER;
		break;
	case CT_FORCE_DATE:
		d.type = CT_COL_DATE;
		break;
	case CT_FORCE_MONTH:
		d.type = CT_COL_MONTH;
		break;
	case CT_FORCE_MONEY:
		d.type = CT_COL_MONEY;
		d.decimals = 2;
		break;
	default:
		break;
	}
	return d;
}

struct ct_coldef
ct_col_decide(const struct ct_col *c)
{
	struct ct_coldef d = { CT_COL_TEXT, 0, 0, 0, 0 };
	unsigned long total = 0, fam[4];
	int k, best = 0;

	if (c->force == CT_FORCE_TEXT || c->hint == CT_HINT_TEXT)
		return d;
	if (c->force == CT_FORCE_PERCENT || c->force == CT_FORCE_POINTS) {
		d.type = CT_COL_PERCENT;
		d.points = c->force == CT_FORCE_POINTS;
		return d;
	}
	if (c->force != CT_FORCE_NONE && c->force != CT_FORCE_NUMBER)
		return forced(c->force);
	for (k = CT_INTEGER; k < CT_NKINDS; k++)
		total += c->n[k];
	if (total == 0) {
		d.type = c->hint == CT_HINT_DATE ? CT_COL_DATE :
		    c->hint == CT_HINT_PERCENT || c->hint == CT_HINT_POINTS ?
		    CT_COL_PERCENT : CT_COL_GENERAL;
		d.points = c->hint == CT_HINT_POINTS;
		return d;
	}
	if (c->n[CT_ZEROID] > 0)
		return d;
	fam[0] = c->n[CT_INTEGER] + c->n[CT_DECIMAL];
	fam[1] = c->n[CT_PERCENT];
	fam[2] = c->n[CT_DATE] + c->n[CT_DATETIME];
	fam[3] = c->n[CT_MONTH];
	for (k = 1; k < 4; k++)
		if (fam[k] > fam[best])
			best = k;
	if (fam[best] * 2 <= total)
		return d;
	switch (best) {
	case 0:
		if (c->hint == CT_HINT_PERCENT && !c->outside)
			d.type = CT_COL_PERCENT;
		else if (c->hint == CT_HINT_POINTS) {
			d.type = CT_COL_PERCENT;
			d.points = 1;
		} else if (c->n[CT_DECIMAL] > 0) {
			d.type = CT_COL_DECIMAL;
			d.decimals = c->maxdec > CT_MAX_DECIMALS ?
			    CT_MAX_DECIMALS : c->maxdec;
		} else {
			d.type = CT_COL_INTEGER;
			d.year = c->hint == CT_HINT_YEAR;
		}
		break;
	case 1:
		d.type = CT_COL_PERCENT;
		break;
	case 2:
		if (c->n[CT_DATETIME] > 0) {
			d.type = CT_COL_DATETIME;
			d.seconds = c->seconds;
		} else
			d.type = CT_COL_DATE;
		break;
	default:
		d.type = CT_COL_MONTH;
		break;
	}
	return d;
}

static const char *const decimal_formats[CT_MAX_DECIMALS + 1] = {
	"#,##0", "#,##0.0", "#,##0.00", "#,##0.000", "#,##0.0000",
	"#,##0.00000", "#,##0.000000"
};
#define FMT_TEXT "@"
#define FMT_PERCENT "0.0%"
#define FMT_DATE "dd/mm/yyyy"
#define FMT_DATETIME "dd/mm/yyyy hh:mm"
#define FMT_DATETIME_S "dd/mm/yyyy hh:mm:ss"
#define FMT_MONTH "mmm yyyy"
#define FMT_YEAR "0"
#define FMT_MONEY "\xc2\xa3#,##0.00"

const char *
ct_force_format(enum ct_force f)
{
	struct ct_coldef d;

	switch (f) {
	case CT_FORCE_PERCENT:
	case CT_FORCE_POINTS:
		return FMT_PERCENT;
	case CT_FORCE_NONE:
	case CT_FORCE_NUMBER:
		return NULL;
	default:
		d = forced(f);
		return ct_col_format(&d);
	}
}

const char *
ct_col_format(const struct ct_coldef *d)
{
	switch (d->type) {
	case CT_COL_TEXT:
		return FMT_TEXT;
	case CT_COL_INTEGER:
		return d->year ? FMT_YEAR : decimal_formats[0];
	case CT_COL_DECIMAL:
		return decimal_formats[d->decimals < 0 ? 0 :
		    d->decimals > CT_MAX_DECIMALS ? CT_MAX_DECIMALS :
		    d->decimals];
	case CT_COL_PERCENT:
		return FMT_PERCENT;
	case CT_COL_DATE:
		return FMT_DATE;
	case CT_COL_DATETIME:
		return d->seconds ? FMT_DATETIME_S : FMT_DATETIME;
	case CT_COL_MONTH:
		return FMT_MONTH;
	case CT_COL_MONEY:
		return FMT_MONEY;
	case CT_COL_GENERAL:
		break;
	}
	return NULL;
}

enum ct_how
ct_cell(const struct ct_coldef *d, const char *s, size_t n,
    struct ct_cell *cell)
{
	struct ct_value v;

	cell->num = 0;
	cell->format = NULL;
	if (n == 0)
		return cell->how = CT_WRITE_BLANK;
	if (d->type == CT_COL_TEXT) {
		cell->format = FMT_TEXT;
		return cell->how = CT_WRITE_TEXT;
	}
	ct_classify(s, n, &v);
	cell->num = v.num;
	switch (v.kind) {
	case CT_INTEGER:
	case CT_DECIMAL:
		if (d->type == CT_COL_PERCENT && d->points)
			cell->num /= 100;
		if (d->type == CT_COL_PERCENT || d->type == CT_COL_MONEY ||
		    (d->type == CT_COL_INTEGER && v.kind == CT_INTEGER) ||
		    (d->type == CT_COL_DECIMAL && v.decimals <= d->decimals))
			cell->format = ct_col_format(d);
		return cell->how = CT_WRITE_NUMBER;
	case CT_PERCENT:
		cell->format = FMT_PERCENT;
		return cell->how = CT_WRITE_NUMBER;
	case CT_DATE:
		cell->format = d->type == CT_COL_DATETIME ? ct_col_format(d) :
		    FMT_DATE;
		return cell->how = CT_WRITE_NUMBER;
	case CT_DATETIME:
		cell->format = d->type == CT_COL_DATETIME && d->seconds >=
		    v.seconds ? ct_col_format(d) :
		    v.seconds ? FMT_DATETIME_S : FMT_DATETIME;
		return cell->how = CT_WRITE_NUMBER;
	case CT_MONTH:
		cell->format = FMT_MONTH;
		return cell->how = CT_WRITE_NUMBER;
	default:
		break;
	}
	cell->num = 0;
	if (v.kind == CT_ZEROID || ct_formula_like(s, n))
		cell->format = FMT_TEXT;
	return cell->how = CT_WRITE_TEXT;
}

size_t
ct_width(const char *s, size_t n, size_t limit)
{
	return utf8_width(s, n, limit);
}
