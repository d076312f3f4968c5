/*
 * The known people are few (two per case) and the records many.  Ids
 * are looked up as records are added; everything else goes to a
 * lib/linkage set (the known people first), which pm_finish() freezes
 * and searches once per known person with lk_find(): the same blocking,
 * comparison levels and weights as vawg-dedupe.
 */
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"
#include "core/diag.h"
#include "core/hmap.h"
#include "persons/linkage.h"
#include "pack/pack_match.h"

struct known {
	char *id;		/* "" when unknown */
	int findable;		/* an id, or enough for lk_person_ok() */
	struct pm_match *hits;	/* after pm_finish() */
	size_t nhits;
};

struct pm {
	struct known *k;
	size_t nk;
	struct lk_person *kp;	/* known people as compared */
	struct hmap *ids;	/* known id -> index + 1 of the first known
				   person with it; more in next[] */
	size_t *next;
	struct lk_set *set;	/* known people, then record persons */
	uint32_t *recof;	/* set index - nk -> record index */
	size_t nset, capset;
	unsigned char *hasid;	/* per record: it carries an id */
	size_t nrec, caprec;
	struct pm_match *idhits;	/* found by id while adding */
	size_t nid, capid;
	struct lk_model mo;
	double threshold, possible, floor;
	int finished;
};

/* The id of p without blanks at either end, and its length. */
static const char *
trim_id(const char *s, size_t *n)
{
	if (s == NULL)
		s = "";
	while (*s == ' ' || *s == '\t')
		s++;
	*n = strlen(s);
	while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
		(*n)--;
	return s;
}

/*
 * 1 for a date of birth that stands for none: a year up to 1900 (the
 * 1900-01-01 of forms and the spreadsheet epoch).  It is compared as
 * missing, not as a date that disagrees.
 */
static int
placeholder_dob(const char *s)
{
	int32_t d, d1901;

	if (date_parse_iso(s, strlen(s), &d) != 0 ||
	    date_parse_iso("1901-01-01", 10, &d1901) != 0)
		return 0;
	return d < d1901;
}

static void
to_lk(const struct pm_person *p, struct lk_person *lp)
{
	const char *v[] = { p->forename, p->surname, p->dob, p->pnc,
	    p->postcode, p->sex };
	static const enum lk_field f[] = { LK_FORENAME, LK_SURNAME, LK_DOB,
	    LK_PNC, LK_POSTCODE, LK_SEX };
	size_t i;

	lk_person_clear(lp);
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (v[i] != NULL && *v[i] != '\0' &&
		    (f[i] != LK_DOB || !placeholder_dob(v[i])))
			lk_person_set(lp, f[i], v[i], strlen(v[i]));
}

static void
new_set(struct pm *m)
{
	size_t i;

	m->set = lk_set_new();
	/* A name weighs by its share of the records searched, however few
	   they are (names.c counts the people who carry it). */
	lk_set_tf_records(m->set, 0);
	for (i = 0; i < m->nk; i++)
		lk_set_add(m->set, &m->kp[i]);
}

struct pm *
pm_new(const struct pm_person *known, size_t nknown)
{
	struct pm *m = xcalloc(1, sizeof(*m));
	size_t i, n;
	const char *id;

	m->nk = nknown;
	m->k = xcalloc(nknown ? nknown : 1, sizeof(*m->k));
	m->kp = xcalloc(nknown ? nknown : 1, sizeof(*m->kp));
	m->next = xcalloc(nknown ? nknown : 1, sizeof(*m->next));
	m->ids = hmap_new();
	for (i = 0; i < nknown; i++) {
		id = trim_id(known[i].id, &n);
		m->k[i].id = xstrndup(id, n);
		if (n > 0) {
			uintptr_t *slot = hmap_slot(m->ids, id, n, 1, NULL);

			m->next[i] = *slot;
			*slot = i + 1;
		}
		to_lk(&known[i], &m->kp[i]);
		m->k[i].findable = n > 0 || lk_person_ok(&m->kp[i]);
	}
	lk_model_default(&m->mo);
	m->threshold = PM_THRESHOLD;
	m->possible = PM_THRESHOLD - PM_GREY;
	m->floor = m->possible;
	new_set(m);
	return m;
}

void
pm_set_threshold(struct pm *m, double threshold, double possible)
{
	m->threshold = threshold;
	m->possible = possible < threshold ? possible : threshold;
	m->floor = m->possible;
}

void
pm_set_floor(struct pm *m, double floor)
{
	m->floor = floor < m->possible ? floor : m->possible;
}

void
pm_reset(struct pm *m)
{
	size_t i;

	for (i = 0; i < m->nk; i++) {
		free(m->k[i].hits);
		m->k[i].hits = NULL;
		m->k[i].nhits = 0;
	}
	lk_set_free(m->set);
	new_set(m);
	m->nset = m->nrec = m->nid = 0;
	m->finished = 0;
}

void
pm_free(struct pm *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nk; i++) {
		free(m->k[i].hits);
		free(m->k[i].id);
	}
	lk_set_free(m->set);
	hmap_free(m->ids);
	free(m->k);
	free(m->kp);
	free(m->next);
	free(m->recof);
	free(m->hasid);
	free(m->idhits);
	free(m);
}

int
pm_findable(const struct pm *m, size_t who)
{
	return who < m->nk && m->k[who].findable;
}

size_t
pm_add(struct pm *m, const struct pm_person *rec)
{
	struct lk_person lp;
	size_t r = m->nrec, n;
	const char *id;
	uintptr_t *slot;

	if (m->finished)
		diag_fatal(EX_SOFTWARE, "pm_add after pm_finish");
	if (m->nrec == m->caprec) {
		m->caprec = m->caprec ? 2 * m->caprec : 4096;
		m->hasid = xrealloc(m->hasid, m->caprec);
	}
	m->nrec++;
	id = trim_id(rec->id, &n);
	m->hasid[r] = n > 0;
	if (n > 0 && (slot = hmap_slot(m->ids, id, n, 0, NULL)) != NULL) {
		size_t i;

		for (i = *slot; i != 0; i = m->next[i - 1]) {
			struct pm_match *h;

			if (m->nid == m->capid) {
				m->capid = m->capid ? 2 * m->capid : 64;
				m->idhits = xreallocarray(m->idhits, m->capid,
				    sizeof(*m->idhits));
			}
			h = &m->idhits[m->nid++];
			memset(h, 0, sizeof(*h));
			h->who = i - 1;
			h->rec = r;
			h->status = PM_CONFIRMED;
			strcpy(h->basis, "id");
		}
	}
	to_lk(rec, &lp);
	if (!lk_person_ok(&lp))
		return r;
	if (m->nset == m->capset) {
		m->capset = m->capset ? 2 * m->capset : 4096;
		m->recof = xreallocarray(m->recof, m->capset,
		    sizeof(*m->recof));
	}
	m->recof[m->nset++] = (uint32_t)r;
	lk_set_add(m->set, &lp);
	return r;
}

static int
by_status(const void *a, const void *b)
{
	const struct pm_match *x = a, *y = b;

	if (x->status != y->status)
		return x->status < y->status ? -1 : 1;
	return x->rec < y->rec ? -1 : x->rec > y->rec;
}

static struct pm_match *
push(struct known *k, size_t *cap)
{
	if (k->nhits == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		k->hits = xreallocarray(k->hits, *cap, sizeof(*k->hits));
	}
	memset(&k->hits[k->nhits], 0, sizeof(k->hits[k->nhits]));
	return &k->hits[k->nhits++];
}

/* Known person who against set member b (record rec): weight, status
 * by the thresholds, and basis into h. */
static void
weigh(struct pm *m, size_t who, size_t b, size_t rec, struct pm_match *h)
{
	struct lk_score sc;

	h->who = who;
	h->rec = rec;
	h->has_weight = 1;
	h->weight = lk_score(&m->mo, m->set, who, b, &sc);
	h->status = h->weight >= m->threshold ? PM_CONFIRMED :
	    h->weight >= m->possible ? PM_POSSIBLE : PM_WEAK;
	lk_basis(&sc, h->basis, sizeof(h->basis));
}

void
pm_finish(struct pm *m)
{
	size_t who, i, n;

	m->finished = 1;
	lk_set_finish(m->set);
	for (i = 0; i < m->nid; i++) {
		struct known *k = &m->k[m->idhits[i].who];
		size_t cap = k->nhits;

		*push(k, &cap) = m->idhits[i];
	}
	for (who = 0; who < m->nk; who++) {
		struct known *k = &m->k[who];
		size_t cap = k->nhits;
		struct lk_pair *p;

		if (!lk_person_ok(&m->kp[who]))
			continue;
		p = lk_find(m->set, &m->mo, who, m->floor, &n);
		for (i = 0; i < n; i++) {
			size_t rec;

			if (p[i].b < m->nk)
				continue;	/* another known person */
			rec = m->recof[p[i].b - m->nk];
			if (k->id[0] != '\0' && m->hasid[rec])
				continue;	/* the ids decided */
			weigh(m, who, p[i].b, rec, push(k, &cap));
		}
		free(p);
		if (k->nhits > 1)
			qsort(k->hits, k->nhits, sizeof(*k->hits),
			    by_status);
	}
}

int
pm_score(struct pm *m, size_t who, size_t rec, struct pm_match *out)
{
	size_t lo = 0, hi = m->nset, mid;

	if (!m->finished || who >= m->nk || rec >= m->nrec ||
	    !lk_person_ok(&m->kp[who]) ||
	    (m->k[who].id[0] != '\0' && m->hasid[rec]))
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (m->recof[mid] < rec)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == m->nset || m->recof[lo] != rec)
		return 0;	/* nothing to compare */
	memset(out, 0, sizeof(*out));
	weigh(m, who, m->nk + lo, rec, out);
	return 1;
}

size_t
pm_find(struct pm *m, size_t who, const struct pm_match **out)
{
	if (!m->finished || who >= m->nk) {
		*out = NULL;
		return 0;
	}
	*out = m->k[who].hits;
	return m->k[who].nhits;
}
