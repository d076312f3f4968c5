/*
 * What a pack is for: a MARAC case, a Clare's Law (DVDS) application,
 * a Stalking Protection Order court bundle, or a briefing sheet on a
 * nominal of vawg-rank's list.  One engine searches the sources for a
 * case's two people (the second only, for a nominal); each purpose
 * names the case list's key, its people's column prefixes, its dates,
 * and the summary columns it gives.  One table, data only (purpose.c).
 */
#ifndef VAWG_PACK_PURPOSE_H
#define VAWG_PACK_PURPOSE_H

#include <stddef.h>

#include "pack/pack.h"

enum pack_for {
	PACK_FOR_MARAC,
	PACK_FOR_DVDS,
	PACK_FOR_SPO,
	PACK_FOR_NOMINAL,
	PACK_NFOR
};

struct pack_purpose {
	enum pack_for id;
	const char *name;	/* --for: "marac" */
	const char *key;	/* the case list's reference column; NULL:
				   the column after "rank" (vawg-rank) */
	const char *role[2];	/* case list person prefixes; NULL: none
				   (role[1] NULL: --role, default suspect) */
	const char *subject[2];	/* the findings' subject names */
	const char *ref_date;	/* the reference date (else --as-of) */
	const char *own_date[2];	/* this case's own date, then fallback */
	enum pack_source self;	/* the case's own record is left out of
				   this source; PACK_NSOURCES: none */
	int lookback;		/* default months, 0 = all history */
	const char *title;	/* "MARAC research pack" */
	const char *share;	/* who the marking lets see it */
	const int *cols;	/* summary columns (pack_summary_value()
				   indices), -1 ends */
};

extern const struct pack_purpose pack_purposes[PACK_NFOR];

/* The purpose named name, or NULL. */
const struct pack_purpose *pack_purpose_named(const char *name);

#endif
