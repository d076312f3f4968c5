/*
 * Safe output.
 *
 * out_open("-"), out_open("/dev/stdout") or out_open(NULL) writes
 * standard output.  A path is judged by what it is, never by where it
 * lives: one that names a regular file, or nothing yet, is written to a
 * temporary file in the same folder (mode 0600 unless out_setmode() says
 * otherwise) and renamed over the path only by out_close() with status 0
 * or 1 (a symbolic link to a regular file: the file it names is
 * replaced, the link stays).  A FIFO, a character device or the name of
 * an open descriptor (/dev/stderr, /dev/fd/N, /proc/self/fd/N) is
 * written directly.  A folder, a block device, a socket or a symbolic
 * link to nothing is refused (73, EX_CANTCREAT).
 *
 * Nothing here prints or exits: a function that fails fills its struct
 * vawg_err (lib/core/err.h) with the status and the message and returns,
 * and the command prints it (diag_fatal() or err_exit()).  The message
 * is worded as before, "file: Is a directory", "file: write error: No
 * space left on device".  Temporary files still open are removed when
 * the command exits through diag_fatal(), on SIGINT, SIGTERM and
 * SIGHUP, and, when a run was killed outright, by the next out_open() of
 * the same path.
 */
#ifndef VAWG_OUTFILE_H
#define VAWG_OUTFILE_H

#include <stdio.h>

struct outfile;
struct vawg_err;

/*
 * Opens path for writing; returns NULL with e set (73, EX_CANTCREAT;
 * 70 when too many files are open) when it cannot.
 */
struct outfile *out_open(const char *path, struct vawg_err *e);

/*
 * For libraries that open their output by name (libxlsxwriter): like
 * out_open(), but no stream is left open.  out_path() names the file to
 * write: the temporary file, already created with the mode above, or,
 * for a FIFO or a device, the path itself ("/dev/stdout" for "-" or
 * NULL).  Finish with out_close(), which renames or removes the
 * temporary file as for out_open(), or with out_abort(); out_fp()
 * returns NULL.
 */
struct outfile *out_open_named(const char *path, struct vawg_err *e);

/* The file name to write: see out_open_named(). */
const char *out_path(struct outfile *o);

/* The stream to write; owned by the outfile. */
FILE *out_fp(struct outfile *o);

/* The name to use in messages: the path, or "<stdout>". */
const char *out_name(struct outfile *o);

/*
 * Flushes and closes.  When status is 0 or 1 (success, or success with
 * rejects) a temporary file is renamed into place; otherwise it is
 * removed.  Returns status, or, with e set, 74 (EX_IOERR) on a write or
 * close error (the temporary file removed) and 73 when the rename
 * fails.  o is freed either way.  A NULL outfile returns status
 * unchanged.  e is left alone when nothing fails, so that it may hold
 * the error that made status.
 */
int out_close(struct outfile *o, int status, struct vawg_err *e);

/* Removes the temporary file, if any, and frees o. */
void out_abort(struct outfile *o);

/* Sets the mode of files created from now on (default 0600). */
void out_setmode(unsigned mode);

/* The mode set by out_setmode(), for files created otherwise. */
unsigned out_getmode(void);

/*
 * Parses a --mode argument (octal, at most 0666).  Returns 0, or -1 when
 * the argument is not a mode.
 */
int out_parsemode(const char *arg, unsigned *mode);

/*
 * The files a run names, for out_distinct(): opt is how the command
 * line named it ("-o", "--rejects", "input"), for the message.
 */
enum out_use_kind {
	OUT_IN,			/* read */
	OUT_OUT,		/* written */
	OUT_INOUT,		/* read, then written (a persons index) */
	OUT_DIR,		/* a folder written into */
};

struct out_use {
	const char *opt;
	const char *path;	/* NULL when not given: ignored */
	enum out_use_kind use;
};

/*
 * Returns 64 (EX_USAGE) with e set to a message naming both, before
 * anything is written, when an output names an input or another output of the
 * same run, or lies inside an output folder (or an input does).  Files
 * are compared by device and inode where they exist, by resolved path
 * where they do not.  Standard input, FIFOs and devices (/dev/null) are
 * never a collision; standard output ("-", "/dev/stdout") given for two
 * outputs is.  Returns 0 when the files are distinct.
 */
int out_distinct(const struct out_use *u, size_t n, struct vawg_err *e);

/* Returns 74 with e set when o's stream has an error, else 0. */
int out_check(struct outfile *o, struct vawg_err *e);

/*
 * Whether o writes a temporary file that out_close() renames into place
 * (1), or its path directly (0: standard output, a FIFO, a device).
 */
int out_is_temp(struct outfile *o);

#endif
