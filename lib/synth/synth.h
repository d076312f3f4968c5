/*
 * Synthetic VAWG records of every kind, canonical or as a source
 * system exports them, with ground truth: the generator behind
 * vawg-synth(1).  Output depends only on the options (same options,
 * same bytes).  Rows are generated one at a time in date order; memory
 * does not grow with the number of rows or persons.
 */
#ifndef VAWG_SYNTH_H
#define VAWG_SYNTH_H

#include <stdint.h>
#include <stdio.h>

#include "core/err.h"

enum synth_kind {
	SYNTH_CRIME,
	SYNTH_WANTED,
	SYNTH_ORDER,
	SYNTH_MARAC,
	SYNTH_DISCLOSURE,
	SYNTH_ENGAGEMENT,
	SYNTH_POPULATION,
	SYNTH_NKINDS
};

/* Reasons for planted bad rows in raw exports. */
enum synth_bad {
	SYNTH_BAD_IMPOSSIBLE_DATE,	/* 31/02/2023 and the like */
	SYNTH_BAD_FUTURE_DATE,		/* after the extraction date */
	SYNTH_BAD_PNC_CHECK,		/* PNC ID with a wrong check letter */
	SYNTH_NBAD
};

struct synth_opts {
	uint64_t seed;
	double scale;		/* 1 = one BCU over 36 months; 0 = see below */
	int end_year, end_month;	/* data end with the month before */
	int excel_safe;		/* synth_write_kind(): csvw_excel_safe() */
	int raw_xlsx;		/* synth_write_all(): the disclosures export
				   as raw/dvds-export.xlsx */
	double noise;		/* noise profile: scales the chance of every
				   kind of noise in a person's fields (1 the
				   usual mix, 0 none, 2 twice as much) */
};

#define SYNTH_OPTS_DEFAULT { 1, 1.0, 2026, 10, 0, 1, 1.0 }

/* Parses a kind name ("crime", ...); returns 0, or -1 when unknown. */
int synth_kind_parse(const char *s, enum synth_kind *k);

/* The kind's name. */
const char *synth_kind_name(enum synth_kind k);

/* Name of a bad-row reason, e.g. "impossible_date". */
const char *synth_bad_name(enum synth_bad b);

/*
 * Rows of a kind in a data set of o's scale (at least 1); population
 * rows are the areas times the calendar years, whatever the scale.
 */
uint64_t synth_rows_at(enum synth_kind k, const struct synth_opts *o);

/*
 * Whether kind k's rows have coordinates, made on the British National
 * Grid and converted by PROJ: such a run calls place_grid_init() first.
 */
int synth_has_places(enum synth_kind k);

/*
 * Writes a header and rows rows of kind k to fp: canonical CSV (UTF-8,
 * LF, with <role>_true_id columns), or with raw set the source system's
 * export (its column names, dd/mm/yyyy dates, its encoding, delimiter
 * and line ends, and a small share of planted bad rows).  The world is
 * sized as a data set holding rows rows of this kind.  Returns 0, or
 * -1 when a write failed (fp's error flag is then set).
 */
int synth_write_kind(FILE *fp, enum synth_kind k, uint64_t rows, int raw,
    const struct synth_opts *o);

/*
 * Writes the whole data set into dir (created when missing, mode 0700):
 * canonical/KIND.csv, raw/NAME.csv, manifest.csv, marac-list.csv,
 * truth/persons.csv and truth/bad-rows.csv.  Each file is written safely
 * through lib/outfile.  Returns 0, or with e set 73 when dir or a file
 * cannot be made and 74 on a write error; the files not finished are
 * removed.
 */
int synth_write_all(const char *dir, const struct synth_opts *o,
    struct vawg_err *e);

#endif
