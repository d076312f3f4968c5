/*
 * Unit tests of lib/dateparse.  Expected dates are written by hand as
 * year, month, day; Excel serials were checked with Python:
 * date(1899, 12, 30) + timedelta(serial), e.g. 45000 -> 2023-03-15.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/dates.h"
#include "core/dateparse.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct dcase {
	const char *s;
	int st;
	int y, m, d;
};

static void
run(const struct dcase *t, size_t n, enum dateparse_order order)
{
	struct dateparse_opts o;
	size_t i;

	o.order = order;
	o.as_of = date_from_ymd(2026, 11, 27);
	for (i = 0; i < n; i++) {
		int32_t day = -99999;
		int st = dateparse(&o, t[i].s, strlen(t[i].s), &day);

		if (st != t[i].st)
			fail_msg("\"%s\": status %d, expected %d", t[i].s, st,
			    t[i].st);
		if (st == DATEPARSE_OK || st == DATEPARSE_EFUTURE)
			if (day != date_from_ymd(t[i].y, t[i].m, t[i].d))
				fail_msg("\"%s\": wrong day", t[i].s);
	}
}

static void
test_forms(void **state)
{
	static const struct dcase t[] = {
		{ "2023-03-15", DATEPARSE_OK, 2023, 3, 15 },
		{ "2023/3/5", DATEPARSE_OK, 2023, 3, 5 },
		{ "20230315", DATEPARSE_OK, 2023, 3, 15 },
		{ "15/03/2023", DATEPARSE_OK, 2023, 3, 15 },
		{ "5/3/2023", DATEPARSE_OK, 2023, 3, 5 },
		{ "5/3/23", DATEPARSE_OK, 2023, 3, 5 },
		{ "5/3/26", DATEPARSE_OK, 2026, 3, 5 },
		{ "5/3/27", DATEPARSE_OK, 1927, 3, 5 },
		{ "01/02/85", DATEPARSE_OK, 1985, 2, 1 },
		{ "15-03-2023", DATEPARSE_OK, 2023, 3, 15 },
		{ "15.03.2023", DATEPARSE_OK, 2023, 3, 15 },
		{ "15 03 2023", DATEPARSE_OK, 2023, 3, 15 },
		{ "15-Mar-2023", DATEPARSE_OK, 2023, 3, 15 },
		{ "15-MAR-23", DATEPARSE_OK, 2023, 3, 15 },
		{ "15 March 2023", DATEPARSE_OK, 2023, 3, 15 },
		{ "1 Sept 2023", DATEPARSE_OK, 2023, 9, 1 },
		{ "1-jun-2023", DATEPARSE_OK, 2023, 6, 1 },
		{ "  15/03/2023 ", DATEPARSE_OK, 2023, 3, 15 },
		/* times are checked, then dropped */
		{ "15/03/2023 14:05", DATEPARSE_OK, 2023, 3, 15 },
		{ "15/03/2023 14:05:59", DATEPARSE_OK, 2023, 3, 15 },
		{ "2023-03-15T14:05:09.123Z", DATEPARSE_OK, 2023, 3, 15 },
		{ "2023-03-15 00:00:00", DATEPARSE_OK, 2023, 3, 15 },
		{ "3/15/2023 2:05 PM", DATEPARSE_EINVALID, 0, 0, 0 },
		{ "15/3/2023 2:05 pm", DATEPARSE_OK, 2023, 3, 15 },
		{ "15-Mar-2023 23:59", DATEPARSE_OK, 2023, 3, 15 },
		/* Excel serial days */
		{ "45000", DATEPARSE_OK, 2023, 3, 15 },
		{ "45366.75", DATEPARSE_OK, 2024, 3, 15 },
		{ "61", DATEPARSE_OK, 1900, 3, 1 },
		{ "60", DATEPARSE_EFORMAT, 0, 0, 0 },
		{ "", DATEPARSE_EMPTY, 0, 0, 0 },
		{ "   ", DATEPARSE_EMPTY, 0, 0, 0 },
	};

	(void)state;
	run(t, N(t), DATEPARSE_DMY);
}

static void
test_refused(void **state)
{
	static const struct dcase t[] = {
		{ "31/02/2023", DATEPARSE_EINVALID, 0, 0, 0 },
		{ "29/02/2023", DATEPARSE_EINVALID, 0, 0, 0 },
		{ "29/02/2024", DATEPARSE_OK, 2024, 2, 29 },
		{ "29/02/1900", DATEPARSE_EINVALID, 0, 0, 0 },
		{ "29/02/2000", DATEPARSE_OK, 2000, 2, 29 },
		{ "31/04/2023", DATEPARSE_EINVALID, 0, 0, 0 },
		{ "13/13/2023", DATEPARSE_EINVALID, 0, 0, 0 },
		{ "00/01/2023", DATEPARSE_EINVALID, 0, 0, 0 },
		{ "2023-02-30", DATEPARSE_EINVALID, 0, 0, 0 },
		{ "20230230", DATEPARSE_EINVALID, 0, 0, 0 },
		{ "15/03-2023", DATEPARSE_EFORMAT, 0, 0, 0 },
		{ "15/03/202", DATEPARSE_EFORMAT, 0, 0, 0 },
		{ "15/03/20233", DATEPARSE_EFORMAT, 0, 0, 0 },
		{ "15/Foo/2023", DATEPARSE_EFORMAT, 0, 0, 0 },
		{ "15/03/2023 25:00", DATEPARSE_EFORMAT, 0, 0, 0 },
		{ "15/03/2023 12:60", DATEPARSE_EFORMAT, 0, 0, 0 },
		{ "15/03/2023 13:00 PM", DATEPARSE_EFORMAT, 0, 0, 0 },
		{ "15/03/2023x", DATEPARSE_EFORMAT, 0, 0, 0 },
		{ "2023-03-15-", DATEPARSE_EFORMAT, 0, 0, 0 },
		{ "yesterday", DATEPARSE_EFORMAT, 0, 0, 0 },
		{ "1.5", DATEPARSE_EFORMAT, 0, 0, 0 },
		{ "123456", DATEPARSE_EFORMAT, 0, 0, 0 },
		{ "1799-12-31", DATEPARSE_EINVALID, 0, 0, 0 },
		/* after the as-of date, 2026-11-27 */
		{ "28/11/2026", DATEPARSE_EFUTURE, 2026, 11, 28 },
		{ "27/11/2026", DATEPARSE_OK, 2026, 11, 27 },
		{ "2027-01-01", DATEPARSE_EFUTURE, 2027, 1, 1 },
		{ "99999", DATEPARSE_EFUTURE, 2173, 10, 13 },
	};

	(void)state;
	run(t, N(t), DATEPARSE_DMY);
}

static void
test_mdy(void **state)
{
	static const struct dcase t[] = {
		{ "03/15/2023", DATEPARSE_OK, 2023, 3, 15 },
		{ "3/4/2023", DATEPARSE_OK, 2023, 3, 4 },
		{ "15/03/2023", DATEPARSE_EINVALID, 0, 0, 0 },
		{ "3/15/2023 2:05 PM", DATEPARSE_OK, 2023, 3, 15 },
		/* names and year-first forms do not depend on the order */
		{ "15-Mar-2023", DATEPARSE_OK, 2023, 3, 15 },
		{ "2023-03-04", DATEPARSE_OK, 2023, 3, 4 },
	};
	enum dateparse_order o;

	(void)state;
	run(t, N(t), DATEPARSE_MDY);
	assert_int_equal(dateparse_order_parse("mdy", &o), 0);
	assert_int_equal(o, DATEPARSE_MDY);
	assert_int_equal(dateparse_order_parse("dmy", &o), 0);
	assert_int_equal(o, DATEPARSE_DMY);
	assert_int_equal(dateparse_order_parse("ymd", &o), -1);
	assert_string_equal(dateparse_strerror(DATEPARSE_EINVALID),
	    "impossible date");
}

static void
test_iso(void **state)
{
	static const struct { const char *s; int st; const char *iso; } t[] = {
		{ "15/03/2023", DATEPARSE_OK, "2023-03-15" },
		{ "5-Jan-1800", DATEPARSE_OK, "1800-01-05" },
		{ "45000", DATEPARSE_OK, "2023-03-15" },
		{ "31/12/2199", DATEPARSE_EFUTURE, "2199-12-31" },
		{ "31/02/2023", DATEPARSE_EINVALID, NULL },
		{ "", DATEPARSE_EMPTY, NULL },
	};
	struct dateparse_opts o = { DATEPARSE_DMY, 0 };
	char out[11];
	int32_t day;
	size_t i;

	(void)state;
	o.as_of = date_from_ymd(2026, 11, 27);
	for (i = 0; i < N(t); i++) {
		assert_int_equal(dateparse_iso(&o, t[i].s, strlen(t[i].s), &day,
		    out), t[i].st);
		if (t[i].iso != NULL)
			assert_string_equal(out, t[i].iso);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_mdy),
		cmocka_unit_test(test_iso),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
