/*
 * Unit tests of lib/normalize: names written every way an export might,
 * expected forms by hand.  Non-ASCII letters are spelled as UTF-8 bytes:
 * \xc3\xa9 is e-acute, \xc3\x89 E-acute, \xc5\x82 l-stroke, \xc5\x81
 * L-stroke, \xe2\x80\x99 the right single quotation mark.  Names in
 * other scripts are written as they are (this file is UTF-8).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "persons/normalize.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
test_space(void **state)
{
	static const struct { const char *in, *out; } t[] = {
		{ "", "" }, { "   ", "" }, { "a", "a" },
		{ "  jane   mary \t smith ", "jane mary smith" },
		{ "\xc2\xa0x\xc2\xa0\xc2\xa0y\xc2\xa0", "x y" },
		{ "a\r\nb", "a b" },
		{ "\xe3\x80\x80x\xe2\x80\x83y\xe2\x80\xaf", "x y" },	/* U+3000
								   U+2003 U+202F */
	};
	char out[64];
	size_t i;

	(void)state;
	for (i = 0; i < N(t); i++) {
		assert_int_equal(norm_space(t[i].in, strlen(t[i].in), out),
		    strlen(t[i].out));
		assert_string_equal(out, t[i].out);
	}
}

static void
test_name(void **state)
{
	static const struct { const char *in, *out, *title; } t[] = {
		{ "SMITH", "Smith", "" },
		{ "smith", "Smith", "" },
		{ "  jane   MARY ", "Jane Mary", "" },
		{ "o'brien", "O'Brien", "" },
		{ "O\xe2\x80\x99NEILL", "O\xe2\x80\x99Neill", "" },
		{ "d'arcy", "D'Arcy", "" },
		{ "smith-jones", "Smith-Jones", "" },
		{ "MCDONALD", "McDonald", "" },
		{ "mcdonald", "McDonald", "" },
		{ "MACDONALD", "MacDonald", "" },
		{ "mackenzie", "MacKenzie", "" },
		{ "MACHIN", "Machin", "" },
		{ "mackie", "Mackie", "" },
		{ "mack", "Mack", "" },
		{ "mace", "Mace", "" },
		{ "ludwig VAN beethoven", "Ludwig van Beethoven", "" },
		{ "van dyke", "Van Dyke", "" },
		{ "J.R.", "J.R.", "" },
		{ "j.r.", "J.R.", "" },
		{ "\xc3\x89LODIE", "\xc3\x89lodie", "" },
		{ "\xc3\xa9lodie", "\xc3\x89lodie", "" },
		{ "REN\xc3\x89" "E", "Ren\xc3\xa9" "e", "" },
		{ "\xc5\x82ukasz", "\xc5\x81ukasz", "" },
		/* Beyond Latin Extended-A, and other scripts. */
		{ "ștefan ȚURCANU", "Ștefan Țurcanu", "" },
		{ "NGUYỄN VĂN ĐỨC", "Nguyễn Văn Đức", "" },
		{ "ИВАН ПЕТРОВ", "Иван Петров", "" },
		{ "ΟΔΥΣΣΕΑΣ ΣΟΦΟΣ", "Οδυσσεας Σοφος", "" },	/* final ς */
		{ "ǆuro", "ǅuro", "" },				/* title case */
		{ "işik", "Işik", "" },
		{ "Mrs мария", "Мария", "Mrs" },
		/* Combining marks typed separately are composed. */
		{ "rene\xcc\x81" "e", "Ren\xc3\xa9" "e", "" },
		{ "S\xcc\xa6TEFAN", "Ștefan", "" },
		{ "محمد", "محمد", "" },
		{ "Mr John", "John", "Mr" },
		{ "MRS. jane", "Jane", "Mrs" },
		{ "ms  Ann Marie", "Ann Marie", "Ms" },
		{ "dr who", "Who", "Dr" },
		{ "Doctor Foster", "Foster", "Dr" },
		{ "miss", "Miss", "" },	/* alone, it is the name */
		{ "Mister", "Mister", "" },
		{ "Mrsmith", "Mrsmith", "" },
		{ "", "", "" },
	};
	char out[64], title[NORM_TITLE_SIZE];
	size_t i;

	(void)state;
	for (i = 0; i < N(t); i++) {
		size_t n = norm_name(t[i].in, strlen(t[i].in), out, title);

		if (strcmp(out, t[i].out) != 0)
			fail_msg("\"%s\" gave \"%s\"", t[i].in, out);
		assert_int_equal(n, strlen(t[i].out));
		assert_string_equal(title, t[i].title);
	}
}

static void
test_title(void **state)
{
	(void)state;
	assert_string_equal(norm_title("MR.", 3), "Mr");
	assert_string_equal(norm_title("prof", 4), "Prof");
	assert_string_equal(norm_title("Professor", 9), "Prof");
	assert_null(norm_title("Mrx", 3));
	assert_null(norm_title("", 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_space),
		cmocka_unit_test(test_name),
		cmocka_unit_test(test_title),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
