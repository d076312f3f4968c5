/* MARAC research packs: which findings count, and the case summary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"
#include "core/diag.h"
#include "kinds/status.h"
#include "pack/pack.h"

static const char *const source_names[PACK_NSOURCES] = {
	"crime", "order", "wanted", "disclosure", "marac", "engagement"
};

const char *
pack_source_name(enum pack_source s)
{
	return s < PACK_NSOURCES ? source_names[s] : "";
}

const char *
pack_subject_name(enum pack_subject s)
{
	return s == PACK_VICTIM ? "victim" : "perpetrator";
}

int32_t
pack_lookback_from(const struct pack_case *c)
{
	if (c->lookback_months <= 0)
		return PACK_NODATE;
	return date_add_months(c->ref, -c->lookback_months) + 1;
}

static int
in_window(int32_t d, int32_t from, int32_t to)
{
	return d != PACK_NODATE && (from == PACK_NODATE || d >= from) &&
	    d <= to;
}

int
pack_keep(const struct pack_case *c, const struct pack_finding *f)
{
	if (f->source == c->self && c->marac_ref != NULL &&
	    f->record_ref != NULL && strcmp(f->record_ref, c->marac_ref) == 0)
		return 0;
	if (f->date == PACK_NODATE)
		return 1;
	if (f->date > c->ref)
		return 0;
	if (f->source == PACK_CRIME || f->source == PACK_ENGAGEMENT)
		return in_window(f->date, pack_lookback_from(c), c->ref);
	return 1;
}

int
pack_order_in_force(const struct pack_finding *f, int32_t day)
{
	return f->source == PACK_ORDER && f->decision != NULL &&
	    strcmp(f->decision, "granted") == 0 && f->date != PACK_NODATE &&
	    order_in_force(f->date, f->until != PACK_NODATE, f->until, day);
}

int
pack_wanted_open(const struct pack_finding *f, int32_t day)
{
	return f->source == PACK_WANTED && f->date != PACK_NODATE &&
	    wanted_now(1, f->date, f->until != PACK_NODATE, f->until, day);
}

void
pack_note(const struct pack_case *c, struct pack_finding *f)
{
	f->note = "";
	if (f->source == PACK_ENGAGEMENT)
		f->note = "engagement at the person's postcode";
	else if (f->possible)
		f->note = "possible match: check before relying on it";
	else if (f->subject == PACK_VICTIM && f->source == PACK_CRIME &&
	    strcmp(f->role, "suspect") == 0)
		f->note = "victim recorded as suspect";
	else if (f->subject == PACK_VICTIM && f->source == PACK_ORDER &&
	    strcmp(f->role, "respondent") == 0)
		f->note = "victim recorded as respondent";
	else if (f->subject == PACK_VICTIM && f->source == PACK_MARAC &&
	    strcmp(f->role, "perpetrator") == 0)
		f->note = "victim recorded as perpetrator";
	else if (f->subject == PACK_PERPETRATOR && f->source == PACK_CRIME &&
	    strcmp(f->role, "victim") == 0)
		f->note = "perpetrator recorded as victim";
	else if (pack_order_in_force(f, c->ref))
		f->note = "in force";
	else if (pack_wanted_open(f, c->ref))
		f->note = "still wanted";
}

static int
is(const char *s, const char *t)
{
	return s != NULL && strcmp(s, t) == 0;
}

/* Orders findings by source and record so that repeats sit together. */
static int
by_record(const void *a, const void *b)
{
	const struct pack_finding *x = *(const struct pack_finding *const *)a;
	const struct pack_finding *y = *(const struct pack_finding *const *)b;
	int d;

	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	if ((d = strcmp(x->record_ref, y->record_ref)) != 0)
		return d;
	return x < y ? -1 : x > y;
}

static void
add_type(char *types, const char *t)
{
	char buf[PACK_TYPES_MAX], *p, *save = NULL;
	const char *list[64];
	size_t n = 0, i, len = 0;

	if (t == NULL || *t == '\0')
		return;
	snprintf(buf, sizeof(buf), "%s", types);
	for (p = strtok_r(buf, ";", &save); p != NULL && n < 63;
	    p = strtok_r(NULL, ";", &save)) {
		if (strcmp(p, t) == 0)
			return;
		list[n++] = p;
	}
	list[n++] = t;
	for (i = 1; i < n; i++) {	/* insertion sort: a few types */
		const char *x = list[i];
		size_t j = i;

		for (; j > 0 && strcmp(list[j - 1], x) > 0; j--)
			list[j] = list[j - 1];
		list[j] = x;
	}
	types[0] = '\0';
	for (i = 0; i < n; i++) {
		size_t k = strlen(list[i]);

		if (len + k + 2 > PACK_TYPES_MAX)
			break;
		if (i > 0)
			types[len++] = ';';
		memcpy(types + len, list[i], k);
		len += k;
		types[len] = '\0';
	}
}

static int
violent(const char *group)
{
	static const char *const groups[] = {
		"homicide", "violence_with_injury", "violence_without_injury",
		"other_violence", "threats_to_kill"
	};
	size_t i;

	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (is(group, groups[i]))
			return 1;
	return 0;
}

/*
 * The figures past the MARAC ones: violent crimes in the lookback,
 * records of both people (f sorted by record: a record found for both
 * sits together), the case's own date and the 28 days after it.
 */
static void
shared_and_violent(const struct pack_case *c,
    const struct pack_finding *const *f, size_t n, struct pack_summary *s)
{
	int32_t from = pack_lookback_from(c);
	size_t i, j;

	for (i = 0; i < n; i = j) {
		int both = 0;

		for (j = i + 1; j < n && f[j]->source == f[i]->source &&
		    strcmp(f[j]->record_ref, f[i]->record_ref) == 0; j++)
			both |= f[j]->subject != f[i]->subject;
		s->shared_records += both;
		if (f[i]->source == PACK_CRIME && violent(f[i]->offence_group) &&
		    in_window(f[i]->date, from, c->ref))
			s->violent_offences++;
	}
	s->received = c->date;
	s->deadline = c->date != PACK_NODATE ? c->date + 28 : PACK_NODATE;
	s->days_left = s->deadline != PACK_NODATE ?
	    (long)s->deadline - c->ref : 0;
}

void
pack_summarise(const struct pack_case *c,
    const struct pack_finding *const *all, size_t nall, struct pack_summary *s)
{
	const struct pack_finding **f = xcalloc(nall ? nall : 1, sizeof(*f));
	int32_t from = pack_lookback_from(c);
	int32_t m3 = date_add_months(c->ref, -3) + 1;
	int32_t m12 = date_add_months(c->ref, -12) + 1;
	size_t n = 0, i;

	memset(s, 0, sizeof(*s));
	s->as_of = c->ref;
	s->lookback_from = from;
	s->last_incident = s->last_marac = PACK_NODATE;
	s->perpetrator_wanted_since = s->victim_wanted_since = PACK_NODATE;
	s->order_breaches = -1;
	for (i = 0; i < nall; i++) {
		if (!pack_keep(c, all[i]))
			continue;
		if (all[i]->possible)
			s->possible++;
		else {
			s->confirmed++;
			f[n++] = all[i];
		}
	}
	/* Counts by person and role: each finding is one record. */
	for (i = 0; i < n; i++) {
		const struct pack_finding *x = f[i];
		int vic = x->subject == PACK_VICTIM;

		switch (x->source) {
		case PACK_CRIME:
			if (!x->da || !in_window(x->date, from, c->ref))
				break;
			if (vic && is(x->role, "victim"))
				s->victim_da_as_victim++;
			else if (vic && is(x->role, "suspect"))
				s->victim_da_as_suspect++;
			else if (!vic && is(x->role, "suspect"))
				s->perpetrator_da_as_suspect++;
			else if (!vic && is(x->role, "victim"))
				s->perpetrator_da_as_victim++;
			break;
		case PACK_WANTED:
			if (pack_wanted_open(x, c->ref)) {
				int32_t *since = vic ? &s->victim_wanted_since :
				    &s->perpetrator_wanted_since;

				if (*since == PACK_NODATE || x->date < *since)
					*since = x->date;
			}
			break;
		case PACK_MARAC:
			if (x->date == PACK_NODATE || c->date == PACK_NODATE ||
			    x->date >= c->date)
				break;
			if (vic && is(x->role, "victim")) {
				s->previous_maracs++;
				if (s->last_marac == PACK_NODATE ||
				    x->date > s->last_marac)
					s->last_marac = x->date;
			} else if (!vic && is(x->role, "perpetrator"))
				s->perpetrator_previous_maracs++;
			break;
		default:
			break;
		}
	}
	if (s->last_marac != PACK_NODATE)
		s->repeat = c->date <= date_add_months(s->last_marac, 12);
	/* Counts of records: a crime of both people counts once. */
	qsort(f, n, sizeof(*f), by_record);
	for (i = 0; i < n; i++) {
		const struct pack_finding *x = f[i];

		if (i > 0 && f[i - 1]->source == x->source &&
		    strcmp(f[i - 1]->record_ref, x->record_ref) == 0)
			continue;
		switch (x->source) {
		case PACK_CRIME:
			if (x->da && x->date != PACK_NODATE &&
			    (s->last_incident == PACK_NODATE ||
			    x->date > s->last_incident))
				s->last_incident = x->date;
			if (x->da && in_window(x->date, m3, c->ref))
				s->da_last_3m++;
			else if (x->da && in_window(x->date, m12, m3 - 1))
				s->da_prev_9m++;
			if (!in_window(x->date, from, c->ref))
				break;
			if (is(x->offence_group, "rape") ||
			    is(x->offence_group, "other_sexual"))
				s->sexual_offences++;
			if (is(x->offence_group, "stalking") ||
			    is(x->offence_group, "harassment"))
				s->stalking_harassment++;
			break;
		case PACK_ORDER:
			if (!pack_order_in_force(x, c->ref))
				break;
			s->orders_in_force++;
			add_type(s->order_types, x->detail);
			if (x->breaches >= 0)
				s->order_breaches = (s->order_breaches < 0 ?
				    0 : s->order_breaches) + x->breaches;
			break;
		case PACK_DISCLOSURE:
			s->clares_law_requests++;
			if (is(x->decision, "disclose"))
				s->clares_law_disclosures++;
			break;
		default:
			break;
		}
	}
	shared_and_violent(c, f, n, s);
	/* Three months against nine: compare monthly rates. */
	s->escalating = s->da_last_3m * 3 > s->da_prev_9m;
	free(f);
}

static const char *const cols[] = {
	"as_of", "lookback_from",
	"victim_da_as_victim", "victim_da_as_suspect",
	"perpetrator_da_as_suspect", "perpetrator_da_as_victim",
	"da_last_3m", "da_prev_9m", "escalating", "last_incident_date",
	"sexual_offences", "stalking_harassment",
	"orders_in_force", "order_types_in_force", "order_breaches",
	"perpetrator_wanted", "perpetrator_wanted_since",
	"victim_wanted", "victim_wanted_since",
	"clares_law_requests", "clares_law_disclosures",
	"previous_maracs", "last_marac_date", "repeat_marac",
	"perpetrator_previous_maracs",
	"findings", "possible_matches",
	"violent_offences", "shared_records", "received_date",
	"deadline_28_days", "days_to_deadline", "victims_found",
	"last_known_postcode",
};

size_t
pack_summary_ncols(void)
{
	return 27;
}

const char *
pack_summary_colname(size_t i)
{
	return i < sizeof(cols) / sizeof(cols[0]) ? cols[i] : NULL;
}

static void
put_date(int32_t d, char *buf)
{
	if (d == PACK_NODATE)
		buf[0] = '\0';
	else
		date_format(d, buf);
}

static void
put_count(unsigned long n, char *buf)
{
	snprintf(buf, PACK_TYPES_MAX, "%lu", n);
}

void
pack_summary_value(const struct pack_summary *s, size_t i, char *buf)
{
	buf[0] = '\0';
	switch (i) {
	case 0: put_date(s->as_of, buf); break;
	case 1: put_date(s->lookback_from, buf); break;
	case 2: put_count(s->victim_da_as_victim, buf); break;
	case 3: put_count(s->victim_da_as_suspect, buf); break;
	case 4: put_count(s->perpetrator_da_as_suspect, buf); break;
	case 5: put_count(s->perpetrator_da_as_victim, buf); break;
	case 6: put_count(s->da_last_3m, buf); break;
	case 7: put_count(s->da_prev_9m, buf); break;
	case 8: strcpy(buf, s->escalating ? "Y" : "N"); break;
	case 9: put_date(s->last_incident, buf); break;
	case 10: put_count(s->sexual_offences, buf); break;
	case 11: put_count(s->stalking_harassment, buf); break;
	case 12: put_count(s->orders_in_force, buf); break;
	case 13: strcpy(buf, s->order_types); break;
	case 14:
		if (s->order_breaches >= 0)
			put_count((unsigned long)s->order_breaches, buf);
		else if (s->orders_in_force == 0)
			strcpy(buf, "0");
		break;
	case 15:
		strcpy(buf, s->perpetrator_wanted_since != PACK_NODATE ?
		    "Y" : "N");
		break;
	case 16: put_date(s->perpetrator_wanted_since, buf); break;
	case 17:
		strcpy(buf, s->victim_wanted_since != PACK_NODATE ? "Y" : "N");
		break;
	case 18: put_date(s->victim_wanted_since, buf); break;
	case 19: put_count(s->clares_law_requests, buf); break;
	case 20: put_count(s->clares_law_disclosures, buf); break;
	case 21: put_count(s->previous_maracs, buf); break;
	case 22: put_date(s->last_marac, buf); break;
	case 23: strcpy(buf, s->repeat ? "Y" : "N"); break;
	case 24: put_count(s->perpetrator_previous_maracs, buf); break;
	case 25: put_count(s->confirmed, buf); break;
	case 26: put_count(s->possible, buf); break;
	case 27: put_count(s->violent_offences, buf); break;
	case 28: put_count(s->shared_records, buf); break;
	case PACK_COL_RECEIVED: put_date(s->received, buf); break;
	case PACK_COL_DEADLINE: put_date(s->deadline, buf); break;
	case PACK_COL_DAYS_LEFT:
		/* A request decided has no deadline left to count. */
		if (s->deadline != PACK_NODATE && !s->decided)
			snprintf(buf, PACK_TYPES_MAX, "%ld", s->days_left);
		break;
	case PACK_COL_VICTIMS: put_count(s->victims, buf); break;
	case PACK_COL_POSTCODE:
		snprintf(buf, PACK_TYPES_MAX, "%s", s->postcode);
		break;
	}
}
