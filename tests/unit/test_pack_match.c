/*
 * Unit tests of lib/pack_match: the id rule, the PNC rule, the name and
 * date of birth rule, possible matches, and normalisation, on a table of
 * hand-made record persons.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pack_match.h"

static const struct pm_person known[] = {
	/* 0: victim with an id */
	{ "Anna", "Smith", "1990-02-03", "", "AB1 2CD", "F", "P0000001" },
	/* 1: perpetrator with a PNC ID */
	{ "Brian", "Jones", "1985-05-06", "2008/0056560Z", "", "M", "" },
	/* 2: nothing to find her by */
	{ "", "Doe", "", "", "", "", "" },
	/* 3: the same perpetrator on another case */
	{ "Brian", "Jones", "1985-05-06", "", "", "M", "" },
};
#define NK (sizeof(known) / sizeof(known[0]))

static void
test_findable(void **state)
{
	struct pm *m = pm_new(known, NK);

	(void)state;
	assert_true(pm_findable(m, 0));
	assert_true(pm_findable(m, 1));
	assert_false(pm_findable(m, 2));
	assert_true(pm_findable(m, 3));
	assert_false(pm_findable(m, 99));
	pm_free(m);
}

static void
test_rules(void **state)
{
	static const struct {
		struct pm_person rec;
		int who;		/* expected known person, -1 none */
		const char *basis;
		enum pm_status status;
		int who2;		/* a second one, or -1 */
	} t[] = {
		/* 0: the id decides, whatever the name. */
		{ { "Ana", "Smyth", "1990-03-02", "", "", "", "P0000001" },
		  0, "id", PM_CONFIRMED, -1 },
		/* 1: another id: no match even on name and DOB. */
		{ { "Anna", "Smith", "1990-02-03", "", "", "", "P0000002" },
		  -1, NULL, 0, -1 },
		/* 2: no id on the record: name and DOB, case and
		 * punctuation aside. */
		{ { " anna ", "SMITH", "1990-02-03", "", "", "", "" },
		  0, "name+dob", PM_CONFIRMED, -1 },
		/* 3: short-form PNC ID, no name: the PNC ID. */
		{ { "", "", "", "08/56560Z", "", "", "" },
		  1, "pnc", PM_CONFIRMED, -1 },
		/* 4: name and DOB but another PNC ID: possible for 1;
		 * confirmed for 3, who has no PNC ID. */
		{ { "Brian", "Jones", "1985-05-06", "2011/0275516Q", "", "", "" },
		  3, "name+dob", PM_CONFIRMED, 1 },
		/* 5: one letter off: no exact rule holds. */
		{ { "Bryan", "Jones", "1985-05-06", "", "", "", "" },
		  -1, NULL, 0, -1 },
		/* 6: DOB missing: nothing. */
		{ { "Brian", "Jones", "", "", "", "", "" },
		  -1, NULL, 0, -1 },
		/* 7: empty person. */
		{ { "", "", "", "", "", "", "" }, -1, NULL, 0, -1 },
		/* 8: hyphen and apostrophe ignored. */
		{ { "Anna", "Sm-ith'", "1990-02-03", "", "", "", "" },
		  0, "name+dob", PM_CONFIRMED, -1 },
	};
	size_t n = sizeof(t) / sizeof(t[0]), i, who, nm;
	struct pm *m = pm_new(known, NK);
	const struct pm_match *r;
	size_t expect[NK] = { 0 };

	(void)state;
	for (i = 0; i < n; i++)
		assert_int_equal(pm_add(m, &t[i].rec), i);
	pm_finish(m);
	for (i = 0; i < n; i++) {
		if (t[i].who >= 0)
			expect[t[i].who]++;
		if (t[i].who2 >= 0)
			expect[t[i].who2]++;
	}
	for (who = 0; who < NK; who++) {
		nm = pm_find(m, who, &r);
		assert_int_equal(nm, expect[who]);
	}
	for (i = 0; i < n; i++) {
		size_t j;
		int found = 0;

		if (t[i].who < 0)
			continue;
		nm = pm_find(m, (size_t)t[i].who, &r);
		for (j = 0; j < nm; j++)
			if (r[j].rec == i) {
				found = 1;
				assert_string_equal(r[j].basis, t[i].basis);
				assert_int_equal(r[j].status, t[i].status);
				assert_int_equal(r[j].has_weight, 0);
			}
		assert_true(found);
	}
	/* Record 4 against person 1: possible, listed after confirmed. */
	nm = pm_find(m, 1, &r);
	assert_int_equal(nm, 2);
	assert_int_equal(r[0].rec, 3);
	assert_int_equal(r[0].status, PM_CONFIRMED);
	assert_int_equal(r[1].rec, 4);
	assert_int_equal(r[1].status, PM_POSSIBLE);
	assert_string_equal(r[1].basis, "name+dob;pnc_differs");
	/* A reset forgets the records. */
	pm_reset(m);
	assert_int_equal(pm_add(m, &t[0].rec), 0);
	pm_finish(m);
	assert_int_equal(pm_find(m, 0, &r), 1);
	assert_int_equal(pm_find(m, 1, &r), 0);
	pm_free(m);
}

static void
test_norm(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(pm_norm_name(" O'Neil-Smith Jr. 2", buf, sizeof(buf)),
	    12);
	assert_string_equal(buf, "ONEILSMITHJR");
	assert_int_equal(pm_norm_name("Zo\xc3\xab", buf, sizeof(buf)), 4);
	assert_string_equal(buf, "ZO\xc3\xab");
	assert_int_equal(pm_norm_name(NULL, buf, sizeof(buf)), 0);
	pm_norm_pnc("79/163001B", buf, sizeof(buf));
	assert_string_equal(buf, "1979/0163001B");
	pm_norm_pnc("2008/0056560z", buf, sizeof(buf));
	assert_string_equal(buf, "2008/0056560Z");
	/* A wrong check letter is kept as written, for exact comparison. */
	pm_norm_pnc("2008/0056560A", buf, sizeof(buf));
	assert_string_equal(buf, "20080056560A");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_findable),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_norm),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
