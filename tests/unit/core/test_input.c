/*
 * Unit tests of lib/input: an input that cannot be opened (warned,
 * counted as missing), the header or 65, the records each check leaves
 * out with their messages and counts, read errors (65), the totals over
 * several inputs and the run's exit status.  Expected records and counts
 * are worked out by hand from the small files written here.  What stops
 * a run is returned in in.err; the readers here print it and exit as a
 * command does (err_exit()), and test_errors_returned checks that
 * nothing exits inside lib/core/input.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/diag.h"
#include "core/err.h"
#include "core/input.h"
#include "capture.h"

static char dir[64];
static char path[128];

static int
setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/test_input.XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Writes text to dir/name; the path is left in path. */
static const char *
file(const char *name, const char *text)
{
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	if (fp == NULL || fputs(text, fp) == EOF || fclose(fp) == EOF)
		abort();
	return path;
}

/*
 * Reads path with check, writing "line:field0" for each record returned
 * to stdout ("line:bad" for a record with a problem); the counts follow
 * as "read N rejected N".
 */
struct readarg {
	const char *path;
	enum input_check check;
	const char *fmt;
	int fatal;
};

static void
read_all(void *arg)
{
	struct readarg *a = arg;
	struct input in = { .check = a->check, .reject_fmt = a->fmt,
	    .fatal = a->fatal };

	if (input_open(&in, a->path, NULL) == -1)
		exit(66);
	if (input_header(&in) > 0)
		while (input_next(&in) == CSVR_RECORD)
			printf("%lu:%s\n", csvr_line(in.r),
			    csvr_recerr(in.r) == CSVR_OK ?
			    csvr_field(in.r, 0) : "bad");
	else if (in.err.code == 0)
		printf("empty\n");
	err_exit(&in.err);
	printf("read %lu rejected %lu\n", in.read, in.rejected);
	input_close(&in);
}

static void
test_missing(void **state)
{
	struct capture c;
	struct readarg a = { "/nonexistent/dir/x.csv", INPUT_ANY, NULL, 0 };
	char want[256];

	(void)state;
	capture_run(&c, read_all, &a);
	assert_int_equal(c.status, 66);
	assert_string_equal(c.err, "vawg-test: /nonexistent/dir/x.csv: "
	    "No such file or directory\n");
	/* A folder is not an input either. */
	a.path = dir;
	capture_run(&c, read_all, &a);
	assert_int_equal(c.status, 66);
	snprintf(want, sizeof(want), "vawg-test: %s: Is a directory\n", dir);
	assert_string_equal(c.err, want);
}

/* -1, missing set, errno kept; the status is 66 even with rejects. */
static void
open_missing(void *arg)
{
	struct input in = { 0 };

	(void)arg;
	if (input_open(&in, "/nonexistent/x.csv", NULL) != -1)
		exit(10);
	if (errno != ENOENT)
		exit(11);
	if (!in.missing || in.r != NULL)
		exit(12);
	exit(input_status(in.missing, 3, 1));
}

static void
test_missing_state(void **state)
{
	struct capture c;

	(void)state;
	capture_run(&c, open_missing, NULL);
	assert_int_equal(c.status, 66);
}

static void
test_empty(void **state)
{
	struct capture c;
	struct readarg a = { NULL, INPUT_ANY, NULL, 0 };

	(void)state;
	a.path = file("empty.csv", "");
	capture_run(&c, read_all, &a);
	assert_int_equal(c.status, 0);
	assert_string_equal(c.out, "empty\nread 0 rejected 0\n");
	assert_string_equal(c.err, "");
	a.path = file("header.csv", "a,b\n");
	capture_run(&c, read_all, &a);
	assert_string_equal(c.out, "read 0 rejected 0\n");
}

static void
test_bad_header(void **state)
{
	struct capture c;
	struct readarg a = { NULL, INPUT_ANY, NULL, 0 };
	char want[256];

	(void)state;
	a.path = file("dup.csv", "a,b,a\n1,2,3\n");
	capture_run(&c, read_all, &a);
	assert_int_equal(c.status, 65);
	snprintf(want, sizeof(want), "vawg-test: %s:1: columns 1 and 3 have "
	    "the same name\n", a.path);
	assert_string_equal(c.err, want);
	assert_string_equal(c.out, "");
}

/* Refuses every line, as a converter refuses bytes it cannot read. */
static int
refuse(void *ctx, const char *in, size_t len, const char **out,
    size_t *outlen)
{
	(void)ctx;
	(void)in;
	(void)len;
	(void)out;
	(void)outlen;
	return -1;
}

static void
filtered_header(void *arg)
{
	struct csvr_opts o = { .filter = refuse };
	struct input in = { 0 };

	if (input_open(&in, arg, &o) == -1)
		exit(66);
	input_header(&in);
	err_exit(&in.err);
}

static void
test_header_encoding(void **state)
{
	struct capture c;
	char want[256];
	const char *p;

	(void)state;
	p = file("enc.csv", "a,b\n1,2\n");
	capture_run(&c, filtered_header, (void *)p);
	assert_int_equal(c.status, 65);
	snprintf(want, sizeof(want), "vawg-test: %s:1: cannot read the "
	    "header in this encoding\n", p);
	assert_string_equal(c.err, want);
}

/*
 * Line 3 has text after a closing quote, line 4 a field too many, line
 * 5 one too few, line 6 an empty field past the end (allowed).
 */
#define MIXED "a,b\n1,2\n\"2\"x,3\n3,4,5\n4\n5,6,\n6,7\n"

static void
test_check_any(void **state)
{
	struct capture c;
	struct readarg a = { NULL, INPUT_ANY, NULL, 0 };

	(void)state;
	a.path = file("mixed.csv", MIXED);
	capture_run(&c, read_all, &a);
	assert_int_equal(c.status, 0);
	assert_string_equal(c.out, "2:1\n3:bad\n4:3\n5:4\n6:5\n7:6\n"
	    "read 6 rejected 0\n");
	assert_string_equal(c.err, "");
}

static void
test_check_recerr(void **state)
{
	struct capture c;
	struct readarg a = { NULL, INPUT_RECERR, "%s; row not counted", 0 };
	char want[256];

	(void)state;
	a.path = file("mixed.csv", MIXED);
	capture_run(&c, read_all, &a);
	assert_int_equal(c.status, 0);
	assert_string_equal(c.out, "2:1\n4:3\n5:4\n6:5\n7:6\n"
	    "read 6 rejected 1\n");
	snprintf(want, sizeof(want), "vawg-test: %s:3: text after a closing "
	    "quote; row not counted\n", a.path);
	assert_string_equal(c.err, want);
}

static void
test_check_problem(void **state)
{
	struct capture c;
	struct readarg a = { NULL, INPUT_PROBLEM, NULL, 0 };
	char want[512];

	(void)state;
	a.path = file("mixed.csv", MIXED);
	capture_run(&c, read_all, &a);
	assert_int_equal(c.status, 0);
	assert_string_equal(c.out, "2:1\n6:5\n7:6\nread 6 rejected 3\n");
	snprintf(want, sizeof(want),
	    "vawg-test: %s:3: text after a closing quote\n"
	    "vawg-test: %s:4: more fields than the header\n"
	    "vawg-test: %s:5: fewer fields than the header\n",
	    a.path, a.path, a.path);
	assert_string_equal(c.err, want);
}

static void
test_check_fatal(void **state)
{
	struct capture c;
	struct readarg a = { NULL, INPUT_PROBLEM, "%s: row left out", 1 };
	char want[256];

	(void)state;
	a.path = file("mixed.csv", MIXED);
	capture_run(&c, read_all, &a);
	assert_int_equal(c.status, 65);
	assert_string_equal(c.out, "2:1\n");
	snprintf(want, sizeof(want), "vawg-test: %s:3: text after a closing "
	    "quote: row left out\n", a.path);
	assert_string_equal(c.err, want);
}

/* A reject function instead of the message. */
struct seen {
	unsigned long lines[8];
	const char *why[8];
	int n;
};

static void
note(void *ctx, struct csvr *r, const char *why)
{
	struct seen *s = ctx;

	if (s->n < 8) {
		s->lines[s->n] = csvr_line(r);
		s->why[s->n++] = why;
	}
}

static void
test_reject_fn(void **state)
{
	struct seen s = { { 0 }, { NULL }, 0 };
	struct input in = { .check = INPUT_PROBLEM, .reject = note,
	    .ctx = &s };
	int n = 0;

	(void)state;
	assert_int_equal(input_open(&in, file("mixed.csv", MIXED), NULL), 0);
	assert_int_equal(input_header(&in), 1);
	while (input_next(&in) == CSVR_RECORD)
		n++;
	input_close(&in);
	assert_null(in.r);
	assert_int_equal(n, 3);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.lines[0], 3);
	assert_string_equal(s.why[0], "text after a closing quote");
	assert_int_equal(s.lines[1], 4);
	assert_string_equal(s.why[1], "more fields than the header");
	assert_int_equal(s.lines[2], 5);
	assert_string_equal(s.why[2], "fewer fields than the header");
	assert_int_equal(in.rejected, 3);
}

/* An unterminated quote runs to the end: a read error, not a record. */
static void
test_read_error(void **state)
{
	struct capture c;
	struct readarg a = { NULL, INPUT_ANY, NULL, 0 };
	char want[256];

	(void)state;
	a.path = file("unterminated.csv", "a,b\n1,2\n\"3,4\n5,6\n");
	capture_run(&c, read_all, &a);
	assert_int_equal(c.status, 65);
	assert_string_equal(c.out, "2:1\n");
	snprintf(want, sizeof(want), "vawg-test: %s:3: ", a.path);
	assert_true(strncmp(c.err, want, strlen(want)) == 0);
	assert_non_null(strchr(c.err + strlen(want), '\n'));
}

/* Counts of each input restart; totals and missing are kept. */
static void
test_totals(void **state)
{
	struct input in = { .check = INPUT_RECERR, .reject = note };
	struct seen s = { { 0 }, { NULL }, 0 };
	char one[160], two[160];
	const char *files[3];
	int i;

	(void)state;
	in.ctx = &s;
	snprintf(one, sizeof(one), "%s", file("one.csv", MIXED));
	snprintf(two, sizeof(two), "%s", file("two.csv", "x\n\"a\"b\nc\n"));
	files[0] = one;
	files[1] = "/nonexistent/x.csv";
	files[2] = two;
	fflush(stderr);
	for (i = 0; i < 3; i++) {
		if (i == 1) {
			/* The warning goes to a child's stderr. */
			struct capture c;

			capture_run(&c, open_missing, NULL);
			assert_int_equal(c.status, 66);
			in.missing = 1;
			continue;
		}
		assert_int_equal(input_open(&in, files[i], NULL), 0);
		assert_string_equal(in.name, files[i]);
		assert_int_equal(in.read, 0);
		assert_int_equal(input_header(&in), 1);
		while (input_next(&in) == CSVR_RECORD)
			;
		input_close(&in);
	}
	assert_int_equal(in.read, 2);
	assert_int_equal(in.rejected, 1);
	assert_int_equal(in.total_read, 8);
	assert_int_equal(in.total_rejected, 2);
	assert_int_equal(in.missing, 1);
}

/* Open and header in one: an empty input is passed over, closed. */
static void
test_start(void **state)
{
	struct input in = { 0 };
	char full[160];
	int n = 0;

	(void)state;
	snprintf(full, sizeof(full), "%s", file("full.csv", "a\n1\n"));
	assert_int_equal(input_start(&in, file("e.csv", ""), NULL), 0);
	assert_null(in.r);
	assert_int_equal(in.missing, 0);
	assert_int_equal(input_start(&in, full, NULL), 1);
	assert_non_null(in.r);
	assert_int_equal(csvr_ncols(in.r), 1);
	while (input_next(&in) == CSVR_RECORD)
		n++;
	input_close(&in);
	assert_int_equal(n, 1);
}

static void
start_missing(void *arg)
{
	struct input in = { 0 };

	(void)arg;
	if (input_start(&in, "/nonexistent/y.csv", NULL) != 0)
		exit(10);
	exit(in.missing ? 66 : 11);
}

static void
test_start_missing(void **state)
{
	struct capture c;

	(void)state;
	capture_run(&c, start_missing, NULL);
	assert_int_equal(c.status, 66);
	assert_string_equal(c.err, "vawg-test: /nonexistent/y.csv: "
	    "No such file or directory\n");
}

static void
test_fdopen(void **state)
{
	FILE *fp = fopen(file("s.csv", "a\n1\n2\n"), "r");
	struct input in = { 0 };
	int n = 0;

	(void)state;
	assert_non_null(fp);
	input_fdopen(&in, fp, "stream", NULL);
	assert_string_equal(in.name, "stream");
	assert_int_equal(input_header(&in), 1);
	while (input_next(&in) == CSVR_RECORD)
		n++;
	input_close(&in);
	assert_int_equal(n, 2);
	/* Still the caller's to close. */
	assert_int_equal(fclose(fp), 0);
}

/* A reader opened elsewhere; the counts start again. */
static void
test_use(void **state)
{
	struct input in = { .check = INPUT_RECERR, .reject = note };
	struct seen s = { { 0 }, { NULL }, 0 };
	struct csvr *r = csvr_open(file("u.csv", "a\n1\n\"x\"y\n3\n"), NULL);
	int n = 0;

	(void)state;
	in.ctx = &s;
	in.read = 7;
	assert_non_null(r);
	input_use(&in, r);
	assert_ptr_equal(in.r, r);
	assert_string_equal(in.name, path);
	assert_int_equal(in.read, 0);
	assert_int_equal(input_header(&in), 1);
	while (input_next(&in) == CSVR_RECORD)
		n++;
	assert_int_equal(n, 2);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.lines[0], 3);
	input_close(&in);
}

/*
 * Nothing exits: a header that cannot be read gives -1, a read error
 * and a record left out under fatal CSVR_ERROR, each with 65 and the
 * message in in.err; the input can still be closed.
 */
static void
test_errors_returned(void **state)
{
	struct csvr_opts o = { .filter = refuse };
	struct input in = { .check = INPUT_PROBLEM,
	    .reject_fmt = "%s: row left out", .fatal = 1 };
	char want[256];
	const char *p;

	(void)state;
	p = file("enc2.csv", "a,b\n1,2\n");
	assert_int_equal(input_open(&in, p, &o), 0);
	assert_int_equal(input_header(&in), -1);
	assert_int_equal(in.err.code, 65);
	snprintf(want, sizeof(want), "%s:1: cannot read the header in this "
	    "encoding", p);
	assert_string_equal(in.err.msg, want);
	input_close(&in);

	p = file("dup2.csv", "a,b,a\n1,2,3\n");
	assert_int_equal(input_start(&in, p, NULL), -1);
	assert_int_equal(in.err.code, 65);
	snprintf(want, sizeof(want), "%s:1: columns 1 and 3 have the same "
	    "name", p);
	assert_string_equal(in.err.msg, want);
	input_close(&in);

	p = file("mixed2.csv", MIXED);
	assert_int_equal(input_start(&in, p, NULL), 1);
	assert_int_equal(in.err.code, 0);
	assert_int_equal(input_next(&in), CSVR_RECORD);
	assert_int_equal(input_next(&in), CSVR_ERROR);
	assert_int_equal(in.err.code, 65);
	snprintf(want, sizeof(want), "%s:3: text after a closing quote: row "
	    "left out", p);
	assert_string_equal(in.err.msg, want);
	input_close(&in);

	in.fatal = 0;
	p = file("unterminated2.csv", "a,b\n1,2\n\"3,4\n5,6\n");
	assert_int_equal(input_start(&in, p, NULL), 1);
	assert_int_equal(in.err.code, 0);
	assert_int_equal(input_next(&in), CSVR_RECORD);
	assert_int_equal(input_next(&in), CSVR_ERROR);
	assert_int_equal(in.err.code, 65);
	snprintf(want, sizeof(want), "%s:3: ", p);
	assert_true(strncmp(in.err.msg, want, strlen(want)) == 0);
	assert_true(strlen(in.err.msg) > strlen(want));
	input_close(&in);
}

static void
test_status(void **state)
{
	(void)state;
	assert_int_equal(input_status(0, 0, 0), 0);
	assert_int_equal(input_status(0, 0, 1), 0);
	assert_int_equal(input_status(0, 2, 0), 1);
	assert_int_equal(input_status(0, 2, 1), EX_DATAERR);
	assert_int_equal(input_status(1, 0, 0), EX_NOINPUT);
	assert_int_equal(input_status(1, 2, 1), EX_NOINPUT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_missing_state),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_bad_header),
		cmocka_unit_test(test_header_encoding),
		cmocka_unit_test(test_check_any),
		cmocka_unit_test(test_check_recerr),
		cmocka_unit_test(test_check_problem),
		cmocka_unit_test(test_check_fatal),
		cmocka_unit_test(test_reject_fn),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_totals),
		cmocka_unit_test(test_start),
		cmocka_unit_test(test_start_missing),
		cmocka_unit_test(test_fdopen),
		cmocka_unit_test(test_use),
		cmocka_unit_test(test_errors_returned),
		cmocka_unit_test(test_status),
	};

	diag_setprog("vawg-test");
	return cmocka_run_group_tests(tests, setup, teardown);
}
