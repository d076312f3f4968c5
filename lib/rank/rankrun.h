/*
 * A run of vawg-rank: streams the crimes (and the orders and wanted
 * files, whose aggravators they add), scores every person inside the
 * window ending on the as-of date and writes the top of the list, with
 * each score's components, optionally its arithmetic and its movement
 * since last month's list.  Memory: one accumulator per distinct person
 * id and one hash per distinct person-victim pair; never the crimes.
 */
#ifndef VAWG_RANKRUN_H
#define VAWG_RANKRUN_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct rank_opts {
	const char *idcol;	/* person id column: suspect_id */
	const char *role;	/* ROLE_forename...; NULL: from idcol */
	const char *datecol;	/* offence date column */
	const char *victimcol;	/* victim id column */
	const char *harmfile, *weightsfile;	/* NULL: built-in tables */
	const char *orders, *wanted, *previous;	/* NULL: none */
	const char *out;	/* -o, NULL for stdout */
	int32_t as_of;		/* last day of the window (day number) */
	int window;		/* its length in days */
	size_t top;		/* persons listed; 0 = everyone */
	unsigned long min_da;	/* list only those with this many DA offences */
	int all;		/* count every crime, not only VAWG ones */
	int da_only;		/* count only domestic abuse crimes */
	int explain;		/* add the explain column */
	int strict;		/* a rejected row fails the run (65) */
	int excel_safe;		/* write fields spreadsheet-safe */
};

/* A whole non-negative decimal number up to max; -1 when not one. */
long rank_parse_count(const char *s, long max);

/*
 * Reads the inputs (files[0..nfiles-1], standard input when nfiles is
 * 0), writes the list to o->out and returns the exit status: 0, 1 when
 * rows were rejected (65 with o->strict), 66 when an input could not be
 * opened, with err->code 0.  Errors that end the run (a missing column,
 * bad weights, a bad previous list, a write error) return err->code
 * with err set and nothing printed; the caller prints err->msg.
 */
int rank_run(const struct rank_opts *o, int nfiles, char *const files[],
    struct vawg_err *err);

#endif
