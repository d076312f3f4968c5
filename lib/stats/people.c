/*
 * people: the dates of each person, for the metrics that count repeats
 * (marac, repeat).  One entry per person (by an identity string), each
 * with its dates and a tag per date; memory grows with the cases or
 * crimes kept, one date each.
 */
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "stats/stats.h"

void
people_add(struct stats_run *R, const char *id, size_t n, int32_t day,
    uint32_t tag)
{
	int created;
	uintptr_t *slot = hmap_slot(R->people, id, n, 1, &created);
	struct victim *v;

	if (created) {
		if (R->nvic == R->vcap) {
			R->vcap = R->vcap ? R->vcap * 2 : 256;
			R->vic = xreallocarray(R->vic, R->vcap,
			    sizeof(*R->vic));
		}
		memset(&R->vic[R->nvic], 0, sizeof(*R->vic));
		*slot = R->nvic++;
	}
	v = &R->vic[*slot];
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 2;
		v->day = xreallocarray(v->day, v->cap, sizeof(*v->day));
		v->tag = xreallocarray(v->tag, v->cap, sizeof(*v->tag));
	}
	v->day[v->n] = day;
	v->tag[v->n] = tag;
	v->n++;
}

/* Sorts one person's dates, keeping tags with them. */
void
people_sort(struct victim *v)
{
	size_t i, j;

	/* Insertion sort: few entries per person. */
	for (i = 1; i < v->n; i++) {
		int32_t d = v->day[i];
		uint32_t t = v->tag[i];

		for (j = i; j > 0 && v->day[j - 1] > d; j--) {
			v->day[j] = v->day[j - 1];
			v->tag[j] = v->tag[j - 1];
		}
		v->day[j] = d;
		v->tag[j] = t;
	}
}

void
people_free(struct stats_run *R)
{
	size_t k;

	for (k = 0; k < R->nvic; k++) {
		free(R->vic[k].day);
		free(R->vic[k].tag);
	}
	free(R->vic);
	R->vic = NULL;
	R->nvic = R->vcap = 0;
}

/* The note on rows left out of the repeat figures. */
void
people_notes(const struct stats_run *R)
{
	if (R->nt.noident)
		diag_warn("note: %lu rows without a person identity or date "
		    "(not in repeat figures)", R->nt.noident);
}
