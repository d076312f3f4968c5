/*
 * For the unit tests of lib/core: runs a function in a child process
 * with its standard output and standard error in temporary files, and
 * gives back what it wrote and how it ended, so that messages and the
 * exit status of _Noreturn paths can be checked.
 */
#ifndef VAWG_TEST_CAPTURE_H
#define VAWG_TEST_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct capture {
	int status;		/* exit status; -1 when ended by a signal */
	char out[4096];		/* what it wrote on standard output */
	char err[4096];		/* ... and on standard error */
};

static void
capture_slurp(FILE *fp, char *buf, size_t n)
{
	size_t k;

	rewind(fp);
	k = fread(buf, 1, n - 1, fp);
	buf[k] = '\0';
	fclose(fp);
}

/* Runs fn(arg) in a child; a child that returns exits 0. */
static void
capture_run(struct capture *c, void (*fn)(void *), void *arg)
{
	FILE *out = tmpfile(), *err = tmpfile();
	pid_t pid;
	int ws;

	if (out == NULL || err == NULL)
		abort();
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == -1)
		abort();
	if (pid == 0) {
		if (dup2(fileno(out), 1) == -1 || dup2(fileno(err), 2) == -1)
			_exit(127);
		fn(arg);
		exit(0);
	}
	if (waitpid(pid, &ws, 0) != pid)
		abort();
	c->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
	capture_slurp(out, c->out, sizeof(c->out));
	capture_slurp(err, c->err, sizeof(c->err));
}

#endif
