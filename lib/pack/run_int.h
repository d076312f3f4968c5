/*
 * What the modules of a vawg-marac-pack run share (private to lib/pack):
 * the case list, the findings, and the functions that pass them along.
 */
#ifndef VAWG_PACK_RUN_INT_H
#define VAWG_PACK_RUN_INT_H

#include <stdint.h>
#include <stdio.h>

#include "core/csvio.h"
#include "core/err.h"
#include "core/hmap.h"
#include "core/input.h"
#include "core/outfile.h"
#include "core/sha256.h"
#include "pack/pack.h"
#include "pack/pack_match.h"
#include "pack/run.h"
#include "pack/sources.h"

/* Person fields in the order of struct pm_person. */
#define PK_NPF 7
extern const char *const pk_pfields[PK_NPF];

struct pk_case {
	char **fields;		/* the case list row */
	struct pack_case pc;
	char postcode[2][32];	/* normalised, for engagement */
	char page[80];		/* HTML file name */
	unsigned long line;	/* in the case list */
};

/* A finding and the person as the record spells it. */
struct pk_fnd {
	struct pack_finding f;
	const char *forename, *surname, *dob, *pnc, *datetext;
	const char *postcode;	/* the person's, as the record has it */
	const char *other[3];	/* the record's other person: forename,
				   surname, dob */
	int weak;		/* below the grey zone: dropped unless
				   corroborated (corrob.c) */
};

struct pk_run {
	struct pack_opts *o;
	const struct pack_purpose *pp;
	const char *key;	/* the case list's reference column */
	const char *role[2];	/* its person prefixes, NULL: none */
	struct pk_case *c;
	size_t n;
	char **cols;		/* case list header */
	size_t ncols;
	struct pk_fnd **f;	/* sorted by pk_sort_findings() */
	size_t nf, capf;
	size_t *first;		/* findings of case i: f[first[i]] ..
				   f[first[i + 1] - 1] */
	struct hmap *arena;
	struct pm *pm;
	int pcol[2][PK_NPF];	/* the case list's person columns, -1 */
	unsigned long rejects;
	int missing;		/* an input could not be opened */
	struct hmap *names;	/* a case person's full name -> index + 1
				   in ns (names.c) */
	size_t *nameof;		/* per case person: index + 1 in ns, 0 */
	size_t nnames;
	struct pk_namestat *ns;	/* after the first passes */
};

/* input.c: inputs hashed for the audit, streams spooled for a re-read. */
FILE *pk_open_input(const char *path, struct sha256 *ctx, FILE **spool,
    struct vawg_err *e);
int pk_is_stream(const char *path);
const char *pk_input_name(const char *path);
int pk_close_input(struct input *in, FILE *fp, struct vawg_err *e);

/* cases.c: the case list, and helpers for reading records. */
int pk_read_cases(struct pk_run *pr, struct vawg_err *e);
char *pk_keep(struct pk_run *pr, const char *s);
int pk_opt_date(const char *s, int32_t *d);
const char *pk_field(const struct csvr *r, int col);
void pk_norm_postcode(const char *s, char *buf, size_t size);
void pk_person_cols(const struct csvr *r, const char *role, int *col);
void pk_person_of(const struct csvr *r, const int *col,
    struct pm_person *p);

/* names.c: how many people carry a case person's full name. */
#define PK_NAMEDOBS 8
struct pk_namestat {
	uint32_t nrec;		/* records carrying the name */
	uint32_t ndob;		/* distinct dates of birth in dob[] */
	int32_t dob[PK_NAMEDOBS];	/* yyyymmdd */
	uint32_t more;		/* 1: more dates of birth than dob[] holds,
				   or PNC IDs than pnc[] */
	uint32_t npnc;		/* distinct PNC IDs in pnc[] */
	uint64_t pnc[PK_NAMEDOBS];	/* hashes of the PNC IDs */
};
void pk_names_init(struct pk_run *pr);
void pk_names_free(struct pk_run *pr);
void pk_names_count(const struct pk_run *pr, struct pk_namestat *ns,
    const struct pm_person *p);
void pk_names_merge(struct pk_namestat *to, const struct pk_namestat *from,
    size_t n);
/*
 * 1 when dates of birth a and b (yyyymmdd) can be one person's: equal,
 * one digit apart, day and month swapped, or either 1 January of the
 * other's year.
 */
int pk_one_dob(int32_t a, int32_t b);
/* A date (days) as yyyymmdd: 0 for none, or a placeholder of 1900 or
 * before (compared as missing, as the matcher does). */
int32_t pk_ymd(int32_t d);
int pk_name_people(const struct pk_run *pr, size_t who);
int pk_name_is(const struct pk_run *pr, size_t who, const char *forename,
    const char *surname);

/* scan.c: every source searched for the cases' people. */
int pk_scan_sources(struct pk_run *pr, struct vawg_err *e);

/* corrob.c: findings weighed again with the evidence of the others. */
#define PK_CORROB_FLOOR 8.0	/* bits below the grey zone searched */
void pk_corroborate(struct pk_run *pr);
/*
 * 1 when a match is beyond doubt: by an id, by 8 bits or more, or
 * agreeing exactly on the PNC ID or on both names and the date of birth.
 */
int pk_beyond_doubt(int has_weight, double weight, const char *basis);

/* redact.c: --redact. */
int pk_redacted(const struct pk_run *pr, const char *col);
int pk_check_redact(const struct pk_run *pr, struct vawg_err *e);

/* findings.c: the findings and summary tables. */
#define PK_NFCOLS 17
extern const char *const pk_fcols[PK_NFCOLS];
const char *pk_fcol(const struct pk_run *pr, size_t i);
const char *pk_subject(const struct pk_run *pr, enum pack_subject s);
size_t pk_nscols(const struct pk_run *pr);
const char *pk_scol(const struct pk_run *pr, size_t j, int *idx,
    char *buf, size_t size);
const char *pk_fvalue(const struct pk_run *pr, const struct pk_fnd *x,
    size_t i, char *buf);
void pk_sort_findings(struct pk_run *pr);
void pk_summarise(const struct pk_run *pr, size_t i,
    struct pack_summary *s);
size_t pk_victims(const struct pk_run *pr, size_t i, struct pk_fnd ***v);
int pk_write_findings(const struct pk_run *pr, struct outfile *of,
    struct vawg_err *e);
int pk_write_summary(const struct pk_run *pr, struct outfile *of,
    const struct pack_summary *sum, struct vawg_err *e);

/* page.c: the HTML pages. */
const char *pk_case_value(const struct pk_run *pr, size_t i,
    const char *col);
void pk_html_case(const struct pk_run *pr, FILE *fp, size_t i,
    const struct pack_summary *s, const char *stamp);
void pk_html_index(const struct pk_run *pr, FILE *fp,
    const struct pack_summary *sum, const char *stamp);

/* stage.c: all-or-nothing outputs. */
void pk_fault(int fd, const char *stage, size_t n);
int pk_html_prepare(const char *given, unsigned mode, struct vawg_err *e);
void pk_html_free(void);
int pk_write_outputs(struct pk_run *pr, const char *summary_path,
    const struct pack_summary *sum, struct vawg_err *e);

/* audit.c: the audit line. */
int pk_write_audit(const struct pk_run *pr, const char *summary_path,
    struct vawg_err *e);

#endif
