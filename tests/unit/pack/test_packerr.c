/*
 * Unit tests of the errors of a pack run's readers (lib/pack/cases,
 * scan, redact, input) and writers (findings, stage): pack_run() on bad input returns the exit status
 * and fills struct vawg_err, without printing it or exiting.  Expected
 * codes and messages as the manual page and the end-to-end tests give
 * them ("file:line: message", sysexits).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <cmocka.h>

#include "pack/run.h"
#include "../errfile.h"

#define CASES_HEAD "marac_ref,referral_date,meeting_date,victim_forename," \
	"victim_surname,victim_dob,perpetrator_forename,perpetrator_surname," \
	"perpetrator_dob\n"
#define CASE_ROW "M-1,2026-01-02,2026-01-10,Anna,Smith,1990-02-03,Brian," \
	"Jones,1985-05-06\n"

/* Runs a MARAC pack of the cases text (and crimes text when not NULL),
 * the findings to /dev/null; returns the status, e filled. */
static int
run(const char *cases, const char *crimes, const char *redact,
    struct vawg_err *e)
{
	static char *red[1];
	struct pack_opts o;
	char cpath[192], spath[192];

	pack_opts_init(&o);
	snprintf(cpath, sizeof(cpath), "%s", errfile("cases.csv", cases));
	o.cases.path = cpath;
	if (crimes != NULL) {
		snprintf(spath, sizeof(spath), "%s",
		    errfile("crimes.csv", crimes));
		o.src[PACK_CRIME].path = spath;
	}
	if (redact != NULL) {
		red[0] = (char *)redact;
		o.redact = red;
		o.nredact = 1;
	}
	o.findings = "/dev/null";
	return pack_run(&o, e);
}

/* The message after the temporary folder's path. */
static const char *
tail(const struct vawg_err *e)
{
	const char *s = strrchr(e->msg, '/');

	return s != NULL ? s + 1 : e->msg;
}

static void
test_case_list_errors(void **state)
{
	struct vawg_err e;

	assert_int_equal(run("", NULL, NULL, &e), EX_DATAERR);
	assert_int_equal(e.code, EX_DATAERR);
	assert_string_equal(tail(&e), "cases.csv: empty case list");

	assert_int_equal(run("ref,meeting_date\nM-1,2026-01-10\n", NULL,
	    NULL, &e), EX_DATAERR);
	assert_string_equal(tail(&e), "cases.csv: no column marac_ref");

	assert_int_equal(run(CASES_HEAD "M-1,2026-01-02,2026-13-40,Anna,"
	    "Smith,1990-02-03,Brian,Jones,1985-05-06\n", NULL, NULL, &e),
	    EX_DATAERR);
	assert_string_equal(tail(&e), "cases.csv:2: bad date in "
	    "meeting_date");

	assert_int_equal(run(CASES_HEAD CASE_ROW ",2026-01-02,2026-01-10,A,"
	    "B,,C,D,\n", NULL, NULL, &e), EX_DATAERR);
	assert_string_equal(tail(&e), "cases.csv:3: empty marac_ref");

	assert_int_equal(run(CASES_HEAD CASE_ROW "M-2,2026-01-02\n", NULL,
	    NULL, &e), EX_DATAERR);
	assert_string_equal(tail(&e), "cases.csv:3: wrong number of fields");
}

static void
test_source_errors(void **state)
{
	struct vawg_err e;

	assert_int_equal(run(CASES_HEAD CASE_ROW, "ref,victim_surname\n"
	    "C1,Smith\n", NULL, &e), EX_DATAERR);
	assert_string_equal(tail(&e), "crimes.csv: no column crime_ref");

	assert_int_equal(run(CASES_HEAD CASE_ROW, "crime_ref,offence_desc\n"
	    "C1,Harassment\n", NULL, &e), EX_DATAERR);
	assert_string_equal(tail(&e), "crimes.csv: no person columns for a "
	    "crime file");
}

static void
test_redact_error(void **state)
{
	struct vawg_err e;

	assert_int_equal(run(CASES_HEAD CASE_ROW, NULL, "no_such_column", &e),
	    EX_USAGE);
	assert_string_equal(e.msg, "--redact: no column no_such_column in "
	    "any output");
}

static void
test_write_error(void **state)
{
	struct vawg_err e;
	struct pack_opts o;
	char cpath[192];

	pack_opts_init(&o);
	snprintf(cpath, sizeof(cpath), "%s", errfile("cases.csv",
	    CASES_HEAD CASE_ROW));
	o.cases.path = cpath;
	o.findings = "/dev/full";
	assert_int_equal(pack_run(&o, &e), EX_IOERR);
	assert_string_equal(e.msg, "/dev/full: write error");

	/* --html naming a file: refused before anything is read. */
	o.findings = NULL;
	o.html = errfile("pages", "not a folder\n");
	assert_int_equal(pack_run(&o, &e), EX_CANTCREAT);
	assert_string_equal(tail(&e), "pages: not a folder");
}

static void
test_good_run(void **state)
{
	struct vawg_err e;

	assert_int_equal(run(CASES_HEAD CASE_ROW, "crime_ref,committed_date,"
	    "victim_forename,victim_surname,victim_dob\n"
	    "C1,2025-12-01,Anna,Smith,1990-02-03\n", NULL, &e), 0);
	assert_int_equal(e.code, 0);
	assert_string_equal(e.msg, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case_list_errors),
		cmocka_unit_test(test_source_errors),
		cmocka_unit_test(test_redact_error),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_good_run),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
