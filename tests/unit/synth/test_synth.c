/*
 * Unit tests of lib/synth: kind names, data set sizes, determinism of
 * the writer and its report of a failed write.  Column contents are
 * checked end to end in tests/vawg-synth.bats with Python.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/err.h"
#include "synth/synth.h"

static void
test_kinds(void **state)
{
	static const char *const names[] = {
		"crime", "wanted", "order", "marac", "disclosure",
		"engagement", "population",
	};
	enum synth_kind k;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		assert_int_equal(synth_kind_parse(names[i], &k), 0);
		assert_int_equal(k, (enum synth_kind)i);
		assert_string_equal(synth_kind_name(k), names[i]);
	}
	assert_int_equal(synth_kind_parse("crimes", &k), -1);
	assert_int_equal(synth_kind_parse("", &k), -1);
	assert_int_equal(synth_kind_parse("Crime", &k), -1);
	assert_string_equal(synth_bad_name(SYNTH_BAD_PNC_CHECK),
	    "bad_pnc_check");
}

static void
test_sizes(void **state)
{
	struct synth_opts o = SYNTH_OPTS_DEFAULT;

	(void)state;
	assert_int_equal(synth_rows_at(SYNTH_CRIME, &o), 33000);
	o.scale = 0.5;
	assert_int_equal(synth_rows_at(SYNTH_CRIME, &o), 16500);
	o.scale = 1e-9;
	assert_int_equal(synth_rows_at(SYNTH_CRIME, &o), 1);
	/* Population: 23 areas (BCU, 2 boroughs, 20 wards) times the
	 * calendar years of October 2023 to September 2026 (4), or of
	 * January 2023 to December 2025 (3) when the data end in January. */
	assert_int_equal(synth_rows_at(SYNTH_POPULATION, &o), 92);
	o.end_month = 1;
	assert_int_equal(synth_rows_at(SYNTH_POPULATION, &o), 69);
}

/* Writes rows of kind k with seed into a memory buffer. */
static char *
gen(enum synth_kind k, uint64_t rows, uint64_t seed, int raw, size_t *len)
{
	struct synth_opts o = SYNTH_OPTS_DEFAULT;
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);

	assert_non_null(fp);
	o.seed = seed;
	o.scale = 0;
	assert_int_equal(synth_write_kind(fp, k, rows, raw, &o), 0);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

static void
test_deterministic(void **state)
{
	int k;

	(void)state;
	for (k = 0; k < SYNTH_NKINDS; k++) {
		size_t na, nb, nc;
		char *a = gen((enum synth_kind)k, 200, 77, k % 2, &na);
		char *b = gen((enum synth_kind)k, 200, 77, k % 2, &nb);
		char *c = gen((enum synth_kind)k, 200, 78, k % 2, &nc);

		assert_int_equal(na, nb);
		assert_memory_equal(a, b, na);
		if (k != SYNTH_POPULATION)
			assert_true(na != nc || memcmp(a, c, na) != 0);
		free(a);
		free(b);
		free(c);
	}
}

static void
test_header_only(void **state)
{
	size_t n;
	char *s = gen(SYNTH_POPULATION, 0, 1, 0, &n);

	(void)state;
	assert_string_equal(s, "area,year,population,female_16plus\n");
	free(s);
	s = gen(SYNTH_POPULATION, 0, 1, 1, &n);
	assert_string_equal(s, "Area,Year,All persons,Females 16+\n");
	free(s);
}

static void
test_write_error(void **state)
{
	struct synth_opts o = SYNTH_OPTS_DEFAULT;
	FILE *fp = fopen("/dev/full", "w");

	(void)state;
	if (fp == NULL)
		skip();
	assert_int_equal(synth_write_kind(fp, SYNTH_CRIME, 5000, 0, &o), -1);
	fclose(fp);
}

/*
 * A data set folder that cannot be made: 73 and the system's message
 * returned, not exited on.
 */
static void
test_write_all_error(void **state)
{
	struct synth_opts o = SYNTH_OPTS_DEFAULT;
	struct vawg_err e = { 0 };

	(void)state;
	assert_int_equal(synth_write_all("/dev/null/set", &o, &e), 73);
	assert_int_equal(e.code, 73);
	assert_string_equal(e.msg, "/dev/null/set: Not a directory");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_header_only),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_write_all_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
