/*
 * Unit tests of ingest_run() (lib/ingest) on input that ends the run: it
 * returns the status and the message vawg-ingest prints, leaves no
 * output file behind, and the process goes on (no exit).  An input that
 * cannot be opened is not such an error: 66, the others still read.
 * Leaks are checked by make check-asan.
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
#include "ingest/ingest.h"
#include "../errfile.h"

static char outpath[256];

/* Ingests files as kind crime (as of 2026-11-28) into outpath. */
static int
ingest(int strict, enum ingest_profile profile, int n, char **files,
    struct vawg_err *e)
{
	struct ingest_opts o;

	memset(&o, 0, sizeof(o));
	o.kind = kind_find("crime");
	assert_non_null(o.kind);
	dateparse_defaults(&o.dp);
	o.dp.as_of = date_from_ymd(2026, 11, 28);
	o.profile = profile;
	o.strict = strict;
	snprintf(outpath, sizeof(outpath), "%s.out", files[0]);
	o.out = outpath;
	return ingest_run(&o, n, files, e);
}

/* Fails with code and "path<rest>"; no output file left. */
static void
expect(int rc, const struct vawg_err *e, int code, const char *path,
    const char *rest)
{
	char want[512];

	snprintf(want, sizeof(want), "%s%s", path, rest);
	assert_int_equal(rc, code);
	assert_int_equal(e->code, code);
	assert_string_equal(e->msg, want);
	assert_int_equal(access(outpath, F_OK), -1);
}

static void
test_bad_header(void **state)
{
	struct vawg_err e;
	char p[256];
	char *files[] = { p };

	(void)state;
	snprintf(p, sizeof(p), "%s", errfile("h.csv", "foo,bar\n1,2\n"));
	expect(ingest(0, INGEST_PLAIN, 1, files, &e), &e, EX_DATAERR, p,
	    ":1: no column crime_ref among the 2 columns of the header; "
	    "is the header line missing?");
	expect(ingest(0, INGEST_UKP_STREET, 1, files, &e), &e, EX_DATAERR, p,
	    ":1: no column \"Crime ID\" for --profile among the 2 columns of "
	    "the header; is the header line missing?");
}

static void
test_empty(void **state)
{
	struct vawg_err e;
	char p[256];
	char *files[] = { p };

	(void)state;
	snprintf(p, sizeof(p), "%s", errfile("e.csv", ""));
	expect(ingest(0, INGEST_PLAIN, 1, files, &e), &e, EX_DATAERR, p,
	    ": empty input: no header");
}

/* --strict: the first rejected row (line 3) ends the run. */
static void
test_strict(void **state)
{
	struct vawg_err e;
	char p[256];
	char *files[] = { p };

	(void)state;
	snprintf(p, sizeof(p), "%s", errfile("s.csv",
	    "crime_ref,reported_date,offence_code\n"
	    "A1,2026-11-20,8N\nA2,2026-02-30,8N\nA3,2026-11-20,8N\n"));
	expect(ingest(1, INGEST_PLAIN, 1, files, &e), &e, EX_DATAERR, p,
	    ":3: reported_date: impossible date");
}

/* A second input with a column the first lacks, after rows written. */
static void
test_second_input(void **state)
{
	struct vawg_err e;
	char a[256], b[256];
	char *files[] = { a, b };

	(void)state;
	snprintf(a, sizeof(a), "%s", errfile("a.csv",
	    "crime_ref,reported_date,offence_code,x\nA1,2026-11-20,8N,1\n"));
	snprintf(b, sizeof(b), "%s", errfile("b.csv",
	    "crime_ref,reported_date,offence_code,y\nA1,2026-11-20,8N,1\n"));
	expect(ingest(0, INGEST_PLAIN, 2, files, &e), &e, EX_DATAERR, b,
	    ":1: column 4 is not in the first input: ingest it separately");
}

/*
 * police.uk outcomes, one row per crime: the crimes of the first input
 * are kept in memory when the second stops the run (freed: make
 * check-asan).
 */
static void
test_outcomes_stop(void **state)
{
	struct vawg_err e;
	char a[256], b[256];
	char *files[] = { a, b };

	(void)state;
	snprintf(a, sizeof(a), "%s", errfile("o1.csv",
	    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,"
	    "Location,LSOA code,LSOA name,Outcome type\n"
	    "c1,2026-09,Met,Met,-0.1,51.5,On or near X,E01,Y,"
	    "Under investigation\n"));
	snprintf(b, sizeof(b), "%s", errfile("o2.csv", "Crime ID,Month\n"));
	expect(ingest(0, INGEST_UKP_OUTCOMES, 2, files, &e), &e, EX_DATAERR,
	    b, ":1: no column \"Reported by\" for --profile among the 2 "
	    "columns of the header; is the header line missing?");
}

/* A file that begins like a workbook but is not one. */
static void
test_bad_workbook(void **state)
{
	struct vawg_err e;
	char p[256];
	char *files[] = { p };

	(void)state;
	snprintf(p, sizeof(p), "%s", errfile("w.xlsx", "PK\003\004garbage"));
	expect(ingest(0, INGEST_PLAIN, 1, files, &e), &e, EX_DATAERR, p,
	    ": not a zip archive, so not a .xlsx workbook (truncated or "
	    "damaged?)");
}

/* An input that cannot be opened: 66, no error set, the rest written. */
static void
test_unreadable(void **state)
{
	struct vawg_err e;
	char a[256];
	char *files[] = { a, "/nonexistent/in.csv" };

	(void)state;
	snprintf(a, sizeof(a), "%s", errfile("ok.csv",
	    "crime_ref,reported_date,offence_code\nA1,2026-11-20,8N\n"));
	assert_int_equal(ingest(0, INGEST_PLAIN, 2, files, &e), EX_NOINPUT);
	assert_int_equal(e.code, 0);
	assert_int_equal(access(outpath, F_OK), 0);
	unlink(outpath);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_header),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_strict),
		cmocka_unit_test(test_second_input),
		cmocka_unit_test(test_outcomes_stop),
		cmocka_unit_test(test_bad_workbook),
		cmocka_unit_test(test_unreadable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
