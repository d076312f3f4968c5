/*
 * Unit tests of lib/harm: the built-in table (values from FACTS.md
 * section 6.1a, the Home Office subgroup medians), code normalisation,
 * the "*" fallback, and every way a table can be bad.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/err.h"
#include "kinds/harm.h"

/* Writes text to a temporary file; returns its path (static buffer). */
static const char *
tmpfile_with(const char *text)
{
	static char path[64];
	FILE *fp;
	int fd;

	strcpy(path, "/tmp/test_harm.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	return path;
}

static void
test_builtin_values(void **state)
{
	/* Subgroup medians: homicide 5475, rape 2555, other sexual
	 * 182.25, violence with injury 365, violence without injury 10,
	 * stalking and harassment 10, public order 7.5. */
	static const struct { const char *code; int listed; double days; } t[] = {
		{ "1", 1, 5475 }, { "4/1", 1, 5475 }, { "4.1", 1, 5475 },
		{ " 4 / 10 ", 1, 5475 }, { "19C", 1, 2555 }, { "19c", 1, 2555 },
		{ "19H", 1, 2555 }, { "20A", 1, 182.25 }, { "88e", 1, 182.25 },
		{ "8N", 1, 365 }, { "5D", 1, 365 }, { "8K", 1, 365 },
		{ "105A", 1, 10 }, { "3B", 1, 10 }, { "8L", 1, 10 },
		{ "8Q", 1, 10 }, { "8U", 1, 10 }, { "9A", 1, 7.5 },
		{ "9B", 1, 7.5 }, { "99Z", 0, 10 }, { "", 0, 10 },
		{ "   ", 0, 10 }, { "19", 0, 10 }, { "4/", 0, 10 },
	};
	struct harm *h;
	struct vawg_err e = { 0 };
	size_t i;

	(void)state;
	h = harm_load(NULL, &e);
	assert_non_null(h);
	assert_int_equal(e.code, 0);
	assert_int_equal(harm_count(h), 49);
	assert_true(harm_has_default(h));
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		double d = -1;

		assert_int_equal(harm_lookup(h, t[i].code, strlen(t[i].code),
		    &d), t[i].listed);
		assert_true(d == t[i].days);
	}
	harm_free(h);
}

/* data/harm.csv, the shipped file, is the built-in table byte for byte. */
static void
test_builtin_is_data_file(void **state)
{
	const char *top = getenv("VAWG_TOP");
	char path[4096], *buf;
	FILE *fp;
	size_t n, want = strlen(harm_default_csv);

	(void)state;
	snprintf(path, sizeof(path), "%s/data/harm.csv", top ? top : ".");
	fp = fopen(path, "rb");
	assert_non_null(fp);
	buf = malloc(want + 2);
	n = fread(buf, 1, want + 1, fp);
	fclose(fp);
	assert_int_equal(n, want);
	assert_memory_equal(buf, harm_default_csv, want);
	free(buf);
}

static void
test_file_table(void **state)
{
	const char *p = tmpfile_with("source,harm_days,offence_code\n"
	    "x,1825,19C\ny,0.5,8l\nz,0,105A\n");
	struct harm *h;
	struct vawg_err e = { 0 };
	double d;

	(void)state;
	h = harm_load(p, &e);
	unlink(p);
	assert_non_null(h);
	assert_int_equal(harm_count(h), 3);
	assert_false(harm_has_default(h));
	assert_int_equal(harm_lookup(h, "19C", 3, &d), 1);
	assert_true(d == 1825);
	assert_int_equal(harm_lookup(h, "8L", 2, &d), 1);
	assert_true(d == 0.5);
	assert_int_equal(harm_lookup(h, "105A", 4, &d), 1);
	assert_true(d == 0);
	/* No "*" row: an unlisted code has no harm. */
	assert_int_equal(harm_lookup(h, "8N", 2, &d), 0);
	assert_true(d == 0);
	harm_free(h);
}

static void
test_bad_tables(void **state)
{
	static const char *const bad[] = {
		"",
		"offence_code,days\n19C,10\n",
		"code,harm_days\n19C,10\n",
		"offence_code,harm_days\n19C,-1\n",
		"offence_code,harm_days\n19C,abc\n",
		"offence_code,harm_days\n19C,\n",
		"offence_code,harm_days\n19C,100001\n",
		"offence_code,harm_days\n19C,1e3\n",
		"offence_code,harm_days\n19C,10 days\n",
		"offence_code,harm_days\n,10\n",
		"offence_code,harm_days\n4/1,10\n4.1,20\n",
		"offence_code,harm_days\n*,10\n*,20\n",
		"offence_code,harm_days\n19C,1\"0\n",
	};
	/* The message after "file:"; worked out from each table by hand. */
	static const char *const why[] = {
		" empty harm table",
		"1: harm table needs offence_code and harm_days columns",
		"1: harm table needs offence_code and harm_days columns",
		"2: harm_days is not a number of days from 0 to 100000",
		"2: harm_days is not a number of days from 0 to 100000",
		"2: harm_days is not a number of days from 0 to 100000",
		"2: harm_days is not a number of days from 0 to 100000",
		"2: harm_days is not a number of days from 0 to 100000",
		"2: harm_days is not a number of days from 0 to 100000",
		"2: empty or overlong offence_code",
		"3: repeated offence_code",
		"3: repeated offence_code",
		"2: ",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *p = tmpfile_with(bad[i]);
		struct vawg_err e = { 0 };
		char want[512];

		assert_null(harm_load(p, &e));
		assert_int_equal(e.code, 65);
		snprintf(want, sizeof(want), "%s:%s", p, why[i]);
		assert_true(strncmp(e.msg, want, strlen(want)) == 0);
		unlink(p);
	}
}

static void
test_missing_file(void **state)
{
	struct vawg_err e = { 0 };

	(void)state;
	assert_null(harm_load("/nonexistent/harm.csv", &e));
	assert_int_equal(e.code, 66);
	assert_string_equal(e.msg, "/nonexistent/harm.csv: No such file or "
	    "directory");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_values),
		cmocka_unit_test(test_builtin_is_data_file),
		cmocka_unit_test(test_file_table),
		cmocka_unit_test(test_bad_tables),
		cmocka_unit_test(test_missing_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
