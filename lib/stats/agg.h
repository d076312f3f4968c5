/*
 * Streaming group-by accumulators.
 *
 * An agg holds one cell per (group, bucket): the group is an opaque byte
 * string (programs join several column values with AGG_SEP), the bucket
 * an integer such as a month number.  Each cell has a fixed number of
 * 64-bit counters and, optionally, a fixed number of histograms of small
 * non-negative integers (days), from which exact medians and quantiles
 * are read.  Counters and histograms are sums, so cells merge by adding:
 * a run split by force or by file can be combined.  Memory grows with the
 * number of cells (and the largest histogram value), never with rows.
 * Finding a cell hashes its key once.
 */
#ifndef VAWG_AGG_H
#define VAWG_AGG_H

#include <stddef.h>
#include <stdint.h>

/* Separator between the column values of a group key. */
#define AGG_SEP '\x1f'

/* Largest value a histogram keeps exactly; larger values are clamped. */
#define AGG_HIST_MAX 100000u

struct agg;

/* A new accumulator with ncounters counters and nhist histograms a cell. */
struct agg *agg_new(size_t ncounters, size_t nhist);

/* Frees everything. */
void agg_free(struct agg *a);

/*
 * Index of the cell for (group, bucket), created with zero counters when
 * absent.  Indexes are stable and count from 0 in order of creation.
 */
size_t agg_cell(struct agg *a, const char *group, size_t len, int32_t bucket);

/* Index of the cell for (group, bucket), or -1 (as ptrdiff_t) if none. */
ptrdiff_t agg_find(const struct agg *a, const char *group, size_t len,
    int32_t bucket);

/*
 * The counters of a cell; valid until the next agg_cell() that creates
 * a cell.
 */
uint64_t *agg_counters(struct agg *a, size_t cell);

/* Adds value (clamped to AGG_HIST_MAX) to histogram h of a cell. */
void agg_hist_add(struct agg *a, size_t cell, size_t h, uint32_t value);

/* Number of cells. */
size_t agg_ncells(const struct agg *a);

/* The group and bucket of a cell; the group stays valid with the agg. */
const char *agg_group(const struct agg *a, size_t cell, size_t *len);
int32_t agg_bucket(const struct agg *a, size_t cell);

/*
 * Cell indexes sorted by group (bytewise, shorter first on a tie of the
 * common part) and then bucket.  Returns a malloc'd array of agg_ncells()
 * entries; the caller frees it.
 */
size_t *agg_sorted(const struct agg *a);

/*
 * A sum of cells: counters and histograms, for reading a period made of
 * several buckets.  agg_sum_new() makes an empty one for a; agg_sum_add()
 * adds a cell; agg_sum_clear() empties it for reuse.
 */
struct agg_sum {
	size_t ncounters, nhist;
	uint64_t *c;		/* ncounters counters */
	uint64_t **bin;		/* nhist histograms */
	size_t *nbins;		/* their number of bins */
	uint64_t *n;		/* values in each histogram */
};

struct agg_sum *agg_sum_new(const struct agg *a);
void agg_sum_clear(struct agg_sum *s);
void agg_sum_add(struct agg_sum *s, const struct agg *a, size_t cell);
void agg_sum_free(struct agg_sum *s);

/*
 * Quantile q (0..1) of histogram h of a sum, by linear interpolation
 * between order statistics (type 7 of Hyndman and Fan, R's default);
 * NaN when the histogram is empty.
 */
double agg_sum_quantile(const struct agg_sum *s, size_t h, double q);

/* Values of histogram h that are <= limit. */
uint64_t agg_sum_count_le(const struct agg_sum *s, size_t h, uint32_t limit);

/* Adds every cell of src into dst (same shape): the merge of two runs. */
void agg_merge(struct agg *dst, const struct agg *src);

#endif
