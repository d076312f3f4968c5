/*
 * Internals of lib/linkage (linkage.c); not
 * for programs.
 */
#ifndef VAWG_LINKAGE_INT_H
#define VAWG_LINKAGE_INT_H

#include <stdint.h>

#include "core/hmap.h"
#include "persons/linkage.h"

/* One distinct value of a field; value 0 of every table means missing. */
struct lk_val {
	const char *s;		/* NUL-terminated, in the map's arena */
	uint32_t len;
	uint32_t count;		/* records holding it */
	uint32_t aux;		/* forename, surname: NYSIIS code id;
				   postcode: district id; dob: YYYYMMDD */
	uint16_t grp[4];	/* forename: nickname groups, 0 = none */
	float ltf;		/* log2 of its share of the field's values */
};

struct lk_vtab {
	struct hmap *map;	/* value -> index */
	struct lk_val *v;
	size_t n, cap;
};

struct lk_set {
	struct lk_vtab vt[LK_NFIELDS];
	struct lk_vtab phon;	/* NYSIIS codes */
	struct lk_vtab dist;	/* postcode districts */
	uint32_t *rec;		/* n records of LK_NFIELDS value ids */
	size_t n, cap;
	size_t nfixed;		/* records 0..nfixed-1 are already resolved */
	uint32_t (*cand)[2];	/* lk_set_cand(): (resolved, later) */
	size_t ncand, ccand;
	int given;		/* lk_set_cand() was called */
	unsigned char *known;	/* lk_set_known(), one byte a record */
	uint64_t nonnull[LK_NFIELDS];
	int finished;
	uint64_t *sorted[LK_NRULES];	/* lk_find(): (key << 32 | record) per rule */
	size_t nsorted[LK_NRULES];
	double tfa[LK_NFIELDS];	/* how far the exact level's weight is the
				   term frequency's (lk_set_finish()) */
	double tf_records;	/* lk_set_tf_records(), -1: the default */
};

/* Value id of record i's field f (0: missing). */
#define LK_V(s, i, f) ((s)->rec[(size_t)(i) * LK_NFIELDS + (f)])

#endif
