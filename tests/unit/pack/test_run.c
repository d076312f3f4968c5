/*
 * Unit tests of lib/pack/run and lib/pack/redact: the defaults of a
 * run, where the summary goes, and which columns --redact blanks.
 * Expected values worked out by hand from the rules in the headers and
 * the manual page (families match a word of the column name split at
 * '_', whatever the role).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pack/run.h"
#include "pack/run_int.h"

static void
test_defaults(void **state)
{
	struct pack_opts o;

	pack_opts_init(&o);
	assert_int_equal(o.lookback, 12);
	assert_int_equal(o.mode, 0600);
	assert_true(o.threshold == 0.0);
	assert_true(o.grey == 4.0);
	assert_true(o.as_of == PACK_NODATE);
	assert_int_equal(o.excel_safe, 1);
	assert_int_equal(o.strict, 0);
	assert_null(o.cases.path);
	assert_null(o.src[PACK_ENGAGEMENT].path);
}

static void
test_summary_path(void **state)
{
	struct pack_opts o;

	pack_opts_init(&o);
	/* Nothing asked for: the summary goes to standard output. */
	assert_string_equal(pack_summary_path(&o), "-");
	o.findings = "f.csv";
	assert_null(pack_summary_path(&o));
	o.findings = NULL;
	o.html = "pages";
	assert_null(pack_summary_path(&o));
	o.out = "o.csv";
	assert_string_equal(pack_summary_path(&o), "o.csv");
	/* --summary wins over -o (which then gets a second copy). */
	o.summary = "s.csv";
	assert_string_equal(pack_summary_path(&o), "s.csv");
}

static void
test_redacted(void **state)
{
	static const struct {
		const char *col;
		int yes;
	} t[] = {
		{ "victim_dob", 1 }, { "perpetrator_dob", 1 },
		{ "record_dob", 1 }, { "subject_date_of_birth", 1 },
		{ "dobby", 0 }, { "victim_surname", 1 },
		{ "record_forename", 1 }, { "victim_aliases", 1 },
		{ "surnames", 0 }, { "victim_pnc", 0 }, { "dash_score", 1 },
		{ "risk_level", 0 }, { "victim_postcode", 0 },
		{ "home_street", 1 }, { "marac_ref", 0 },
	};
	char *redact[] = { "dob", "name", "address", "dash_score" };
	struct pack_opts o;
	struct pk_run pr;
	size_t i;

	pack_opts_init(&o);
	o.redact = redact;
	o.nredact = sizeof(redact) / sizeof(redact[0]);
	memset(&pr, 0, sizeof(pr));
	pr.o = &o;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (pk_redacted(&pr, t[i].col) != t[i].yes)
			fail_msg("%s: expected %d", t[i].col, t[i].yes);
	}
	o.nredact = 0;
	assert_int_equal(pk_redacted(&pr, "victim_dob"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_summary_path),
		cmocka_unit_test(test_redacted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
