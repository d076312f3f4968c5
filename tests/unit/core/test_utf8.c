/*
 * Unit tests of lib/utf8.  Byte sequences for the checks are from the
 * UTF-8 definition (RFC 3629); expected keys were worked out by hand
 * and checked against Python's unicodedata (NFKD of the case-folded
 * text, combining marks removed, upper case), which agrees everywhere
 * except the letters Unicode gives no decomposition (Ł Ø Đ Æ Œ Þ ı),
 * whose folds are the conventional ones.  This file is UTF-8.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/utf8.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
test_decode(void **state)
{
	int32_t cp;
	char b[4];

	(void)state;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("\xc3\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(utf8_decode("\xe1\xbb\x85x", 4, &cp), 3);	/* ễ */
	assert_int_equal(cp, 0x1EC5);
	assert_int_equal(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	/* Cut short, stray continuation, overlong, surrogate, too big. */
	assert_int_equal(utf8_decode("\xc3", 1, &cp), 0);
	assert_int_equal(cp, UTF8_REPLACEMENT);
	assert_int_equal(utf8_decode("\xa9", 1, &cp), 0);
	assert_int_equal(utf8_decode("\xc0\xaf", 2, &cp), 0);
	assert_int_equal(utf8_decode("\xe0\x80\xaf", 3, &cp), 0);
	assert_int_equal(utf8_decode("\xed\xa0\x80", 3, &cp), 0);
	assert_int_equal(utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0);
	assert_int_equal(utf8_decode("\xf8\x88\x80\x80\x80", 5, &cp), 0);
	assert_int_equal(utf8_encode(0x1EC5, b), 3);
	assert_memory_equal(b, "\xe1\xbb\x85", 3);
	assert_int_equal(utf8_encode('z', b), 1);
}

static void
test_valid(void **state)
{
	static const struct { const char *s; size_t n; int ok; } t[] = {
		{ "", 0, 1 },
		{ "plain ASCII, longer than eight bytes", 36, 1 },
		{ "Ștefan Țurcanu", sizeof("Ștefan Țurcanu") - 1, 1 },
		{ "Иванов Пётр", sizeof("Иванов Пётр") - 1, 1 },
		{ "a\0b", 3, 1 },				/* NUL is UTF-8 */
		{ "12345678\xc3", 9, 0 },		/* cut short */
		{ "abcdefgh\x80xyz", 12, 0 },		/* stray */
		{ "\xc0\xaf", 2, 0 },			/* overlong / */
		{ "\xed\xa0\x80", 3, 0 },		/* surrogate */
		{ "\xf4\x90\x80\x80", 4, 0 },		/* past U+10FFFF */
		{ "caf\xe9", 4, 0 },			/* CP1252 é */
		{ "\xf0\x9f\x98\x80", 4, 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(t); i++)
		if (utf8_valid(t[i].s, t[i].n) != t[i].ok)
			fail_msg("case %zu", i);
}

/* These were ct_utf8_valid() and ct_utf8_fix() in lib/celltype. */
static void
test_prefix_and_fix(void **state)
{
	char out[64];
	int t;

	(void)state;
	assert_int_equal(utf8_valid_prefix("abc", 3), 3);
	assert_int_equal(utf8_valid_prefix("caf\xc3\xa9", 5), 5);
	assert_int_equal(utf8_valid_prefix("a\xff", 2), 1);
	assert_int_equal(utf8_valid_prefix("a\xc3", 2), 1);	/* cut short */
	assert_int_equal(utf8_valid_prefix("\xc0\xaf", 2), 0);	/* overlong */
	assert_int_equal(utf8_valid_prefix("\xed\xa0\x80", 3), 0);
	assert_int_equal(utf8_valid_prefix("\xf4\x90\x80\x80", 4), 0);
	assert_int_equal(utf8_valid_prefix("\xf0\x9f\x98\x80", 4), 4);
	assert_int_equal(utf8_valid_prefix("a\0b", 3), 1);	/* NUL */
	assert_int_equal(utf8_fix("a\0b", 3, out, 100, &t), 5);
	assert_memory_equal(out, "a\xef\xbf\xbd" "b", 6);
	assert_int_equal(utf8_fix("a\xffz", 3, out, 100, &t), 5);
	assert_string_equal(out, "a\xef\xbf\xbdz");
	assert_int_equal(t, 0);
	assert_int_equal(utf8_fix("caf\xc3\xa9!", 6, out, 4, &t), 5);
	assert_string_equal(out, "caf\xc3\xa9");
	assert_int_equal(t, 1);
	assert_int_equal(utf8_fix("", 0, out, 4, &t), 0);
	assert_string_equal(out, "");
	/* utf8_prefix: bytes of the first characters. */
	assert_int_equal(utf8_prefix("Țurcanu", strlen("Țurcanu"), 2), 3);
	assert_int_equal(utf8_prefix("abc", 3, 10), 3);
	assert_int_equal(utf8_prefix("Пётр", strlen("Пётр"), 3), 6);
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("abc", 3, 100), 3);
	assert_int_equal(utf8_width("caf\xc3\xa9", 5, 100), 4);
	assert_int_equal(utf8_width("cafe\xcc\x81", 6, 100), 4); /* e + ◌́ */
	assert_int_equal(utf8_width("東京", strlen("東京"), 100), 4);
	assert_int_equal(utf8_width("abcdef", 6, 4), 4);
	assert_int_equal(utf8_width("", 0, 4), 0);
}

static void
test_case(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(utf8_upper(0x0219), 0x0218);	/* ș Ș */
	assert_int_equal(utf8_lower(0x0416), 0x0436);	/* Ж ж */
	assert_int_equal(utf8_title(0x01C6), 0x01C5);	/* ǆ ǅ */
	assert_int_equal(utf8_upper(0x0131), 'I');	/* ı */
	assert_int_equal(utf8_upper('7'), '7');
	assert_true(utf8_is_letter(0x0628));		/* ب */
	assert_false(utf8_is_letter(0x0301));
	assert_true(utf8_is_space(0x00A0));
	assert_true(utf8_is_space(0x3000));
	assert_false(utf8_is_space('x'));
	/* NFC: e + combining acute is é; Ș with its comma below too. */
	assert_int_equal(utf8_nfc("Rene\xcc\x81", 6, out, sizeof out), 5);
	assert_string_equal(out, "Ren\xc3\xa9");
	assert_int_equal(utf8_nfc("S\xcc\xa6tefan", 8, out, sizeof out),
	    strlen("Ștefan"));
	assert_string_equal(out, "Ștefan");
	assert_int_equal(utf8_nfc("ab", 2, out, 2), (size_t)-1);
	assert_int_equal(utf8_nfc("\xff", 1, out, sizeof out), (size_t)-1);
	/* Full case folding. */
	assert_int_equal(utf8_casefold("Straße", strlen("Straße"), out,
	    sizeof out), 7);
	assert_string_equal(out, "strasse");
	utf8_casefold("ΣΟΦΙΑ Ñ", strlen("ΣΟΦΙΑ Ñ"), out, sizeof out);
	assert_string_equal(out, "σοφια ñ");
	utf8_casefold("ΟΔΟΣ ὁδός", strlen("ΟΔΟΣ ὁδός"), out, sizeof out);
	assert_string_equal(out, "οδοσ ὁδόσ");	/* final sigma folds */
	assert_int_equal(utf8_casefold("ABCD", 4, out, 4), (size_t)-1);
}

static void
test_key(void **state)
{
	static const struct { const char *in, *out; } t[] = {
		/* ASCII, as before. */
		{ "", "" },
		{ "  O'Brien-Smith ", "OBRIEN SMITH" },
		{ "St. John", "ST JOHN" },
		{ "SMITH,  J", "SMITH J" },
		{ "flat 2b", "FLAT 2B" },
		/* Romanian: comma below and the older cedilla forms. */
		{ "Ștefan Țurcanu", "STEFAN TURCANU" },
		{ "Şerban Ţepeş", "SERBAN TEPES" },
		{ "Ioana Brâncoveanu-Ghiță", "IOANA BRANCOVEANU GHITA" },
		/* Vietnamese: stacked marks, Đ. */
		{ "Nguyễn", "NGUYEN" },
		{ "Trần Thị Thu Hà", "TRAN THI THU HA" },
		{ "Đặng Đức", "DANG DUC" },
		/* Polish. */
		{ "Łukasz Żółć", "LUKASZ ZOLC" },
		{ "Grzegorz Brzęczyszczykiewicz",
		    "GRZEGORZ BRZECZYSZCZYKIEWICZ" },
		/* Turkish: dotted capital I, dotless small i. */
		{ "İsmail Işık Gündoğdu", "ISMAIL ISIK GUNDOGDU" },
		{ "Şahin Çelik", "SAHIN CELIK" },
		/* Nordic, German, Old English, French, Catalan. */
		{ "Øyvind Ærø", "OYVIND AERO" },
		{ "Müller", "MULLER" },
		{ "Weiß", "WEISS" },
		{ "Þór Ðórsson", "THOR DORSSON" },
		{ "Cœur", "COEUR" },
		{ "Paŀlarès", "PALLARES" },
		{ "Hadžić Ćosić", "HADZIC COSIC" },
		/* Combining marks typed separately (NFD). */
		{ "Nguye\xcc\x82\xcc\x83n", "NGUYEN" },
		{ "Jose\xcc\x81", "JOSE" },
		/* Compatibility forms: ligature, full width, superscript. */
		{ "ﬁnn", "FINN" },
		{ "ＡＮＮ", "ANN" },
		/* Cyrillic: kept, upper case, breve and diaeresis gone. */
		{ "Иван Петров", "ИВАН ПЕТРОВ" },
		{ "Ёлкин Дмитрий", "ЕЛКИН ДМИТРИИ" },
		{ "Олександр Їжак", "ОЛЕКСАНДР ІЖАК" },
		/* Greek: tonos gone, final sigma the same letter. */
		{ "Σοφία Παπαδοπούλου", "ΣΟΦΙΑ ΠΑΠΑΔΟΠΟΥΛΟΥ" },
		{ "Αλέξανδρος", "ΑΛΕΞΑΝΔΡΟΣ" },
		{ "ΣΟΦΟΚΛΗΣ", "ΣΟΦΟΚΛΗΣ" },
		/* Arabic: vowel marks and tatweel gone, letters kept. */
		{ "مُحَمَّد", "محمد" },
		{ "عبد الله", "عبد الله" },
		{ "مـحـمـد", "محمد" },
		/* Scripts whose marks are letters' parts: kept whole. */
		{ "देवनागरी", "देवनागरी" },
		{ "김민준", "김민준" },
		{ "王小明", "王小明" },
		/* Apostrophe forms; bad bytes separate. */
		{ "D’Arcy", "DARCY" },
		{ "Oʻzbek", "OZBEK" },
		{ "\xff\xfe" "Ann é", "ANN E" },
		{ "Ann\xc3" "Lee", "ANN LEE" },
	};
	char out[128];
	size_t i, n;

	(void)state;
	for (i = 0; i < N(t); i++) {
		n = utf8_key(t[i].in, strlen(t[i].in), out, sizeof out);
		if (strcmp(out, t[i].out) != 0)
			fail_msg("\"%s\" gave \"%s\"", t[i].in, out);
		assert_int_equal(n, strlen(t[i].out));
	}
}

/* Keys that do not fit are cut between words, never inside a letter. */
static void
test_key_cut(void **state)
{
	char out[16];
	size_t n;

	(void)state;
	n = utf8_key("anne marie", 10, out, 8);
	assert_string_equal(out, "ANNE");
	assert_int_equal(n, 4);
	/* "ИВАН ПЕТРОВ" is 21 bytes; 15 bytes of room hold "ИВАН". */
	n = utf8_key("Иван Петров", strlen("Иван Петров"), out, 15);
	assert_string_equal(out, "ИВАН");
	/* One word too long: cut at a character, 7 bytes = 3 letters. */
	n = utf8_key("Александр", strlen("Александр"), out, 8);
	assert_string_equal(out, "АЛЕ");
	assert_int_equal(n, 6);
	n = utf8_key("Ștefan", strlen("Ștefan"), out, 1);
	assert_string_equal(out, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_prefix_and_fix),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_case),
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_key_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
