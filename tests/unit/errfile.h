/*
 * For the unit tests: writes text to a new file in a
 * temporary folder and gives back its path, so that a reader can be
 * called on bad input.
 */
#ifndef VAWG_TEST_ERRFILE_H
#define VAWG_TEST_ERRFILE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char errfile_dir[64];
static char errfile_made[32][192];
static int errfile_n;

/* Removes the files made and their folder (at exit). */
static void
errfile_clean(void)
{
	while (errfile_n > 0)
		unlink(errfile_made[--errfile_n]);
	rmdir(errfile_dir);
}

/* Writes text to dir/name (dir made once with mkdtemp); returns path. */
static const char *
errfile(const char *name, const char *text)
{
	char *path;
	FILE *fp;

	if (errfile_dir[0] == '\0') {
		snprintf(errfile_dir, sizeof(errfile_dir),
		    "/tmp/vawg-unit-XXXXXX");
		if (mkdtemp(errfile_dir) == NULL)
			abort();
		atexit(errfile_clean);
	}
	if (errfile_n == 32)
		abort();
	path = errfile_made[errfile_n++];
	snprintf(path, 192, "%s/%s", errfile_dir, name);
	if ((fp = fopen(path, "w")) == NULL)
		abort();
	fputs(text, fp);
	if (fclose(fp) != 0)
		abort();
	return path;
}

#endif
