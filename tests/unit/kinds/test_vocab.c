/*
 * Unit tests of lib/kinds/vocab: slugs, and each vocabulary's words and
 * canonical values (the words a source writes, by hand).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kinds/vocab.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
test_slug(void **state)
{
	static const struct { const char *in, *out; } t[] = {
		{ "Order Made", "order_made" },
		{ "  Walk & Talk ", "walk_and_talk" },
		{ "Right-to-Ask", "right_to_ask" },
		{ "NFA.", "nfa" },
		{ "", "" },
	};
	char out[64];
	size_t i;

	(void)state;
	for (i = 0; i < N(t); i++) {
		assert_int_equal(vocab_slug(t[i].in, strlen(t[i].in), out),
		    strlen(t[i].out));
		assert_string_equal(out, t[i].out);
	}
}

static void
test_words(void **state)
{
	static const struct {
		enum col_type type;
		const char *word, *value;	/* NULL: not listed */
	} t[] = {
		{ COL_FLAG, "yes", "Y" }, { COL_FLAG, "0", "N" },
		{ COL_FLAG, "maybe", NULL },
		{ COL_SEX, "female", "F" }, { COL_SEX, "not_known", "" },
		{ COL_ORDER_DECISION, "order_made", "granted" },
		{ COL_ORDER_DECISION, "adjourned", "pending" },
		{ COL_ORDER_DECISION, "lost", NULL },
		{ COL_ROUTE, "rtk", "know" },
		{ COL_CHANNEL, "web_form", "portal" },
		{ COL_CHANNEL, "phone", NULL },
		{ COL_DVDS_DECISION, "nfa", "no_disclose" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(t); i++) {
		const struct vocab *v = vocab_of(t[i].type);
		const char *got;

		assert_non_null(v);
		got = vocab_lookup(v, t[i].word);
		if (t[i].value == NULL)
			assert_null(got);
		else
			assert_string_equal(got, t[i].value);
	}
	/* A channel not listed is "other"; every other vocabulary faults. */
	assert_string_equal(vocab_of(COL_CHANNEL)->other, "other");
	assert_null(vocab_of(COL_CHANNEL)->problem);
	assert_string_equal(vocab_of(COL_FLAG)->problem, "not Y or N");
	assert_string_equal(vocab_of(COL_ORDER_DECISION)->values,
	    "granted|refused|withdrawn|pending");
	assert_null(vocab_of(COL_TEXT));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slug),
		cmocka_unit_test(test_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
