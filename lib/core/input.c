/* The input preamble: open or warn, header or 65, bad records left out. */
#include <errno.h>
#include <stdio.h>

#include "core/diag.h"
#include "core/err.h"
#include "core/input.h"

/* Starts the counts of a new input; the totals and missing stay. */
static void
input_reset(struct input *in, struct csvr *r)
{
	in->r = r;
	in->name = r != NULL ? csvr_name(r) : NULL;
	in->read = 0;
	in->rejected = 0;
	in->err.code = 0;
}

int
input_open(struct input *in, const char *path, const struct csvr_opts *opts)
{
	struct csvr *r = csvr_open(path, opts);

	input_reset(in, r);
	if (r == NULL) {
		diag_syswarn("%s", path != NULL ? path : "-");
		in->missing = 1;
		return -1;
	}
	return 0;
}

void
input_fdopen(struct input *in, FILE *fp, const char *name,
    const struct csvr_opts *opts)
{
	input_reset(in, csvr_fdopen(fp, name, opts));
}

void
input_use(struct input *in, struct csvr *r)
{
	input_reset(in, r);
}

/* A read error of the reader: 65 naming its line, in in->err. */
static int
read_error(struct input *in)
{
	return err_at(&in->err, EX_DATAERR, in->name,
	    csvr_error_line(in->r), "%s", csvr_error(in->r));
}

int
input_header(struct input *in)
{
	int st = csvr_header(in->r);

	if (st == CSVR_ERROR && csvr_recerr(in->r) == CSVR_EFILTER)
		return err_at(&in->err, EX_DATAERR, in->name,
		    csvr_error_line(in->r),
		    "cannot read the header in this encoding"), -1;
	if (st == CSVR_ERROR)
		return read_error(in), -1;
	return st == CSVR_RECORD;
}

int
input_start(struct input *in, const char *path, const struct csvr_opts *opts)
{
	int st;

	if (input_open(in, path, opts) == -1)
		return 0;
	if ((st = input_header(in)) != 0)
		return st;
	input_close(in);
	return 0;
}

/* Why the current record is left out, or NULL when it is not. */
static const char *
left_out(const struct input *in)
{
	switch (in->check) {
	case INPUT_RECERR:
		if (csvr_recerr(in->r) != CSVR_OK)
			return csvr_recerr_str(csvr_recerr(in->r));
		return NULL;
	case INPUT_PROBLEM:
		return csvr_problem(in->r);
	case INPUT_ANY:
		break;
	}
	return NULL;
}

int
input_next(struct input *in)
{
	const char *fmt = in->reject_fmt != NULL ? in->reject_fmt : "%s";
	const char *why;
	int st;

	while ((st = csvr_next(in->r)) == CSVR_RECORD) {
		in->read++;
		in->total_read++;
		if ((why = left_out(in)) == NULL)
			return st;
		in->rejected++;
		in->total_rejected++;
		if (in->fatal) {
			err_at(&in->err, EX_DATAERR, in->name,
			    csvr_line(in->r), fmt, why);
			return CSVR_ERROR;
		}
		if (in->reject != NULL)
			in->reject(in->ctx, in->r, why);
		else
			diag_at(in->name, csvr_line(in->r), fmt, why);
	}
	if (st == CSVR_ERROR) {
		read_error(in);
		return CSVR_ERROR;
	}
	return CSVR_EOF;
}

void
input_close(struct input *in)
{
	if (in->r != NULL)
		csvr_close(in->r);
	in->r = NULL;
}

int
input_status(int missing, unsigned long rejected, int strict)
{
	if (missing)
		return EX_NOINPUT;
	if (rejected > 0)
		return strict ? EX_DATAERR : 1;
	return 0;
}
