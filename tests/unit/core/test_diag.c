/*
 * Unit tests of lib/diag: the one-line message forms, the system error
 * appended by diag_syswarn() and diag_sysfatal(), exit statuses of the
 * fatal paths (in a child process), the hooks run before exit, the
 * program name, closed standard descriptors, checked allocation.
 */
#include <errno.h>
#include <fcntl.h>
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
#include "capture.h"

static void
warn_fmt(void *arg)
{
	(void)arg;
	diag_warn("%s: %d rows", "a.csv", 3);
}

static void
test_warn(void **state)
{
	struct capture c;

	(void)state;
	capture_run(&c, warn_fmt, NULL);
	assert_int_equal(c.status, 0);
	assert_string_equal(c.err, "vawg-test: a.csv: 3 rows\n");
	assert_string_equal(c.out, "");
}

static void
at_forms(void *arg)
{
	(void)arg;
	diag_at("f.csv", 12, "stray %s", "quote");
	diag_at("f.csv", 0, "empty input");
	diag_at(NULL, 7, "no file");
}

/* file:line:, file: alone for line 0, nothing for no file. */
static void
test_at(void **state)
{
	struct capture c;

	(void)state;
	capture_run(&c, at_forms, NULL);
	assert_int_equal(c.status, 0);
	assert_string_equal(c.err,
	    "vawg-test: f.csv:12: stray quote\n"
	    "vawg-test: f.csv: empty input\n"
	    "vawg-test: no file\n");
}

static void
fatal_65(void *arg)
{
	(void)arg;
	diag_fatal(EX_DATAERR, "%s: bad header", "x.csv");
}

static void
fatal_at_66(void *arg)
{
	(void)arg;
	diag_fatal_at(EX_NOINPUT, "x.csv", 4, "gone");
}

static void
test_fatal(void **state)
{
	struct capture c;

	(void)state;
	capture_run(&c, fatal_65, NULL);
	assert_int_equal(c.status, 65);
	assert_string_equal(c.err, "vawg-test: x.csv: bad header\n");
	capture_run(&c, fatal_at_66, NULL);
	assert_int_equal(c.status, 66);
	assert_string_equal(c.err, "vawg-test: x.csv:4: gone\n");
}

static void
syswarn_enoent(void *arg)
{
	(void)arg;
	errno = ENOENT;
	diag_syswarn("%s", "in.csv");
	/* errno is as it was, for the caller's own use. */
	if (errno != ENOENT)
		exit(3);
	errno = EISDIR;
	diag_syswarn("%s: cannot read", "dir");
}

static void
test_syswarn(void **state)
{
	struct capture c;

	(void)state;
	capture_run(&c, syswarn_enoent, NULL);
	assert_int_equal(c.status, 0);
	assert_string_equal(c.err,
	    "vawg-test: in.csv: No such file or directory\n"
	    "vawg-test: dir: cannot read: Is a directory\n");
}

static void
say_hook(void)
{
	fputs("hook\n", stderr);
}

static void
sysfatal_eacces(void *arg)
{
	(void)arg;
	diag_onfatal(say_hook);
	errno = EACCES;
	diag_sysfatal(EX_CANTCREAT, "%s", "out.csv");
}

/* The message with the system error, the hooks, then the status. */
static void
test_sysfatal(void **state)
{
	struct capture c;

	(void)state;
	capture_run(&c, sysfatal_eacces, NULL);
	assert_int_equal(c.status, 73);
	assert_string_equal(c.err,
	    "vawg-test: out.csv: Permission denied\nhook\n");
}

static void
fatal_hook(void *arg)
{
	(void)arg;
	diag_onfatal(say_hook);
	diag_fatal(EX_IOERR, "write error");
}

static void
test_fatal_runs_hooks(void **state)
{
	struct capture c;

	(void)state;
	capture_run(&c, fatal_hook, NULL);
	assert_int_equal(c.status, 74);
	assert_string_equal(c.err, "vawg-test: write error\nhook\n");
}

/* err_exit(): a returned error printed as diag_fatal() would, hooks run. */
static void
exit_err(void *arg)
{
	struct vawg_err e = { 0 };

	(void)arg;
	err_exit(&e);			/* no error: returns */
	printf("went on\n");
	fflush(stdout);
	diag_onfatal(say_hook);
	err_at(&e, EX_DATAERR, "in.csv", 7, "stray quote");
	err_exit(&e);
	printf("not reached\n");
}

static void
test_err_exit(void **state)
{
	struct capture c;

	(void)state;
	capture_run(&c, exit_err, NULL);
	assert_int_equal(c.status, 65);
	assert_string_equal(c.out, "went on\n");
	assert_string_equal(c.err, "vawg-test: in.csv:7: stray quote\nhook\n");
}

static void
nomem(void *arg)
{
	(void)arg;
	diag_nomem();
}

/* diag_nomem(): the one fatal lib/ may raise, 71. */
static void
test_nomem(void **state)
{
	struct capture c;

	(void)state;
	capture_run(&c, nomem, NULL);
	assert_int_equal(c.status, 71);
	assert_string_equal(c.err, "vawg-test: out of memory\n");
}

static void
version(void *arg)
{
	(void)arg;
	diag_version();
}

static void
test_version(void **state)
{
	struct capture c;

	(void)state;
	capture_run(&c, version, NULL);
	assert_int_equal(c.status, 0);
	assert_string_equal(c.out, "vawg-test " VAWG_VERSION "\n");
	assert_string_equal(c.err, "");
}

static void
names(void *arg)
{
	(void)arg;
	diag_setprog("/usr/local/bin/vawg-other");
	diag_warn("one");
	diag_setprog("");		/* kept */
	diag_warn("two");
	diag_setprog(NULL);		/* kept */
	diag_warn("three");
	diag_setprog("plain");
	diag_warn("four");
}

static void
test_setprog(void **state)
{
	struct capture c;

	(void)state;
	capture_run(&c, names, NULL);
	assert_string_equal(c.err, "vawg-other: one\nvawg-other: two\n"
	    "vawg-other: three\nplain: four\n");
}

/*
 * With standard error closed, diag_setprog() puts /dev/null there, so
 * the next file opened is not descriptor 2.
 */
static void
closed_stderr(void *arg)
{
	int fd;

	(void)arg;
	close(2);
	diag_setprog("vawg-test");
	if (fcntl(2, F_GETFD) == -1)
		exit(10);
	if ((fd = open("/dev/null", O_RDONLY)) == -1)
		exit(11);
	exit(fd > 2 ? 0 : 12);
}

static void
test_closed_stderr(void **state)
{
	struct capture c;

	(void)state;
	capture_run(&c, closed_stderr, NULL);
	assert_int_equal(c.status, 0);
}

static void
overflow(void *arg)
{
	(void)arg;
	(void)xreallocarray(NULL, SIZE_MAX / 2, 4);
}

static void
test_alloc_overflow(void **state)
{
	struct capture c;

	(void)state;
	capture_run(&c, overflow, NULL);
	assert_int_equal(c.status, 71);
	assert_string_equal(c.err, "vawg-test: out of memory\n");
}

static void
test_strdup(void **state)
{
	char *s = xstrndup("abcdef", 3), *t = xstrdup("");

	(void)state;
	assert_string_equal(s, "abc");
	assert_string_equal(t, "");
	free(s);
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_warn),
		cmocka_unit_test(test_at),
		cmocka_unit_test(test_fatal),
		cmocka_unit_test(test_syswarn),
		cmocka_unit_test(test_sysfatal),
		cmocka_unit_test(test_fatal_runs_hooks),
		cmocka_unit_test(test_err_exit),
		cmocka_unit_test(test_nomem),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_setprog),
		cmocka_unit_test(test_closed_stderr),
		cmocka_unit_test(test_alloc_overflow),
		cmocka_unit_test(test_strdup),
	};

	diag_setprog("/somewhere/vawg-test");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
