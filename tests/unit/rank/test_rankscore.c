/*
 * Unit tests of lib/rankscore: weights files, score arithmetic worked
 * out by hand, recency at the window's edges, the tie order, the top n,
 * distinct victims, the most recent name, and the explanation text.
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

#include "core/dates.h"
#include "rank/rankscore.h"

static const char *
tmpfile_with(const char *text)
{
	static char path[64];
	FILE *fp;
	int fd;

	strcpy(path, "/tmp/test_rankscore.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	return path;
}

static void
defaults(struct rank_weights *w)
{
	struct vawg_err e = { 0 };

	assert_int_equal(rank_weights_load(NULL, w, &e), 0);
}

static void
test_default_weights(void **state)
{
	struct rank_weights w;

	(void)state;
	defaults(&w);
	assert_true(w.recency == 10);
	assert_true(w.frequency == 2);
	assert_true(w.harm_per_day == 0.01);
	assert_true(w.victims == 5);
	assert_true(w.order_breach == 10);
	assert_true(w.wanted == 10);
}

static void
test_weights_is_data_file(void **state)
{
	const char *top = getenv("VAWG_TOP");
	char path[4096], buf[1024];
	FILE *fp;
	size_t n, want = strlen(rank_weights_default_csv);

	(void)state;
	snprintf(path, sizeof(path), "%s/data/rank-weights.csv",
	    top ? top : ".");
	fp = fopen(path, "rb");
	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	assert_int_equal(n, want);
	assert_memory_equal(buf, rank_weights_default_csv, want);
}

static void
test_weights_file(void **state)
{
	const char *p = tmpfile_with("value,weight\n0.02,harm_per_day\n"
	    "0,wanted\n");
	struct rank_weights w;
	struct vawg_err e = { 0 };

	(void)state;
	assert_int_equal(rank_weights_load(p, &w, &e), 0);
	unlink(p);
	assert_true(w.harm_per_day == 0.02);
	assert_true(w.wanted == 0);
	/* Not named: the default. */
	assert_true(w.recency == 10);
	assert_true(w.victims == 5);
}

static void
test_bad_weights(void **state)
{
	static const char *const bad[] = {
		"",
		"name,value\nrecency,1\n",
		"weight,value\nrecency_days,1\n",
		"weight,value\nrecency,1\nrecency,2\n",
		"weight,value\nrecency,-1\n",
		"weight,value\nrecency,+1\n",
		"weight,value\nrecency,abc\n",
		"weight,value\nrecency,\n",
		"weight,value\nrecency,inf\n",
		"weight,value\nrecency,nan\n",
		"weight,value\nrecency,1000001\n",
		"weight,value\nrecency,1 point\n",
	};
	struct rank_weights w;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *p = tmpfile_with(bad[i]);
		struct vawg_err e = { 0 };

		assert_int_equal(rank_weights_load(p, &w, &e), -1);
		assert_int_equal(e.code, 65);
		unlink(p);
	}
	{
		struct vawg_err e = { 0 };

		assert_int_equal(rank_weights_load("/nonexistent/w.csv", &w,
		    &e), -1);
		assert_int_equal(e.code, 66);
	}
}

/*
 * Three offences, the last 12 days before as-of, 2575 harm days
 * (2555 + 10 + 10), two victims, default weights:
 *   recency   10 * (365 - 12) / 365 = 3530 / 365 = 9.6712...
 *   frequency 2 * 3                 = 6
 *   harm      0.01 * 2575           = 25.75
 *   victims   5 * 2                 = 10
 *   total                           = 51.4212... -> 51.42
 * With both aggravators, 20 more: 71.42.
 */
static void
test_score_by_hand(void **state)
{
	struct rank_set *s = rank_set_new();
	struct rank_person *p;
	struct rank_weights w;
	int32_t as_of = date_from_ymd(2026, 10, 31);
	char buf[512];
	double pts[6];
	size_t need;

	(void)state;
	defaults(&w);
	p = rank_set_person(s, "P1", 2);
	rank_offence(p, as_of - 12, 2555, 0);
	rank_offence(p, as_of - 31, 10, 1);
	rank_offence(p, as_of - 152, 10, 1);
	assert_int_equal(rank_victim(s, p, "V1", 2), 1);
	assert_int_equal(rank_victim(s, p, "V1", 2), 0);
	assert_int_equal(rank_victim(s, p, "V2", 2), 1);
	assert_int_equal(p->offences, 3);
	assert_int_equal(p->da_offences, 2);
	assert_int_equal(p->victims, 2);
	assert_int_equal(p->last_day, as_of - 12);
	rank_score(p, &w, as_of, 365);
	rank_points(p, &w, as_of, 365, pts);
	assert_true(pts[0] > 9.6712 && pts[0] < 9.6713);
	assert_true(pts[1] == 6);
	assert_true(pts[2] > 25.7499 && pts[2] < 25.7501);
	assert_true(pts[3] == 10);
	assert_true(pts[4] == 0 && pts[5] == 0);
	assert_int_equal(p->score_c, 5142);
	rank_format_score(p->score_c, buf);
	assert_string_equal(buf, "51.42");
	need = rank_explain(p, &w, as_of, 365, buf, sizeof(buf));
	assert_string_equal(buf, "recency 10 * (365 - 12) / 365 = 9.67; "
	    "frequency 2 * 3 = 6.00; harm 0.01 * 2575 = 25.75; "
	    "victims 5 * 2 = 10.00; order_breach 10 * 0 = 0.00; "
	    "wanted 10 * 0 = 0.00; score 51.42");
	assert_int_equal(need, strlen(buf));
	/* Too small a buffer: truncated, the length needed returned. */
	assert_int_equal(rank_explain(p, &w, as_of, 365, buf, 10), need);
	assert_int_equal(strlen(buf), 9);

	p->flags |= RANK_ORDER_BREACH | RANK_WANTED;
	rank_score(p, &w, as_of, 365);
	assert_int_equal(p->score_c, 7142);
	rank_set_free(s);
}

/* Recency at the edges: today 10, the window's first day 0. */
static void
test_recency_edges(void **state)
{
	static const struct { int since; long long score_c; } t[] = {
		{ 0, 1000 + 200 }, { 1, 997 + 200 }, { 73, 800 + 200 },
		{ 364, 3 + 200 }, { 365, 0 + 200 },
		{ -5, 1000 + 200 },	/* after as-of: held at today */
	};
	struct rank_weights w;
	size_t i;

	(void)state;
	defaults(&w);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct rank_set *s = rank_set_new();
		struct rank_person *p = rank_set_person(s, "X", 1);

		/* 10 * (365 - 1) / 365 = 9.9726 -> 9.97; 10 * 292 / 365 =
		 * 8; 10 * 1 / 365 = 0.0274 -> 0.03; plus 2 per offence. */
		rank_offence(p, 20000 - t[i].since, 0, 0);
		rank_score(p, &w, 20000, 365);
		assert_int_equal(p->score_c, t[i].score_c);
		rank_set_free(s);
	}
}

/*
 * Tie order with every weight 0 (every score 0.00): harm days, then last
 * date, then offences, then victims, then id.
 */
static void
test_tie_order(void **state)
{
	static const struct {
		const char *id;
		double harm;
		int32_t last;
		int offences, victims;
	} t[] = {	/* in the expected order */
		{ "H", 100, 10, 1, 0 },
		{ "L", 50, 20, 1, 0 },
		{ "O", 50, 10, 3, 0 },
		{ "V", 50, 10, 2, 2 },
		{ "A", 50, 10, 2, 1 },
		{ "B", 50, 10, 2, 1 },
		{ "BB", 50, 10, 2, 1 },
		{ "C", 50, 10, 2, 1 },
	};
	static const int shuffle[] = { 5, 2, 7, 0, 3, 6, 1, 4 };
	struct rank_weights w = { 0, 0, 0, 0, 0, 0 };
	struct rank_set *s = rank_set_new();
	struct rank_person **top;
	size_t i, n;
	int k;

	(void)state;
	for (i = 0; i < 8; i++) {
		int j = shuffle[i];
		struct rank_person *p = rank_set_person(s, t[j].id,
		    strlen(t[j].id));
		char v[16];

		for (k = 0; k < t[j].offences; k++)
			rank_offence(p, t[j].last - k, k == 0 ? t[j].harm : 0,
			    0);
		for (k = 0; k < t[j].victims; k++) {
			snprintf(v, sizeof(v), "v%d", k);
			rank_victim(s, p, v, strlen(v));
		}
	}
	top = rank_top(s, &w, 100, 365, 0, NULL, NULL, &n);
	assert_int_equal(n, 8);
	for (i = 0; i < n; i++)
		assert_string_equal(top[i]->id, t[i].id);
	free(top);
	/* The best three only, the same order. */
	top = rank_top(s, &w, 100, 365, 3, NULL, NULL, &n);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++)
		assert_string_equal(top[i]->id, t[i].id);
	free(top);
	rank_set_free(s);
}

static int
keep_two_da(const struct rank_person *p, void *arg)
{
	(void)arg;
	return p->da_offences >= 2;
}

static void
test_top_filters(void **state)
{
	struct rank_weights w;
	struct rank_set *s = rank_set_new();
	struct rank_person **top, *p;
	size_t n;

	(void)state;
	defaults(&w);
	/* A person with only an aggravator is not listed. */
	rank_set_person(s, "FLAG", 4)->flags |= RANK_WANTED;
	p = rank_set_person(s, "DA2", 3);
	rank_offence(p, 100, 10, 1);
	rank_offence(p, 90, 10, 1);
	p = rank_set_person(s, "DA1", 3);
	rank_offence(p, 100, 2555, 1);
	rank_offence(p, 100, 2555, 0);
	top = rank_top(s, &w, 100, 365, 10, NULL, NULL, &n);
	assert_int_equal(n, 2);
	assert_string_equal(top[0]->id, "DA1");
	free(top);
	top = rank_top(s, &w, 100, 365, 10, keep_two_da, NULL, &n);
	assert_int_equal(n, 1);
	assert_string_equal(top[0]->id, "DA2");
	free(top);
	assert_int_equal(rank_set_count(s), 3);
	assert_non_null(rank_set_find(s, "FLAG", 4));
	assert_null(rank_set_find(s, "NONE", 4));
	rank_set_free(s);
}

static void
test_victim_pairs(void **state)
{
	struct rank_set *s = rank_set_new();
	struct rank_person *a = rank_set_person(s, "A", 1);
	struct rank_person *b = rank_set_person(s, "B", 1);
	char v[16];
	int i;

	(void)state;
	assert_int_equal(rank_victim(s, a, "V", 1), 1);
	assert_int_equal(rank_victim(s, b, "V", 1), 1);
	assert_int_equal(rank_victim(s, a, "V", 1), 0);
	/* Enough pairs to grow the table several times. */
	for (i = 0; i < 5000; i++) {
		snprintf(v, sizeof(v), "x%d", i);
		assert_int_equal(rank_victim(s, a, v, strlen(v)), 1);
	}
	for (i = 0; i < 5000; i++) {
		snprintf(v, sizeof(v), "x%d", i);
		assert_int_equal(rank_victim(s, a, v, strlen(v)), 0);
	}
	assert_int_equal(a->victims, 5001);
	assert_int_equal(b->victims, 1);
	rank_set_free(s);
}

static void
test_latest_text(void **state)
{
	struct rank_set *s = rank_set_new();
	struct rank_person *p = rank_set_person(s, "A", 1);

	(void)state;
	assert_string_equal(rank_text(p, RANK_FORENAME), "");
	rank_text_offer(p, RANK_FORENAME, "Robert", 6, 50);
	rank_text_offer(p, RANK_FORENAME, "Bob", 3, 40);	/* older */
	assert_string_equal(rank_text(p, RANK_FORENAME), "Robert");
	rank_text_offer(p, RANK_FORENAME, "", 0, 60);		/* empty */
	assert_string_equal(rank_text(p, RANK_FORENAME), "Robert");
	rank_text_offer(p, RANK_PNC, "2001/0171310W", 13, 10);
	rank_text_offer(p, RANK_SURNAME, "Baker", 5, 10);
	rank_text_offer(p, RANK_FORENAME, "Rob", 3, 50);	/* same day */
	assert_string_equal(rank_text(p, RANK_FORENAME), "Rob");
	rank_text_offer(p, RANK_FORENAME, "Roberto Maximilian", 18, 70);
	assert_string_equal(rank_text(p, RANK_FORENAME), "Roberto Maximilian");
	assert_string_equal(rank_text(p, RANK_SURNAME), "Baker");
	assert_string_equal(rank_text(p, RANK_DOB), "");
	assert_string_equal(rank_text(p, RANK_PNC), "2001/0171310W");
	rank_text_offer(p, RANK_SURNAME, "Baker-Smythe", 12, 11);
	rank_text_offer(p, RANK_DOB, "1980-02-02", 10, 11);
	rank_text_offer(p, RANK_FORENAME, "R", 1, 80);
	assert_string_equal(rank_text(p, RANK_FORENAME), "R");
	assert_string_equal(rank_text(p, RANK_SURNAME), "Baker-Smythe");
	assert_string_equal(rank_text(p, RANK_DOB), "1980-02-02");
	assert_string_equal(rank_text(p, RANK_PNC), "2001/0171310W");
	rank_set_free(s);
}

static void
test_format_score(void **state)
{
	static const struct { long long c; const char *s; } t[] = {
		{ 0, "0.00" }, { 5, "0.05" }, { 100, "1.00" },
		{ 5142, "51.42" }, { -7, "-0.07" }, { 123456789, "1234567.89" },
	};
	char buf[32];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		rank_format_score(t[i].c, buf);
		assert_string_equal(buf, t[i].s);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_weights),
		cmocka_unit_test(test_weights_is_data_file),
		cmocka_unit_test(test_weights_file),
		cmocka_unit_test(test_bad_weights),
		cmocka_unit_test(test_score_by_hand),
		cmocka_unit_test(test_recency_edges),
		cmocka_unit_test(test_tie_order),
		cmocka_unit_test(test_top_filters),
		cmocka_unit_test(test_victim_pairs),
		cmocka_unit_test(test_latest_text),
		cmocka_unit_test(test_format_score),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
