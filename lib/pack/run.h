/*
 * A whole vawg-pack (and vawg-marac-pack) run: read the case list, search every source
 * for the cases' people, then write the findings, the summary, the HTML
 * pages and the audit line, committed together or not at all.
 */
#ifndef VAWG_PACK_RUN_H
#define VAWG_PACK_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/sha256.h"
#include "pack/pack.h"
#include "pack/purpose.h"

struct pack_input {
	const char *path;	/* NULL when not given; "-" is stdin */
	char sha[SHA256_HEXLEN + 1];	/* set when read for --audit */
};

struct pack_opts {
	const struct pack_purpose *purpose;	/* what the packs are for */
	const char *role;	/* nominal: the rank list's person prefix */
	struct pack_input cases, src[PACK_NSOURCES];
	int lookback;		/* months, 0 = all */
	double threshold, grey;
	unsigned mode;		/* of created files (--mode) */
	int32_t as_of;		/* PACK_NODATE = each meeting date */
	int32_t cases_from, cases_to;	/* only the cases whose own date is
					   within; PACK_NODATE: no bound */
	const char *findings, *summary, *html, *audit;
	const char *out;	/* -o: the summary (as well) */
	const char *marking;	/* protective marking of the pages */
	char **redact;		/* --redact: families or column names */
	size_t nredact;
	int excel_safe;		/* '= quote fields a spreadsheet would run */
	int strict;		/* rejected rows make the run fail (65) */
};

/* The defaults: a MARAC pack, 12 months, PM_THRESHOLD, PM_GREY, mode
 * 0600, excel-safe. */
void pack_opts_init(struct pack_opts *o);

/* Sets the purpose, and its lookback unless one was given (given). */
void pack_opts_for(struct pack_opts *o, const struct pack_purpose *p,
    int given);

/* Where the summary goes: --summary, else -o, else "-" when nothing
 * else is written, else NULL. */
const char *pack_summary_path(const struct pack_opts *o);

/*
 * Does the run.  Returns the exit status: 0, 1 when rows were rejected
 * (65 with strict), 66 when an input could not be opened (the others
 * are still packed); on an error in the inputs, its code, with e set
 * (e->msg empty when the message was printed already, as a missing case
 * list's warning); the command prints it.
 */
int pack_run(struct pack_opts *o, struct vawg_err *e);

#endif
