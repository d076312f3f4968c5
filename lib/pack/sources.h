/*
 * The sources a MARAC pack searches, by canonical column name: which
 * column is the record's key, which dates the finding, which roles name
 * the people.  One table, data only (sources.c); it repeats part of the
 * record-kind schema of lib/kinds/schema.
 */
#ifndef VAWG_PACK_SOURCES_H
#define VAWG_PACK_SOURCES_H

#include "pack/pack.h"

struct pack_kind {
	enum pack_source src;
	const char *opt;	/* option name, without "--": "crimes" */
	const char *key;
	const char *roles[2];	/* NULL: no person of that side */
	const char *date1, *date2;	/* the finding's date, then fallback */
	const char *group, *detail, *detail2, *decision, *da, *until;
	const char *breaches, *postcode;
};

/* Indexed by enum pack_source. */
extern const struct pack_kind pack_kinds[PACK_NSOURCES];

#endif
