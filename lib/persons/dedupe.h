/*
 * Dedupe: the engines of vawg-dedupe.
 *
 * Key mode (o->key) keeps one row per key (the first, the last, or the
 * one with the latest value of a column), in input order, and sends
 * every other row, byte for byte, to o->dropped.  Person mode (o->role)
 * links the ROLE_* columns of every row by a Fellegi-Sunter model
 * estimated from the data (persons/linkage), optionally against a
 * persons database (persons/persondb), and writes every row unchanged
 * with ROLE_id and ROLE_match_weight added.
 *
 * In both modes every row is accounted for: a record the reader cannot
 * use is rejected, counted and, with o->rejects, written there byte for
 * byte.  Inputs must have one header (in any column order).  Bad data
 * is 65 with a message naming the file and line, never a value,
 * returned in the run's struct vawg_err.
 */
#ifndef VAWG_DEDUPE_H
#define VAWG_DEDUPE_H

#include <math.h>
#include <stdint.h>

#include "core/err.h"
#include "core/outfile.h"
#include "persons/linkage.h"

enum dedupe_keep { DEDUPE_KEEP_FIRST, DEDUPE_KEEP_LAST, DEDUPE_KEEP_LATEST };

struct dedupe_opts {
	const char *key;		/* key mode: columns, comma separated */
	enum dedupe_keep keep;
	const char *keep_col;		/* DEDUPE_KEEP_LATEST: its column */
	const char *dropped;		/* key mode: dropped rows' file */
	const char *role;		/* person mode: the role linked */
	const char *index, *pairs, *explain, *truth, *model;
	const char *identifier;		/* a column read as ROLE_other_id */
	const char *row_key;		/* --index: the column naming rows */
	double threshold, guard, pairs_min;
	int pairs_min_set;
	const char *import, *export;	/* persons database alone */
	int log;
	const char *rejects;		/* rows that cannot be read */
	int excel_safe, strict;
};

/* threshold 0, no guard (lk_cluster()'s coherence alone), the rest
   empty. */
#define DEDUPE_OPTS_DEFAULT { .guard = -INFINITY }

/*
 * Runs key mode or person mode over the files (standard input when
 * nfiles is 0; "-" is standard input too), writing to out.  Returns the
 * exit status: 0; 1 when rows were rejected (65 with o->strict); 66 when
 * an input could not be opened; or the status of what stopped the run
 * with e set (e->code is 0 otherwise).
 */
int dedupe(const struct dedupe_opts *o, struct outfile *out, int nfiles,
    char *files[], struct vawg_err *e);

/*
 * The persons database alone (o->index): o->import, o->export, and with
 * o->log the merge log to out.  Returns 0, or the status with e set.
 */
int dedupe_index(const struct dedupe_opts *o, struct outfile *out,
    struct vawg_err *e);

/*
 * Ids without a database: "P0000001" ... by group (cl from
 * lk_cluster()), in record order.  ids[i] gets record i's id, or NULL
 * when cl[i] is UINT32_MAX; the returned text holds them (free it).
 */
char *dedupe_fresh_ids(const struct lk_set *s, const uint32_t *cl,
    const char **ids);

#endif
