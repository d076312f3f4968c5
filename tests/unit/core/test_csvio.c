/* Unit tests of lib/csvio: every reader case, and the writer's quoting. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/csvio.h"

static struct csvr *
mem_reader(const char *text, size_t len, const struct csvr_opts *o)
{
	FILE *fp = fmemopen((void *)text, len, "r");

	assert_non_null(fp);
	return csvr_fdopen(fp, "mem", o);
}

#define READER(s) mem_reader((s), sizeof(s) - 1, NULL)

static void
done(struct csvr *r)
{
	csvr_close(r);
}

static void
test_empty(void **state)
{
	struct csvr *r = mem_reader("", 0, NULL);

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_EOF);
	done(r);
}

static void
test_header_only(void **state)
{
	struct csvr *r = READER("a,b,c\n");

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_ncols(r), 3);
	assert_string_equal(csvr_colname(r, 2), "c");
	assert_int_equal(csvr_col(r, "b"), 1);
	assert_int_equal(csvr_col(r, "z"), -1);
	assert_int_equal(csvr_next(r), CSVR_EOF);
	done(r);
}

static void
test_no_final_newline(void **state)
{
	struct csvr *r = READER("a,b\n1,2\n3,4");
	size_t n;
	const char *raw;

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_string_equal(csvr_field(r, 0), "3");
	assert_string_equal(csvr_field(r, 1), "4");
	assert_int_equal(csvr_line(r), 3);
	raw = csvr_raw(r, &n);
	assert_int_equal(n, 3);
	assert_memory_equal(raw, "3,4", 3);
	assert_int_equal(csvr_next(r), CSVR_EOF);
	done(r);
}

/* csvr_text(): a plain line is its fields joined by commas, as csvw
   writes them; a line with a quote or a CR, or spanning lines, is not. */
static void
test_text(void **state)
{
	static const char in[] = "a,b,c\n1, x ,\n\"2\",y,z\n3,4,5\r\n"
	    "6,\"p\nq\",r\n7,8,9";
	struct csvr *r = READER(in);
	struct csvw *w;
	char *buf = NULL;
	size_t n, blen = 0;
	const char *t;
	FILE *fp;

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	t = csvr_text(r, &n);
	assert_non_null(t);
	assert_int_equal(n, 6);
	assert_memory_equal(t, "1, x ,", 6);
	/* The same bytes as csvw writes the fields. */
	fp = open_memstream(&buf, &blen);
	w = csvw_new(fp, ',');
	csvw_fields_from(w, r, csvr_nfields(r));
	assert_int_equal(csvw_free(w), 0);
	fclose(fp);
	assert_int_equal(blen, n);
	assert_memory_equal(buf, t, n);
	free(buf);
	assert_int_equal(csvr_next(r), CSVR_RECORD);	/* a quote */
	assert_null(csvr_text(r, &n));
	assert_int_equal(csvr_next(r), CSVR_RECORD);	/* CRLF */
	assert_null(csvr_text(r, &n));
	assert_int_equal(csvr_next(r), CSVR_RECORD);	/* two lines */
	assert_null(csvr_text(r, &n));
	assert_int_equal(csvr_next(r), CSVR_RECORD);	/* no line end */
	t = csvr_text(r, &n);
	assert_non_null(t);
	assert_int_equal(n, 5);
	assert_memory_equal(t, "7,8,9", 5);
	done(r);
}

static void
test_quoted_multiline(void **state)
{
	static const char in[] =
	    "id,note\n1,\"line one\nline \"\"two\"\", with comma\"\n2,x\n";
	struct csvr *r = READER(in);
	size_t n;
	const char *raw;

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_string_equal(csvr_field(r, 1),
	    "line one\nline \"two\", with comma");
	assert_int_equal(csvr_line(r), 2);
	raw = csvr_raw(r, &n);
	assert_int_equal(n, strlen("1,\"line one\nline \"\"two\"\", with comma\"\n"));
	assert_memory_equal(raw, "1,\"line one\n", 12);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_line(r), 4);
	assert_string_equal(csvr_field(r, 0), "2");
	done(r);
}

/*
 * A quote inside an unquoted field is text; text after a closing quote
 * makes the record bad.  The fields wanted are the ones Python's csv
 * module (default dialect) reads:
 *   python3 -c 'import csv,sys; print(list(csv.reader(open(sys.argv[1],
 *       newline=""))))' file
 */
static void
test_stray_quote(void **state)
{
	struct csvr *r = READER("a,b\n1,ab\"c\n2,\"x\"y\n3,ok\n");
	size_t n;
	const char *raw;

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_recerr(r), CSVR_OK);
	assert_int_equal(csvr_nfields(r), 2);
	assert_string_equal(csvr_field(r, 1), "ab\"c");
	raw = csvr_raw(r, &n);
	assert_int_equal(n, 7);
	assert_memory_equal(raw, "1,ab\"c\n", 7);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_recerr(r), CSVR_EQUOTE);
	assert_int_equal(csvr_line(r), 3);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_recerr(r), CSVR_OK);
	assert_string_equal(csvr_field(r, 1), "ok");
	assert_int_equal(csvr_line(r), 4);
	done(r);
}

static void
test_quote_in_unquoted_field(void **state)
{
	static const char in[] = "a,b,c\n"
	    "1,say \"hi\" now,x\n"
	    "2,6' 2\",y\n"
	    "3,b\"c,d\"e\n"
	    "4,x\"\"y,z\n"
	    "5,x\"y\n"
	    "z\",w\n"
	    "6,ok,\"q\"\n";
	static const struct {
		unsigned long line;
		size_t nf;
		const char *f[3];
	} want[] = {
		{ 2, 3, { "1", "say \"hi\" now", "x" } },
		{ 3, 3, { "2", "6' 2\"", "y" } },
		{ 4, 3, { "3", "b\"c", "d\"e" } },
		{ 5, 3, { "4", "x\"\"y", "z" } },
		{ 6, 2, { "5", "x\"y", NULL } },
		{ 7, 2, { "z\"", "w", NULL } },
		{ 8, 3, { "6", "ok", "q" } },
	};
	struct csvr *r = READER(in);
	size_t i, j;

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_int_equal(csvr_next(r), CSVR_RECORD);
		assert_int_equal(csvr_recerr(r), CSVR_OK);
		assert_int_equal(csvr_line(r), want[i].line);
		assert_int_equal(csvr_nfields(r), want[i].nf);
		for (j = 0; j < want[i].nf; j++)
			assert_string_equal(csvr_field(r, j), want[i].f[j]);
	}
	assert_int_equal(csvr_next(r), CSVR_EOF);
	done(r);
}

/*
 * After text after a closing quote the record is bad, but it ends where
 * Python's does: here the quoted field that follows spans two lines.
 */
static void
test_bad_quote_then_multiline(void **state)
{
	static const char in[] = "a,b\n1,\"x\"y,\"m\nn\"\n2,ok\n";
	struct csvr *r = READER(in);
	const char *raw;
	size_t n;

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_recerr(r), CSVR_EQUOTE);
	raw = csvr_raw(r, &n);
	assert_int_equal(n, 13);
	assert_memory_equal(raw, "1,\"x\"y,\"m\nn\"\n", 13);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_recerr(r), CSVR_OK);
	assert_int_equal(csvr_line(r), 4);
	assert_string_equal(csvr_field(r, 1), "ok");
	assert_int_equal(csvr_next(r), CSVR_EOF);
	assert_int_equal(csvr_records(r), 2);
	done(r);
}

static void
test_unterminated(void **state)
{
	struct csvr *r = READER("a,b\n1,2\n3,\"open\nmore\n");

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_ERROR);
	assert_int_equal(csvr_error_line(r), 3);
	assert_string_equal(csvr_error(r), "unterminated quoted field");
	done(r);
}

static void
test_field_too_big(void **state)
{
	struct csvr_opts o = { .max_field = 8 };
	static const char in[] = "a,b\n1,123456789\n";
	struct csvr *r = mem_reader(in, sizeof(in) - 1, &o);

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_ERROR);
	assert_int_equal(csvr_error_line(r), 2);
	assert_non_null(strstr(csvr_error(r), "longer than 8 bytes"));
	done(r);
}

static void
test_line_too_long(void **state)
{
	struct csvr_opts o = { .max_record = 1000 };
	size_t n = 2 * 1024 * 1024, i;
	char *in = malloc(n + 10);
	struct csvr *r;

	(void)state;
	memcpy(in, "a\n", 2);
	for (i = 2; i < n; i++)
		in[i] = 'x';
	in[n] = '\n';
	r = mem_reader(in, n + 1, &o);
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_ERROR);
	assert_int_equal(csvr_error_line(r), 2);
	done(r);
	free(in);
}

/* A line between max_record and twice it was read whole, once. */
static void
test_line_just_too_long(void **state)
{
	struct csvr_opts o = { .max_record = 1 << 20 };
	size_t n = 1536 * 1024, i;
	char *in = malloc(n + 10);
	struct csvr *r;

	(void)state;
	memcpy(in, "a\n", 2);
	for (i = 2; i < n; i++)
		in[i] = i % 2 ? ',' : 'x';
	in[n] = '\n';
	r = mem_reader(in, n + 1, &o);
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_ERROR);
	assert_int_equal(csvr_error_line(r), 2);
	assert_string_equal(csvr_error(r), "line too long");
	done(r);
	free(in);
}

static void
test_nul_byte(void **state)
{
	static const char in[] = "a,b\n1,A\0nn\n2,\"x\0\"\n3,ok\n";
	struct csvr *r = mem_reader(in, sizeof(in) - 1, NULL);
	size_t n;

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_recerr(r), CSVR_ENUL);
	assert_string_equal(csvr_recerr_str(csvr_recerr(r)), "NUL byte");
	(void)csvr_raw(r, &n);
	assert_int_equal(n, 7);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_recerr(r), CSVR_ENUL);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_recerr(r), CSVR_OK);
	assert_int_equal(csvr_line(r), 4);
	done(r);
}

/*
 * A NUL byte or bytes that are not UTF-8 inside a quoted field that
 * spans lines make that one record bad, raw bytes whole, and reading
 * goes on at the next record: 6 records, as Python's csv module counts.
 */
static void
test_bad_bytes_multiline(void **state)
{
	static const char in[] = "h1,h2\n"
	    "1,\"x\0\ny\nz\"\n"
	    "2,ok\n"
	    "3,\"\xff\nq\"\n"
	    "4,ok\n"
	    "5,\"a\nb\xc3\",\"c\n\"\n"
	    "6,ok\n";
	struct csvr *r = mem_reader(in, sizeof(in) - 1, NULL);
	const char *raw;
	size_t n;

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_recerr(r), CSVR_ENUL);
	assert_int_equal(csvr_line(r), 2);
	raw = csvr_raw(r, &n);
	assert_int_equal(n, 11);
	assert_memory_equal(raw, "1,\"x\0\ny\nz\"\n", 11);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_recerr(r), CSVR_OK);
	assert_int_equal(csvr_line(r), 5);
	assert_string_equal(csvr_field(r, 0), "2");
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_recerr(r), CSVR_EUTF8);
	assert_int_equal(csvr_line(r), 6);
	raw = csvr_raw(r, &n);
	assert_int_equal(n, 8);
	assert_memory_equal(raw, "3,\"\xff\nq\"\n", 8);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_recerr(r), CSVR_OK);
	assert_string_equal(csvr_field(r, 0), "4");
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_recerr(r), CSVR_EUTF8);
	assert_int_equal(csvr_line(r), 9);
	raw = csvr_raw(r, &n);
	assert_int_equal(n, 14);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_recerr(r), CSVR_OK);
	assert_int_equal(csvr_line(r), 12);
	assert_string_equal(csvr_field(r, 0), "6");
	assert_int_equal(csvr_next(r), CSVR_EOF);
	assert_int_equal(csvr_records(r), 6);
	done(r);
}

/* A line the filter refuses, inside a quoted field: one bad record. */
static int
refuse_x_filter(void *ctx, const char *in, size_t len, const char **out,
    size_t *outlen)
{
	(void)ctx;
	*out = in;
	*outlen = len;
	return memchr(in, 'X', len) != NULL ? -1 : 0;
}

static void
test_filter_multiline(void **state)
{
	static const char in[] = "a,b\n1,\"X\nstill, inside\n\"\n2,ok\n";
	struct csvr_opts o = { .filter = refuse_x_filter };
	struct csvr *r = mem_reader(in, sizeof(in) - 1, &o);
	size_t n;

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_recerr(r), CSVR_EFILTER);
	(void)csvr_raw(r, &n);
	assert_int_equal(n, 21);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_recerr(r), CSVR_OK);
	assert_int_equal(csvr_line(r), 5);
	assert_int_equal(csvr_next(r), CSVR_EOF);
	assert_int_equal(csvr_records(r), 2);
	done(r);
}

/* Each line: 1 when it is well-formed UTF-8. */
static void
test_utf8(void **state)
{
	static const struct {
		const char *s;
		int ok;
	} cases[] = {
		{ "plain ascii text, longer than eight bytes", 1 },
		{ "Ren\xC3\xA9" "e \xC5\x81ukasz", 1 },		/* Renée Łukasz */
		{ "\xE2\x80\x99 \xF0\x9F\x98\x80", 1 },	/* U+2019, U+1F600 */
		{ "\xEF\xBF\xBF \xF4\x8F\xBF\xBF", 1 },	/* U+FFFF, U+10FFFF */
		{ "Ren\xE9" "e", 0 },				/* Latin-1 */
		{ "\x80", 0 },					/* lone continuation */
		{ "\xC0\xAF", 0 },				/* overlong / */
		{ "\xC1\xBF", 0 },				/* overlong */
		{ "\xE0\x80\xAF", 0 },			/* overlong */
		{ "\xF0\x80\x80\xAF", 0 },			/* overlong */
		{ "\xED\xA0\x80", 0 },			/* surrogate */
		{ "\xF4\x90\x80\x80", 0 },			/* above U+10FFFF */
		{ "\xF5\x80\x80\x80", 0 },
		{ "abcdefg\xC3", 0 },				/* cut short */
		{ "abcdefgh\xE2\x80", 0 },
		{ "\xFF\xFE", 0 },
	};
	char in[128];
	size_t i;
	struct csvr *r;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(in, sizeof(in), "a\n%s\n", cases[i].s);
		r = mem_reader(in, strlen(in), NULL);
		assert_int_equal(csvr_header(r), CSVR_RECORD);
		assert_int_equal(csvr_next(r), CSVR_RECORD);
		if (csvr_recerr(r) != (cases[i].ok ? CSVR_OK : CSVR_EUTF8))
			fail_msg("case %zu", i);
		done(r);
	}
}

/* With a line filter, the encoding is the filter's business. */
static int
pass_filter(void *ctx, const char *in, size_t len, const char **out,
    size_t *outlen)
{
	(void)ctx;
	*out = in;
	*outlen = len;
	return 0;
}

static void
test_utf8_filter(void **state)
{
	static const char in[] = "a\nRen\xE9" "e\n";
	struct csvr_opts o = { .filter = pass_filter };
	struct csvr *r = mem_reader(in, sizeof(in) - 1, &o);

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_recerr(r), CSVR_OK);
	done(r);
	r = READER("a\xFF,b\n1,2\n");
	assert_int_equal(csvr_header(r), CSVR_ERROR);
	assert_string_equal(csvr_error(r), "invalid UTF-8 in the header");
	done(r);
}

static void
test_open_folder(void **state)
{
	(void)state;
	errno = 0;
	assert_null(csvr_open("/", NULL));
	assert_int_equal(errno, EISDIR);
	errno = 0;
	assert_null(csvr_open("/nonexistent/x.csv", NULL));
	assert_int_equal(errno, ENOENT);
}

static void
test_crlf(void **state)
{
	struct csvr *r = READER("a,b\r\n1,\"x\r\ny\"\r\n2,3\r\n");
	size_t n;

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_string_equal(csvr_colname(r, 1), "b");
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_string_equal(csvr_field(r, 1), "x\ny");
	csvr_raw(r, &n);
	assert_int_equal(n, 10);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_string_equal(csvr_field(r, 1), "3");
	assert_int_equal(csvr_fieldlen(r, 1), 1);
	done(r);
}

/* Bare CR line ends (old Mac exports); a CR in quotes stays data. */
static void
test_cr_line_ends(void **state)
{
	struct csvr *r = READER("a,b\r1,\"x\ry\"\r2,3\r");
	const char *raw;
	size_t n;

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_ncols(r), 2);
	assert_string_equal(csvr_colname(r, 1), "b");
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_line(r), 2);
	assert_string_equal(csvr_field(r, 1), "x\ry");
	raw = csvr_raw(r, &n);
	assert_int_equal(n, 8);
	assert_memory_equal(raw, "1,\"x\ry\"\r", 8);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_line(r), 4);
	assert_string_equal(csvr_field(r, 0), "2");
	assert_string_equal(csvr_field(r, 1), "3");
	raw = csvr_raw(r, &n);
	assert_int_equal(n, 4);
	assert_int_equal(csvr_next(r), CSVR_EOF);
	assert_int_equal(csvr_records(r), 2);
	done(r);
}

/* LF, bare CR and CRLF in one file, and a CR at the very end. */
static void
test_mixed_line_ends(void **state)
{
	struct csvr *r = READER("a,b\n1,2\r3,4\r\n5,\"6\r7\"\n\r8,9\r");

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_string_equal(csvr_field(r, 1), "2");
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_string_equal(csvr_field(r, 1), "4");
	assert_int_equal(csvr_fieldlen(r, 1), 1);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_string_equal(csvr_field(r, 1), "6\r7");
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_int_equal(csvr_line(r), 7);
	assert_string_equal(csvr_field(r, 0), "8");
	assert_string_equal(csvr_field(r, 1), "9");
	assert_int_equal(csvr_next(r), CSVR_EOF);
	assert_int_equal(csvr_records(r), 4);
	assert_int_equal(csvr_blank_lines(r), 1);
	done(r);
}

/* A CR-only file much larger than the read buffer. */
static void
test_cr_big_input(void **state)
{
	size_t cap = 8 << 20, len = 0, i, nrec = 200000;
	char *in = malloc(cap);
	struct csvr *r;

	(void)state;
	len += sprintf(in, "n,text\r");
	for (i = 0; i < nrec; i++)
		len += sprintf(in + len, i % 7 == 0 ? "%zu,\"a\rb,%zu\"\r" :
		    "%zu,plain %zu\r", i, i);
	r = mem_reader(in, len, NULL);
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	for (i = 0; i < nrec; i++) {
		char want[64];

		assert_int_equal(csvr_next(r), CSVR_RECORD);
		assert_int_equal(strtoul(csvr_field(r, 0), NULL, 10), i);
		sprintf(want, i % 7 == 0 ? "a\rb,%zu" : "plain %zu", i);
		assert_string_equal(csvr_field(r, 1), want);
	}
	assert_int_equal(csvr_next(r), CSVR_EOF);
	assert_int_equal(csvr_records(r), nrec);
	done(r);
	free(in);
}

static void
test_bom(void **state)
{
	struct csvr *r = READER("\xEF\xBB\xBFid,name\n1,x\n");

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_string_equal(csvr_colname(r, 0), "id");
	assert_int_equal(csvr_col(r, "id"), 0);
	done(r);
}

static void
test_ragged(void **state)
{
	struct csvr *r = READER("a,b,c\n1,2\n1,2,3,4\n1,2,3\n");

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_true(csvr_ragged(r));
	assert_int_equal(csvr_nfields(r), 2);
	assert_string_equal(csvr_field(r, 2), "");
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_true(csvr_ragged(r));
	assert_int_equal(csvr_nfields(r), 4);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_false(csvr_ragged(r));
	done(r);
}

static void
test_blank_lines_and_spaces(void **state)
{
	struct csvr *r = READER("a,b\n\n 1 , x\t\n\r\n2,\n");

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_string_equal(csvr_field(r, 0), " 1 ");
	assert_string_equal(csvr_field(r, 1), " x\t");
	assert_int_equal(csvr_line(r), 3);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_string_equal(csvr_field(r, 1), "");
	assert_int_equal(csvr_nfields(r), 2);
	assert_int_equal(csvr_line(r), 5);
	assert_int_equal(csvr_blank_lines(r), 2);
	done(r);
}

static void
test_sniff(void **state)
{
	static const struct { const char *in; int delim; } t[] = {
		{ "a;b;c\n1;2;3\n", ';' },
		{ "a\tb\n1\t2\n", '\t' },
		{ "a|b|c\n", '|' },
		{ "a,b\n", ',' },
		{ "\"x;y\",b\n", ',' },
		{ "single\n", ',' },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct csvr *r = mem_reader(t[i].in, strlen(t[i].in), NULL);

		assert_int_equal(csvr_header(r), CSVR_RECORD);
		assert_int_equal(csvr_delim(r), t[i].delim);
		done(r);
	}
}

static void
test_fixed_delim(void **state)
{
	struct csvr_opts o = { .delim = ';' };
	static const char in[] = "a,b;c\n1,2;3\n";
	struct csvr *r = mem_reader(in, sizeof(in) - 1, &o);

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_string_equal(csvr_colname(r, 0), "a,b");
	done(r);
}

static void
test_big_input(void **state)
{
	/* Many records across read-buffer boundaries, some multi-line. */
	size_t cap = 4 << 20, len = 0, i, nrec = 30000;
	char *in = malloc(cap);
	struct csvr *r;

	(void)state;
	len += sprintf(in, "n,text\n");
	for (i = 0; i < nrec; i++)
		len += sprintf(in + len, i % 7 == 0 ? "%zu,\"a\nb,%zu\"\n" :
		    "%zu,plain %zu\n", i, i);
	r = mem_reader(in, len, NULL);
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	for (i = 0; i < nrec; i++) {
		char want[64];

		assert_int_equal(csvr_next(r), CSVR_RECORD);
		assert_int_equal(strtoul(csvr_field(r, 0), NULL, 10), i);
		sprintf(want, i % 7 == 0 ? "a\nb,%zu" : "plain %zu", i);
		assert_string_equal(csvr_field(r, 1), want);
	}
	assert_int_equal(csvr_next(r), CSVR_EOF);
	assert_int_equal(csvr_records(r), nrec);
	done(r);
	free(in);
}

/* Two columns of one name: an error naming their numbers. */
static void
test_dup_header(void **state)
{
	struct csvr_opts ok = { .dup_cols_ok = 1 };
	char wide[256];
	size_t i, k = 0;
	struct csvr *r;

	(void)state;
	r = READER("a,b,a\n1,2,3\n");
	assert_int_equal(csvr_header(r), CSVR_ERROR);
	assert_string_equal(csvr_error(r), "columns 1 and 3 have the same name");
	assert_int_equal(csvr_error_line(r), 1);
	done(r);
	/* Empty names may repeat. */
	r = READER("a,,b,\n1,2,3,4\n");
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_col(r, ""), 1);
	done(r);
	/* A wide header (the hashed check): c4 is columns 5 and 18. */
	for (i = 0; i < 20; i++)
		k += (size_t)sprintf(wide + k, "%sc%zu", i ? "," : "",
		    i == 17 ? 4 : i);
	wide[k++] = '\n';
	r = mem_reader(wide, k, NULL);
	assert_int_equal(csvr_header(r), CSVR_ERROR);
	assert_string_equal(csvr_error(r), "columns 5 and 18 have the same name");
	done(r);
	r = mem_reader(wide, k, &ok);
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_col(r, "c4"), 4);
	assert_int_equal(csvr_col(r, "c19"), 19);
	done(r);
	r = mem_reader("a,b,a\n", 6, &ok);
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_col(r, "a"), 0);
	done(r);
}

/* csvr_problem(): why a record is no row of the header's columns. */
static void
test_problem(void **state)
{
	struct csvr *r = READER("a,b,c\n1,2,3\n1,2\n1,2,3,,\n1,2,3,4\n"
	    "1,\"x\"y,3\n");

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_null(csvr_problem(r));
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_string_equal(csvr_problem(r), "fewer fields than the header");
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_null(csvr_problem(r));
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_string_equal(csvr_problem(r), "more fields than the header");
	assert_int_equal(csvr_next(r), CSVR_RECORD);
	assert_string_equal(csvr_problem(r), "text after a closing quote");
	done(r);
}

/* csvw_raw_with(): raw bytes, extra fields, the record's own line end. */
static void
test_raw_with(void **state)
{
	static const char in[] = "a;b\r\n1;\"x\r\ny\"\r\n2;z\r3;w\n4;v";
	static const char *const extra[] = { "f.csv", "7", "why; \"this\"" };
	struct csvr *r = mem_reader(in, sizeof(in) - 1, NULL);
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	struct csvw *w = csvw_new(fp, ',');

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	assert_int_equal(csvr_delim(r), ';');
	csvw_raw_with(w, r, extra, 3);
	while (csvr_next(r) == CSVR_RECORD)
		csvw_raw_with(w, r, extra, 3);
	assert_int_equal(csvw_free(w), 0);
	fclose(fp);
	assert_string_equal(buf,
	    "a;b;f.csv;7;\"why; \"\"this\"\"\"\r\n"
	    "1;\"x\r\ny\";f.csv;7;\"why; \"\"this\"\"\"\r\n"
	    "2;z;f.csv;7;\"why; \"\"this\"\"\"\r"
	    "3;w;f.csv;7;\"why; \"\"this\"\"\"\n"
	    "4;v;f.csv;7;\"why; \"\"this\"\"\"\n");
	free(buf);
	done(r);
}

static void
test_writer(void **state)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	struct csvw *w = csvw_new(fp, ',');

	(void)state;
	csvw_str(w, "plain");
	csvw_str(w, "a,b");
	csvw_str(w, "say \"hi\"");
	csvw_str(w, "two\nlines");
	csvw_str(w, "");
	csvw_str(w, " sp ");
	csvw_end(w);
	assert_int_equal(csvw_free(w), 0);
	fclose(fp);
	assert_string_equal(buf,
	    "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",, sp \n");
	free(buf);
}

/* One field written spreadsheet-safe (or not), as the whole output. */
static char *
write_one(const char *field, int safe)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	struct csvw *w = csvw_new(fp, ',');

	csvw_excel_safe(w, safe);
	csvw_str(w, field);
	csvw_end(w);
	assert_int_equal(csvw_free(w), 0);
	fclose(fp);
	return buf;
}

static void
test_writer_excel_safe(void **state)
{
	/* Expected output worked out by hand from OWASP's CSV injection
	 * guidance: a single quote before the field, the field quoted. */
	static const struct {
		const char *in, *out;
	} t[] = {
		{ "=HYPERLINK(\"http://x\",\"y\")",
		  "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n" },
		{ "=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\"\n" },
		{ "+1", "+1\n" },		/* a number: left alone */
		{ "+1+cmd", "\"'+1+cmd\"\n" },
		{ "-1.5", "-1.5\n" },
		{ "-2e3", "-2e3\n" },
		{ "-", "\"'-\"\n" },
		{ "-2+3", "\"'-2+3\"\n" },
		{ "@SUM(A1:A9)", "\"'@SUM(A1:A9)\"\n" },
		{ "\tx", "\"'\tx\"\n" },
		{ "\rx", "\"'\rx\"\n" },
		{ "=a,b", "\"'=a,b\"\n" },
		{ "plain", "plain\n" },
		{ "a=b", "a=b\n" },
		{ "'=x", "'=x\n" },
		{ "", "\n" },
		{ "1.", "1.\n" },
		{ "+.5", "+.5\n" },
		{ "+e5", "\"'+e5\"\n" },
	};
	size_t i;
	char *b;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		b = write_one(t[i].in, 1);
		assert_string_equal(b, t[i].out);
		free(b);
		/* Off (the default): byte-exact minimal quoting. */
		b = write_one(t[i].in, 0);
		if (strpbrk(t[i].in, ",\"\r\n") == NULL) {
			assert_memory_equal(b, t[i].in, strlen(t[i].in));
			assert_string_equal(b + strlen(t[i].in), "\n");
		}
		free(b);
	}
	assert_int_equal(csv_excel_prefix("'=x", 3), 1);
	assert_int_equal(csv_excel_prefix("'@", 2), 1);
	assert_int_equal(csv_excel_prefix("'a", 2), 0);
	assert_int_equal(csv_excel_prefix("'", 1), 0);
	assert_int_equal(csv_excel_prefix("=x", 2), 0);
}

static void
test_round_trip(void **state)
{
	static const char in[] =
	    "a,b,c\n1,\"x,y\",\"q\"\"\"\n2,,\"m\nn\"\n";
	struct csvr *r = READER(in);
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	struct csvw *w = csvw_new(fp, ',');

	(void)state;
	assert_int_equal(csvr_header(r), CSVR_RECORD);
	csvw_header_from(w, r);
	csvw_end(w);
	while (csvr_next(r) == CSVR_RECORD) {
		csvw_fields_from(w, r, csvr_ncols(r));
		csvw_end(w);
	}
	assert_int_equal(csvw_free(w), 0);
	fclose(fp);
	assert_string_equal(buf, in);
	free(buf);
	done(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_header_only),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_quoted_multiline),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_stray_quote),
		cmocka_unit_test(test_quote_in_unquoted_field),
		cmocka_unit_test(test_bad_quote_then_multiline),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_field_too_big),
		cmocka_unit_test(test_line_too_long),
		cmocka_unit_test(test_line_just_too_long),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_bad_bytes_multiline),
		cmocka_unit_test(test_filter_multiline),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_utf8_filter),
		cmocka_unit_test(test_open_folder),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_cr_line_ends),
		cmocka_unit_test(test_mixed_line_ends),
		cmocka_unit_test(test_cr_big_input),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_ragged),
		cmocka_unit_test(test_blank_lines_and_spaces),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_fixed_delim),
		cmocka_unit_test(test_big_input),
		cmocka_unit_test(test_dup_header),
		cmocka_unit_test(test_problem),
		cmocka_unit_test(test_raw_with),
		cmocka_unit_test(test_writer),
		cmocka_unit_test(test_writer_excel_safe),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
