/*
 * The sources a MARAC pack searches, by canonical column name: which
 * record kind each is (its key and person roles are the kind's, from
 * lib/kinds/schema), which dates the finding, which columns tell it.  One
 * table, data only (sources.c).
 */
#ifndef VAWG_PACK_SOURCES_H
#define VAWG_PACK_SOURCES_H

#include "kinds/schema.h"
#include "pack/pack.h"

struct pack_kind {
	enum pack_source src;
	const char *opt;	/* option name, without "--": "crimes" */
	const struct kind *kind;	/* key, and roles: NULL when none */
	const char *date1, *date2;	/* the finding's date, then fallback */
	const char *group, *detail, *detail2, *decision, *da, *until;
	const char *breaches, *postcode;
};

/* Indexed by enum pack_source. */
extern const struct pack_kind pack_kinds[PACK_NSOURCES];

#endif
