/*
 * Unit tests of lib/encoding.  Expected UTF-8 bytes are from the
 * Unicode charts: CP1252 0xE9 is U+00E9 (C3 A9), 0x80 is the euro sign
 * U+20AC (E2 82 AC), 0x92 is U+2019 (E2 80 99); ISO-8859-1 0x81 is
 * U+0081 (C2 81).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/csvio.h"
#include "core/encoding.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
test_utf8_valid(void **state)
{
	static const struct { const char *s; int ok; } t[] = {
		{ "", 1 }, { "plain ascii text, longer than eight", 1 },
		{ "Ren\xc3\xa9" "e", 1 }, { "\xe2\x82\xac", 1 },
		{ "\xf0\x9f\x98\x80", 1 }, { "\xf4\x8f\xbf\xbf", 1 },
		{ "Ren\xe9" "e", 0 },		/* CP1252 e-acute */
		{ "\xc0\xaf", 0 },		/* overlong */
		{ "\xe0\x80\xaf", 0 },		/* overlong */
		{ "\xed\xa0\x80", 0 },		/* surrogate */
		{ "\xf4\x90\x80\x80", 0 },	/* above U+10FFFF */
		{ "\xc3", 0 },			/* cut short */
		{ "abcdefgh\xe2\x82", 0 },
		{ "\x80", 0 }, { "\xff", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(t); i++)
		if (utf8_valid(t[i].s, strlen(t[i].s)) != t[i].ok)
			fail_msg("case %zu", i);
}

static void
test_names(void **state)
{
	enum enc e;

	(void)state;
	assert_int_equal(enc_parse("CP1252", &e), 0);
	assert_int_equal(e, ENC_CP1252);
	assert_int_equal(enc_parse("windows-1252", &e), 0);
	assert_int_equal(enc_parse("UTF-8", &e), 0);
	assert_int_equal(e, ENC_UTF8);
	assert_int_equal(enc_parse("latin1", &e), 0);
	assert_int_equal(e, ENC_LATIN1);
	assert_int_equal(enc_parse("auto", &e), 0);
	assert_int_equal(e, ENC_AUTO);
	assert_int_equal(enc_parse("ebcdic", &e), -1);
	assert_string_equal(enc_name(ENC_CP1252), "cp1252");
}

static void
filt(struct enc_conv *c, const char *in, int st, const char *want)
{
	const char *out = NULL;
	size_t n = 0;

	assert_int_equal(enc_filter(c, in, strlen(in), &out, &n), st);
	if (st == 0) {
		assert_int_equal(n, strlen(want));
		assert_memory_equal(out, want, n);
	}
}

static void
test_filter(void **state)
{
	struct enc_conv *c;

	(void)state;
	c = enc_new(ENC_AUTO, NULL);
	filt(c, "Ren\xc3\xa9" "e", 0, "Ren\xc3\xa9" "e");
	filt(c, "Ren\xe9" "e", 0, "Ren\xc3\xa9" "e");
	filt(c, "\x80" "5 O\x92" "Neill", 0, "\xe2\x82\xac" "5 O\xe2\x80\x99Neill");
	filt(c, "bad \x81", -1, NULL);
	assert_int_equal(enc_converted(c), 2);
	assert_int_equal(enc_refused(c), 1);
	enc_free(c);

	c = enc_new(ENC_UTF8, NULL);
	filt(c, "Ren\xc3\xa9" "e", 0, "Ren\xc3\xa9" "e");
	filt(c, "Ren\xe9" "e", -1, NULL);
	enc_free(c);

	/* Forced CP1252 converts even bytes that happen to be UTF-8. */
	c = enc_new(ENC_CP1252, NULL);
	filt(c, "\xc3\xa9", 0, "\xc3\x83\xc2\xa9");
	filt(c, "ascii", 0, "ascii");
	enc_free(c);

	c = enc_new(ENC_LATIN1, NULL);
	filt(c, "\x81\xe9", 0, "\xc2\x81\xc3\xa9");
	enc_free(c);
}

/* Through the CSV reader: fields converted, raw bytes kept. */
static void
test_with_reader(void **state)
{
	static const char in[] = "name;town\r\nRen\xe9" "e;Enfield\r\n";
	struct csvr_opts o = { 0 };
	struct enc_conv *c = enc_new(ENC_AUTO, NULL);
	struct csvr *r;
	const char *raw;
	size_t n;
	FILE *fp = fmemopen((void *)in, sizeof(in) - 1, "r");

	(void)state;
	o.filter = enc_filter;
	o.filter_ctx = c;
	r = csvr_fdopen(fp, "mem", &o);
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_delim(r), ';');
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_string_equal(csvr_field(r, 0), "Ren\xc3\xa9" "e");
	raw = csvr_raw(r, &n);
	assert_int_equal(n, 15);
	assert_memory_equal(raw, "Ren\xe9" "e;Enfield\r\n", 15);
	csvr_close(r);
	fclose(fp);
	enc_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_with_reader),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
