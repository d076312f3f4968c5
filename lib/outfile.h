/*
 * Safe output.
 *
 * out_open("-") or out_open(NULL) writes standard output.  A path that
 * names a regular file, or nothing yet, is written to a temporary file
 * in the same folder (mode 0600 unless out_setmode() says otherwise) and
 * renamed over the path only by out_close() with status 0 or 1.  A path
 * that names a FIFO, a device or /dev/stdout is written directly.
 * Temporary files are removed on diag_fatal(), on SIGINT, SIGTERM and
 * SIGHUP, and, when a run was killed outright, by the next out_open() of
 * the same path.
 */
#ifndef VAWG_OUTFILE_H
#define VAWG_OUTFILE_H

#include <stdio.h>

struct outfile;

/* Opens path for writing; exits 73 (EX_CANTCREAT) when it cannot. */
struct outfile *out_open(const char *path);

/*
 * For libraries that open their output by name (libxlsxwriter): like
 * out_open(), but no stream is left open.  out_path() names the file to
 * write: the temporary file, already created with the mode above, or,
 * for a FIFO or a device, the path itself ("/dev/stdout" for "-" or
 * NULL).  Finish with out_close(), which renames or removes the
 * temporary file as for out_open(), or with out_abort(); out_fp()
 * returns NULL.
 */
struct outfile *out_open_named(const char *path);

/* The file name to write: see out_open_named(). */
const char *out_path(struct outfile *o);

/* The stream to write; owned by the outfile. */
FILE *out_fp(struct outfile *o);

/* The name to use in messages: the path, or "<stdout>". */
const char *out_name(struct outfile *o);

/*
 * Flushes and closes.  When status is 0 or 1 (success, or success with
 * rejects) a temporary file is renamed into place; otherwise it is
 * removed.  A write or close error exits 74 with a message naming the
 * file.  Returns status.  A NULL outfile returns status unchanged.
 */
int out_close(struct outfile *o, int status);

/* Removes the temporary file, if any, and frees o. */
void out_abort(struct outfile *o);

/* Sets the mode of files created from now on (default 0600). */
void out_setmode(unsigned mode);

/*
 * Parses a --mode argument (octal, at most 0666).  Returns 0, or -1 when
 * the argument is not a mode.
 */
int out_parsemode(const char *arg, unsigned *mode);

/* Exits 74 with a message when fp has an error; for long runs. */
void out_check(struct outfile *o);

/*
 * Whether o writes a temporary file that out_close() renames into place
 * (1), or its path directly (0: standard output, a FIFO, a device).
 */
int out_is_temp(struct outfile *o);

#endif
