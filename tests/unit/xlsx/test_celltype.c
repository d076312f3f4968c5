/*
 * Unit tests of lib/celltype.  Serial dates were worked out by hand from
 * Excel's 1900 system: 1900-03-01 is 61, 1970-01-01 is 25569,
 * 2000-01-01 is 36526, 2023-01-01 is 44927 (so 2023-04-01 is
 * 44927 + 31 + 28 + 31 = 45017), 2024-01-01 is 45292 (so 2024-02-29 is
 * 45292 + 31 + 28 = 45351).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xlsx/celltype.h"

struct kcase {
	const char *in;
	enum ct_kind kind;
	double num;
	int decimals;
};

static const struct kcase kinds[] = {
	{ "", CT_EMPTY, 0, 0 },
	{ "0", CT_INTEGER, 0, 0 },
	{ "-0", CT_INTEGER, 0, 0 },
	{ "7", CT_INTEGER, 7, 0 },
	{ "-42", CT_INTEGER, -42, 0 },
	{ "123456789012345", CT_INTEGER, 123456789012345.0, 0 },
	{ "1234567890123456", CT_TEXT, 0, 0 },	/* 16 digits: precision */
	{ "0.5", CT_DECIMAL, 0.5, 1 },
	{ "-0.25", CT_DECIMAL, -0.25, 2 },
	{ "12.50", CT_DECIMAL, 12.5, 2 },
	{ "0.000000000000001", CT_DECIMAL, 1e-15, 15 },
	{ "1.2345678901234567", CT_TEXT, 0, 0 },	/* 17 significant */
	{ "007", CT_ZEROID, 0, 0 },
	{ "00", CT_ZEROID, 0, 0 },
	{ "01632960000", CT_ZEROID, 0, 0 },
	{ "007.5", CT_TEXT, 0, 0 },
	{ ".5", CT_TEXT, 0, 0 },
	{ "5.", CT_TEXT, 0, 0 },
	{ "1e5", CT_TEXT, 0, 0 },
	{ "+5", CT_TEXT, 0, 0 },
	{ " 5", CT_TEXT, 0, 0 },
	{ "5 ", CT_TEXT, 0, 0 },
	{ "1,234", CT_TEXT, 0, 0 },
	{ "-", CT_TEXT, 0, 0 },
	{ "--5", CT_TEXT, 0, 0 },
	{ "nan", CT_TEXT, 0, 0 },
	{ "inf", CT_TEXT, 0, 0 },
	{ "12.5%", CT_PERCENT, 0.125, 3 },
	{ "-3%", CT_PERCENT, -0.03, 2 },
	{ "%", CT_TEXT, 0, 0 },
	{ "5%%", CT_TEXT, 0, 0 },
	{ "1970-01-01", CT_DATE, 25569, 0 },
	{ "1900-03-01", CT_DATE, 61, 0 },
	{ "1900-02-28", CT_TEXT, 0, 0 },	/* before Excel's leap day */
	{ "2000-01-01", CT_DATE, 36526, 0 },
	{ "2023-04-01", CT_DATE, 45017, 0 },
	{ "2024-02-29", CT_DATE, 45351, 0 },
	{ "2023-02-29", CT_TEXT, 0, 0 },
	{ "2023-13-01", CT_TEXT, 0, 0 },
	{ "2023-04-31", CT_TEXT, 0, 0 },
	{ "2023-4-01", CT_TEXT, 0, 0 },
	{ "01/04/2023", CT_TEXT, 0, 0 },
	{ "2023-04-01T12:00", CT_DATETIME, 45017.5, 0 },
	{ "2023-04-01 06:00:00", CT_DATETIME, 45017.25, 0 },
	{ "2023-04-01T24:00", CT_TEXT, 0, 0 },
	{ "2023-04-01T12:60", CT_TEXT, 0, 0 },
	{ "2023-04-01T12:00:60", CT_TEXT, 0, 0 },
	{ "2023-04-01X12:00", CT_TEXT, 0, 0 },
	{ "2023-04-01T12:00Z", CT_TEXT, 0, 0 },
	{ "2023-04", CT_MONTH, 45017, 0 },
	{ "1900-02", CT_TEXT, 0, 0 },
	{ "1900-03", CT_MONTH, 61, 0 },
	{ "2023-00", CT_TEXT, 0, 0 },
	{ "2023-Q2", CT_TEXT, 0, 0 },
	{ "2023-24", CT_TEXT, 0, 0 },	/* a financial year, not a month */
	{ "2023", CT_INTEGER, 2023, 0 },
	{ "=1+1", CT_TEXT, 0, 0 },
	{ "@SUM(A1)", CT_TEXT, 0, 0 },
	{ "Y", CT_TEXT, 0, 0 },
};

static void
test_classify(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		struct ct_value v;
		const struct kcase *k = &kinds[i];

		assert_int_equal(ct_classify(k->in, strlen(k->in), &v),
		    k->kind);
		assert_int_equal(v.kind, k->kind);
		assert_true(v.num == k->num ||
		    (v.num - k->num < 1e-9 && k->num - v.num < 1e-9));
		if (k->kind != CT_DATE && k->kind != CT_DATETIME)
			assert_int_equal(v.decimals, k->decimals);
	}
}

static void
test_classify_not_terminated(void **state)
{
	struct ct_value v;

	(void)state;
	/* Only the first n bytes count. */
	assert_int_equal(ct_classify("12x", 2, &v), CT_INTEGER);
	assert_true(v.num == 12);
	assert_int_equal(ct_classify("0.59", 3, &v), CT_DECIMAL);
	assert_true(v.num == 0.5);
	assert_int_equal(ct_classify("2023-04-019", 10, &v), CT_DATE);
}

static void
test_formula_like(void **state)
{
	static const struct {
		const char *in;
		int want;
	} t[] = {
		{ "=HYPERLINK(\"x\")", 1 }, { "+1", 1 }, { "-1", 1 },
		{ "@A1", 1 }, { "\t=1", 1 }, { "\r=1", 1 }, { "a=1", 0 },
		{ "", 0 }, { " =1", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(ct_formula_like(t[i].in, strlen(t[i].in)),
		    t[i].want);
}

static void
test_name_hint(void **state)
{
	static const struct {
		const char *name;
		enum ct_hint want;
	} t[] = {
		{ "crime_ref", CT_HINT_TEXT }, { "victim_pnc", CT_HINT_TEXT },
		{ "person_phone", CT_HINT_TEXT }, { "id", CT_HINT_TEXT },
		{ "suspect_true_id", CT_HINT_TEXT },
		{ "outcome_code", CT_HINT_TEXT }, { "Crime_No", CT_HINT_TEXT },
		{ "charge_rate", CT_HINT_PERCENT },
		{ "charge_rate_lo", CT_HINT_PERCENT },
		{ "rate_hi", CT_HINT_PERCENT }, { "share", CT_HINT_PERCENT },
		{ "pct_change", CT_HINT_POINTS },
		{ "repeat_percentage", CT_HINT_POINTS },
		{ "rate_change_lower", CT_HINT_PERCENT },
		{ "charge_rate_upper", CT_HINT_PERCENT },
		{ "conversion", CT_HINT_PERCENT },
		{ "rate_ratio", CT_HINT_NONE },
		{ "rate_ratio_lower", CT_HINT_NONE },
		{ "rate_lower_upper_hi", CT_HINT_NONE },	/* three modifiers */
		{ "change", CT_HINT_NONE },
		{ "lo", CT_HINT_NONE }, { "_lo", CT_HINT_NONE },
		{ "rates", CT_HINT_NONE }, { "rate_per_1000", CT_HINT_NONE },
		{ "reported_date", CT_HINT_DATE }, { "victim_dob", CT_HINT_DATE },
		{ "date", CT_HINT_DATE }, { "year", CT_HINT_YEAR },
		{ "financial_year", CT_HINT_YEAR }, { "count", CT_HINT_NONE },
		{ "", CT_HINT_NONE }, { "_", CT_HINT_NONE },
		{ "ref_", CT_HINT_NONE },
	};
	size_t i;

	(void)state;
	assert_int_equal(ct_name_hint(NULL), CT_HINT_NONE);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(ct_name_hint(t[i].name), t[i].want);
	}
}

/* Decides a column from its name and a NULL-terminated list of values. */
static struct ct_coldef
decide(const char *name, enum ct_force f, const char *const *vals)
{
	struct ct_col c;

	ct_col_init(&c, name, f);
	for (; *vals != NULL; vals++)
		ct_col_add(&c, *vals, strlen(*vals));
	return ct_col_decide(&c);
}

#define V(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void
test_decide(void **state)
{
	struct ct_coldef d;

	(void)state;
	d = decide("count", CT_FORCE_NONE, V("1", "22", "", "333"));
	assert_int_equal(d.type, CT_COL_INTEGER);
	assert_int_equal(d.year, 0);
	assert_string_equal(ct_col_format(&d), "#,##0");
	d = decide("year", CT_FORCE_NONE, V("2023", "2024"));
	assert_int_equal(d.type, CT_COL_INTEGER);
	assert_string_equal(ct_col_format(&d), "0");
	d = decide("mean", CT_FORCE_NONE, V("1", "2.5", "3.125"));
	assert_int_equal(d.type, CT_COL_DECIMAL);
	assert_int_equal(d.decimals, 3);
	assert_string_equal(ct_col_format(&d), "#,##0.000");
	d = decide("x", CT_FORCE_NONE, V("0.12345678"));
	assert_int_equal(d.decimals, CT_MAX_DECIMALS);
	d = decide("crime_ref", CT_FORCE_NONE, V("1", "2"));
	assert_int_equal(d.type, CT_COL_TEXT);
	assert_string_equal(ct_col_format(&d), "@");
	d = decide("count", CT_FORCE_TEXT, V("1", "2"));
	assert_int_equal(d.type, CT_COL_TEXT);
	d = decide("serial", CT_FORCE_NONE, V("123", "0123", "124"));
	assert_int_equal(d.type, CT_COL_TEXT);
	d = decide("charge_rate", CT_FORCE_NONE, V("0.125", "1", "0"));
	assert_int_equal(d.type, CT_COL_PERCENT);
	assert_string_equal(ct_col_format(&d), "0.0%");
	d = decide("charge_rate", CT_FORCE_NONE, V("0.125", "12.5"));
	assert_int_equal(d.type, CT_COL_DECIMAL);
	d = decide("charge_rate", CT_FORCE_NONE, V("-0.5", "0.25"));
	assert_int_equal(d.type, CT_COL_PERCENT);
	d = decide("ratio", CT_FORCE_PERCENT, V("12.5", "3"));
	assert_int_equal(d.type, CT_COL_PERCENT);
	d = decide("ratio", CT_FORCE_NONE, V("0.5", "0.25"));
	assert_int_equal(d.type, CT_COL_DECIMAL);
	/* pct columns hold points: always percent, whatever the range. */
	d = decide("pct_change", CT_FORCE_NONE, V("-50.0", "0.5", "150"));
	assert_int_equal(d.type, CT_COL_PERCENT);
	assert_int_equal(d.points, 1);
	d = decide("share", CT_FORCE_NONE, V("12%", "3.5%"));
	assert_int_equal(d.type, CT_COL_PERCENT);
	d = decide("when", CT_FORCE_NONE, V("2023-04-01", "2023-04-02"));
	assert_int_equal(d.type, CT_COL_DATE);
	assert_string_equal(ct_col_format(&d), "dd/mm/yyyy");
	d = decide("when", CT_FORCE_NONE, V("2023-04-01", "2023-04-02T10:00"));
	assert_int_equal(d.type, CT_COL_DATETIME);
	assert_string_equal(ct_col_format(&d), "dd/mm/yyyy hh:mm");
	d = decide("when", CT_FORCE_NONE, V("2023-04-02T10:00:01"));
	assert_string_equal(ct_col_format(&d), "dd/mm/yyyy hh:mm:ss");
	d = decide("month", CT_FORCE_NONE, V("2023-04", "2023-05"));
	assert_int_equal(d.type, CT_COL_MONTH);
	assert_string_equal(ct_col_format(&d), "mmm yyyy");
	/* Majority: suppressed small counts stay text in a number column. */
	d = decide("n", CT_FORCE_NONE, V("12", "<5", "40"));
	assert_int_equal(d.type, CT_COL_INTEGER);
	d = decide("n", CT_FORCE_NONE, V("12", "<5", "*", "40"));
	assert_int_equal(d.type, CT_COL_TEXT);
	d = decide("note", CT_FORCE_NONE, V("a", "b", "3"));
	assert_int_equal(d.type, CT_COL_TEXT);
	/* No values: the name decides. */
	d = decide("arrest_date", CT_FORCE_NONE, V(""));
	assert_int_equal(d.type, CT_COL_DATE);
	d = decide("charge_rate", CT_FORCE_NONE, V(""));
	assert_int_equal(d.type, CT_COL_PERCENT);
	d = decide("other", CT_FORCE_NONE, V(""));
	assert_int_equal(d.type, CT_COL_GENERAL);
	assert_null(ct_col_format(&d));
}

static void
test_cell(void **state)
{
	struct ct_coldef d = { CT_COL_INTEGER, 0, 0, 0, 0 };
	struct ct_cell c;

	(void)state;
	assert_int_equal(ct_cell(&d, "", 0, &c), CT_WRITE_BLANK);
	assert_int_equal(ct_cell(&d, "-12", 3, &c), CT_WRITE_NUMBER);
	assert_true(c.num == -12);
	assert_string_equal(c.format, "#,##0");
	/* A decimal in an integer column is shown in full. */
	assert_int_equal(ct_cell(&d, "1.5", 3, &c), CT_WRITE_NUMBER);
	assert_null(c.format);
	assert_int_equal(ct_cell(&d, "n/a", 3, &c), CT_WRITE_TEXT);
	assert_null(c.format);
	assert_int_equal(ct_cell(&d, "=1+2", 4, &c), CT_WRITE_TEXT);
	assert_string_equal(c.format, "@");
	assert_int_equal(ct_cell(&d, "-1+2", 4, &c), CT_WRITE_TEXT);
	assert_string_equal(c.format, "@");
	assert_int_equal(ct_cell(&d, "0042", 4, &c), CT_WRITE_TEXT);
	assert_string_equal(c.format, "@");
	assert_int_equal(ct_cell(&d, "2023-04-01", 10, &c), CT_WRITE_NUMBER);
	assert_true(c.num == 45017);
	assert_string_equal(c.format, "dd/mm/yyyy");

	d = (struct ct_coldef){ CT_COL_DECIMAL, 2, 0, 0, 0 };
	ct_cell(&d, "3", 1, &c);
	assert_string_equal(c.format, "#,##0.00");
	ct_cell(&d, "3.14", 4, &c);
	assert_string_equal(c.format, "#,##0.00");
	ct_cell(&d, "3.141", 5, &c);
	assert_null(c.format);

	d = (struct ct_coldef){ CT_COL_TEXT, 0, 0, 0, 0 };
	assert_int_equal(ct_cell(&d, "42", 2, &c), CT_WRITE_TEXT);
	assert_string_equal(c.format, "@");

	d = (struct ct_coldef){ CT_COL_PERCENT, 0, 0, 0, 0 };
	ct_cell(&d, "0.25", 4, &c);
	assert_true(c.num == 0.25);
	assert_string_equal(c.format, "0.0%");
	ct_cell(&d, "25%", 3, &c);
	assert_true(c.num == 0.25);

	d = (struct ct_coldef){ CT_COL_PERCENT, 0, 0, 0, 1 };
	ct_cell(&d, "-50", 3, &c);
	assert_true(c.num == -0.5);
	assert_string_equal(c.format, "0.0%");
	ct_cell(&d, "25%", 3, &c);
	assert_true(c.num == 0.25);

	d = (struct ct_coldef){ CT_COL_DATETIME, 0, 0, 0, 0 };
	ct_cell(&d, "2023-04-01", 10, &c);
	assert_string_equal(c.format, "dd/mm/yyyy hh:mm");
	ct_cell(&d, "2023-04-01T01:02:03", 19, &c);
	assert_string_equal(c.format, "dd/mm/yyyy hh:mm:ss");

	d = (struct ct_coldef){ CT_COL_GENERAL, 0, 0, 0, 0 };
	ct_cell(&d, "7", 1, &c);
	assert_null(c.format);
	ct_cell(&d, "2023-04", 7, &c);
	assert_string_equal(c.format, "mmm yyyy");
	assert_true(c.num == 45017);
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(ct_width("abc", 3, 100), 3);
	assert_int_equal(ct_width("caf\xc3\xa9", 5, 100), 4);
	assert_int_equal(ct_width("abcdef", 6, 4), 4);
	assert_int_equal(ct_width("", 0, 4), 0);
}

/* --format and label-table kinds: names, formats, and the column each
 * forces whatever its values (worked by hand from celltype.h). */
static void
test_force(void **state)
{
	struct ct_col c;
	struct ct_coldef d;
	struct ct_cell cell;

	(void)state;
	assert_int_equal(ct_force_parse("count"), CT_FORCE_COUNT);
	assert_int_equal(ct_force_parse("rate"), CT_FORCE_PERCENT);
	assert_int_equal(ct_force_parse("percent"), CT_FORCE_POINTS);
	assert_int_equal(ct_force_parse("money"), CT_FORCE_MONEY);
	assert_int_equal(ct_force_parse("text"), CT_FORCE_TEXT);
	assert_int_equal(ct_force_parse("Count"), -1);
	assert_int_equal(ct_force_parse("scale"), -1);
	assert_int_equal(ct_force_parse(""), -1);
	assert_string_equal(ct_force_format(CT_FORCE_COUNT), "#,##0");
	assert_string_equal(ct_force_format(CT_FORCE_PERCENT), "0.0%");
	assert_string_equal(ct_force_format(CT_FORCE_POINTS), "0.0%");
	assert_string_equal(ct_force_format(CT_FORCE_MONTH), "mmm yyyy");
	assert_string_equal(ct_force_format(CT_FORCE_MONEY),
	    "\xc2\xa3#,##0.00");
	assert_null(ct_force_format(CT_FORCE_NUMBER));
	assert_null(ct_force_format(CT_FORCE_NONE));

	/* A count column of decimals stays a count: 1.0000 is 1. */
	ct_col_init(&c, "this_month", CT_FORCE_COUNT);
	ct_col_add(&c, "1.0000", 6);
	ct_col_add(&c, "0.0250", 6);
	d = ct_col_decide(&c);
	assert_int_equal(d.type, CT_COL_INTEGER);
	/* Points: 12.5 is 12.5%, written as 0.125. */
	ct_col_init(&c, "share", CT_FORCE_POINTS);
	ct_col_add(&c, "12.5", 4);
	d = ct_col_decide(&c);
	assert_int_equal(d.type, CT_COL_PERCENT);
	assert_int_equal(d.points, 1);
	assert_int_equal(ct_cell(&d, "12.5", 4, &cell), CT_WRITE_NUMBER);
	assert_true(cell.num > 0.12499 && cell.num < 0.12501);
	/* Money: a number with a pound sign and two decimals. */
	ct_col_init(&c, "cost", CT_FORCE_MONEY);
	d = ct_col_decide(&c);
	assert_int_equal(ct_cell(&d, "12.5", 4, &cell), CT_WRITE_NUMBER);
	assert_string_equal(cell.format, "\xc2\xa3#,##0.00");
	/* A month kind on an empty column still gives months. */
	ct_col_init(&c, "x", CT_FORCE_MONTH);
	d = ct_col_decide(&c);
	assert_int_equal(d.type, CT_COL_MONTH);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_classify_not_terminated),
		cmocka_unit_test(test_formula_like),
		cmocka_unit_test(test_name_hint),
		cmocka_unit_test(test_decide),
		cmocka_unit_test(test_cell),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_force),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
