/*
 * Unit tests of lib/rank/rankrun: whole counts as options take them,
 * and "wanted now" in a whole run (wanted by the as-of date, not
 * arrested by then), worked out by hand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/dates.h"
#include "rank/rankrun.h"

static void
test_parse_count(void **state)
{
	(void)state;
	assert_int_equal(rank_parse_count("0", 10), 0);
	assert_int_equal(rank_parse_count("42", 100), 42);
	assert_int_equal(rank_parse_count("007", 100), 7);
	assert_int_equal(rank_parse_count("100", 100), 100);
	assert_int_equal(rank_parse_count("101", 100), -1);
	assert_int_equal(rank_parse_count("", 100), -1);
	assert_int_equal(rank_parse_count("-1", 100), -1);
	assert_int_equal(rank_parse_count("+1", 100), -1);
	assert_int_equal(rank_parse_count(" 1", 100), -1);
	assert_int_equal(rank_parse_count("1x", 100), -1);
	assert_int_equal(rank_parse_count("1.0", 100), -1);
	assert_int_equal(rank_parse_count("99999999999999999999999",
	    LONG_MAX), -1);
}

static void
write_file(char *path, const char *text)
{
	FILE *fp;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* The flags field (the last) of the row of id in the list at path. */
static void
flags_of(const char *path, const char *id, char *flags, size_t cap)
{
	FILE *fp = fopen(path, "r");
	char line[1024], key[64];
	const char *c;
	int found = 0;

	assert_non_null(fp);
	snprintf(key, sizeof(key), ",%s,", id);
	flags[0] = '\0';
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (strstr(line, key) == NULL)
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		c = strrchr(line, ',');
		snprintf(flags, cap, "%s", c + 1);
		found = 1;
		break;
	}
	fclose(fp);
	assert_true(found);
}

static void
test_wanted_now(void **state)
{
	char crimes[] = "/tmp/test_rankrun.c.XXXXXX";
	char wanted[] = "/tmp/test_rankrun.w.XXXXXX";
	char out[] = "/tmp/test_rankrun.o.XXXXXX";
	char *files[1] = { crimes };
	char flags[64];
	struct rank_opts o = {
		.idcol = "suspect_id", .datecol = "reported_date",
		.victimcol = "victim_id", .window = 365, .top = 0,
		.excel_safe = 1,
	};
	struct vawg_err e;
	int fd;

	(void)state;
	write_file(crimes,
	    "suspect_id,reported_date,offence_code,vawg\n"
	    "P1,2026-10-01,008/01,Y\n"
	    "P2,2026-10-01,008/01,Y\n"
	    "P3,2026-10-01,008/01,Y\n"
	    "P4,2026-10-01,008/01,Y\n"
	    "P5,2026-10-01,008/01,Y\n"
	    "P6,2026-10-01,008/01,Y\n");
	/*
	 * As of 2026-10-31: P1 wanted, never arrested: wanted now.  P2
	 * wanted only after the as-of date: not, and its arrest date is
	 * not read.  P3 arrested on the as-of date: not.  P4 arrested the
	 * day after: wanted now.  P5's arrest date is no date: the row is
	 * rejected.  P6 has no wanted date, no arrest: wanted now.
	 */
	write_file(wanted,
	    "person_id,wanted_date,arrest_date\n"
	    "P1,2026-10-01,\n"
	    "P2,2026-11-05,not a date\n"
	    "P3,2026-10-01,2026-10-31\n"
	    "P4,2026-10-01,2026-11-01\n"
	    "P5,2026-10-01,not a date\n"
	    "P6,,\n");
	fd = mkstemp(out);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(date_parse_iso("2026-10-31", 10, &o.as_of), 0);
	o.wanted = wanted;
	o.out = out;
	/* One row rejected (P5): exit 1. */
	assert_int_equal(rank_run(&o, 1, files, &e), 1);
	assert_int_equal(e.code, 0);
	flags_of(out, "P1", flags, sizeof(flags));
	assert_non_null(strstr(flags, "wanted"));
	flags_of(out, "P2", flags, sizeof(flags));
	assert_null(strstr(flags, "wanted"));
	flags_of(out, "P3", flags, sizeof(flags));
	assert_null(strstr(flags, "wanted"));
	flags_of(out, "P4", flags, sizeof(flags));
	assert_non_null(strstr(flags, "wanted"));
	flags_of(out, "P5", flags, sizeof(flags));
	assert_null(strstr(flags, "wanted"));
	flags_of(out, "P6", flags, sizeof(flags));
	assert_non_null(strstr(flags, "wanted"));
	unlink(crimes);
	unlink(wanted);
	unlink(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_count),
		cmocka_unit_test(test_wanted_now),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
