/*
 * Unit tests of lib/outfile: temporary file and rename, mode 0600, the
 * old file untouched on failure, FIFOs written directly, stale temporary
 * files of killed runs swept, output by name; and the errors returned,
 * not exited on: a folder, a link to nothing, no file name, a write
 * error, files that collide, each with its status and message.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/outfile.h"

static char dir[64];
static struct vawg_err e;

static int
setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/test_outfile.XXXXXX");
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

static void
slurp(const char *path, char *buf, size_t n)
{
	FILE *fp = fopen(path, "r");
	size_t k;

	assert_non_null(fp);
	k = fread(buf, 1, n - 1, fp);
	buf[k] = '\0';
	fclose(fp);
}

static int
count_entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
test_rename_and_mode(void **state)
{
	char path[128], buf[64];
	struct outfile *o;
	struct stat st;

	(void)state;
	snprintf(path, sizeof(path), "%s/out.csv", dir);
	o = out_open(path, &e);
	fputs("a,b\n", out_fp(o));
	/* Not there until closed. */
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(count_entries(), 1);
	assert_int_equal(out_close(o, 0, &e), 0);
	slurp(path, buf, sizeof(buf));
	assert_string_equal(buf, "a,b\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(count_entries(), 1);
}

static void
test_failure_keeps_old(void **state)
{
	char path[128], buf[64];
	struct outfile *o;

	(void)state;
	snprintf(path, sizeof(path), "%s/keep.csv", dir);
	o = out_open(path, &e);
	fputs("old\n", out_fp(o));
	out_close(o, 0, &e);
	o = out_open(path, &e);
	fputs("new but failed\n", out_fp(o));
	assert_int_equal(out_close(o, 65, &e), 65);
	slurp(path, buf, sizeof(buf));
	assert_string_equal(buf, "old\n");
	o = out_open(path, &e);
	fputs("aborted\n", out_fp(o));
	out_abort(o);
	slurp(path, buf, sizeof(buf));
	assert_string_equal(buf, "old\n");
}

static void
test_mode_setting(void **state)
{
	char path[128];
	struct outfile *o;
	struct stat st;
	unsigned m;

	(void)state;
	assert_int_equal(out_parsemode("0640", &m), 0);
	assert_int_equal(m, 0640);
	assert_int_equal(out_parsemode("0777", &m), -1);
	assert_int_equal(out_parsemode("rw", &m), -1);
	snprintf(path, sizeof(path), "%s/mode.csv", dir);
	out_setmode(0640);
	o = out_open(path, &e);
	out_close(o, 0, &e);
	out_setmode(0600);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
}

static void
test_fifo_direct(void **state)
{
	char path[128], buf[64];
	pid_t pid;
	int status;

	(void)state;
	snprintf(path, sizeof(path), "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	pid = fork();
	if (pid == 0) {
		struct outfile *o = out_open(path, &e);

		fputs("through the fifo\n", out_fp(o));
		out_close(o, 0, &e);
		_exit(0);
	}
	slurp(path, buf, sizeof(buf));
	waitpid(pid, &status, 0);
	assert_string_equal(buf, "through the fifo\n");
	assert_int_equal(WEXITSTATUS(status), 0);
	unlink(path);
}

static void
test_sweep_stale(void **state)
{
	char path[128], stale[160], live[160];
	struct outfile *o;
	FILE *fp;

	(void)state;
	snprintf(path, sizeof(path), "%s/swept.csv", dir);
	/* A pid that cannot exist on Linux (above pid_max's ceiling). */
	snprintf(stale, sizeof(stale), "%s/.swept.csv.tmp.99999999.abcdef", dir);
	snprintf(live, sizeof(live), "%s/.swept.csv.tmp.%ld.abcdef", dir,
	    (long)getpid());
	fp = fopen(stale, "w");
	fclose(fp);
	fp = fopen(live, "w");
	fclose(fp);
	o = out_open(path, &e);
	out_close(o, 0, &e);
	assert_int_equal(access(stale, F_OK), -1);
	assert_int_equal(access(live, F_OK), 0);
	unlink(live);
}

/* out_open_named(): written by name, renamed or removed by out_close(). */
static void
test_named(void **state)
{
	char path[128], buf[64], tmp[256];
	struct outfile *o;
	struct stat st;
	FILE *fp;

	(void)state;
	snprintf(path, sizeof(path), "%s/named.xlsx", dir);
	o = out_open_named(path, &e);
	assert_null(out_fp(o));
	assert_string_not_equal(out_path(o), path);
	assert_int_equal(stat(out_path(o), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	fp = fopen(out_path(o), "w");
	fputs("by name\n", fp);
	fclose(fp);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(out_close(o, 0, &e), 0);
	slurp(path, buf, sizeof(buf));
	assert_string_equal(buf, "by name\n");
	o = out_open_named(path, &e);
	snprintf(tmp, sizeof(tmp), "%s", out_path(o));
	fp = fopen(tmp, "w");
	fputs("failed\n", fp);
	fclose(fp);
	assert_int_equal(out_close(o, 74, &e), 74);
	slurp(path, buf, sizeof(buf));
	assert_string_equal(buf, "by name\n");
	assert_int_equal(access(tmp, F_OK), -1);
	o = out_open_named("/dev/null", &e);
	assert_string_equal(out_path(o), "/dev/null");
	out_close(o, 0, &e);
	o = out_open_named("-", &e);
	assert_string_equal(out_path(o), "/dev/stdout");
	out_abort(o);
}

/* An output path that cannot be: 73 and the message, no exit. */
static void
test_open_errors(void **state)
{
	char path[128], want[256];
	struct vawg_err err = { 0 };
	int before = count_entries();

	(void)state;
	assert_null(out_open(dir, &err));
	assert_int_equal(err.code, 73);
	snprintf(want, sizeof(want), "%s: Is a directory", dir);
	assert_string_equal(err.msg, want);

	snprintf(path, sizeof(path), "%s/dangling", dir);
	assert_int_equal(symlink("/nonexistent/target", path), 0);
	memset(&err, 0, sizeof(err));
	assert_null(out_open_named(path, &err));
	assert_int_equal(err.code, 73);
	snprintf(want, sizeof(want), "%s: symbolic link to nothing", path);
	assert_string_equal(err.msg, want);
	unlink(path);

	snprintf(path, sizeof(path), "%s/nothere/", dir);
	memset(&err, 0, sizeof(err));
	assert_null(out_open(path, &err));
	assert_int_equal(err.code, 73);
	snprintf(want, sizeof(want), "%s: not a file name", path);
	assert_string_equal(err.msg, want);

	snprintf(path, sizeof(path), "%s/no/such/folder/f.csv", dir);
	memset(&err, 0, sizeof(err));
	assert_null(out_open(path, &err));
	assert_int_equal(err.code, 73);
	snprintf(want, sizeof(want), "%s: No such file or directory", path);
	assert_string_equal(err.msg, want);
	assert_int_equal(count_entries(), before);
}

/*
 * A write error at the close: 74 with the system's message, no exit;
 * a run that succeeds leaves err alone (it may hold another error).
 */
static void
test_close_errors(void **state)
{
	struct vawg_err err = { 0 };
	struct outfile *o;

	(void)state;
	if (access("/dev/full", W_OK) != 0)
		skip();
	o = out_open("/dev/full", &err);
	assert_non_null(o);
	assert_int_equal(out_check(o, &err), 0);
	fputs("x", out_fp(o));
	assert_int_equal(out_close(o, 0, &err), 74);
	assert_int_equal(err.code, 74);
	assert_string_equal(err.msg, "/dev/full: write error: No space left "
	    "on device");

	err.code = 65;
	strcpy(err.msg, "kept");
	o = out_open("/dev/null", &err);
	fputs("x", out_fp(o));
	assert_int_equal(out_close(o, 65, &err), 65);
	assert_string_equal(err.msg, "kept");
}

/* Too many files open at once: 70, the temporary file removed. */
static void
test_too_many(void **state)
{
	struct vawg_err err = { 0 };
	struct outfile *o[17];
	char path[128];
	int i, before = count_entries();

	(void)state;
	for (i = 0; i < 16; i++) {
		snprintf(path, sizeof(path), "%s/many%d", dir, i);
		assert_non_null(o[i] = out_open(path, &err));
	}
	snprintf(path, sizeof(path), "%s/many16", dir);
	assert_null(out_open(path, &err));
	assert_int_equal(err.code, 70);
	assert_string_equal(err.msg, "too many output files open");
	assert_int_equal(count_entries(), before + 16);
	for (i = 0; i < 16; i++)
		out_abort(o[i]);
	assert_int_equal(count_entries(), before);
}

/* out_distinct(): 64 and both names; distinct files give 0. */
static void
test_distinct(void **state)
{
	struct vawg_err err = { 0 };
	char a[128], sub[512];
	struct out_use u[3];

	(void)state;
	snprintf(a, sizeof(a), "%s/in.csv", dir);
	snprintf(sub, sizeof(sub), "%s/out", dir);
	u[0] = (struct out_use){ "-o", a, OUT_OUT };
	u[1] = (struct out_use){ "input", a, OUT_IN };
	assert_int_equal(out_distinct(u, 2, &err), 64);
	snprintf(sub, sizeof(sub), "-o %s and input %s are the same file",
	    a, a);
	assert_string_equal(err.msg, sub);

	memset(&err, 0, sizeof(err));
	u[0] = (struct out_use){ "--html", dir, OUT_DIR };
	u[1] = (struct out_use){ "-o", a, OUT_OUT };
	assert_int_equal(out_distinct(u, 2, &err), 64);
	snprintf(sub, sizeof(sub), "-o %s is inside --html %s", a, dir);
	assert_string_equal(err.msg, sub);

	memset(&err, 0, sizeof(err));
	u[0] = (struct out_use){ "-o", "-", OUT_OUT };
	u[1] = (struct out_use){ "input", "-", OUT_IN };
	u[2] = (struct out_use){ "--rejects", a, OUT_OUT };
	assert_int_equal(out_distinct(u, 3, &err), 0);
	assert_int_equal(err.code, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rename_and_mode),
		cmocka_unit_test(test_failure_keeps_old),
		cmocka_unit_test(test_mode_setting),
		cmocka_unit_test(test_fifo_direct),
		cmocka_unit_test(test_sweep_stale),
		cmocka_unit_test(test_named),
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_close_errors),
		cmocka_unit_test(test_too_many),
		cmocka_unit_test(test_distinct),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
