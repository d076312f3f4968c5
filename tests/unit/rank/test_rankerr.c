/*
 * Unit tests of a vawg-rank run on input that ends it: the readers and
 * the weights return the status and the message vawg-rank prints
 * (rank_run() fills a struct vawg_err), no list is written, and the
 * process goes on (no exit).  Leaks are checked by make check-asan.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/dates.h"
#include "core/err.h"
#include "rank/rankrun.h"
#include "../errfile.h"

static const char crimes[] =
    "suspect_id,reported_date,offence_code,vawg\n"
    "P1,2026-10-01,008/01,Y\n"
    "P2,2026-10-02,008/01,Y\n";

static char outpath[256];

/* Runs over the crimes at path, with the options in *o. */
static int
run(struct rank_opts *o, const char *path, struct vawg_err *e)
{
	char *files[] = { (char *)path };

	o->idcol = "suspect_id";
	o->datecol = "reported_date";
	o->victimcol = "victim_id";
	o->window = 365;
	assert_int_equal(date_parse_iso("2026-10-31", 10, &o->as_of), 0);
	snprintf(outpath, sizeof(outpath), "%s.out", path);
	o->out = outpath;
	return rank_run(o, 1, files, e);
}

static void
expect(int rc, const struct vawg_err *e, const char *path, const char *rest)
{
	char want[512];

	snprintf(want, sizeof(want), "%s%s", path, rest);
	assert_int_equal(rc, EX_DATAERR);
	assert_int_equal(e->code, EX_DATAERR);
	assert_string_equal(e->msg, want);
	assert_int_equal(access(outpath, F_OK), -1);
}

/* A crimes file without offence_code; without da_flag for --da-only. */
static void
test_crimes_column(void **state)
{
	struct rank_opts o = { 0 };
	struct vawg_err e;
	char p[256];

	(void)state;
	snprintf(p, sizeof(p), "%s", errfile("c.csv",
	    "suspect_id,reported_date\nP1,2026-10-01\n"));
	expect(run(&o, p, &e), &e, p, ":1: no offence_code column");
	o.da_only = 1;
	snprintf(p, sizeof(p), "%s", errfile("c2.csv", crimes));
	expect(run(&o, p, &e), &e, p, ":1: no da_flag column");
}

/* The aggravator files: a column each needs. */
static void
test_aggravators(void **state)
{
	struct rank_opts o = { 0 };
	struct vawg_err e;
	char p[256], agg[256];

	(void)state;
	snprintf(p, sizeof(p), "%s", errfile("c3.csv", crimes));
	snprintf(agg, sizeof(agg), "%s", errfile("orders.csv",
	    "respondent_id,granted_date\nP1,2026-01-01\n"));
	o.orders = agg;
	expect(run(&o, p, &e), &e, agg, ":1: no breach_count column");
	o.orders = NULL;
	snprintf(agg, sizeof(agg), "%s", errfile("wanted.csv",
	    "wanted_date,arrest_date\n2026-01-01,\n"));
	o.wanted = agg;
	expect(run(&o, p, &e), &e, agg, ":1: no person_id column");
}

/* Last month's list: a repeated id, a bad rank; what was read freed. */
static void
test_previous(void **state)
{
	struct rank_opts o = { 0 };
	struct vawg_err e;
	char p[256], prev[256];

	(void)state;
	snprintf(p, sizeof(p), "%s", errfile("c4.csv", crimes));
	snprintf(prev, sizeof(prev), "%s", errfile("prev.csv",
	    "rank,suspect_id\n1,P1\n2,P2\n3,P1\n"));
	o.previous = prev;
	expect(run(&o, p, &e), &e, prev, ":4: repeated suspect_id");
	snprintf(prev, sizeof(prev), "%s", errfile("prev2.csv",
	    "rank,suspect_id\n1,P1\n0,P2\n"));
	o.previous = prev;
	expect(run(&o, p, &e), &e, prev,
	    ":3: rank is not a whole number from 1");
}

/* A weights file with an unknown weight. */
static void
test_weights(void **state)
{
	struct rank_opts o = { 0 };
	struct vawg_err e;
	char p[256], w[256];

	(void)state;
	snprintf(p, sizeof(p), "%s", errfile("c5.csv", crimes));
	snprintf(w, sizeof(w), "%s", errfile("w.csv",
	    "weight,value\nrecency,1\nloudness,2\n"));
	o.weightsfile = w;
	expect(run(&o, p, &e), &e, w, ":3: unknown weight name");
}

/* A good run: 0, no error, the list written. */
static void
test_good(void **state)
{
	struct rank_opts o = { 0 };
	struct vawg_err e;
	char p[256];

	(void)state;
	snprintf(p, sizeof(p), "%s", errfile("c6.csv", crimes));
	assert_int_equal(run(&o, p, &e), 0);
	assert_int_equal(e.code, 0);
	assert_int_equal(access(outpath, F_OK), 0);
	unlink(outpath);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crimes_column),
		cmocka_unit_test(test_aggravators),
		cmocka_unit_test(test_previous),
		cmocka_unit_test(test_weights),
		cmocka_unit_test(test_good),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
