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

#include "xlsx/labels.h"
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

static void
check_human(const char *name, const char *want)
{
	char *h = labels_humanise(name);

	assert_string_equal(h, want);
	free(h);
}

/* Column names with no label: '_' to blanks, the first letter capital. */
static void
test_humanise(void **state)
{
	(void)state;
	check_human("charge_rate_lower", "Charge rate lower");
	check_human("prev_denominator", "Prev denominator");
	check_human("Already", "Already");
	check_human("_x", " x");
	check_human("", "");
	/* A NULL table has no entries: every heading is humanised. */
	assert_null(labels_find(NULL, "charges"));
	{
		char *h = labels_heading(NULL, "in_force_at");

		assert_string_equal(h, "In force at");
		free(h);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_dup),
		cmocka_unit_test(test_humanise),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
