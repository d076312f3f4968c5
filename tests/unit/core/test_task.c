/*
 * Unit tests of lib/core/task: the function runs, its result is there
 * after task_wait(); a second wait does nothing; tasks started together
 * each do their own share.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/task.h"

struct share {
	unsigned long from, to;
	unsigned long long sum;
};

static void *
add(void *arg)
{
	struct share *s = arg;
	unsigned long i;

	for (i = s->from; i < s->to; i++)
		s->sum += i;
	return NULL;
}

static void
test_one(void **state)
{
	struct task t = { 0 };
	struct share s = { 1, 101, 0 };

	(void)state;
	task_start(&t, add, &s);
	task_wait(&t);
	assert_int_equal(s.sum, 5050);	/* 1 + ... + 100 */
	assert_int_equal(t.on, 0);
	task_wait(&t);			/* again: nothing */
	assert_int_equal(s.sum, 5050);
}

static void
test_shares(void **state)
{
	struct task t[4] = { { 0 } };
	struct share s[4];
	unsigned long long total = 0;
	int k;

	(void)state;
	for (k = 0; k < 4; k++) {
		s[k] = (struct share){ (unsigned long)k * 250000,
		    (unsigned long)(k + 1) * 250000, 0 };
		task_start(&t[k], add, &s[k]);
	}
	for (k = 0; k < 4; k++) {
		task_wait(&t[k]);
		total += s[k].sum;
	}
	/* 0 + 1 + ... + 999,999 = 999,999 * 1,000,000 / 2 */
	assert_true(total == 499999500000ULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one),
		cmocka_unit_test(test_shares),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
