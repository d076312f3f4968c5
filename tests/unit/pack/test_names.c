/*
 * Unit tests of lib/pack/names.c: how many people carry a case person's
 * full name.  Expected counts worked out by hand from the dates below.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pack/run_int.h"

/* One case: its first person (forename, surname, dob) in fields 0-2, the
 * second in 3-5; the first person's PNC ID in field 6. */
static char *fields[7];
static struct pk_case onecase;

static void
setup_run(struct pk_run *pr, const char *f0, const char *s0,
    const char *d0, const char *f1, const char *s1, const char *d1)
{
	int s, i;

	memset(pr, 0, sizeof(*pr));
	fields[0] = (char *)f0;
	fields[1] = (char *)s0;
	fields[2] = (char *)d0;
	fields[3] = (char *)f1;
	fields[4] = (char *)s1;
	fields[5] = (char *)d1;
	fields[6] = "";
	memset(&onecase, 0, sizeof(onecase));
	onecase.fields = fields;
	pr->c = &onecase;
	pr->n = 1;
	for (s = 0; s < 2; s++)
		for (i = 0; i < PK_NPF; i++)
			pr->pcol[s][i] = i < 3 ? 3 * s + i : -1;
	pr->pcol[0][3] = 6;
	pk_names_init(pr);
	pr->ns = calloc(pr->nnames + 1, sizeof(*pr->ns));
}

static void
teardown_run(struct pk_run *pr)
{
	pk_names_free(pr);
	free(pr->ns);
}

static void
add_pnc(struct pk_run *pr, struct pk_namestat *ns, const char *f,
    const char *s, const char *dob, const char *pnc)
{
	struct pm_person p = { f, s, dob, pnc, "", "", "" };

	pk_names_count(pr, ns, &p);
}

static void
add(struct pk_run *pr, struct pk_namestat *ns, const char *f, const char *s,
    const char *dob)
{
	add_pnc(pr, ns, f, s, dob, "");
}

/* Equal, one digit apart, day and month swapped, 1 January of the same
 * year: one person; another date: a second. */
static void
test_one_person(void **state)
{
	struct pk_run pr;

	(void)state;
	setup_run(&pr, "Zuzana", "Mitchell", "1971-05-04", "Dean", "Edwards",
	    "");
	add(&pr, pr.ns, "Zuzana", "Mitchell", "");
	add(&pr, pr.ns, "ZUZANA", "mitchell ", "1971-05-04");
	add(&pr, pr.ns, "Zuzana", "Mitchell", "1971-04-05");
	add(&pr, pr.ns, "Zuzana", "Mitchell", "1971-05-14");
	add(&pr, pr.ns, "Zuzana", "Mitchell", "1971-01-01");
	add(&pr, pr.ns, "Zuzana", "Mitchell", "1900-01-01");
	add(&pr, pr.ns, "Zuzana", "Smith", "1990-06-01");
	assert_int_equal(pr.ns[pr.nameof[0] - 1].nrec, 6);
	assert_int_equal(pk_name_people(&pr, 0), 1);
	/* The second person has no date of birth and no record yet. */
	assert_int_equal(pk_name_people(&pr, 1), 0);
	add(&pr, pr.ns, "Dean", "Edwards", "2004-03-21");
	assert_int_equal(pk_name_people(&pr, 1), 1);
	add(&pr, pr.ns, "Dean", "Edwards", "1994-08-08");
	assert_int_equal(pk_name_people(&pr, 1), 2);
	add(&pr, pr.ns, "Zuzana", "Mitchell", "1990-06-01");
	assert_int_equal(pk_name_people(&pr, 0), 2);
	teardown_run(&pr);
}

/* The case list's own date of birth counts as a person's. */
static void
test_case_dob(void **state)
{
	struct pk_run pr;

	(void)state;
	setup_run(&pr, "Lauren", "Cole", "1997-05-20", "Kim", "Lowe", "");
	add(&pr, pr.ns, "Lauren", "Cole", "1981-06-06");
	assert_int_equal(pk_name_people(&pr, 0), 2);
	teardown_run(&pr);
}

/* Two PNC IDs are two people, whatever their dates of birth; the case
 * list's PNC ID counts, written in another way it is the same. */
static void
test_pnc(void **state)
{
	struct pk_run pr;

	(void)state;
	setup_run(&pr, "Frank", "Green", "1970-03-03", "Erin", "White", "");
	fields[6] = "2003/0062845E";
	add_pnc(&pr, pr.ns, "Frank", "Green", "1970-03-03", "2003/62845e");
	assert_int_equal(pk_name_people(&pr, 0), 2);
	add_pnc(&pr, pr.ns, "Frank", "Green", "", "2003/0062845e");
	assert_int_equal(pk_name_people(&pr, 0), 2);
	fields[6] = "";
	assert_int_equal(pk_name_people(&pr, 0), 2);
	teardown_run(&pr);
	setup_run(&pr, "Frank", "Green", "1970-03-03", "Erin", "White", "");
	fields[6] = "2003/0062845E";
	add_pnc(&pr, pr.ns, "Frank", "Green", "", " 2003/0062845E");
	assert_int_equal(pk_name_people(&pr, 0), 1);
	teardown_run(&pr);
}

/* Case, accents and punctuation set aside; an initial is no full name. */
static void
test_name_is(void **state)
{
	struct pk_run pr;

	(void)state;
	setup_run(&pr, "Anaïs", "O'Brien", "", "Z", "Mitchell", "");
	assert_true(pk_name_is(&pr, 0, "ANAIS", "obrien"));
	assert_false(pk_name_is(&pr, 0, "Anais", "Brien"));
	assert_false(pk_name_is(&pr, 1, "Z", "Mitchell"));
	assert_int_equal(pr.nameof[1], 0);
	add(&pr, pr.ns, "Z", "Mitchell", "1971-05-04");
	assert_int_equal(pk_name_people(&pr, 1), 0);
	teardown_run(&pr);
}

/* Counts of two sources merged; more dates than kept: many people. */
static void
test_merge(void **state)
{
	struct pk_run pr;
	struct pk_namestat *other;
	char d[16];
	int i;

	(void)state;
	setup_run(&pr, "Craig", "Ward", "", "Ana", "Sharp", "");
	other = calloc(pr.nnames + 1, sizeof(*other));
	add(&pr, pr.ns, "Craig", "Ward", "1995-09-24");
	add(&pr, other, "Craig", "Ward", "1995-09-25");
	add(&pr, other, "Craig", "Ward", "");
	pk_names_merge(pr.ns, other, pr.nnames);
	assert_int_equal(pr.ns[pr.nameof[0] - 1].nrec, 3);
	assert_int_equal(pk_name_people(&pr, 0), 1);
	for (i = 0; i < PK_NAMEDOBS + 1; i++) {
		snprintf(d, sizeof(d), "19%02d-02-03", 50 + 3 * i);
		add(&pr, pr.ns, "Ana", "Sharp", d);
	}
	assert_true(pk_name_people(&pr, 1) > PK_NAMEDOBS);
	free(other);
	teardown_run(&pr);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_person),
		cmocka_unit_test(test_case_dob),
		cmocka_unit_test(test_pnc),
		cmocka_unit_test(test_name_is),
		cmocka_unit_test(test_merge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
