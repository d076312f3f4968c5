/*
 * Inside the ingest engine: the run's state and the functions its files
 * share (ingest.c the files and outputs, clean.c the fields of a row,
 * ukp.c the police.uk profiles).
 */
#ifndef VAWG_INGEST_INT_H
#define VAWG_INGEST_INT_H

#include <stddef.h>

#include "core/csvio.h"
#include "core/hmap.h"
#include "core/outfile.h"
#include "ingest/ingest.h"
#include "persons/normalize.h"

#define MAX_REASONS 32
#define SHOW_REJECTS 10

/* Extra columns the police.uk profiles write after the crime columns. */
#define UKP_NEXTRA 7
extern const char *const ukp_extra[UKP_NEXTRA];

/* The police.uk headers (FACTS.md 7.1). */
enum {
	UKP_ID, UKP_MONTH, UKP_REPORTED_BY, UKP_FALLS_WITHIN, UKP_LONG,
	UKP_LAT, UKP_LOCATION, UKP_LSOA_CODE, UKP_LSOA_NAME, UKP_CRIME_TYPE,
	UKP_LAST_OUTCOME, UKP_CONTEXT, UKP_NCOLS,
	UKP_OUTCOME_TYPE = UKP_CRIME_TYPE
};

/*
 * A problem found in a row.  A record fault (code NULL) rejects the row;
 * a field fault blanks one value and, unless --strict-fields, is only
 * named in the row's quality_flags as "col:code".
 */
struct reason {
	const char *col;
	const char *problem;	/* words, for the rejects file and stderr */
	const char *code;	/* field faults: the quality_flags reason */
};

struct ingest {
	struct ingest_opts o;
	int per_crime;		/* police.uk outcomes: one row per Crime ID */

	/* Output. */
	struct outfile *out, *rej;
	struct csvw *w;
	struct csvw *rw;
	int header_done, rej_header_done;
	char **pass_names;	/* pass-through columns of the first input */
	size_t npass;

	/* Per input. */
	struct csvr *r;
	struct colmap m;
	int *pass_src;		/* per pass_names: source column, or -1 */
	int ukp[UKP_NCOLS];
	int ukp_quality;	/* an input quality_flags column, or -1 */

	/* Column indexes in the kind. */
	int i_offence, i_da, i_outcome, i_key_date, i_quality;
	int *title_of;		/* per kind column: its role's title column */

	/* Per row. */
	const char **val;
	size_t *len;
	char *scratch;
	size_t scratchsz, used;
	char (*titles)[NORM_TITLE_SIZE];
	struct reason reasons[MAX_REASONS];
	int nreasons, nrecord;

	/* Counts. */
	unsigned long read, written, rejected, shown, flagged;
	unsigned long t_read, t_written, t_rejected, t_flagged;
	struct hmap *by_reason;
	struct hmap *by_flag;	/* "col:code" of rows written: count */
	/* police.uk outcomes: Crime ID -> struct ukp_crime *, first seen
	 * first; rows kept (read less rejected) and folded into another. */
	struct hmap *crimes;
	unsigned long kept, t_kept, folded;
	int missing;
	struct vawg_err *err;	/* set by what ends the run */

	/* --summary: a row per input; its first and last key dates. */
	struct outfile *sum;
	struct csvw *sw;
	char first[11], last[11];
};

/* clean.c: a row's values, its faults, its scratch. */
void ing_reason(struct ingest *g, const char *col, const char *problem);
void ing_fault(struct ingest *g, const char *col, const char *problem,
    const char *code);
char *ing_room(struct ingest *g, size_t n);
void ing_row_scratch(struct ingest *g);
void ing_set(struct ingest *g, size_t i, const char *s, size_t n);
void ing_keep(struct ingest *g, size_t i, size_t n);
void ing_check_record(struct ingest *g);
void ing_kind_row(struct ingest *g);
void ing_flag_row(struct ingest *g);

/* clean_place.c: times, coordinates, postcode districts and sectors. */
void ing_clean_time(struct ingest *g, size_t i, const char *s, size_t n);
void ing_clean_coord(struct ingest *g, size_t i, const char *s, size_t n);
void ing_derive_place(struct ingest *g);

/* ingest.c */
size_t ing_out_ncols(const struct ingest *g);

/* ukp.c: the police.uk profiles. */
int ukp_match(struct ingest *g);
void ukp_row(struct ingest *g);
void ukp_keep(struct ingest *g);
void ukp_flush(struct ingest *g);

#endif
