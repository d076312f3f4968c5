/*
 * Diagnostics and exit codes.
 *
 * Every message goes to stderr as "prog: message" on one line.  Messages
 * name files, lines and fields, never values: the data is personal.
 */
#ifndef VAWG_DIAG_H
#define VAWG_DIAG_H

#include <stddef.h>
#include <sysexits.h>

#define VAWG_VERSION "0.1.0"

/*
 * Sets the program name used in messages to the base name of argv0.
 * Every program calls it first: it also opens each of descriptors 0, 1
 * and 2 that is closed on /dev/null, so that no file the program opens
 * later becomes standard output or standard error (exit 71 when
 * /dev/null cannot be opened).
 */
void diag_setprog(const char *argv0);

/* Returns the program name set by diag_setprog(). */
const char *diag_prog(void);

/* "prog: message" on stderr. */
void diag_warn(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* "prog: file:line: message" on stderr; line 0 omits the line. */
void diag_at(const char *file, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * "prog: message" on stderr, then exit with status.  Temporary output
 * files registered with lib/outfile are removed first.
 */
_Noreturn void diag_fatal(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Like diag_at(), then exit with status. */
_Noreturn void diag_fatal_at(int status, const char *file, unsigned long line,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * Like diag_warn() and diag_fatal(), with ": " and the system's message
 * for errno (strerror(errno), errno as it was on entry) appended:
 * diag_syswarn("%s", path) prints "prog: path: No such file or
 * directory".  errno is left as it was.
 */
void diag_syswarn(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
_Noreturn void diag_sysfatal(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Registers a function run by diag_fatal() before exit (at most a few;
 * lib/outfile uses it to remove temporary files).
 */
void diag_onfatal(void (*fn)(void));

/*
 * For cmd/, with an error a library function returned (core/err.h):
 * when e->code is not 0, prints "prog: " and e->msg and exits with
 * e->code, as diag_fatal() does (temporary outputs removed first);
 * otherwise returns.
 */
struct vawg_err;
void err_exit(const struct vawg_err *e);

/* Prints "prog VERSION" to stdout and exits 0. */
_Noreturn void diag_version(void);

/*
 * Out of memory: "prog: out of memory", temporary outputs removed, exit
 * 71 (EX_OSERR).  The one way lib/ may end the program: every other
 * error a library function meets is returned (lib/core/err.h).
 */
_Noreturn void diag_nomem(void);

/* Allocation that exits 71 (EX_OSERR) with a message on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
