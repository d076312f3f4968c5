/* Unit tests of lib/sheetname: Excel's sheet-name rules. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xlsx/sheetname.h"

static void
test_rules(void **state)
{
	static const struct {
		const char *want, *got;
		int changes;
	} t[] = {
		{ "crimes", "crimes", 0 },
		{ "CRIMES", "CRIMES (2)", SHEETNAME_RENAMED },
		{ "crimes", "crimes (3)", SHEETNAME_RENAMED },
		{ "a/b:c", "a_b_c", SHEETNAME_REPLACED },
		{ "[x]*?\\", "_x____", SHEETNAME_REPLACED },
		{ "'quoted'", "_quoted_", SHEETNAME_REPLACED },
		{ "it's", "it's", 0 },
		{ "", "Sheet", SHEETNAME_EMPTY },
		{ "history", "history (2)", SHEETNAME_RENAMED },
		/* 32 characters: cut to 31. */
		{ "abcdefghijklmnopqrstuvwxyz012345",
		  "abcdefghijklmnopqrstuvwxyz01234", SHEETNAME_TRUNCATED },
		{ "abcdefghijklmnopqrstuvwxyz0123456789",
		  "abcdefghijklmnopqrstuvwxyz0 (2)",	/* 27 + 4 */
		  SHEETNAME_TRUNCATED | SHEETNAME_RENAMED },
		/* 31 characters, 30 of them two-byte: kept whole. */
		{ "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9z",
		  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9z", 0 },
		/* An apostrophe left at the end by the cut becomes '_'. */
		{ "abcdefghijklmnopqrstuvwxyz0123'x",
		  "abcdefghijklmnopqrstuvwxyz0123_",
		  SHEETNAME_TRUNCATED | SHEETNAME_REPLACED },
		{ "bad\xff", "bad\xef\xbf\xbd", SHEETNAME_REPLACED },
		{ "tab\there", "tab_here", SHEETNAME_REPLACED },
	};
	struct sheetnames *s = sheetnames_new();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int ch = -1;
		const char *got = sheetnames_add(s, t[i].want, &ch);

		assert_string_equal(got, t[i].got);
		assert_int_equal(ch, t[i].changes);
	}
	assert_true(sheetnames_has(s, "Crimes"));
	assert_true(sheetnames_has(s, "HISTORY"));
	assert_false(sheetnames_has(s, "orders"));
	assert_string_equal(sheetnames_add(s, "x", NULL), "x");
	sheetnames_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
