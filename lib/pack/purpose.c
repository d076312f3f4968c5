/*
 * What a pack is for: see purpose.h.
 */
#include <string.h>

#include "pack/purpose.h"

/* Summary columns by pack_summary_value() index (pack.h), -1 ends. */
static const int marac_cols[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
	19, 20, 21, 22, 23, 24, 25, 26, -1
};
static const int dvds_cols[] = {
	0, 1, PACK_COL_DEADLINE, PACK_COL_DAYS_LEFT,
	4, 5, 2, 3, 6, 7, 8, 9, 27, 10, 11, 12, 13, 14, 15, 16, 17, 18,
	19, 20, 24, 21, 28, 25, 26, -1
};
static const int spo_cols[] = {
	0, 1, 11, 28, 4, 5, 2, 3, 9, 12, 13, 14, 15, 16, 19, 20, 24,
	25, 26, -1
};
static const int nominal_cols[] = {
	0, 1, 4, 5, 6, 7, 8, 9, 10, 11, 27, PACK_COL_VICTIMS, 12, 13, 14,
	15, 16, 24, 19, 20, PACK_COL_POSTCODE, 25, 26, -1
};

const struct pack_purpose pack_purposes[PACK_NFOR] = {
	{ PACK_FOR_MARAC, "marac", "marac_ref", { "victim", "perpetrator" },
	  { "victim", "perpetrator" }, "meeting_date",
	  { "referral_date", "meeting_date" }, PACK_MARAC, 12,
	  "MARAC research pack",
	  "Share only with the MARAC and as its information-sharing "
	  "agreement allows.", marac_cols },
	{ PACK_FOR_DVDS, "dvds", "dvds_ref", { "applicant", "subject" },
	  { "applicant", "subject" }, "received_date",
	  { "received_date", NULL }, PACK_DISCLOSURE, 0,
	  "Clare's Law (DVDS) research",
	  "For the disclosure decision panel only; not for the applicant.",
	  dvds_cols },
	{ PACK_FOR_SPO, "spo", "order_ref", { "protected", "respondent" },
	  { "protected", "respondent" }, "applied_date",
	  { "applied_date", "granted_date" }, PACK_ORDER, 0,
	  "Stalking Protection Order court bundle",
	  "For the application to the court and those it is served on.",
	  spo_cols },
	{ PACK_FOR_NOMINAL, "nominal", NULL, { NULL, NULL },
	  { NULL, "nominal" }, "as_of", { NULL, NULL }, PACK_NSOURCES, 0,
	  "Nominal briefing sheet",
	  "For the officers managing the nominal only.", nominal_cols },
};

const struct pack_purpose *
pack_purpose_named(const char *name)
{
	size_t i;

	for (i = 0; i < PACK_NFOR; i++)
		if (strcmp(pack_purposes[i].name, name) == 0)
			return &pack_purposes[i];
	return NULL;
}
