/*
 * The input preamble every program shares, over the CSV reader (csvio):
 * open an input or warn, read its header or stop with 65, read its
 * records, leaving out (and counting) those that cannot be used, and
 * stop with 65 on a read error.  The messages are worded here once:
 *
 *   prog: orders.csv: No such file or directory      (open; 66 at the end)
 *   orders.csv:7: unterminated quoted field          (read error, 65)
 *   prog: orders.csv:12: stray quote                 (a record left out)
 *
 * What stops the run is not printed here: it is left in in->err (status
 * 65 and the message), input_header() and input_start() return -1 and
 * input_next() CSVR_ERROR, and the caller returns it to its command.
 *
 * One struct input serves the inputs of a run one after the other: the
 * counts of each input are reset by input_open(), the totals and the
 * missing flag are kept, and input_status() gives the run's exit status.
 *
 *	struct input in = { .check = INPUT_RECERR };
 *
 *	for (i = 0; i < nfiles; i++) {
 *		if ((rc = input_start(&in, files[i], NULL)) <= 0) {
 *			if (rc < 0)
 *				return in.err.code;	(unreadable header)
 *			continue;		(missing, or empty)
 *		}
 *		while (input_next(&in) == CSVR_RECORD)
 *			use(in.r);
 *		input_close(&in);
 *		if (in.err.code != 0)
 *			return in.err.code;	(a read error)
 *	}
 *	return input_status(in.missing, in.total_rejected, cli.strict);
 */
#ifndef VAWG_INPUT_H
#define VAWG_INPUT_H

#include <stdio.h>

#include "core/csvio.h"
#include "core/err.h"

/* Which records input_next() leaves out rather than returns. */
enum input_check {
	INPUT_ANY = 0,		/* none: the caller checks each record */
	INPUT_RECERR,		/* a record problem (csvr_recerr()) */
	INPUT_PROBLEM,		/* that, or not the header's fields (csvr_problem()) */
};

struct input {
	/* Set by the caller; zero is the default. */
	enum input_check check;
	/*
	 * The message for a record left out, one %s for the problem
	 * ("%s; row not counted"); NULL is "%s".  Printed as
	 * "prog: file:line: message".
	 */
	const char *reject_fmt;
	/*
	 * When set, called for each record left out instead of the
	 * message (to write a rejects file, or to limit the messages);
	 * why is the problem, as for reject_fmt.
	 */
	void (*reject)(void *ctx, struct csvr *r, const char *why);
	void *ctx;
	int fatal;		/* 1: a record left out ends the run (65) */
	struct vawg_err err;	/* what ended the run; code 0: nothing */

	/* The state, read by the caller. */
	struct csvr *r;		/* the open input, NULL when none */
	const char *name;	/* its name in messages: path or "<stdin>" */
	unsigned long read;	/* records of this input, header excluded */
	unsigned long rejected;	/* of those, left out by input_next() */
	unsigned long total_read;	/* every input so far */
	unsigned long total_rejected;
	int missing;		/* an input could not be opened */
};

/*
 * Opens path ("-" or NULL is standard input) with the reader options
 * opts (NULL for the defaults).  Returns 0, or -1 when it cannot be
 * opened, after the warning "prog: path: <system error>" and with
 * in->missing set and errno kept.
 */
int input_open(struct input *in, const char *path,
    const struct csvr_opts *opts);

/*
 * input_open() and input_header() in one, for a program that passes
 * over empty inputs: returns 1 when the input is open with its header
 * read (its records are next), 0 when it cannot be opened (warned,
 * missing set) or has no header (closed again), -1 when the header
 * cannot be read (in->err set; the input stays open for
 * input_close()).
 */
int input_start(struct input *in, const char *path,
    const struct csvr_opts *opts);

/*
 * Reads from a stream the caller opened and keeps (it is not closed by
 * input_close()); name is used in messages.
 */
void input_fdopen(struct input *in, FILE *fp, const char *name,
    const struct csvr_opts *opts);

/*
 * Reads from a reader the caller opened (say with xlsx_csvr_open(), for
 * an input that may be a workbook); input_close() closes it.
 */
void input_use(struct input *in, struct csvr *r);

/*
 * Reads the header.  Returns 1, or 0 for an empty input (no header).
 * A header that cannot be read returns -1 with in->err set to 65 and
 * "file:line: <reader's message>", or "... cannot read the header in
 * this encoding" when the reader's line filter refused it.
 */
int input_header(struct input *in);

/*
 * Reads the next record the check lets through: returns CSVR_RECORD
 * (the record is in->r's current one) or CSVR_EOF.  Records left out
 * are counted, and reported as struct input says.  A read error, or a
 * record left out with in->fatal set, returns CSVR_ERROR with in->err
 * set to 65 and the message naming the file and line.
 */
int input_next(struct input *in);

/* Closes the input (a stream from input_fdopen() stays open). */
void input_close(struct input *in);

/*
 * The exit status of a run: 66 (EX_NOINPUT) when an input could not be
 * opened (missing); else, when rows were rejected, 1, or 65 (EX_DATAERR)
 * under --strict; else 0.
 */
int input_status(int missing, unsigned long rejected, int strict);

#endif
