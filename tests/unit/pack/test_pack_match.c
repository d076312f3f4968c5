/*
 * Unit tests of lib/pack_match: the id rule (ids decide where both sides
 * carry one), lib/linkage's candidates with weights and basis, the grey
 * zone of possible matches, and resets between sources.  The people are
 * made by hand: which record is whom is known by construction.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pack/pack_match.h"

static const struct pm_person known[] = {
	/* 0: victim with an id */
	{ "Anna", "Smith", "1990-02-03", "", "AB1 2CD", "F", "P0000001" },
	/* 1: perpetrator with a PNC ID */
	{ "Brian", "Jones", "1985-05-06", "2008/0056560Z", "", "M", "" },
	/* 2: nothing to find her by */
	{ "", "", "", "", "", "", "" },
	/* 3: the same perpetrator on another case, no PNC ID */
	{ "Brian", "Jones", "1985-05-06", "", "", "M", "" },
};
#define NK (sizeof(known) / sizeof(known[0]))

/* Record persons, by index: who they are (-1: nobody known). */
static const struct {
	struct pm_person p;
	int is;
} recs[] = {
	/* 0: Anna's id, her name misspelt and DOB swapped: the id. */
	{ { "Ana", "Smyth", "1990-03-02", "", "", "F", "P0000001" }, 0 },
	/* 1: Anna's name and DOB but another id: not her by rule 1. */
	{ { "Anna", "Smith", "1990-02-03", "", "", "F", "P0000002" }, -1 },
	/* 2: Brian by PNC ID in short form, no name. */
	{ { "", "", "", "08/56560Z", "", "", "" }, 1 },
	/* 3: Brian misspelt, same DOB. */
	{ { "Bryan", "Jones", "1985-05-06", "", "", "M", "" }, 1 },
	/* 4: an unrelated man. */
	{ { "Mohammed", "Khan", "1972-11-30", "2011/0275516Q", "", "M", "" },
	  -1 },
	/* 5: empty: keeps the stride, matches nothing. */
	{ { "", "", "", "", "", "", "" }, -1 },
	/* 6: Anna without an id, name and DOB as in the case. */
	{ { "ANNA", "SMITH", "1990-02-03", "", "AB1 2CD", "F", "" }, 0 },
};
#define NR (sizeof(recs) / sizeof(recs[0]))

/*
 * Adds the records, after 3000 other people (so that value frequencies
 * are those of a town, not of a handful), and finishes.  Record i of
 * recs gets index FILL + i.
 */
#define FILL 3000
static void
add_all(struct pm *m)
{
	static const char *const fn[] = { "Olivia", "Jack", "Amelia", "Harry",
	    "Isla", "George", "Ava", "Noah", "Mia", "Leo", "Grace", "Oscar",
	    "Emily", "Arthur", "Lily", "Freddie", "Sophie", "Alfie", "Ella",
	    "Charlie" };
	static const char *const sn[] = { "Taylor", "Brown", "Wilson",
	    "Evans", "Thomas", "Roberts", "Walker", "Wright", "Thompson",
	    "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris",
	    "Lewis", "Martin", "Jackson", "Clarke" };
	char dob[16];
	struct pm_person p = { "", "", dob, "", "", "", "" };
	size_t i;

	for (i = 0; i < FILL; i++) {
		p.forename = fn[i % 20];
		p.surname = sn[(i / 20) % 20];
		snprintf(dob, sizeof(dob), "%04zu-%02zu-%02zu", 1950 + i % 50,
		    1 + i % 12, 1 + i % 28);
		assert_int_equal(pm_add(m, &p), i);
	}
	for (i = 0; i < NR; i++)
		assert_int_equal(pm_add(m, &recs[i].p), FILL + i);
	pm_finish(m);
}

static const struct pm_match *
hit_of(struct pm *m, size_t who, size_t rec)
{
	const struct pm_match *r;
	size_t n = pm_find(m, who, &r), i;

	for (i = 0; i < n; i++)
		if (r[i].rec == FILL + rec)
			return &r[i];
	return NULL;
}

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
	struct pm *m = pm_new(known, NK);
	const struct pm_match *h, *r;
	size_t i, n;

	(void)state;
	add_all(m);
	/* Every confirmed candidate is the person; none is missed. */
	for (i = 0; i < NR; i++) {
		size_t who;

		for (who = 0; who < NK; who++) {
			/* Known 3 is Brian too, but has no PNC ID to
			 * find record 2 (a PNC ID alone) by. */
			int same = recs[i].is == (int)who ||
			    (recs[i].is == 1 && who == 3 && i != 2);

			h = hit_of(m, who, i);
			if (same) {
				assert_non_null(h);
				assert_int_equal(h->status, PM_CONFIRMED);
			} else if (h != NULL)
				assert_int_equal(h->status, PM_POSSIBLE);
		}
	}
	h = hit_of(m, 0, 0);
	assert_string_equal(h->basis, "id");
	assert_int_equal(h->has_weight, 0);
	/* Record 1 carries another id: never Anna, not even possible. */
	assert_null(hit_of(m, 0, 1));
	/* Record 6 has no id: compared, weighed, explained. */
	h = hit_of(m, 0, 6);
	assert_int_equal(h->has_weight, 1);
	assert_true(h->weight > 10);
	assert_non_null(strstr(h->basis, "surname:exact"));
	assert_non_null(strstr(h->basis, "dob:exact"));
	h = hit_of(m, 1, 2);
	assert_non_null(strstr(h->basis, "pnc:exact"));
	/* Confirmed come first. */
	n = pm_find(m, 1, &r);
	for (i = 1; i < n; i++)
		assert_true(r[i - 1].status <= r[i].status);
	/* Nobody finds the person with nothing. */
	assert_int_equal(pm_find(m, 2, &r), 0);
	pm_free(m);
}

static void
test_threshold(void **state)
{
	struct pm *m = pm_new(known, NK);
	const struct pm_match *h;
	double w;

	(void)state;
	add_all(m);
	w = hit_of(m, 3, 3)->weight;	/* Bryan against Brian, no PNC */
	pm_free(m);
	/* A threshold just above that weight makes it possible... */
	m = pm_new(known, NK);
	pm_set_threshold(m, w + 0.5, w - 1);
	add_all(m);
	h = hit_of(m, 3, 3);
	assert_non_null(h);
	assert_int_equal(h->status, PM_POSSIBLE);
	pm_free(m);
	/* ... and with no grey zone it is not listed at all. */
	m = pm_new(known, NK);
	pm_set_threshold(m, w + 0.5, w + 5);
	add_all(m);
	assert_null(hit_of(m, 3, 3));
	/* Ids are not weights: still confirmed. */
	assert_int_equal(hit_of(m, 0, 0)->status, PM_CONFIRMED);
	pm_free(m);
}

static void
test_reset(void **state)
{
	struct pm *m = pm_new(known, NK);
	const struct pm_match *r;

	(void)state;
	add_all(m);
	assert_true(pm_find(m, 0, &r) >= 2);
	pm_reset(m);
	assert_int_equal(pm_add(m, &recs[4].p), 0);
	assert_int_equal(pm_add(m, &recs[0].p), 1);
	pm_finish(m);
	assert_int_equal(pm_find(m, 0, &r), 1);
	assert_int_equal(r[0].rec, 1);
	assert_int_equal(pm_find(m, 1, &r), 0);
	pm_free(m);
}

/*
 * pm_score() weighs any pair: the unrelated Mohammed Khan (record 4) is
 * no candidate of Anna's, yet scored, weak and explained; the ids decide
 * where both carry one; the empty record cannot be compared.
 */
static void
test_score(void **state)
{
	struct pm *m = pm_new(known, NK);
	struct pm_match x;

	(void)state;
	add_all(m);
	assert_null(hit_of(m, 1, 4));
	assert_int_equal(pm_score(m, 1, FILL + 4, &x), 1);
	assert_int_equal(x.who, 1);
	assert_int_equal(x.rec, FILL + 4);
	assert_int_equal(x.has_weight, 1);
	assert_int_equal(x.status, PM_WEAK);
	assert_true(x.weight < -10);
	/* The same pair as pm_find() weighs it: Bryan for Brian. */
	assert_int_equal(pm_score(m, 3, FILL + 3, &x), 1);
	assert_true(x.weight == hit_of(m, 3, 3)->weight);
	assert_string_equal(x.basis, hit_of(m, 3, 3)->basis);
	assert_int_equal(pm_score(m, 0, FILL + 1, &x), 0);	/* ids */
	assert_int_equal(pm_score(m, 0, FILL + 5, &x), 0);	/* empty */
	assert_int_equal(pm_score(m, 2, FILL + 6, &x), 0);	/* nothing */
	assert_int_equal(pm_score(m, 0, FILL + NR, &x), 0);	/* no record */
	pm_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_findable),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_threshold),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_score),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
