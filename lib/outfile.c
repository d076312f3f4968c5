/*
 * Safe output: temporary file, check every write, rename on success.
 */
#define _POSIX_C_SOURCE 200809L
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "outfile.h"

#define MAXOPEN 16

struct outfile {
	FILE *fp;
	char *path;		/* as given, or "<stdout>" */
	char *tmp;		/* temporary path, or NULL when direct */
	char *name;		/* the file actually written */
	int is_stdout;
};

static unsigned create_mode = 0600;
static struct outfile *open_files[MAXOPEN];
static volatile sig_atomic_t hooked;
/* Copies for the signal handler, which must not walk the heap. */
static char *sig_tmp[MAXOPEN];

static void
remove_all_tmp(void)
{
	int i;

	for (i = 0; i < MAXOPEN; i++)
		if (open_files[i] != NULL && open_files[i]->tmp != NULL)
			unlink(open_files[i]->tmp);
}

static void
on_signal(int sig)
{
	int i;

	for (i = 0; i < MAXOPEN; i++)
		if (sig_tmp[i] != NULL)
			unlink(sig_tmp[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
hook(void)
{
	struct sigaction sa;

	if (hooked)
		return;
	hooked = 1;
	diag_onfatal(remove_all_tmp);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static void
track(struct outfile *o, int add)
{
	int i;

	for (i = 0; i < MAXOPEN; i++) {
		if (add && open_files[i] == NULL) {
			open_files[i] = o;
			sig_tmp[i] = o->tmp;
			return;
		}
		if (!add && open_files[i] == o) {
			sig_tmp[i] = NULL;
			open_files[i] = NULL;
			return;
		}
	}
	if (add)
		diag_fatal(EX_SOFTWARE, "too many output files open");
}

void
out_setmode(unsigned mode)
{
	create_mode = mode & 0666;
}

int
out_parsemode(const char *arg, unsigned *mode)
{
	char *end;
	unsigned long m;

	errno = 0;
	m = strtoul(arg, &end, 8);
	if (errno != 0 || end == arg || *end != '\0' || m > 0666)
		return -1;
	*mode = (unsigned)m;
	return 0;
}

/*
 * Removes temporary files left by an earlier run of ours for the same
 * path that was killed outright (its process no longer exists).
 */
static void
sweep_stale(const char *dir, const char *base)
{
	DIR *d;
	struct dirent *e;
	size_t blen = strlen(base);
	char *p;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		const char *n = e->d_name;
		long pid;
		char *end;

		if (n[0] != '.' || strncmp(n + 1, base, blen) != 0 ||
		    strncmp(n + 1 + blen, ".tmp.", 5) != 0)
			continue;
		pid = strtol(n + 1 + blen + 5, &end, 10);
		if (end == n + 1 + blen + 5 || *end != '.' || pid <= 0)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		p = xmalloc(strlen(dir) + strlen(n) + 2);
		sprintf(p, "%s/%s", dir, n);
		unlink(p);
		free(p);
	}
	closedir(d);
}

/*
 * Opens path as out_open() says; when named is set, the stream is not
 * opened (or is closed at once) and o->name says what to write.
 */
static struct outfile *
open_common(const char *path, int named)
{
	struct outfile *o = xcalloc(1, sizeof(*o));
	struct stat st;
	char *dir, *slash;
	const char *base;
	int fd;

	hook();
	/* /dev/stdout may resolve to a regular file (a redirection): it
	 * must be written as stdout, never renamed over. */
	if (path == NULL || strcmp(path, "-") == 0 ||
	    strcmp(path, "/dev/stdout") == 0) {
		o->fp = named ? NULL : stdout;
		o->path = xstrdup("<stdout>");
		o->name = xstrdup("/dev/stdout");
		o->is_stdout = 1;
		return o;
	}
	o->path = xstrdup(path);
	if ((stat(path, &st) == 0 && !S_ISREG(st.st_mode)) ||
	    strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0) {
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			diag_fatal(EX_CANTCREAT, "%s: Is a directory", path);
		/* A FIFO, a device or /dev/stdout: write it as it is. */
		o->name = xstrdup(path);
		if (!named && (o->fp = fopen(path, "w")) == NULL)
			diag_fatal(EX_CANTCREAT, "%s: %s", path,
			    strerror(errno));
		return o;
	}
	slash = strrchr(path, '/');
	if (slash == NULL) {
		dir = xstrdup(".");
		base = path;
	} else {
		dir = xstrndup(path, (size_t)(slash - path));
		if (*dir == '\0') {
			free(dir);
			dir = xstrdup("/");
		}
		base = slash + 1;
	}
	if (*base == '\0')
		diag_fatal(EX_CANTCREAT, "%s: not a file name", path);
	sweep_stale(dir, base);
	o->tmp = xmalloc(strlen(dir) + strlen(base) + 48);
	sprintf(o->tmp, "%s/.%s.tmp.%ld.XXXXXX", dir, base, (long)getpid());
	free(dir);
	if ((fd = mkstemp(o->tmp)) == -1)
		diag_fatal(EX_CANTCREAT, "%s: %s", path, strerror(errno));
	if (fchmod(fd, create_mode) == -1 ||
	    (o->fp = fdopen(fd, "w")) == NULL) {
		int e = errno;

		unlink(o->tmp);
		diag_fatal(EX_CANTCREAT, "%s: %s", path, strerror(e));
	}
	track(o, 1);
	if (named) {
		if (fclose(o->fp) == EOF) {
			int e = errno;

			diag_fatal(EX_CANTCREAT, "%s: %s", path, strerror(e));
		}
		o->fp = NULL;
	}
	o->name = xstrdup(o->tmp);
	return o;
}

struct outfile *
out_open(const char *path)
{
	return open_common(path, 0);
}

struct outfile *
out_open_named(const char *path)
{
	return open_common(path, 1);
}

const char *
out_path(struct outfile *o)
{
	return o->name;
}

FILE *
out_fp(struct outfile *o)
{
	return o->fp;
}

const char *
out_name(struct outfile *o)
{
	return o->path;
}

void
out_check(struct outfile *o)
{
	if (o->fp != NULL && ferror(o->fp))
		diag_fatal(EX_IOERR, "%s: write error", o->path);
}

static void
out_free(struct outfile *o)
{
	if (o->tmp != NULL)
		track(o, 0);
	free(o->tmp);
	free(o->name);
	free(o->path);
	free(o);
}

void
out_abort(struct outfile *o)
{
	if (o == NULL)
		return;
	if (!o->is_stdout && o->fp != NULL)
		fclose(o->fp);
	if (o->tmp != NULL)
		unlink(o->tmp);
	out_free(o);
}

int
out_close(struct outfile *o, int status)
{
	int bad, e = 0;

	if (o == NULL)
		return status;
	bad = o->fp != NULL && (fflush(o->fp) == EOF || ferror(o->fp));
	if (bad)
		e = errno;
	if (o->fp == NULL) {
		/* Written by name (out_open_named()); nothing to close. */
	} else if (o->is_stdout) {
		/* Closed at exit; the flush above already reported errors. */
	} else if (fclose(o->fp) == EOF && !bad) {
		bad = 1;
		e = errno;
	}
	o->fp = NULL;
	if (bad) {
		if (o->tmp != NULL)
			unlink(o->tmp);
		diag_warn("%s: write error%s%s", o->path, e ? ": " : "",
		    e ? strerror(e) : "");
		out_free(o);
		remove_all_tmp();
		exit(EX_IOERR);
	}
	if (o->tmp != NULL) {
		if (status == 0 || status == 1) {
			if (rename(o->tmp, o->path) == -1) {
				e = errno;
				unlink(o->tmp);
				diag_warn("%s: %s", o->path, strerror(e));
				out_free(o);
				remove_all_tmp();
				exit(EX_CANTCREAT);
			}
		} else
			unlink(o->tmp);
	}
	out_free(o);
	return status;
}

int
out_is_temp(struct outfile *o)
{
	return o->tmp != NULL;
}
