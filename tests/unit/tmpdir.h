/*
 * A test group's own folder under /tmp (dir), made before the group and
 * removed after it: cmocka_run_group_tests(tests, setup, teardown).
 * Define TMPDIR_NAME (the folder's prefix) before including this.
 */
#ifndef VAWG_TEST_TMPDIR_H
#define VAWG_TEST_TMPDIR_H

#include <stdio.h>
#include <stdlib.h>

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/%s.XXXXXX", TMPDIR_NAME);
	return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

#endif
