/*
 * stats: the figures of vawg-stats.  One run reads canonical CSV inputs
 * into accumulators (lib/stats/agg) under one metric and writes one CSV
 * table: one row per group and period.  Each metric is one struct
 * metric in its family's file (m_*.c), listed in the registry
 * (metrics.c); the engine (engine.c) does what every metric shares:
 * columns, --where, --distinct, groups, dates and periods (periods.c),
 * the table (table.c) and per-capita rates (population.c).
 */
#ifndef VAWG_STATS_H
#define VAWG_STATS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/csvio.h"
#include "core/dates.h"
#include "core/err.h"
#include "core/hmap.h"
#include "stats/agg.h"
#include "stats/intervals.h"

/* The period key of rows whose date cannot be read. */
#define BUCKET_UNKNOWN INT32_MAX

/* Columns a metric may read, by role. */
enum col {
	C_DATE,			/* the period date (metric or --date) */
	C_KEY,			/* the kind's key, for --distinct */
	C_OCODE, C_OGROUP, C_ODATE,
	C_OTYPE, C_DECISION, C_GRANTED, C_EXPIRY,
	C_ARREST, C_DA, C_HIGHHARM, C_FORENSIC,
	C_DASH, C_VID, C_VFORE, C_VSUR, C_VDOB, C_REFERRAL,
	C_DECDATE, C_ROLEID, C_FOLLOWUP,
	C_PLACE, C_LAT, C_LON, C_EAST, C_NORTH, C_TIME, C_CDATE,
	NCOL
};

#define COLBIT(k) (1u << (k))

struct where {
	const char *col, *val;
	size_t vlen;
	int ix;
};

/* The options of a run; stats_opts_init() sets the defaults. */
struct stats_opts {
	const struct metric *metric;
	char **by;
	size_t nby;
	enum period period;
	int rolling, period_set;
	int32_t from, to, at;
	int has_from, has_to, has_at;
	struct where *where;
	size_t nwhere;
	const char *datecol;
	int closed;		/* --basis closed (1) or recorded (0) */
	int compare;		/* 0 none, 1 prev, 2 yoy */
	const char *popfile, *area;
	double level;
	int distinct;
	const char *role;
	int32_t b0, b1, a0, a1;
	int has_before, has_after;
	long target;
	int has_target;
	int positive[32];	/* outcome numbers counted as positive */
	int days, has_days;	/* pnc-upload, dvds-contact: --days */
	const char *per;	/* engagement: --per (the unit column) */
	const char *type;	/* engagement: --type */
	int excel_safe;
	int allow_partial;	/* windows outside the data flagged, not fatal */
	int32_t data_from, data_to;	/* --data-from, --data-to */
	int has_data_from, has_data_to;
	struct where *control;	/* change --control clauses */
	size_t ncontrol;
	int seasonal;		/* change --seasonal */
	int rank;		/* --rank */
	const char *rank_by;	/* --rank-by, or NULL: the first figure */
	/* hotspots, profile (m_hotspots.c, m_profile.c) */
	const char *place;	/* --place column, or NULL for a grid */
	long grid;		/* --place grid:METRES */
	long top;		/* --top: places counted as hot */
	const char *geojson, *svg;
	int win0, win1, has_window;	/* --window, minutes of the day */
};

/* Per-row problem counts, reported as notes at the end. */
struct notes {
	unsigned long baddate, baddate_all, badocode, nodate, badarrest, badgrant,
	    baddash, noident, badorder, badexpiry, dup, baddecdate,
	    badfollow;
	unsigned long noplace;	/* hotspots: no place; profile: no time */
};

/* Dates of one person (marac, repeat), each with a tag. */
struct victim {
	int32_t *day;
	uint32_t *tag;		/* cell (marac) or group id (repeat) */
	size_t n, cap;
};

struct plink;

struct stats_run {
	const struct stats_opts *o;
	const struct metric *m;
	struct agg *agg;
	struct notes nt;
	int ix[NCOL];
	int *byix;
	const char *colname[NCOL];
	char roleid[64];	/* repeat: the <role>_id column name */
	char *key;
	size_t keycap, keylen, grouplen;
	struct hmap *seen;	/* --distinct keys */
	struct hmap *people;	/* marac, repeat: identity -> victim */
	struct victim *vic;
	size_t nvic, vcap;
	struct hmap *groups;	/* repeat: group strings -> id */
	struct plink *pl;	/* people: rows without an id, to link */
	void *priv;		/* the metric's own data (freed at the end) */
	struct hmap *areas;	/* --population: area values seen */
	int areaix;		/* the --area column in this input */
	int32_t minb, maxb;	/* bucket range seen */
	int32_t minday, maxday;	/* date range of the rows counted */
	int32_t load_from;	/* --from, or a year earlier for --compare */
	int32_t dmin, dmax;	/* the data's dates: every row read */
	int in_study, in_control;	/* change: the current row's sides */
	unsigned long rejected;
	struct vawg_err *err;	/* the run's error, set before it stops */
};

struct popset;

/* The table being written. */
struct out {
	struct csvw *w;
	char buf[64];
	const struct popset *ps;
	int popmissing;		/* per-capita cells left empty */
	/* The row's first per-capita figure: x per `per` of pop (pop 0: none). */
	double pc_x, pc_pop, pc_per;
	/* tab_count(): the intervals of small counts, worked out once (a
	   table of many groups is mostly zeros and ones). */
#define OUT_SMALL_COUNTS 64
	struct interval small[OUT_SMALL_COUNTS];
	double small_level[OUT_SMALL_COUNTS];	/* 0: not yet */
};

/* Metric flags. */
enum {
	MF_DATE_OPTIONAL = 1,	/* count: no date needed for --period all */
	MF_COMPARE = 2,		/* --compare allowed */
	MF_POPULATION = 4,	/* --population allowed */
	MF_DISTINCT = 8,	/* --distinct allowed */
	MF_WINDOWS = 16,	/* --before and --after needed */
	MF_TARGET = 32,		/* --target allowed */
	MF_PERIOD_ALL = 64,	/* default --period all */
	MF_HISTORY = 128,	/* every dated row kept, cells made at the end */
	MF_NO_PERIOD = 256,	/* no period column (change) */
	MF_DAYS = 512		/* --days allowed */
};

/*
 * One metric: its name, the counters and histograms of a cell, the
 * columns it reads, and how it checks an input, adds a row, finishes,
 * writes its header columns, a row, or (write) the whole table.
 */
struct metric {
	const char *name;
	unsigned flags;
	size_t ncounters, nhist;
	unsigned optional;	/* COLBIT()s of the columns it may lack */
	/* Sets R->colname[] (C_DATE, C_KEY are set before). */
	void (*columns)(struct stats_run *R);
	/*
	 * Extra column checks, before (after = 0) and after resolving:
	 * 0, or the status with R->err set.
	 */
	int (*check)(const struct stats_run *R, const struct csvr *s,
	    int after);
	void (*add)(struct stats_run *R, const struct csvr *s);
	void (*finish)(struct stats_run *R);
	void (*header)(const struct stats_run *R, struct csvw *w);
	void (*row)(struct stats_run *R, struct out *O, const char *g,
	    size_t glen, int32_t key, const struct agg_sum *S,
	    struct agg_sum *P);
	void (*write)(struct stats_run *R, struct out *O);	/* or NULL */
	void (*notes)(const struct stats_run *R);		/* or NULL */
};

/* The registry (metrics.c), NULL-terminated. */
extern const struct metric *const stats_metrics[];
const struct metric *stats_metric(const char *name);

/* ---- stats.c: a whole run ---- */
void stats_opts_init(struct stats_opts *o);
/* Checks option combinations: NULL, or the usage message. */
const char *stats_check(struct stats_opts *o);
/*
 * Reads the inputs (NULL-terminated, "-" stdin) and writes the table to
 * fp (name for messages).  Returns 0, 1 (rows rejected), EX_DATAERR
 * (rejected with strict) or EX_NOINPUT (an input missing), with
 * err->code 0; or, when the run cannot go on (a missing column, a bad
 * population file, a write error), err->code, with err set and nothing
 * printed.
 */
int stats_run(struct stats_opts *o, char *const *inputs, FILE *fp,
    const char *name, int strict, struct vawg_err *err);

/* ---- engine.c: reading rows ---- */
/* Returns 0, EX_NOINPUT (warned), or R->err->code (set). */
int stats_read(struct stats_run *R, const char *path);
/* Date of a row in its period: see PLACE_* */
enum { PLACE_DATED = 1, PLACE_UNDATED = 0, PLACE_DROP = -1,
	PLACE_OUTSIDE = -2 };
int stats_place(struct stats_run *R, const struct csvr *s, int32_t *day,
    int32_t *b);
uint64_t *stats_cell(struct stats_run *R, int32_t b, size_t *cell);
void stats_key_put(struct stats_run *R, const char *p, size_t n);
int stats_field_date(const struct csvr *s, int ix, int32_t *day);
int stats_field_is(const struct csvr *s, int ix, const char *v);
int stats_parse_date(const char *s, size_t n, int32_t *day);
void stats_see_day(struct stats_run *R, int32_t day);
void stats_see_bucket(struct stats_run *R, int32_t b);
uint32_t stats_days_between(int32_t a, int32_t b);
int stats_by_has(const struct stats_opts *o, const char *col);

/* ---- people.c: dates per person (marac, repeat) ---- */
void people_add(struct stats_run *R, const char *id, size_t n, int32_t day,
    uint32_t tag);
void people_sort(struct victim *v);
void people_free(struct stats_run *R);
void people_notes(const struct stats_run *R);
/*
 * Persons without an id column: people_role() finds the role's person
 * columns of an input (0: none); people_row() files a row's date and tag
 * under the id in column idix when it is not empty, else keeps the
 * row's person for linkage; people_link() links the kept persons as
 * vawg-dedupe does (lib/persons) and files them, saying on stderr which
 * method was used, by counts only.
 */
int people_role(struct stats_run *R, const struct csvr *s, const char *role);
void people_row(struct stats_run *R, const struct csvr *s, int idix,
    int32_t day, uint32_t tag);
void people_link(struct stats_run *R, const char *idcol);

/* ---- periods.c ---- */
int32_t stats_bucket_of(const struct stats_opts *o, int32_t day);
int stats_period_months(const struct stats_opts *o);
int stats_period_step(const struct stats_opts *o);
int32_t stats_month_day(int32_t mi);
void stats_period_text(const struct stats_opts *o, int32_t key, char *buf);
long stats_period_year(const struct stats_run *R, int32_t key);
int32_t stats_prev_key(const struct stats_opts *o, int32_t key);
int32_t *stats_period_keys(struct stats_run *R, size_t *nk);
/* The data's months [*m0, *m1] (month indexes); 0 when unknown. */
int stats_data_months(const struct stats_run *R, int32_t *m0, int32_t *m1);
/* Months of the period key covered by the data (counted); -1 unknown. */
int stats_months_covered(const struct stats_run *R, int32_t key, int *months);
/* Months of the days [a, b] covered by the data; *months their number. */
int stats_window_covered(const struct stats_run *R, int32_t a, int32_t b,
    int *months);
/* 65 with R->err naming the data's range when a window reaches outside. */
int stats_check_windows(const struct stats_run *R);
int stats_sum_period(const struct stats_run *R, const char *g, size_t glen,
    int32_t key, struct agg_sum *S);

/* ---- table.c ---- */
void tab_u(struct out *O, uint64_t v);
void tab_f(struct out *O, double v, int prec);
void tab_rate(struct out *O, uint64_t x, uint64_t n, double level);
void tab_count(struct out *O, uint64_t x, double level);
void tab_group(struct out *O, const char *g, size_t len, size_t nf);
void tab_empty(struct out *O, int n);
void tab_names(struct csvw *w, const char *const *h);
/*
 * Returns 0, or R->err->code (set) on a bad population file or a write
 * error.
 */
int stats_write(struct stats_run *R, FILE *fp, const char *name);
void stats_write_rows(struct stats_run *R, struct out *O);
/* One row: the group, the period, the metric's columns, the coverage. */
void stats_write_row(struct stats_run *R, struct out *O, const char *g,
    size_t glen, int32_t key, const struct agg_sum *S, struct agg_sum *P);
void tab_coverage_names(const struct stats_run *R, struct csvw *w);
void tab_window_label(struct out *O, int32_t a, int32_t b);
/* Ranks the table in buf (--rank) and writes it to w: 0, or R->err's. */
int tab_rank(const struct stats_run *R, const char *buf, size_t len,
    struct csvw *w);

/* ---- population.c ---- */
/* Returns the population file's figures, or NULL with e set. */
struct popset *pop_read(const char *path, struct vawg_err *e);
void pop_free(struct popset *ps);
int pop_each_area(const struct popset *ps, size_t *it, const char **name,
    size_t *len);
void tab_per_capita(struct stats_run *R, struct out *O, const char *g,
    size_t glen, int32_t key, uint64_t x, int female, double per,
    double annual, int show_pop);

/* ---- headline.c: figures summed from the tables ---- */
/*
 * Writes the figures of a spec (see headline.c) to fp: table paths
 * relative to dir (NULL: as they are), the change column named change
 * (NULL: none).  Returns 0, or e->code with e set on bad input or a
 * write error.
 */
int stats_headline(const char *spec, const char *dir, const char *change,
    int excel_safe, FILE *fp, const char *name, struct vawg_err *e);

/* Population of area in year (the latest year before, else the
 * earliest): 0, or -1 when the file has none. */
int pop_area(const struct popset *ps, const char *area, size_t alen,
    long year, double *v);

/* ---- m_hotspots.c, m_profile.c: --place, --window ---- */
/* Sets o->place or o->grid: NULL, or the usage message. */
const char *stats_parse_place(struct stats_opts *o, const char *s);
/* Sets o->win0, o->win1 from "HH:MM-HH:MM": NULL, or the message. */
const char *stats_parse_window(struct stats_opts *o, const char *s);

/* ---- m_timeliness.c: a task due some days after a start ---- */
/*
 * A task started on day start with a deadline days later, done on day
 * done (has_done 0: not done).  At --at it is counted once its deadline
 * has passed (due): on time when done by the deadline, else late (done
 * late, or still not done: late_pending).  A task whose deadline has
 * not passed is not yet due; pending when not done by --at.
 */
enum { TL_DUE, TL_ONTIME, TL_LATE_PENDING, TL_NYD, TL_NYD_PENDING, TL_N };
void tl_add(uint64_t *c, int32_t start, int has_done, int32_t done,
    int days, int32_t at);
/* Header: due_S, within_S, within_S_share (3), late_S, late_pending_S,
 * pending_within_S, not_yet_due_S, mature; S the suffix ("28_days"). */
void tl_header(struct csvw *w, const char *suffix);
void tl_row(struct out *O, const uint64_t *c, double level);

/* ---- m_outcomes.c: --positive ---- */
/* Sets o->positive from "1,2,3": NULL, or the usage message. */
const char *stats_parse_positive(struct stats_opts *o, const char *s);

#endif
