/*
 * Unit tests of lib/kinds/schema: folding, matching headers by built-in
 * spellings and by a user map, and the errors that must not be guessed
 * around (duplicates, two candidates, a missing required column).
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

#include "kinds/schema.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
test_fold(void **state)
{
	char b[16];

	(void)state;
	assert_int_equal(colmap_fold("Crime Ref.", b, sizeof(b)), 8);
	assert_string_equal(b, "crimeref");
	colmap_fold("CRIME_REF", b, sizeof(b));
	assert_string_equal(b, "crimeref");
	colmap_fold("D.O.B", b, sizeof(b));
	assert_string_equal(b, "dob");
	colmap_fold("a very long header name", b, sizeof(b));
	assert_string_equal(b, "averylongheader");
}

static void
test_kinds(void **state)
{
	const struct kind *k;

	(void)state;
	assert_null(kind_find("crimes"));
	k = kind_find("crime");
	assert_non_null(k);
	assert_string_equal(k->cols[0].name, "crime_ref");
	assert_int_equal(k->cols[0].required, 1);
	/* committed_time and the six place columns come before; victim_ethnicity,
	 * victim_age, suspect_police between outcome_group and the titles;
	 * the victim's and the suspect's nino and other_id after their cro. */
	assert_int_equal(kind_index(k, "victim_nino"), 25);
	assert_int_equal(kind_index(k, "suspect_other_id"), 37);
	assert_int_equal(kind_index(k, "outcome_group"), 44);
	assert_int_equal(kind_index(k, "suspect_police"), 47);
	assert_int_equal(kind_index(k, "victim_title"), 48);
	assert_int_equal(kind_index(k, "nothing"), -1);
	assert_non_null(kind_find("population"));
}

/* Every kind has a quality_flags column, last; each key date is a date. */
static void
test_quality_and_key_date(void **state)
{
	static const char *const kinds[][2] = { { "crime", "reported_date" },
	    { "wanted", "wanted_date" }, { "order", "applied_date" },
	    { "marac", "referral_date" }, { "disclosure", "received_date" },
	    { "engagement", "date" }, { "population", "year" } };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		const struct kind *k = kind_find(kinds[i][0]);
		int q, d;

		assert_non_null(k);
		q = kind_index(k, "quality_flags");
		assert_int_equal(q, (int)k->ncols - 1);
		assert_int_equal(k->cols[q].type, COL_QUALITY);
		d = kind_key_date(k);
		assert_int_equal(d, kind_index(k, kinds[i][1]));
		assert_true(k->cols[d].type == COL_DATE ||
		    k->cols[d].type == COL_YEAR);
	}
}

static void
test_match(void **state)
{
	static const char *const h[] = { "Notes", "CRIS Number",
	    "Date Reported", "HO Code", "IP Forename", "Suspect D.O.B.", "",
	    "Extra" };
	const struct kind *k = kind_find("crime");
	struct colmap m;
	char err[512];

	(void)state;
	assert_int_equal(colmap_match(k, NULL, h, N(h), &m, err,
	    sizeof(err)), 0);
	assert_int_equal(m.src[kind_index(k, "crime_ref")], 1);
	assert_int_equal(m.src[kind_index(k, "reported_date")], 2);
	assert_int_equal(m.src[kind_index(k, "offence_code")], 3);
	assert_int_equal(m.src[kind_index(k, "victim_forename")], 4);
	assert_int_equal(m.src[kind_index(k, "suspect_dob")], 5);
	assert_int_equal(m.src[kind_index(k, "victim_surname")], -1);
	assert_int_equal(m.npass, 2);
	assert_int_equal(m.pass[0], 0);
	assert_int_equal(m.pass[1], 7);
	assert_int_equal(m.unnamed[6], 1);
	colmap_free(&m);
}

static void
test_errors(void **state)
{
	static const char *const dup[] = { "crime_ref", "reported_date",
	    "offence_code", "x", "x" };
	static const char *const two[] = { "Crime Ref", "crime_ref",
	    "reported_date", "offence_code" };
	static const char *const tier[] = { "Reference", "crime_ref",
	    "reported_date", "offence_code" };
	static const char *const missing[] = { "crime_ref", "offence_code" };
	const struct kind *k = kind_find("crime");
	struct colmap m;
	char err[512];

	(void)state;
	assert_int_equal(colmap_match(k, NULL, dup, N(dup), &m, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "columns 4 and 5 of the header have the "
	    "same name; is the header line missing?");
	assert_int_equal(colmap_match(k, NULL, two, N(two), &m, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "columns 1 and 2 could both be crime_ref: "
	    "say which with --map");
	/* The canonical name beats an alias: no ambiguity. */
	assert_int_equal(colmap_match(k, NULL, tier, N(tier), &m, err,
	    sizeof(err)), 0);
	assert_int_equal(m.src[0], 1);
	assert_int_equal(m.npass, 1);
	colmap_free(&m);
	assert_int_equal(colmap_match(k, NULL, missing, N(missing), &m, err,
	    sizeof(err)), -1);
	/* Described by position and count: a header cell may be a value. */
	assert_string_equal(err, "no column reported_date among the 2 "
	    "columns of the header; is the header line missing?");
}

static void
test_user_map(void **state)
{
	static const char *const h[] = { "Ref", "When", "Code", "Reported" };
	const struct kind *k = kind_find("crime");
	struct colmap_user *u;
	struct colmap m;
	char path[] = "/tmp/test_colmap.XXXXXX", err[512];
	int fd = mkstemp(path);
	FILE *fp;

	(void)state;
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs("# map\n\n  crime_ref = Ref  \nreported_date=when\n"
	    "offence_code = Code\n", fp);
	fclose(fp);
	u = colmap_user_load(path, k, err, sizeof(err));
	assert_non_null(u);
	assert_int_equal(colmap_match(k, u, h, N(h), &m, err, sizeof(err)), 0);
	assert_int_equal(m.src[0], 0);
	assert_int_equal(m.src[1], 1);	/* folded "when" */
	assert_int_equal(m.src[4], 2);	/* offence_code, after committed_time */
	/* "Reported" would have been reported_date: the map took it over. */
	assert_int_equal(m.npass, 1);
	assert_int_equal(m.pass[0], 3);
	colmap_free(&m);
	colmap_user_free(u);
	fp = fopen(path, "w");
	fputs("crime_ref = Ref\nbogus = X\n", fp);
	fclose(fp);
	assert_null(colmap_user_load(path, k, err, sizeof(err)));
	assert_non_null(strstr(err, ":2: bogus is not a column of kind crime"));
	unlink(path);
}

/* Each kind's key, dates and roles, as DESIGN.md names them. */
static void
test_kind_rules(void **state)
{
	const struct kind *k;
	const char *field;
	size_t i, n;

	(void)state;
	k = kind_find("order");
	assert_string_equal(k->key, "order_ref");
	assert_string_equal(k->key_date, "applied_date");
	assert_string_equal(k->period_date, "applied_date");
	assert_string_equal(k->roles[0], "respondent");
	assert_string_equal(k->roles[1], "protected");
	assert_null(k->roles[2]);
	assert_string_equal(k->link[0], "respondent");
	assert_null(k->link[1]);
	k = kind_find("marac");
	assert_string_equal(k->key_date, "referral_date");
	assert_string_equal(k->period_date, "meeting_date");
	assert_string_equal(k->link[0], "perpetrator");
	assert_string_equal(k->link[1], "victim");
	assert_null(kind_find("population")->period_date);
	assert_null(kind_find("engagement")->roles[0]);
	/* Every key and date names a column of its kind; every role has a
	 * forename and a surname. */
	for (n = 0; (k = kind_at(n)) != NULL; n++) {
		assert_int_equal(kind_index(k, k->key), 0);
		assert_true(kind_key_date(k) > 0);
		if (k->period_date != NULL)
			assert_true(kind_index(k, k->period_date) > 0);
		for (i = 0; k->roles[i] != NULL; i++) {
			char c[64];

			snprintf(c, sizeof(c), "%s_forename", k->roles[i]);
			assert_true(kind_index(k, c) > 0);
			snprintf(c, sizeof(c), "%s_surname", k->roles[i]);
			assert_true(kind_index(k, c) > 0);
		}
	}
	assert_int_equal(n, KIND_N);
	assert_ptr_equal(&kind_table[KIND_MARAC], kind_find("marac"));
	assert_ptr_equal(&kind_table[KIND_POPULATION], kind_at(6));
	k = kind_find("crime");
	assert_string_equal(kind_role_of(k, (size_t)kind_index(k,
	    "suspect_cro"), &field), "suspect");
	assert_string_equal(field, "cro");
	assert_null(kind_role_of(k, 0, &field));
	assert_null(field);
}

/* The contact columns take the usual spellings, with the role or alone
 * for the wanted person. */
static void
test_contact_spellings(void **state)
{
	const struct kind *c = kind_find("crime"), *w = kind_find("wanted");
	const char *h[] = { "Ref", "Date Reported", "HO Code", "Victim CRO No",
	    "IP Tel", "Suspect E-mail", "Suspect Mobile" };
	const char *hw[] = { "Wanted Ref", "Date Wanted", "CRO", "Phone",
	    "Email" };
	struct colmap m;
	char err[256];

	(void)state;
	assert_int_equal(colmap_match(c, NULL, h, N(h), &m, err,
	    sizeof(err)), 0);
	assert_int_equal(m.src[kind_index(c, "victim_cro")], 3);
	assert_int_equal(m.src[kind_index(c, "victim_phone")], 4);
	assert_int_equal(m.src[kind_index(c, "suspect_email")], 5);
	assert_int_equal(m.src[kind_index(c, "suspect_phone")], 6);
	colmap_free(&m);
	assert_int_equal(colmap_match(w, NULL, hw, N(hw), &m, err,
	    sizeof(err)), 0);
	assert_int_equal(m.src[kind_index(w, "person_cro")], 2);
	assert_int_equal(m.src[kind_index(w, "person_phone")], 3);
	assert_int_equal(m.src[kind_index(w, "person_email")], 4);
	colmap_free(&m);
}

/* National Insurance numbers and any other person number are columns of
 * their own, so that ingest keeps them for linkage. */
static void
test_identifier_spellings(void **state)
{
	const struct kind *c = kind_find("crime"), *w = kind_find("wanted");
	const char *h[] = { "Ref", "Date Reported", "HO Code",
	    "Suspect NI Number", "Victim Passport No", "IP NINO" };
	const char *hw[] = { "Wanted Ref", "Date Wanted", "Driving Licence No",
	    "National Insurance Number" };
	struct colmap m;
	char err[256];

	(void)state;
	assert_int_equal(colmap_match(c, NULL, h, N(h), &m, err,
	    sizeof(err)), 0);
	assert_int_equal(m.src[kind_index(c, "suspect_nino")], 3);
	assert_int_equal(m.src[kind_index(c, "victim_other_id")], 4);
	assert_int_equal(m.src[kind_index(c, "victim_nino")], 5);
	colmap_free(&m);
	assert_int_equal(colmap_match(w, NULL, hw, N(hw), &m, err,
	    sizeof(err)), 0);
	assert_int_equal(m.src[kind_index(w, "person_other_id")], 2);
	assert_int_equal(m.src[kind_index(w, "person_nino")], 3);
	colmap_free(&m);
}

/* A person's columns written without a role, in a list's own words. */
static void
test_person_field(void **state)
{
	static const struct { const char *name, *field; } t[] = {
		{ "First Name", "forename" }, { " given_name", "forename" },
		{ "LAST_NAME", "surname" }, { "date_of_birth", "dob" },
		{ "D.O.B.", "dob" }, { "City", "town" }, { "suburb", "town" },
		{ "Address Line 1", "address" }, { "soc_sec_id", "other_id" },
		{ "Passport No", "other_id" }, { "NI Number", "nino" },
		{ "Full Name", "name" }, { "Gender", "sex" },
		{ "Mobile", "phone" }, { "E-mail", "email" },
		{ "rec_id", NULL }, { "state", NULL }, { "", NULL },
		{ "victim_forename", NULL }, { "Crime Ref", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(t); i++) {
		const char *f = kind_person_field(t[i].name);

		if (t[i].field == NULL)
			assert_null(f);
		else {
			assert_non_null(f);
			assert_string_equal(f, t[i].field);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_quality_and_key_date),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_user_map),
		cmocka_unit_test(test_kind_rules),
		cmocka_unit_test(test_contact_spellings),
		cmocka_unit_test(test_identifier_spellings),
		cmocka_unit_test(test_person_field),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
