/*
 * Unit tests of lib/csvscan: boundary cases worked by hand, then a
 * differential test against lib/csvio (the reference reader) on many
 * random inputs made of the characters that matter to CSV.
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

#include "csvio.h"
#include "csvscan.h"

/* A reader over text, through a temporary file. */
static struct csvs *
scan_text(const char *text, size_t len, FILE **tmp)
{
	FILE *fp = tmpfile();

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	fflush(fp);
	rewind(fp);
	*tmp = fp;
	return csvs_fdopen(fileno(fp), "mem");
}

static void
field_is(struct csvs *s, size_t i, const char *want)
{
	size_t len;
	const char *p = csvs_field(s, i, &len);

	assert_int_equal(len, strlen(want));
	assert_memory_equal(p, want, len);
}

static void
test_cases(void **state)
{
	static const char in[] =
	    "\xef\xbb\xbf" "a,b,c\r\n"
	    "1,\"x, y\",3\r\n"
	    "\n"
	    "\"multi\r\nline \"\"q\"\"\",,\n"
	    "bad\"quote,2\n"
	    "\"\"\n"
	    "short\n"
	    "last,row";
	FILE *tmp;
	struct csvs *s = scan_text(in, sizeof(in) - 1, &tmp);

	(void)state;
	assert_int_equal(csvs_header(s), CSVS_RECORD);
	assert_int_equal(csvs_ncols(s), 3);
	assert_string_equal(csvs_colname(s, 0), "a");
	assert_int_equal(csvs_col(s, "c"), 2);
	assert_int_equal(csvs_col(s, "z"), -1);
	assert_int_equal(csvs_next(s), CSVS_RECORD);
	field_is(s, 1, "x, y");
	field_is(s, 2, "3");
	assert_int_equal(csvs_line(s), 2);
	assert_int_equal(csvs_next(s), CSVS_RECORD);
	assert_int_equal(csvs_line(s), 4);
	field_is(s, 0, "multi\nline \"q\"");
	field_is(s, 1, "");
	assert_int_equal(csvs_nfields(s), 3);
	assert_false(csvs_bad(s));
	assert_int_equal(csvs_next(s), CSVS_RECORD);
	assert_int_equal(csvs_line(s), 6);
	assert_true(csvs_bad(s));
	assert_int_equal(csvs_next(s), CSVS_RECORD);	/* "" is a field */
	assert_int_equal(csvs_nfields(s), 1);
	field_is(s, 0, "");
	assert_int_equal(csvs_next(s), CSVS_RECORD);
	field_is(s, 0, "short");
	field_is(s, 2, "");
	assert_int_equal(csvs_next(s), CSVS_RECORD);
	field_is(s, 1, "row");
	assert_int_equal(csvs_line(s), 9);
	assert_int_equal(csvs_next(s), CSVS_EOF);
	assert_int_equal(csvs_records(s), 6);
	csvs_close(s);
	fclose(tmp);
}

static void
test_empty_and_unterminated(void **state)
{
	FILE *tmp;
	struct csvs *s = scan_text("", 0, &tmp);

	(void)state;
	assert_int_equal(csvs_header(s), CSVS_EOF);
	csvs_close(s);
	fclose(tmp);
	s = scan_text("a\n\"open\n", 8, &tmp);
	assert_int_equal(csvs_header(s), CSVS_RECORD);
	assert_int_equal(csvs_next(s), CSVS_ERROR);
	assert_string_equal(csvs_error(s), "unterminated quoted field");
	csvs_close(s);
	fclose(tmp);
}

/* Long records force the buffer to grow and records to be re-parsed. */
static void
test_long_records(void **state)
{
	size_t n = 700000, i;
	char *text = malloc(n * 2 + 64), *p = text;
	FILE *tmp;
	struct csvs *s;
	size_t len;

	(void)state;
	p += sprintf(p, "h1,h2\n\"");
	for (i = 0; i < n; i++)
		*p++ = i % 1000 == 999 ? '\n' : 'x';
	p += sprintf(p, "\",y\nz,w\n");
	s = scan_text(text, (size_t)(p - text), &tmp);
	assert_int_equal(csvs_header(s), CSVS_RECORD);
	assert_int_equal(csvs_next(s), CSVS_RECORD);
	csvs_field(s, 0, &len);
	assert_int_equal(len, n);
	field_is(s, 1, "y");
	assert_int_equal(csvs_next(s), CSVS_RECORD);
	assert_int_equal(csvs_line(s), 2 + n / 1000 + 1);
	field_is(s, 0, "z");
	csvs_close(s);
	fclose(tmp);
	free(text);
}

static void
test_against_csvio(void **state)
{
	static const char alpha[] = "ab,,\"\n\r ";
	char text[200];
	int round;

	(void)state;
	srand(7);
	for (round = 0; round < 3000; round++) {
		size_t len = (size_t)(rand() % 120), i;
		FILE *tmp, *fp;
		struct csvs *s;
		struct csvr *r;
		int rs, rr;

		memcpy(text, "h,i\n", 4);
		for (i = 0; i < len; i++) {
			char c = alpha[rand() % (sizeof(alpha) - 1)];

			/* Keep CR only before LF: a lone CR is not compared. */
			if (c == '\r')
				text[4 + i++] = '\r', c = '\n';
			if (i < len)
				text[4 + i] = c;
			else
				len++, text[4 + i] = c;
		}
		len += 4;
		s = scan_text(text, len, &tmp);
		fp = fmemopen(text, len, "r");
		r = csvr_fdopen(fp, "mem", NULL);
		assert_int_equal(csvs_header(s), CSVS_RECORD);
		assert_int_equal(csvr_header(r), CSVR_RECORD);
		for (;;) {
			rs = csvs_next(s);
			rr = csvr_next(r);
			if (rr != CSVR_RECORD || rs != CSVS_RECORD) {
				/* Both end, or both fail, at the same point. */
				assert_int_equal(rs == CSVS_RECORD,
				    rr == CSVR_RECORD);
				break;
			}
			assert_int_equal(csvs_line(s), csvr_line(r));
			assert_int_equal(csvs_bad(s), csvr_recerr(r) != CSVR_OK);
			if (csvs_bad(s))
				continue;
			assert_int_equal(csvs_nfields(s), csvr_nfields(r));
			for (i = 0; i < csvs_nfields(s); i++) {
				size_t fl;
				const char *f = csvs_field(s, i, &fl);

				assert_int_equal(fl, csvr_fieldlen(r, i));
				assert_memory_equal(f, csvr_field(r, i), fl);
			}
		}
		csvs_close(s);
		csvr_close(r);
		fclose(tmp);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_empty_and_unterminated),
		cmocka_unit_test(test_long_records),
		cmocka_unit_test(test_against_csvio),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
