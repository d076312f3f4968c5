/*
 * The readers of a ranking run (rankrun.h): the crimes, the aggravator
 * files (orders, wanted) and last month's list.  Internal to lib/rank.
 */
#ifndef VAWG_RANKREAD_H
#define VAWG_RANKREAD_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/hmap.h"
#include "kinds/harm.h"
#include "rank/rankrun.h"
#include "rank/rankscore.h"

/* Rejected rows reported one by one before only a total is given. */
#define RANK_MAX_REPORTED 20

/* Everything a run keeps. */
struct rank_state {
	const struct rank_opts *o;
	char *role;		/* the name columns' prefix: "suspect" */
	char *suffix;		/* id column minus the role: "_id" */
	struct rank_set *set;
	struct harm *harm;
	struct rank_weights w;
	unsigned long rejects;
	int missing;		/* an input could not be opened */
	struct vawg_err *err;	/* set by a reader that fails */
	char *vkey;		/* victim key buffer, reused */
	size_t vkeycap;
};

/* One row of last month's list. */
struct rank_prev {
	char *id;
	size_t idlen;
	long rank;
	char *text[RANK_NTEXT];
	int seen;		/* on this month's list too */
};

/* "_forename", "_surname", "_dob", "_pnc": name columns after the role. */
extern const char *const rank_text_suffix[RANK_NTEXT];

/* A column name with the role prefix: role + suffix, in a new string. */
char *rank_rolecol(const char *role, const char *suffix);

/*
 * Each reader warns and sets rn->missing when its file cannot be
 * opened, and reports rejected rows (counted in rn->rejects).  Each
 * returns 0, or 65 with rn->err set ("file:1: no X column") when a
 * column it needs is missing; nothing is left open or allocated then.
 */
int rank_read_crimes(struct rank_state *rn, const char *path);

/* Orders: a respondent with breach_count above 0 is breaching. */
int rank_read_orders(struct rank_state *rn, const char *path);

/* Wanted: a person wanted and not arrested by the as-of date. */
int rank_read_wanted(struct rank_state *rn, const char *path);

/*
 * Last month's list: its ranked rows in file order (*count of them),
 * indexed by id in idx.  NULL when there are none, or, with rn->err set
 * (65), on a missing column, an empty id, a rank that is not a whole
 * number from 1 or a repeated id.
 */
struct rank_prev *rank_read_previous(struct rank_state *rn,
    const char *path, struct hmap *idx, size_t *count);

/* Frees what rank_read_previous() returned (npv rows). */
void rank_prev_free(struct rank_prev *pv, size_t npv);

#endif
