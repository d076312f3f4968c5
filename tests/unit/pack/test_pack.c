/*
 * Unit tests of lib/pack: which findings belong in a pack, orders in
 * force and wanted records open on a day, and each summary field, on
 * hand-made findings.  Dates are worked out by hand; day numbers come
 * from lib/dates.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/dates.h"
#include "pack/pack.h"

static int32_t
D(const char *s)
{
	int32_t d;

	if (s == NULL || *s == '\0')
		return PACK_NODATE;
	assert_int_equal(date_parse_iso(s, strlen(s), &d), 0);
	return d;
}

/* The case: meeting 2026-09-10, referral 2026-09-01, 12-month lookback. */
static struct pack_case
the_case(void)
{
	struct pack_case c = { "M-1", 0, 0, 12, PACK_MARAC };

	c.ref = D("2026-09-10");
	c.date = D("2026-09-01");
	return c;
}

static struct pack_finding
F(enum pack_subject subj, enum pack_source src, const char *role,
    const char *ref, const char *date)
{
	struct pack_finding f;

	memset(&f, 0, sizeof(f));
	f.subject = subj;
	f.source = src;
	f.role = role;
	f.record_ref = ref;
	f.date = D(date);
	f.until = PACK_NODATE;
	f.breaches = -1;
	f.offence_group = f.detail = f.decision = f.basis = "";
	return f;
}

static void
summarise(const struct pack_case *c, struct pack_finding *f, size_t n,
    struct pack_summary *s)
{
	const struct pack_finding *p[32];
	size_t i;

	assert_true(n <= 32);
	for (i = 0; i < n; i++)
		p[i] = &f[i];
	pack_summarise(c, p, n, s);
}

static void
test_lookback_and_keep(void **state)
{
	struct pack_case c = the_case();
	struct pack_finding f;
	static const struct {
		enum pack_source src;
		const char *date;
		int keep;
	} t[] = {
		{ PACK_CRIME, "2026-09-10", 1 },	/* the meeting day */
		{ PACK_CRIME, "2026-09-11", 0 },	/* after it */
		{ PACK_CRIME, "2025-09-11", 1 },	/* first day of lookback */
		{ PACK_CRIME, "2025-09-10", 0 },	/* the day before */
		{ PACK_CRIME, "", 1 },			/* undated: kept */
		{ PACK_ENGAGEMENT, "2025-09-10", 0 },
		{ PACK_ORDER, "2020-01-01", 1 },	/* no lookback */
		{ PACK_WANTED, "2019-01-01", 1 },
		{ PACK_DISCLOSURE, "2018-01-01", 1 },
		{ PACK_MARAC, "2017-01-01", 1 },
		{ PACK_ORDER, "2026-09-11", 0 },
	};
	size_t i;

	(void)state;
	assert_int_equal(pack_lookback_from(&c), D("2025-09-11"));
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		f = F(PACK_VICTIM, t[i].src, "victim", "X", t[i].date);
		assert_int_equal(pack_keep(&c, &f), t[i].keep);
	}
	/* This very MARAC is never a finding of itself. */
	f = F(PACK_VICTIM, PACK_MARAC, "victim", "M-1", "2026-09-01");
	assert_int_equal(pack_keep(&c, &f), 0);
	c.lookback_months = 24;
	assert_int_equal(pack_lookback_from(&c), D("2024-09-11"));
	c.lookback_months = 0;
	assert_int_equal(pack_lookback_from(&c), PACK_NODATE);
	f = F(PACK_VICTIM, PACK_CRIME, "victim", "X", "1990-01-01");
	assert_int_equal(pack_keep(&c, &f), 1);
	/* End of February: 2026-02-28 less 12 months, plus a day. */
	c.ref = D("2024-02-29");
	c.lookback_months = 12;
	assert_int_equal(pack_lookback_from(&c), D("2023-03-01"));
}

static void
test_order_in_force(void **state)
{
	static const struct {
		const char *decision, *granted, *expiry;
		int in_force;
	} t[] = {
		{ "granted", "2026-08-15", "2026-09-09", 0 },	/* day before */
		{ "granted", "2026-08-15", "2026-09-10", 1 },	/* that day */
		{ "granted", "2026-08-15", "", 1 },		/* no expiry */
		{ "granted", "2026-09-10", "2026-10-01", 1 },	/* starts */
		{ "granted", "2026-09-11", "", 0 },		/* not yet */
		{ "granted", "", "", 0 },			/* no start */
		{ "refused", "2026-08-15", "", 0 },
		{ "pending", "2026-08-15", "", 0 },
	};
	struct pack_finding f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		f = F(PACK_PERPETRATOR, PACK_ORDER, "respondent", "O",
		    t[i].granted);
		f.decision = t[i].decision;
		f.until = D(t[i].expiry);
		assert_int_equal(pack_order_in_force(&f, D("2026-09-10")),
		    t[i].in_force);
	}
}

static void
test_wanted_open(void **state)
{
	static const struct {
		const char *wanted, *arrest;
		int open;
	} t[] = {
		{ "2026-07-01", "", 1 },
		{ "2026-07-01", "2026-09-10", 0 },	/* arrested that day */
		{ "2026-07-01", "2026-09-11", 1 },	/* arrested after */
		{ "2026-09-10", "", 1 },
		{ "2026-09-11", "", 0 },
		{ "", "", 0 },
	};
	struct pack_finding f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		f = F(PACK_PERPETRATOR, PACK_WANTED, "person", "W",
		    t[i].wanted);
		f.until = D(t[i].arrest);
		assert_int_equal(pack_wanted_open(&f, D("2026-09-10")),
		    t[i].open);
	}
}

static void
test_da_counts_and_escalation(void **state)
{
	struct pack_case c = the_case();
	struct pack_finding f[8];
	struct pack_summary s;
	int i;

	(void)state;
	/* C1 in the last 3 months (2026-06-11 .. 09-10), for both people. */
	f[0] = F(PACK_VICTIM, PACK_CRIME, "victim", "C1", "2026-06-11");
	f[1] = F(PACK_PERPETRATOR, PACK_CRIME, "suspect", "C1", "2026-06-11");
	/* C2 the day before that window: in the 9 months before. */
	f[2] = F(PACK_VICTIM, PACK_CRIME, "victim", "C2", "2026-06-10");
	/* C3 first day of the 12 months; the victim as suspect. */
	f[3] = F(PACK_VICTIM, PACK_CRIME, "suspect", "C3", "2025-09-11");
	/* C4 a day too old for any window. */
	f[4] = F(PACK_VICTIM, PACK_CRIME, "victim", "C4", "2025-09-10");
	/* C5 not DA: counts nowhere but in the offence groups. */
	f[5] = F(PACK_PERPETRATOR, PACK_CRIME, "suspect", "C5", "2026-08-01");
	f[5].offence_group = "stalking";
	/* C6 a possible match: never counted. */
	f[6] = F(PACK_VICTIM, PACK_CRIME, "victim", "C6", "2026-08-02");
	f[6].possible = 1;
	/* C7 the perpetrator as victim, rape. */
	f[7] = F(PACK_PERPETRATOR, PACK_CRIME, "victim", "C7", "2026-01-01");
	f[7].offence_group = "rape";
	for (i = 0; i < 8; i++)
		if (i != 5)
			f[i].da = 1;
	summarise(&c, f, 8, &s);
	assert_int_equal(s.victim_da_as_victim, 2);	/* C1, C2 */
	assert_int_equal(s.victim_da_as_suspect, 1);	/* C3 */
	assert_int_equal(s.perpetrator_da_as_suspect, 1);	/* C1 */
	assert_int_equal(s.perpetrator_da_as_victim, 1);	/* C7 */
	assert_int_equal(s.da_last_3m, 1);		/* C1 once */
	assert_int_equal(s.da_prev_9m, 3);		/* C2, C3, C7 */
	assert_int_equal(s.escalating, 0);		/* 1*3 > 3: no */
	assert_int_equal(s.last_incident, D("2026-06-11"));
	assert_int_equal(s.sexual_offences, 1);
	assert_int_equal(s.stalking_harassment, 1);
	/* C4 is outside the lookback: pack_keep() drops it. */
	assert_int_equal(s.confirmed, 6);
	assert_int_equal(s.possible, 1);
	/* One more in the last 3 months: 2*3 > 3, escalating. */
	f[4] = F(PACK_VICTIM, PACK_CRIME, "victim", "C8", "2026-09-10");
	f[4].da = 1;
	summarise(&c, f, 8, &s);
	assert_int_equal(s.da_last_3m, 2);
	assert_int_equal(s.escalating, 1);
	assert_int_equal(s.last_incident, D("2026-09-10"));
	/* With no crimes: nothing, not escalating, no incident date. */
	summarise(&c, f, 0, &s);
	assert_int_equal(s.escalating, 0);
	assert_int_equal(s.last_incident, PACK_NODATE);
}

static void
test_orders_wanted_disclosures(void **state)
{
	struct pack_case c = the_case();
	struct pack_finding f[9];
	struct pack_summary s;
	char buf[PACK_TYPES_MAX];
	size_t i, col = 0;

	(void)state;
	f[0] = F(PACK_PERPETRATOR, PACK_ORDER, "respondent", "O1", "2026-08-15");
	f[0].decision = "granted", f[0].detail = "DVPO";
	f[0].until = D("2026-09-09"), f[0].breaches = 5;	/* expired */
	f[1] = F(PACK_PERPETRATOR, PACK_ORDER, "respondent", "O2", "2025-01-01");
	f[1].decision = "granted", f[1].detail = "SPO", f[1].breaches = 2;
	/* The same order found for the victim (protected) counts once. */
	f[2] = F(PACK_VICTIM, PACK_ORDER, "protected", "O2", "2025-01-01");
	f[2].decision = "granted", f[2].detail = "SPO", f[2].breaches = 2;
	f[3] = F(PACK_PERPETRATOR, PACK_ORDER, "respondent", "O3", "2026-03-10");
	f[3].decision = "granted", f[3].detail = "DVPO";
	f[3].until = D("2026-09-10");		/* unknown breaches */
	f[4] = F(PACK_PERPETRATOR, PACK_WANTED, "person", "W1", "2026-07-01");
	f[5] = F(PACK_PERPETRATOR, PACK_WANTED, "person", "W2", "2026-05-01");
	f[5].until = D("2026-09-15");
	f[6] = F(PACK_PERPETRATOR, PACK_DISCLOSURE, "subject", "D1", "2025-11-01");
	f[6].decision = "disclose";
	f[7] = F(PACK_VICTIM, PACK_DISCLOSURE, "applicant", "D1", "2025-11-01");
	f[7].decision = "disclose";
	f[8] = F(PACK_PERPETRATOR, PACK_DISCLOSURE, "subject", "D2", "2020-01-01");
	f[8].decision = "no_disclose";
	summarise(&c, f, 9, &s);
	assert_int_equal(s.orders_in_force, 2);
	assert_string_equal(s.order_types, "DVPO;SPO");
	assert_int_equal(s.order_breaches, 2);
	assert_int_equal(s.perpetrator_wanted_since, D("2026-05-01"));
	assert_int_equal(s.victim_wanted_since, PACK_NODATE);
	assert_int_equal(s.clares_law_requests, 2);
	assert_int_equal(s.clares_law_disclosures, 1);
	/* The text of the columns. */
	for (i = 0; i < pack_summary_ncols(); i++)
		if (strcmp(pack_summary_colname(i), "perpetrator_wanted") == 0)
			col = i;
	pack_summary_value(&s, col, buf);
	assert_string_equal(buf, "Y");
	pack_summary_value(&s, col + 1, buf);
	assert_string_equal(buf, "2026-05-01");
	pack_summary_value(&s, col + 2, buf);
	assert_string_equal(buf, "N");
	pack_summary_value(&s, col + 3, buf);
	assert_string_equal(buf, "");
}

static void
test_repeat_marac(void **state)
{
	static const struct {
		const char *prev;
		int repeat;
	} t[] = {
		{ "2025-10-01", 1 },	/* 11 months before 2026-09-01 */
		{ "2025-09-01", 1 },	/* exactly 12 months */
		{ "2025-08-31", 0 },	/* 12 months and a day */
		{ "2025-08-01", 0 },	/* 13 months */
	};
	struct pack_case c = the_case();
	struct pack_finding f[3];
	struct pack_summary s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		f[0] = F(PACK_VICTIM, PACK_MARAC, "victim", "P1", t[i].prev);
		f[1] = F(PACK_VICTIM, PACK_MARAC, "victim", "P0", "2023-01-01");
		f[2] = F(PACK_PERPETRATOR, PACK_MARAC, "perpetrator", "P9",
		    "2024-01-01");
		summarise(&c, f, 3, &s);
		assert_int_equal(s.previous_maracs, 2);
		assert_int_equal(s.perpetrator_previous_maracs, 1);
		assert_int_equal(s.last_marac, D(t[i].prev));
		assert_int_equal(s.repeat, t[i].repeat);
	}
	/* A MARAC of the same day as this referral is not a previous one;
	 * the victim as perpetrator elsewhere is not her MARAC. */
	f[0] = F(PACK_VICTIM, PACK_MARAC, "victim", "P1", "2026-09-01");
	f[1] = F(PACK_VICTIM, PACK_MARAC, "perpetrator", "P2", "2026-01-01");
	summarise(&c, f, 2, &s);
	assert_int_equal(s.previous_maracs, 0);
	assert_int_equal(s.repeat, 0);
}

static void
test_notes(void **state)
{
	struct pack_case c = the_case();
	struct pack_finding f;

	(void)state;
	f = F(PACK_VICTIM, PACK_CRIME, "suspect", "C", "2026-01-01");
	pack_note(&c, &f);
	assert_string_equal(f.note, "victim recorded as suspect");
	f = F(PACK_PERPETRATOR, PACK_CRIME, "suspect", "C", "2026-01-01");
	pack_note(&c, &f);
	assert_string_equal(f.note, "");
	f.possible = 1;
	pack_note(&c, &f);
	assert_string_equal(f.note,
	    "possible match: check before relying on it");
	f = F(PACK_PERPETRATOR, PACK_WANTED, "person", "W", "2026-01-01");
	pack_note(&c, &f);
	assert_string_equal(f.note, "still wanted");
	assert_string_equal(pack_source_name(PACK_DISCLOSURE), "disclosure");
	assert_string_equal(pack_subject_name(PACK_PERPETRATOR),
	    "perpetrator");
}

/*
 * The figures past the MARAC ones.  Case: referral 2026-09-01 (its own
 * date), reference 2026-09-10, 12 months.  C1 is found for both people
 * (one shared record), a violence_with_injury crime in the lookback;
 * C2 a threats_to_kill crime of the victim only; C3 violence but 13
 * months back (outside the lookback); O1 found for both (a second
 * shared record); D1 a disclosure of the case itself (self source set
 * to disclosures: left out, so not shared).  Deadline: 2026-09-01 + 28
 * days = 2026-09-29, 19 days after the reference date.
 */
static void
test_shared_violent_deadline(void **state)
{
	struct pack_case c = the_case();
	struct pack_finding f[7];
	struct pack_summary s;
	char buf[PACK_TYPES_MAX];

	c.self = PACK_DISCLOSURE;
	c.marac_ref = "D1";
	f[0] = F(PACK_VICTIM, PACK_CRIME, "victim", "C1", "2026-06-01");
	f[1] = F(PACK_PERPETRATOR, PACK_CRIME, "suspect", "C1", "2026-06-01");
	f[0].offence_group = f[1].offence_group = "violence_with_injury";
	f[2] = F(PACK_VICTIM, PACK_CRIME, "victim", "C2", "2026-07-01");
	f[2].offence_group = "threats_to_kill";
	f[3] = F(PACK_PERPETRATOR, PACK_CRIME, "suspect", "C3", "2025-08-01");
	f[3].offence_group = "violence_with_injury";
	f[4] = F(PACK_VICTIM, PACK_ORDER, "protected", "O1", "2026-01-01");
	f[5] = F(PACK_PERPETRATOR, PACK_ORDER, "respondent", "O1",
	    "2026-01-01");
	f[6] = F(PACK_VICTIM, PACK_DISCLOSURE, "applicant", "D1",
	    "2026-09-01");
	summarise(&c, f, 7, &s);
	assert_int_equal(s.shared_records, 2);
	assert_int_equal(s.violent_offences, 2);
	assert_int_equal(s.clares_law_requests, 0);
	assert_int_equal(s.confirmed, 5);	/* C3 and D1 left out */
	pack_summary_value(&s, PACK_COL_DEADLINE, buf);
	assert_string_equal(buf, "2026-09-29");
	pack_summary_value(&s, PACK_COL_DAYS_LEFT, buf);
	assert_string_equal(buf, "19");
	assert_string_equal(pack_summary_colname(PACK_COL_DAYS_LEFT),
	    "days_to_deadline");
	assert_int_equal(pack_summary_ncols(), 27);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookback_and_keep),
		cmocka_unit_test(test_order_in_force),
		cmocka_unit_test(test_wanted_open),
		cmocka_unit_test(test_da_counts_and_escalation),
		cmocka_unit_test(test_orders_wanted_disclosures),
		cmocka_unit_test(test_repeat_marac),
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_shared_violent_deadline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
