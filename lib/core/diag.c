/* Diagnostics, exit codes and checked allocation. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/err.h"

static const char *prog = "vawg";
static void (*fatal_hooks[4])(void);
static int nhooks;

/*
 * A program started with descriptor 0, 1 or 2 closed would hand that
 * number to the next file it opens: a temporary output file would then
 * be standard error, and messages would land inside the data.  Each
 * closed one is opened on /dev/null (open() takes the lowest free
 * number).  With no /dev/null there is nowhere safe to write, not even
 * a message: exit 71.
 */
static void
safe_stdfds(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++) {
		int nfd;

		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		nfd = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (nfd != fd) {
			if (nfd != -1)
				close(nfd);
			_exit(EX_OSERR);
		}
	}
}

void
diag_setprog(const char *argv0)
{
	const char *s;

	safe_stdfds();
	if (argv0 == NULL || *argv0 == '\0')
		return;
	s = strrchr(argv0, '/');
	prog = s != NULL ? s + 1 : argv0;
}

const char *
diag_prog(void)
{
	return prog;
}

void
diag_onfatal(void (*fn)(void))
{
	if (nhooks < (int)(sizeof(fatal_hooks) / sizeof(fatal_hooks[0])))
		fatal_hooks[nhooks++] = fn;
}

static void
run_hooks(void)
{
	while (nhooks > 0)
		fatal_hooks[--nhooks]();
}

/*
 * Prints one message; syserr, when not NULL, is added at the end after
 * ": ".
 */
static void
vmsg_err(const char *file, unsigned long line, const char *syserr,
    const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", prog);
	if (file != NULL) {
		if (line > 0)
			fprintf(stderr, "%s:%lu: ", file, line);
		else
			fprintf(stderr, "%s: ", file);
	}
	vfprintf(stderr, fmt, ap);
	if (syserr != NULL)
		fprintf(stderr, ": %s", syserr);
	fputc('\n', stderr);
}

static void
vmsg(const char *file, unsigned long line, const char *fmt, va_list ap)
{
	vmsg_err(file, line, NULL, fmt, ap);
}

void
diag_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, 0, fmt, ap);
	va_end(ap);
}

void
diag_at(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(file, line, fmt, ap);
	va_end(ap);
}

void
diag_fatal(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, 0, fmt, ap);
	va_end(ap);
	run_hooks();
	exit(status);
}

void
diag_syswarn(const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vmsg_err(NULL, 0, strerror(e), fmt, ap);
	va_end(ap);
	errno = e;
}

void
diag_sysfatal(int status, const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vmsg_err(NULL, 0, strerror(e), fmt, ap);
	va_end(ap);
	run_hooks();
	exit(status);
}

void
diag_fatal_at(int status, const char *file, unsigned long line,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(file, line, fmt, ap);
	va_end(ap);
	run_hooks();
	exit(status);
}

void
err_exit(const struct vawg_err *e)
{
	if (e->code != 0)
		diag_fatal(e->code, "%s", e->msg);
}

void
diag_version(void)
{
	if (printf("%s %s\n", prog, VAWG_VERSION) < 0 || fflush(stdout) == EOF)
		diag_fatal(EX_IOERR, "<stdout>: write error");
	exit(0);
}

void
diag_nomem(void)
{
	diag_fatal(EX_OSERR, "out of memory");
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n == 0 ? 1 : n);

	if (p == NULL)
		diag_nomem();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size);

	if (p == NULL)
		diag_nomem();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n == 0 ? 1 : n);
	if (p == NULL)
		diag_nomem();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		diag_nomem();
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
