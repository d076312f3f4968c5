/*
 * Unit tests of lib/xlsx/workbook: the copies of option text (author,
 * title, chart titles) that libxlsxwriter may write into the XML as
 * they are: valid UTF-8, cut at a character count.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xlsx/workbook.h"

static void
check_dup(const char *s, size_t max, const char *want)
{
	char *d = xlsx_text_dup(s, max);

	assert_string_equal(d, want);
	free(d);
}

static void
test_text_dup(void **state)
{
	(void)state;
	check_dup("", 255, "");
	check_dup("Monthly VAWG", 255, "Monthly VAWG");
	check_dup("Monthly VAWG", 7, "Monthly");
	/* U+0218 is two bytes, and counts as one character. */
	check_dup("\xc8\x98tefan", 3, "\xc8\x98te");
	/* A stray byte becomes U+FFFD (EF BF BD). */
	check_dup("a\xff" "b", 255, "a\xef\xbf\xbd" "b");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_dup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
