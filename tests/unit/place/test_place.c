/*
 * Unit tests of lib/place.  The projection is checked against the
 * Ordnance Survey's worked example ("A guide to coordinate systems in
 * Great Britain", annexe C: OSGB36 52°39'27.2531"N 1°43'4.5177"E is
 * E 651409.903 N 313177.270); WGS84 points against the OS formulae of
 * tests/data/vawg-stats-place/check.py (Helmert, 2 m); times, cells and
 * postcodes by hand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/err.h"
#include "place/place.h"

static void
test_os_worked_example(void **state)
{
	struct place_proj *p = place_proj_new("EPSG:4277", "EPSG:27700");
	double x = 1 + 43 / 60.0 + 4.5177 / 3600, y = 52 + 39 / 60.0 +
	    27.2531 / 3600;

	(void)state;
	assert_non_null(p);
	assert_int_equal(place_proj_trans(p, &x, &y), 0);
	assert_float_equal(x, 651409.903, 0.002);
	assert_float_equal(y, 313177.270, 0.002);
	place_proj_free(p);
}

static void
test_wgs84_both_ways(void **state)
{
	double e, n, lat, lon;

	(void)state;
	/* check.py's OS formulae: 531129.03 181613.05. */
	assert_int_equal(place_to_bng(51.518226, -0.111497, &e, &n), 0);
	assert_float_equal(e, 531129.03, 2);
	assert_float_equal(n, 181613.05, 2);
	assert_int_equal(place_to_wgs84(e, n, &lat, &lon), 0);
	assert_float_equal(lat, 51.518226, 1e-6);
	assert_float_equal(lon, -0.111497, 1e-6);
	/* Paris, and a grid reference off the grid. */
	assert_int_equal(place_to_bng(48.85, 2.35, &e, &n), -1);
	assert_int_equal(place_to_wgs84(-5, 5, &lat, &lon), -1);
}

static void
test_cells(void **state)
{
	long ce, cn;
	char b[32];

	(void)state;
	place_cell(531249.9, 181250.0, 250, &ce, &cn);
	assert_int_equal(ce, 531000);
	assert_int_equal(cn, 181250);
	place_cell_name(ce, cn, b);
	assert_string_equal(b, "E531000N181250");
	assert_int_equal(place_cell_parse(b, strlen(b), &ce, &cn), 0);
	assert_int_equal(ce, 531000);
	assert_int_equal(cn, 181250);
	assert_int_equal(place_cell_parse("E12", 3, &ce, &cn), -1);
	assert_int_equal(place_cell_parse("E1N", 3, &ce, &cn), -1);
}

static void
test_times(void **state)
{
	static const struct { const char *s; int m; } t[] = {
		{ "21:15", 21 * 60 + 15 }, { "9:05", 9 * 60 + 5 },
		{ "0905", 9 * 60 + 5 }, { "21:15:59", 21 * 60 + 15 },
		{ "9:05pm", 21 * 60 + 5 }, { "12:00 am", 0 },
		{ "12:30pm", 12 * 60 + 30 }, { "24:00", 0 },
		{ "2024-03-01 21:15", 21 * 60 + 15 },
		{ "2024-03-01T21:15:00Z", 21 * 60 + 15 },
		{ "01/03/2024 07:45", 7 * 60 + 45 },
		{ "2024-03-01", -1 }, { "25:00", -1 }, { "21:60", -1 },
		{ "13:00pm", -1 }, { "", -1 }, { "noon", -1 }, { "21:5", -1 },
	};
	size_t i;
	char b[6];

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(place_time(t[i].s, strlen(t[i].s)), t[i].m);
	place_time_format(21 * 60 + 5, b);
	assert_string_equal(b, "21:05");
}

static void
test_postcodes(void **state)
{
	char b[16];

	(void)state;
	assert_int_equal(place_pc_district("N22 6XY", 7, b), 3);
	assert_string_equal(b, "N22");
	assert_int_equal(place_pc_sector("N22 6XY", 7, b), 5);
	assert_string_equal(b, "N22 6");
	assert_int_equal(place_pc_sector("EC1A 1BB", 8, b), 6);
	assert_string_equal(b, "EC1A 1");
	assert_int_equal(place_pc_district("N22", 3, b), 3);
	assert_int_equal(place_pc_sector("N22", 3, b), 0);
	assert_int_equal(place_pc_district("22N", 3, b), 0);
}

/* place_grid_init(): 0 where PROJ has its data. */
static void
test_grid_init(void **state)
{
	struct vawg_err e = { 0 };

	(void)state;
	assert_int_equal(place_grid_init(&e), 0);
	assert_int_equal(e.code, 0);
}

/*
 * Without PROJ's data (PROJ_DATA naming an empty place, in a child, as
 * the conversions are made once per process): 70 and the message
 * returned, the child goes on to exit as it chooses.
 */
static void
test_grid_init_no_data(void **state)
{
	pid_t pid;
	int st;

	(void)state;
	fflush(NULL);
	if ((pid = fork()) == 0) {
		struct vawg_err e = { 0 };

		setenv("PROJ_DATA", "/nonexistent", 1);
		setenv("PROJ_LIB", "/nonexistent", 1);
		freopen("/dev/null", "w", stderr);
		if (place_grid_init(&e) != 70 || e.code != 70)
			_exit(1);
		if (strcmp(e.msg, "PROJ cannot convert EPSG:4326 to "
		    "EPSG:27700 (is proj-data installed?)") != 0)
			_exit(2);
		_exit(0);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

/*
 * place_number() against strtod(): every number of up to 15 digits (the
 * fast path) and longer ones, signs, leading and trailing points, the
 * same double bit for bit; and what is no number.
 */
static void
test_number(void **state)
{
	static const char *const bad[] = { "", ".", "-", "+.", "1.2.3",
		"1e5", "0x10", " 1", "1 ", "--1", "1-", "nan", "inf",
		"1234567890123456789012345678901234567890" };
	char buf[64];
	double v, w;
	unsigned long long x = 88172645463325252ULL;
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(place_number(bad[i], strlen(bad[i]), &v), -1);
	for (i = 0; i < 200000; i++) {
		int digits, point, sign;
		size_t n = 0;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		digits = 1 + (int)(x % 20);
		point = (int)((x >> 8) % (unsigned)(digits + 2)) - 1;
		sign = (int)((x >> 16) % 3);
		if (sign)
			buf[n++] = sign == 1 ? '-' : '+';
		for (k = 0; k < digits; k++) {
			if (k == point)
				buf[n++] = '.';
			buf[n++] = (char)('0' + (x >> (20 + k % 40)) % 10);
		}
		if (point == digits)
			buf[n++] = '.';
		buf[n] = '\0';
		assert_int_equal(place_number(buf, n, &v), 0);
		w = strtod(buf, NULL);
		if (memcmp(&v, &w, sizeof v) != 0)
			fail_msg("%s: %.17g, strtod %.17g", buf, v, w);
	}
	assert_int_equal(place_number("-0.000000", 9, &v), 0);
	assert_true(v == 0 && signbit(v));
	assert_int_equal(place_number("51.579129", 9, &v), 0);
	snprintf(buf, sizeof buf, "%.6f", v);
	assert_string_equal(buf, "51.579129");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		/* First: before any conversion is made in this process. */
		cmocka_unit_test(test_grid_init_no_data),
		cmocka_unit_test(test_os_worked_example),
		cmocka_unit_test(test_wgs84_both_ways),
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_postcodes),
		cmocka_unit_test(test_grid_init),
		cmocka_unit_test(test_number),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
