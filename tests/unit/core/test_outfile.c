/*
 * Unit tests of lib/outfile: temporary file and rename, mode 0600, the
 * old file untouched on failure, FIFOs written directly, stale temporary
 * files of killed runs swept, output by name.
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

#include "core/outfile.h"

static char dir[64];

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
	o = out_open(path);
	fputs("a,b\n", out_fp(o));
	/* Not there until closed. */
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(count_entries(), 1);
	assert_int_equal(out_close(o, 0), 0);
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
	o = out_open(path);
	fputs("old\n", out_fp(o));
	out_close(o, 0);
	o = out_open(path);
	fputs("new but failed\n", out_fp(o));
	assert_int_equal(out_close(o, 65), 65);
	slurp(path, buf, sizeof(buf));
	assert_string_equal(buf, "old\n");
	o = out_open(path);
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
	o = out_open(path);
	out_close(o, 0);
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
		struct outfile *o = out_open(path);

		fputs("through the fifo\n", out_fp(o));
		out_close(o, 0);
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
	o = out_open(path);
	out_close(o, 0);
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
	o = out_open_named(path);
	assert_null(out_fp(o));
	assert_string_not_equal(out_path(o), path);
	assert_int_equal(stat(out_path(o), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	fp = fopen(out_path(o), "w");
	fputs("by name\n", fp);
	fclose(fp);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(out_close(o, 0), 0);
	slurp(path, buf, sizeof(buf));
	assert_string_equal(buf, "by name\n");
	o = out_open_named(path);
	snprintf(tmp, sizeof(tmp), "%s", out_path(o));
	fp = fopen(tmp, "w");
	fputs("failed\n", fp);
	fclose(fp);
	assert_int_equal(out_close(o, 74), 74);
	slurp(path, buf, sizeof(buf));
	assert_string_equal(buf, "by name\n");
	assert_int_equal(access(tmp, F_OK), -1);
	o = out_open_named("/dev/null");
	assert_string_equal(out_path(o), "/dev/null");
	out_close(o, 0);
	o = out_open_named("-");
	assert_string_equal(out_path(o), "/dev/stdout");
	out_abort(o);
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
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
