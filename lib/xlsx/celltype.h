/*
 * Typing CSV values for a spreadsheet: what one value is (number, date,
 * date-time, month, percentage, identifier, text), what type a column
 * gets from its name and its first values, and how each value of that
 * column is then written, so that a column has one number format.
 *
 * Nothing here allocates or prints; every function takes a value as
 * bytes and a length (no NUL needed) and is safe on any bytes.
 *
 * Values (ct_classify()):
 *   integer    -?(0|[1-9][0-9]*), at most 15 significant digits
 *   decimal    the same with .[0-9]+ after it
 *   percent    an integer or decimal followed by '%' (12.5% is 0.125)
 *   date       YYYY-MM-DD, a real date from 1900-03-01 to 2199-12-31
 *   date-time  YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS ('T' or ' ')
 *   month      YYYY-MM, from 1900-03
 *   zero id    two or more digits beginning with 0 (007, 01632960000):
 *              an identifier whose leading zeros must stay
 *   text       anything else, including numbers with more than 15
 *              significant digits, exponents, '+' signs, spaces or
 *              thousands separators
 * Dates are Excel serial day numbers (1900 system): 1970-01-01 is
 * 25569; a time is a fraction of a day.
 *
 * Column names (ct_name_hint()), matched on the whole lower-case name
 * or on a '_'-separated suffix:
 *   identifiers, always text: ref, id, pnc, urn, code, number, no,
 *     phone, tel, mobile, telephone, postcode, lsoa, ward, nhs
 *     (crime_ref, victim_pnc, offence_code, person_phone ...)
 *   rates and shares, percentages when their values are fractions
 *     between -1 and 1: rate, share, proportion, conversion
 *     (charge_rate, repeat_rate, within_28_share ...)
 *   percentages in points (12.5 is 12.5%): pct, percent, percentage
 *   either may be followed by up to two of lo, hi, low, high, lower,
 *     upper, lcl, ucl, diff, change, delta, prev, yoy
 *     (charge_rate_lower, rate_change_upper, pct_change)
 *   dates: date, dob (an empty first stretch still gives a date column)
 *   years, integers without a thousands separator: year (year, fy_year)
 *
 * Formula injection: a value that begins with '=', '+', '-' or '@' (or
 * a tab or carriage return) and is not a number is text, and is written
 * with the text format "@"; nothing here ever makes a formula.
 */
#ifndef VAWG_CELLTYPE_H
#define VAWG_CELLTYPE_H

#include <stddef.h>

/* What one value is. */
enum ct_kind {
	CT_EMPTY,
	CT_INTEGER,
	CT_DECIMAL,
	CT_PERCENT,
	CT_DATE,
	CT_DATETIME,
	CT_MONTH,
	CT_ZEROID,
	CT_TEXT,
	CT_NKINDS
};

struct ct_value {
	enum ct_kind kind;
	double num;		/* number, fraction (percent) or serial date */
	int decimals;		/* digits after the point (percent: of the
				   fraction, so 12.5% has 3) */
	int seconds;		/* date-time written with seconds */
};

/*
 * Classifies s[0..n).  Always returns v->kind; v->num, v->decimals and
 * v->seconds are set for the kinds they belong to.
 */
enum ct_kind ct_classify(const char *s, size_t n, struct ct_value *v);

/*
 * 1 when s[0..n) would be taken for a formula by a spreadsheet: it
 * begins with '=', '+', '-', '@', a tab or a carriage return.  A
 * negative number begins with '-' too: callers test for numbers first.
 */
int ct_formula_like(const char *s, size_t n);

/* What a column's name says about it. */
enum ct_hint {
	CT_HINT_NONE,
	CT_HINT_TEXT,		/* an identifier */
	CT_HINT_PERCENT,	/* a rate or share: fractions */
	CT_HINT_POINTS,		/* a percentage in points */
	CT_HINT_DATE,
	CT_HINT_YEAR
};

/* The hint of a column name (see above); NULL is CT_HINT_NONE. */
enum ct_hint ct_name_hint(const char *name);

/*
 * What the user forced with --text, --percent, --format COL:KIND or a
 * label table's kind.  Kinds by name (ct_force_parse()):
 *   count    whole numbers, '#,##0'
 *   number   numbers as the values decide (decimals kept)
 *   rate     fractions shown as percentages, '0.0%' (0.025 is 2.5%)
 *   percent  percentages in points (12.5 is 12.5%), '0.0%'
 *   date     dates, 'dd/mm/yyyy'
 *   month    months, 'mmm yyyy'
 *   money    amounts in pounds, a pound sign and '#,##0.00'
 *   text     text, kept as it is
 */
enum ct_force {
	CT_FORCE_NONE,
	CT_FORCE_TEXT,
	CT_FORCE_PERCENT,	/* a rate: fractions */
	CT_FORCE_COUNT,
	CT_FORCE_NUMBER,
	CT_FORCE_POINTS,
	CT_FORCE_DATE,
	CT_FORCE_MONTH,
	CT_FORCE_MONEY
};

/* The kind named s (see above; "rate" is CT_FORCE_PERCENT), or -1. */
int ct_force_parse(const char *s);

/* The number format a kind gives its numbers (NULL: as decided). */
const char *ct_force_format(enum ct_force f);

/* The type a column is written with. */
enum ct_coltype {
	CT_COL_GENERAL,		/* no evidence: each value by its own kind */
	CT_COL_TEXT,
	CT_COL_INTEGER,
	CT_COL_DECIMAL,
	CT_COL_PERCENT,
	CT_COL_DATE,
	CT_COL_DATETIME,
	CT_COL_MONTH,
	CT_COL_MONEY
};

/* Evidence gathered on a column from its first values. */
struct ct_col {
	enum ct_hint hint;
	enum ct_force force;
	unsigned long n[CT_NKINDS];	/* values of each kind */
	int maxdec;			/* most decimals of a number */
	int seconds;			/* a date-time had seconds */
	int outside;			/* a number outside [-1, 1] */
};

/* Starts the evidence of a column from its name (may be NULL). */
void ct_col_init(struct ct_col *c, const char *name, enum ct_force f);

/* Adds one value of the column. */
void ct_col_add(struct ct_col *c, const char *s, size_t n);

/* Most decimals a number format shows. */
#define CT_MAX_DECIMALS 6

/* A column's decision. */
struct ct_coldef {
	enum ct_coltype type;
	int decimals;		/* CT_COL_DECIMAL: 1..CT_MAX_DECIMALS */
	int seconds;		/* CT_COL_DATETIME: shown with seconds */
	int year;		/* CT_COL_INTEGER: no thousands separator */
	int points;		/* CT_COL_PERCENT: numbers are points, 12.5 is
				   12.5% (a value with '%' is read as such) */
};

/*
 * Decides the column type:
 *   --text, or an identifier name            text
 *   --percent                                percent
 *   any zero id among the values             text
 *   no values: a date name gives date, a rate or pct name percent,
 *   else general
 *   otherwise the family with most values (numbers, percent-sign values,
 *   dates and date-times, months) when it holds more than half the
 *   non-empty values, else text; numbers in a rate column that all lie
 *   within [-1, 1] make it percent, and numbers in a pct column always
 *   do (in points); numbers with a point make it
 *   decimal, shown with the most decimals seen (at most 6).
 */
struct ct_coldef ct_col_decide(const struct ct_col *c);

/* How one value is written. */
enum ct_how {
	CT_WRITE_BLANK,		/* empty: write nothing */
	CT_WRITE_NUMBER,	/* cell->num with cell->format */
	CT_WRITE_TEXT		/* the value as a string with cell->format */
};

struct ct_cell {
	enum ct_how how;
	double num;
	const char *format;	/* Excel number format; NULL for General */
};

/*
 * Decides how value s[0..n) of a column defined by d is written.  A
 * value that fits the column takes its format; a value that does not
 * keeps its own type with a format that shows it in full (a number with
 * more decimals than the column's, or a decimal in an integer column,
 * gets General; a date in a number column a date format), and text that
 * could be taken for a formula gets "@".  Returns cell->how.  Format
 * strings are static.
 */
enum ct_how ct_cell(const struct ct_coldef *d, const char *s, size_t n,
    struct ct_cell *cell);

/* The number format of a column (NULL for General). */
const char *ct_col_format(const struct ct_coldef *d);

/*
 * Width of s[0..n) in columns (lib/utf8's utf8_width(): East Asian wide
 * characters count two, combining marks none), counting at most to
 * limit.  UTF-8 checking and repair of cells are lib/utf8's
 * utf8_valid_prefix() and utf8_fix().
 */
size_t ct_width(const char *s, size_t n, size_t limit);

#endif
