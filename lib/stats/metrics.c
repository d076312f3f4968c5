/*
 * metrics: the registry.  A metric is one struct metric in its family's
 * file (m_*.c); adding one is that file and one line here.
 */
#include <string.h>

#include "stats/stats.h"

extern const struct metric metric_count, metric_charge, metric_outcomes,
    metric_orders, metric_wanted, metric_marac, metric_disclosures,
    metric_repeat, metric_change, metric_engagement;
extern const struct metric metric_hotspots;
extern const struct metric metric_profile;
extern const struct metric metric_pnc_upload, metric_dvds_contact;
extern const struct metric metric_completeness;

const struct metric *const stats_metrics[] = {
	&metric_count,
	&metric_charge,
	&metric_outcomes,
	&metric_orders,
	&metric_wanted,
	&metric_marac,
	&metric_disclosures,
	&metric_repeat,
	&metric_change,
	&metric_engagement,
	&metric_hotspots,
	&metric_profile,
	&metric_pnc_upload,
	&metric_dvds_contact,
	&metric_completeness,
	NULL
};

/* The metric called name, or NULL. */
const struct metric *
stats_metric(const char *name)
{
	size_t k;

	for (k = 0; stats_metrics[k] != NULL; k++)
		if (strcmp(stats_metrics[k]->name, name) == 0)
			return stats_metrics[k];
	return NULL;
}
