/*
 * Unit tests of lib/dates.  Day numbers were worked out independently
 * with Python: (datetime.date(y, m, d) - datetime.date(1970, 1, 1)).days.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/dates.h"

static void
test_day_numbers(void **state)
{
	static const struct { int y, m, d; int32_t day; } t[] = {
		{ 1970, 1, 1, 0 }, { 2000, 2, 29, 11016 },
		{ 2024, 2, 29, 19782 }, { 2023, 3, 31, 19447 },
		{ 2023, 4, 1, 19448 }, { 1900, 3, 1, -25508 },
		{ 1800, 1, 1, -62091 }, { 2199, 12, 31, 84005 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int y, m, d;

		assert_int_equal(date_from_ymd(t[i].y, t[i].m, t[i].d), t[i].day);
		date_to_ymd(t[i].day, &y, &m, &d);
		assert_int_equal(y, t[i].y);
		assert_int_equal(m, t[i].m);
		assert_int_equal(d, t[i].d);
	}
}

static void
test_parse_iso(void **state)
{
	static const struct { const char *s; int ok; int32_t day; } t[] = {
		{ "2024-02-29", 1, 19782 }, { "2023-02-29", 0, 0 },
		{ "1900-02-29", 0, 0 }, { "2000-02-29", 1, 11016 },
		{ "2023-04-31", 0, 0 }, { "2023-13-01", 0, 0 },
		{ "2023-00-10", 0, 0 }, { "2023-4-1", 0, 0 },
		{ "2023-04-01T10:30", 1, 19448 },
		{ "2023-04-01 10:30:59", 1, 19448 },
		{ "2023-04-01T24:00", 0, 0 }, { "2023-04-01T10:3", 0, 0 },
		{ "", 0, 0 }, { "0000-01-01", 0, 0 }, { "9999-12-31", 0, 0 },
		{ "20230401", 0, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int32_t day = -1;
		int rc = date_parse_iso(t[i].s, strlen(t[i].s), &day);

		assert_int_equal(rc == 0, t[i].ok);
		if (t[i].ok)
			assert_int_equal(day, t[i].day);
	}
}

static void
test_periods(void **state)
{
	static const struct {
		int y, m, d; enum period p; const char *label;
		int sy, sm, sd;
	} t[] = {
		{ 2024, 3, 31, PERIOD_FY, "2023-24", 2023, 4, 1 },
		{ 2024, 4, 1, PERIOD_FY, "2024-25", 2024, 4, 1 },
		{ 1999, 12, 31, PERIOD_FY, "1999-00", 1999, 4, 1 },
		{ 2024, 2, 29, PERIOD_MONTH, "2024-02", 2024, 2, 1 },
		{ 2024, 6, 30, PERIOD_QUARTER, "2024-Q2", 2024, 4, 1 },
		{ 2024, 7, 1, PERIOD_QUARTER, "2024-Q3", 2024, 7, 1 },
		{ 2024, 12, 31, PERIOD_YEAR, "2024", 2024, 1, 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char buf[16];
		int32_t day = date_from_ymd(t[i].y, t[i].m, t[i].d);

		period_label(t[i].p, day, buf);
		assert_string_equal(buf, t[i].label);
		assert_int_equal(period_start(t[i].p, day),
		    date_from_ymd(t[i].sy, t[i].sm, t[i].sd));
	}
	assert_int_equal(period_next(PERIOD_FY, date_from_ymd(2024, 3, 31)),
	    date_from_ymd(2024, 4, 1));
}

static void
test_add_months(void **state)
{
	(void)state;
	assert_int_equal(date_add_months(date_from_ymd(2024, 1, 31), 1),
	    date_from_ymd(2024, 2, 29));
	assert_int_equal(date_add_months(date_from_ymd(2024, 2, 29), -12),
	    date_from_ymd(2023, 2, 28));
	assert_int_equal(date_add_months(date_from_ymd(2023, 3, 15), -3),
	    date_from_ymd(2022, 12, 15));
	assert_int_equal(date_add_months(date_from_ymd(2023, 12, 1), 1),
	    date_from_ymd(2024, 1, 1));
}

/* ISO text of a day, and of a year, month and day as they are. */
static void
test_format(void **state)
{
	char buf[16];

	(void)state;
	date_format(date_from_ymd(2024, 2, 29), buf);
	assert_string_equal(buf, "2024-02-29");
	date_format(date_from_ymd(1801, 12, 1), buf);
	assert_string_equal(buf, "1801-12-01");
	date_format_ymd(1985, 2, 31, buf);
	assert_string_equal(buf, "1985-02-31");
	date_format_ymd(987, 7, 4, buf);
	assert_string_equal(buf, "0987-07-04");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_day_numbers),
		cmocka_unit_test(test_parse_iso),
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
