/*
 * Unit tests of lib/html and lib/safename: hostile values escaped,
 * malformed UTF-8 replaced, file names that are never paths, hidden or
 * clashing.  Expected strings worked out by hand from the rules in the
 * headers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pack/html.h"
#include "pack/safename.h"

static char *
escaped(const char *s, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	html_escape(fp, s, n);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

static void
test_escape(void **state)
{
	static const struct {
		const char *in, *out;
	} t[] = {
		{ "", "" },
		{ "plain", "plain" },
		{ "<script>alert(1)</script>",
		  "&lt;script&gt;alert(1)&lt;/script&gt;" },
		{ "O'Brien & \"Sons\"", "O&#39;Brien &amp; &quot;Sons&quot;" },
		{ "&amp;", "&amp;amp;" },
		{ "a\tb\nc\r", "a\tb\nc\r" },
		{ "bell\a", "bell&#xFFFD;" },
		{ "del\x7f", "del&#xFFFD;" },
		{ "Zo\xc3\xab", "Zo\xc3\xab" },			/* ë */
		{ "\xe2\x82\xac", "\xe2\x82\xac" },			/* € */
		{ "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80" },		/* emoji */
		{ "Zo\xeb", "Zo&#xFFFD;" },				/* CP1252 ë */
		{ "\xc0\xbc", "&#xFFFD;&#xFFFD;" },			/* overlong < */
		{ "\xed\xa0\x80", "&#xFFFD;&#xFFFD;&#xFFFD;" },	/* surrogate */
		{ "\xc2\x85", "&#xFFFD;&#xFFFD;" },			/* C1 NEL */
		{ "\xe2\x82", "&#xFFFD;&#xFFFD;" },			/* cut short */
	};
	size_t i;
	char *s;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		s = escaped(t[i].in, strlen(t[i].in));
		assert_string_equal(s, t[i].out);
		free(s);
	}
	/* A NUL inside the value. */
	s = escaped("a\0b", 3);
	assert_string_equal(s, "a&#xFFFD;b");
	free(s);
}

static void
test_page(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	html_begin(fp, "Case <1> & \"2\"");
	html_end(fp);
	assert_int_equal(fclose(fp), 0);
	assert_non_null(strstr(buf, "<title>Case &lt;1&gt; &amp; &quot;2&quot;</title>"));
	assert_non_null(strstr(buf, "@page{size:A4"));
	assert_null(strstr(buf, "<script"));
	assert_null(strstr(buf, "http"));
	assert_string_equal(buf + len - 15, "</body>\n</html>\n" + 1);
	free(buf);
}

static void
test_safename(void **state)
{
	static const struct {
		const char *in, *out;
	} t[] = {
		{ "MARAC-2026-001", "MARAC-2026-001" },
		{ "../../etc/passwd", "_._.._etc_passwd" },
		{ "..", "_." },
		{ ".hidden", "_hidden" },
		{ "-rf", "_rf" },
		{ "a/b\\c", "a_b_c" },
		{ "", "_" },
		{ "with space", "with_space" },
		{ "Zo\xc3\xab", "Zo__" },
		{ "x\ny", "x_y" },
		{ "/", "_" },
	};
	char buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(safename(t[i].in, buf, sizeof(buf)),
		    strlen(t[i].out));
		assert_string_equal(buf, t[i].out);
	}
	assert_int_equal(safename("abcdefgh", buf, 5), 4);
	assert_string_equal(buf, "abcd");
}

static void
test_unique(void **state)
{
	static const char *const reserved[] = { "index", NULL };
	struct safenames *sn = safenames_new(reserved);
	char buf[8];

	(void)state;
	safename_unique(sn, "a/b", buf, sizeof(buf));
	assert_string_equal(buf, "a_b");
	safename_unique(sn, "a_b", buf, sizeof(buf));
	assert_string_equal(buf, "a_b-2");
	safename_unique(sn, "A?B", buf, sizeof(buf));
	assert_string_equal(buf, "A_B-3");
	safename_unique(sn, "INDEX", buf, sizeof(buf));
	assert_string_equal(buf, "INDEX-2");
	/* A long clash keeps the suffix within the buffer. */
	safename_unique(sn, "abcdefghij", buf, sizeof(buf));
	assert_string_equal(buf, "abcdefg");
	safename_unique(sn, "abcdefgXYZ", buf, sizeof(buf));
	assert_string_equal(buf, "abcde-2");
	safenames_free(sn);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_safename),
		cmocka_unit_test(test_unique),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
