/*
 * Private to lib/persons/dedupe*.c: what key mode and person mode share
 * (the output header, the inputs, the rejected rows).
 */
#ifndef VAWG_DEDUPE_INT_H
#define VAWG_DEDUPE_INT_H

#include <stdint.h>
#include <stdio.h>

#include "core/csvio.h"
#include "core/err.h"
#include "core/input.h"
#include "core/outfile.h"
#include "persons/dedupe.h"
#include "persons/linkage.h"

/* One run: its options, inputs and rejected rows. */
struct dd_run {
	const struct dedupe_opts *o;
	struct outfile *out;
	const char *const *files;	/* "-" alone when none were named */
	int nfiles;
	int missing_input;		/* an input could not be opened */
	struct outfile *rej_out;	/* --rejects, or NULL */
	struct csvw *rej_w;
	int rej_header_done, rej_show_all;
	unsigned long long rejected, shown;
	struct vawg_err *err;		/* what stops the run */
};

/* The output columns: the first input's header. */
struct dd_header {
	char **name;
	size_t n;
};

/* Splits "a,b,c" (key columns, roles) into names; returns how many. */
size_t dd_split_names(const char *s, char ***out);

void dd_header_from(struct dd_header *h, const struct csvr *r);
void dd_header_free(struct dd_header *h);

/*
 * map[i]: the column of r holding output column i.  Returns 1 when r's
 * header is the output header as it is, else 0; -1 with e set (65) when
 * r has other columns than h.
 */
int dd_header_map(const struct dd_header *h, const struct csvr *r,
    int *map, struct vawg_err *e);

/* Writes the current record of r in the output's column order. */
void dd_write_mapped(struct csvw *w, const struct csvr *r, const int *map,
    size_t n, int same);

/*
 * Opens input path and reads its header (lib/core/input): returns 1, or
 * 0 when it cannot be opened (after a warning) or is empty, or -1 when
 * its header cannot be read (run->err set, the input closed).  Then
 * input_next() gives its records; those that are bad or have not the
 * header's fields are rejected.  The first header read heads the
 * rejects file too.
 */
int dd_open_input(struct dd_run *run, struct input *in, const char *path);

/* A temporary file, or NULL with e set (73). */
FILE *dd_tmpfile(struct vawg_err *e);

/* Person mode's reports (dedupe_report.c): 0, or the status, e set. */
int dd_write_model(const char *path, const struct lk_model *mo,
    const int *used, struct vawg_err *e);

/* rowof[i]: the data row (from 1) of record i, 0 for none; free it. */
unsigned long long *dd_row_of(const struct lk_set *s, const uint32_t *rowrec,
    unsigned long long nrows);

int dd_write_pairs(const char *path, int excel_safe,
    const struct lk_model *mo, const struct lk_set *s,
    const struct lk_pair *pairs, size_t np, const unsigned long long *rowof,
    const char **ids, struct vawg_err *e);
void dd_explain(FILE *fp, const char *id, const struct lk_model *mo,
    const struct lk_set *s, const uint32_t *rowrec, unsigned long long nrows,
    const char **ids, const struct lk_pair *pairs, size_t np,
    double threshold);

int dd_key_mode(struct dd_run *run);
int dd_person_mode(struct dd_run *run);

#endif
