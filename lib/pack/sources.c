/*
 * The sources a MARAC pack searches: see sources.h.
 */
#include <stddef.h>

#include "pack/sources.h"

const struct pack_kind pack_kinds[PACK_NSOURCES] = {
	{ PACK_CRIME, "crimes", "crime_ref", { "victim", "suspect" },
	  "committed_date", "reported_date", "offence_group", "offence_desc",
	  "offence_code", "outcome_group", "da_flag", NULL, NULL, NULL },
	{ PACK_ORDER, "orders", "order_ref", { "respondent", "protected" },
	  "granted_date", "applied_date", NULL, "order_type", NULL,
	  "decision", NULL, "expiry_date", "breach_count", NULL },
	{ PACK_WANTED, "wanted", "wanted_ref", { "person", NULL },
	  "wanted_date", NULL, "offence_group", "offence_desc",
	  "offence_code", NULL, "da_flag", "arrest_date", NULL, NULL },
	{ PACK_DISCLOSURE, "disclosures", "dvds_ref",
	  { "applicant", "subject" }, "received_date", "decision_date", NULL,
	  "route", NULL, "decision", NULL, NULL, NULL, NULL },
	{ PACK_MARAC, "marac", "marac_ref", { "victim", "perpetrator" },
	  "referral_date", "meeting_date", NULL, "risk_level", NULL,
	  "dash_score", NULL, NULL, NULL, NULL },
	{ PACK_ENGAGEMENT, "engagement", "engagement_ref", { NULL, NULL },
	  "date", NULL, NULL, "type", NULL, "status", NULL, NULL, NULL,
	  "postcode" },
};

