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

#include "core/diag.h"
#include "core/err.h"
#include "core/outfile.h"

#define MAXOPEN 16

struct outfile {
	FILE *fp;
	char *path;		/* as given, or "<stdout>" */
	char *tmp;		/* temporary path, or NULL when direct */
	char *target;		/* what tmp is renamed to */
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

/* Adds (add 1) or drops o; 0, or -1 when MAXOPEN are open already. */
static int
track(struct outfile *o, int add)
{
	int i;

	for (i = 0; i < MAXOPEN; i++) {
		if (add && open_files[i] == NULL) {
			open_files[i] = o;
			sig_tmp[i] = o->tmp;
			return 0;
		}
		if (!add && open_files[i] == o) {
			sig_tmp[i] = NULL;
			open_files[i] = NULL;
			return 0;
		}
	}
	return add ? -1 : 0;
}

void
out_setmode(unsigned mode)
{
	create_mode = mode & 0666;
}

unsigned
out_getmode(void)
{
	return create_mode;
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
 * 1 for a name of an open descriptor (/dev/stderr, /dev/fd/N,
 * /proc/self/fd/N): it is written as it is, like standard output, since
 * a file cannot be renamed over such a name.
 */
static int
fd_name(const char *path)
{
	static const char *const pre[] = { "/dev/fd/", "/proc/self/fd/" };
	size_t i, n;

	if (strcmp(path, "/dev/stderr") == 0)
		return 1;
	for (i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
		n = strlen(pre[i]);
		if (strncmp(path, pre[i], n) == 0 && path[n] != '\0' &&
		    strspn(path + n, "0123456789") == strlen(path + n))
			return 1;
	}
	return 0;
}

static void out_free(struct outfile *);

/*
 * Frees o, which open_common() did not finish, after removing its
 * temporary file when it made one; returns NULL.
 */
static struct outfile *
open_failed(struct outfile *o)
{
	int e = errno;

	if (o->tmp != NULL && o->fp != NULL)
		unlink(o->tmp);
	if (o->fp != NULL && o->fp != stdout)
		fclose(o->fp);
	out_free(o);
	errno = e;
	return NULL;
}

/*
 * What kind of output path is: 1 for a regular file or a new name, 0
 * for one written as it is (a FIFO, a device, a descriptor), -1 (e
 * set) for one refused.
 */
static int
path_kind(const char *path, struct vawg_err *e)
{
	struct stat st, lst;

	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return err_set(e, EX_CANTCREAT, "%s: Is a directory",
			    path), -1;
		if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) &&
		    !S_ISCHR(st.st_mode) && !fd_name(path))
			return err_set(e, EX_CANTCREAT, "%s: not a regular "
			    "file, FIFO or character device", path), -1;
	} else if (errno != ENOENT)
		return err_sys(e, EX_CANTCREAT, "%s", path), -1;
	else if (lstat(path, &lst) == 0)
		return err_set(e, EX_CANTCREAT, "%s: symbolic link to nothing",
		    path), -1;
	else
		st.st_mode = S_IFREG;	/* a new file */
	return S_ISREG(st.st_mode) && !fd_name(path);
}

/*
 * Creates o's temporary file beside target (the path, or the file its
 * symbolic link names); 0, or -1 with e set.
 */
static int
open_temp(struct outfile *o, const char *path, const char *target,
    struct vawg_err *e)
{
	char *dir, *slash;
	const char *base;
	int fd;

	o->target = xstrdup(target);
	slash = strrchr(target, '/');
	if (slash == NULL) {
		dir = xstrdup(".");
		base = target;
	} else {
		dir = xstrndup(target, (size_t)(slash - target));
		if (*dir == '\0') {
			free(dir);
			dir = xstrdup("/");
		}
		base = slash + 1;
	}
	if (*base == '\0') {
		free(dir);
		return err_set(e, EX_CANTCREAT, "%s: not a file name",
		    path), -1;
	}
	sweep_stale(dir, base);
	o->tmp = xmalloc(strlen(dir) + strlen(base) + 48);
	sprintf(o->tmp, "%s/.%s.tmp.%ld.XXXXXX", dir, base, (long)getpid());
	free(dir);
	if ((fd = mkstemp(o->tmp)) == -1) {
		free(o->tmp);
		o->tmp = NULL;
		return err_sys(e, EX_CANTCREAT, "%s", path), -1;
	}
	if (fchmod(fd, create_mode) == -1 ||
	    (o->fp = fdopen(fd, "w")) == NULL) {
		int en = errno;

		unlink(o->tmp);
		close(fd);
		free(o->tmp);
		o->tmp = NULL;
		errno = en;
		return err_sys(e, EX_CANTCREAT, "%s", path), -1;
	}
	return 0;
}

/*
 * Opens path as out_open() says; when named is set, the stream is not
 * opened (or is closed at once) and o->name says what to write.  What a
 * path is decides how it is written, never where it lives: a FIFO or a
 * character device directly, a regular file or a new name through a
 * temporary file beside it (beside the file a symbolic link points to).
 * Returns NULL with e set when it cannot.
 */
static struct outfile *
open_common(const char *path, int named, struct vawg_err *e)
{
	struct outfile *o = xcalloc(1, sizeof(*o));
	struct stat lst;
	char *real = NULL;
	int kind, rc;

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
	if ((kind = path_kind(path, e)) == -1)
		return open_failed(o);
	if (kind == 0) {
		/* A FIFO, a device or a descriptor: write it as it is. */
		o->name = xstrdup(path);
		if (!named && (o->fp = fopen(path, "w")) == NULL) {
			err_sys(e, EX_CANTCREAT, "%s", path);
			return open_failed(o);
		}
		return o;
	}
	if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
		/* Replace the file the link names; the link stays. */
		if ((real = realpath(path, NULL)) == NULL) {
			err_sys(e, EX_CANTCREAT, "%s", path);
			return open_failed(o);
		}
	}
	rc = open_temp(o, path, real != NULL ? real : path, e);
	free(real);
	if (rc == -1)
		return open_failed(o);
	if (track(o, 1) == -1) {
		err_set(e, EX_SOFTWARE, "too many output files open");
		return open_failed(o);
	}
	if (named) {
		if (fclose(o->fp) == EOF) {
			o->fp = NULL;
			err_sys(e, EX_CANTCREAT, "%s", path);
			unlink(o->tmp);
			out_free(o);
			return NULL;
		}
		o->fp = NULL;
	}
	o->name = xstrdup(o->tmp);
	return o;
}

struct outfile *
out_open(const char *path, struct vawg_err *e)
{
	return open_common(path, 0, e);
}

struct outfile *
out_open_named(const char *path, struct vawg_err *e)
{
	return open_common(path, 1, e);
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

int
out_check(struct outfile *o, struct vawg_err *e)
{
	if (o->fp != NULL && ferror(o->fp))
		return err_set(e, EX_IOERR, "%s: write error", o->path);
	return 0;
}

static void
out_free(struct outfile *o)
{
	if (o->tmp != NULL)
		track(o, 0);
	free(o->tmp);
	free(o->target);
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
out_close(struct outfile *o, int status, struct vawg_err *e)
{
	int bad, en = 0;

	if (o == NULL)
		return status;
	bad = o->fp != NULL && (fflush(o->fp) == EOF || ferror(o->fp));
	if (bad)
		en = errno;
	if (o->fp == NULL) {
		/* Written by name (out_open_named()); nothing to close. */
	} else if (o->is_stdout) {
		/* Closed at exit; the flush above already reported errors. */
	} else if (fclose(o->fp) == EOF && !bad) {
		bad = 1;
		en = errno;
	}
	o->fp = NULL;
	if (bad) {
		if (o->tmp != NULL)
			unlink(o->tmp);
		errno = en;
		if (en != 0)
			err_sys(e, EX_IOERR, "%s: write error", o->path);
		else
			err_set(e, EX_IOERR, "%s: write error", o->path);
		out_free(o);
		return EX_IOERR;
	}
	if (o->tmp != NULL) {
		if (status == 0 || status == 1) {
			if (rename(o->tmp, o->target) == -1) {
				en = errno;
				unlink(o->tmp);
				errno = en;
				err_sys(e, EX_CANTCREAT, "%s", o->path);
				out_free(o);
				return EX_CANTCREAT;
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

/* Collisions between the files of one run. */

struct ident {
	int skip;		/* stdin, a FIFO, a device: never compared */
	int is_stdout;
	int exists;
	dev_t dev;
	ino_t ino;
	char *real;		/* resolved path, or NULL */
};

/*
 * The resolved path of p: realpath() when it exists, else its folder
 * resolved the same way and its last part, else p as given.
 */
static char *
resolve(const char *p)
{
	char *r, *dir, *dr, *q;
	const char *slash, *base;
	size_t n = strlen(p);

	if ((r = realpath(p, NULL)) != NULL)
		return r;
	while (n > 1 && p[n - 1] == '/')
		n--;
	q = xstrndup(p, n);
	slash = strrchr(q, '/');
	dir = slash == NULL ? xstrdup(".") : slash == q ? xstrdup("/") :
	    xstrndup(q, (size_t)(slash - q));
	base = slash == NULL ? q : slash + 1;
	if (strcmp(dir, q) == 0 || *base == '\0') {
		free(dir);
		return q;
	}
	dr = resolve(dir);
	r = xmalloc(strlen(dr) + strlen(base) + 2);
	sprintf(r, "%s%s%s", dr, strcmp(dr, "/") == 0 ? "" : "/", base);
	free(dr);
	free(dir);
	free(q);
	return r;
}

static void
identify(const struct out_use *u, struct ident *id)
{
	struct stat st;

	memset(id, 0, sizeof(*id));
	if (u->path == NULL || *u->path == '\0') {
		id->skip = 1;
		return;
	}
	if (strcmp(u->path, "-") == 0 || strcmp(u->path, "/dev/stdout") == 0) {
		id->skip = u->use == OUT_IN;
		id->is_stdout = !id->skip;
		return;
	}
	if (stat(u->path, &st) == 0) {
		if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
			id->skip = 1;
			return;
		}
		id->exists = 1;
		id->dev = st.st_dev;
		id->ino = st.st_ino;
	}
	id->real = resolve(u->path);
}

/* 1 when path b lies inside folder a (both resolved). */
static int
inside(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (strcmp(a, "/") == 0)
		return 1;
	return strncmp(a, b, n) == 0 && b[n] == '/';
}

int
out_distinct(const struct out_use *u, size_t n, struct vawg_err *e)
{
	struct ident *id = xcalloc(n ? n : 1, sizeof(*id));
	size_t i, j;
	int rc = 0;

	for (i = 0; i < n; i++)
		identify(&u[i], &id[i]);
	for (i = 0; i < n && rc == 0; i++) {
		for (j = i + 1; j < n && rc == 0; j++) {
			const struct out_use *a = &u[i], *b = &u[j];
			int same;

			if (id[i].skip || id[j].skip ||
			    (a->use == OUT_IN && b->use == OUT_IN))
				continue;
			if (id[i].is_stdout || id[j].is_stdout)
				same = id[i].is_stdout && id[j].is_stdout;
			else if (id[i].exists && id[j].exists)
				same = id[i].dev == id[j].dev &&
				    id[i].ino == id[j].ino;
			else
				same = !id[i].exists && !id[j].exists &&
				    strcmp(id[i].real, id[j].real) == 0;
			if (same)
				rc = err_set(e, EX_USAGE, "%s %s and %s %s are "
				    "the same file", a->opt, a->path, b->opt,
				    b->path);
			else if (id[i].real == NULL || id[j].real == NULL)
				continue;
			else if (a->use == OUT_DIR &&
			    inside(id[i].real, id[j].real))
				rc = err_set(e, EX_USAGE, "%s %s is inside "
				    "%s %s", b->opt, b->path, a->opt, a->path);
			else if (b->use == OUT_DIR &&
			    inside(id[j].real, id[i].real))
				rc = err_set(e, EX_USAGE, "%s %s is inside "
				    "%s %s", a->opt, a->path, b->opt, b->path);
		}
	}
	for (i = 0; i < n; i++)
		free(id[i].real);
	free(id);
	return rc;
}
