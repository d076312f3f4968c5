/*
 * Unit tests of a vawg-stats run and of headline on bad input: the
 * library returns the status and the message the command prints
 * (stats_run(), stats_headline()), and the process goes on.  Leaks are
 * checked by make check-asan.
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
#include <cmocka.h>

#include "core/err.h"
#include "stats/stats.h"
#include "../errfile.h"

static const char crimes[] =
    "crime_ref,recorded_date,borough,outcome_date\n"
    "C1,2024-01-05,North,\n"
    "C2,2024-02-07,South,\n";

/* Runs metric over path; returns the status, e filled. */
static int
run(const char *metric, char **by, size_t nby, const char *popfile,
    const char *path, struct vawg_err *e)
{
	struct stats_opts o;
	char *inputs[2] = { (char *)path, NULL };
	FILE *fp = tmpfile();
	int rc;

	assert_non_null(fp);
	stats_opts_init(&o);
	o.metric = stats_metric(metric);
	assert_non_null(o.metric);
	o.by = by;
	o.nby = nby;
	o.popfile = popfile;
	o.period = PERIOD_ALL;
	assert_null(stats_check(&o));
	rc = stats_run(&o, inputs, fp, "out.csv", 0, e);
	fclose(fp);
	return rc;
}

static void
expect(const struct vawg_err *e, const char *path, const char *rest)
{
	char want[512];

	snprintf(want, sizeof(want), "%s%s", path, rest);
	assert_string_equal(e->msg, want);
}

/* A --by column the input lacks. */
static void
test_missing_by(void **state)
{
	struct vawg_err e;
	char *by[] = { "force" };
	const char *p = errfile("c.csv", crimes);

	(void)state;
	assert_int_equal(run("count", by, 1, NULL, p, &e), EX_DATAERR);
	assert_int_equal(e.code, EX_DATAERR);
	expect(&e, p, ":1: missing column force");
}

/* A metric's own column check (outcomes: outcome_code or group). */
static void
test_metric_check(void **state)
{
	struct vawg_err e;
	const char *p = errfile("c2.csv", crimes);

	(void)state;
	assert_int_equal(run("outcomes", NULL, 0, NULL, p, &e), EX_DATAERR);
	expect(&e, p, ":1: missing column outcome_code (or outcome_group)");
}

/* A good run: code 0. */
static void
test_good(void **state)
{
	struct vawg_err e;
	const char *p = errfile("c3.csv", crimes);

	(void)state;
	assert_int_equal(run("count", NULL, 0, NULL, p, &e), 0);
	assert_int_equal(e.code, 0);
}

/* A bad population file met when the table is written. */
static void
test_population(void **state)
{
	struct vawg_err e;
	const char *p, *pop;
	char popname[256];

	(void)state;
	pop = errfile("pop.csv", "area,year\nNorth,2024\n");
	snprintf(popname, sizeof(popname), "%s", pop);
	p = errfile("o.csv", "order_ref,applied_date,order_type,decision,"
	    "granted_date,expiry_date,borough\n"
	    "O1,2024-01-02,DVPO,granted,2024-01-03,2024-03-01,North\n");
	assert_int_equal(run("orders", NULL, 0, popname, p, &e), EX_DATAERR);
	expect(&e, popname, ":1: missing column population");
}

static int
headline(const char *spec, struct vawg_err *e)
{
	FILE *fp = tmpfile();
	int rc;

	assert_non_null(fp);
	rc = stats_headline(spec, NULL, NULL, 0, fp, "out.csv", e);
	fclose(fp);
	return rc;
}

static void
test_headline_spec(void **state)
{
	struct vawg_err e;
	const char *p;

	(void)state;
	p = errfile("s1.csv", "measure,num,denominator,where,now\n");
	assert_int_equal(headline(p, &e), EX_DATAERR);
	expect(&e, p, ":1: the spec's columns begin measure,numerator,"
	    "denominator,where");
	p = errfile("s2.csv", "measure,numerator,denominator,where\n");
	assert_int_equal(headline(p, &e), EX_DATAERR);
	expect(&e, p, ":1: the spec names no figure column");
	p = errfile("s3.csv", "");
	assert_int_equal(headline(p, &e), EX_DATAERR);
	expect(&e, p, ":1: empty spec");
}

/* A table without the numerator column; a cell not a number. */
static void
test_headline_table(void **state)
{
	struct vawg_err e;
	char spec[512], t[256];
	const char *p;

	(void)state;
	p = errfile("t.csv", "period,n\n2024-01,3\n2024-02,x\n");
	snprintf(t, sizeof(t), "%s", p);
	snprintf(spec, sizeof(spec), "measure,numerator,denominator,where,a\n"
	    "m,count,,,%s\n", t);
	assert_int_equal(headline(errfile("s4.csv", spec), &e), EX_DATAERR);
	expect(&e, t, ":1: missing column count");
	snprintf(spec, sizeof(spec), "measure,numerator,denominator,where,a\n"
	    "m,n,,,%s\n", t);
	assert_int_equal(headline(errfile("s5.csv", spec), &e), EX_DATAERR);
	expect(&e, t, ":3: column n: not a number");
	p = errfile("s6.csv", "measure,numerator,denominator,where,a\n"
	    "m,n,,period,t.csv\n");
	assert_int_equal(headline(p, &e), EX_DATAERR);
	expect(&e, p, ":2: column where: expected COLUMN=VALUE");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_by),
		cmocka_unit_test(test_metric_check),
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_population),
		cmocka_unit_test(test_headline_spec),
		cmocka_unit_test(test_headline_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
