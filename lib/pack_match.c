/*
 * The known people are few (two per case) and the records many, so the
 * known side is indexed by exact keys and each record costs a handful of
 * hash look-ups as it is added; only the hits are kept.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "hmap.h"
#include "ident.h"
#include "pack_match.h"

#define KEYMAX 512

struct known {
	char *id, *pnc;		/* normalised, "" when unknown */
	int findable;
	struct pm_match *hits;	/* after pm_finish(), sorted */
	size_t nhits;
};

struct posting {
	size_t who;
	size_t next;		/* index + 1 of the next posting, 0 ends */
};

struct pm {
	struct known *k;
	size_t nk;
	struct posting *post;
	size_t npost, cappost;
	struct hmap *index;	/* key -> index + 1 of the first posting */
	struct pm_match *hits;	/* all hits, in order found */
	size_t nhits, caphits;
	size_t nrec;
	int finished;
};

size_t
pm_norm_name(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0' && n + 1 < size; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x80)
			buf[n++] = (char)c;
		else if (isalpha(c))
			buf[n++] = (char)toupper(c);
	}
	buf[n] = '\0';
	return n;
}

size_t
pm_norm_pnc(const char *s, char *buf, size_t size)
{
	char canon[IDENT_PNC_SIZE];
	size_t n = 0;

	if (s == NULL)
		s = "";
	if (size >= IDENT_PNC_SIZE &&
	    ident_pnc(s, strlen(s), 0, canon) == IDENT_OK) {
		strcpy(buf, canon);
		return strlen(buf);
	}
	for (; *s != '\0' && n + 1 < size; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c))
			buf[n++] = (char)toupper(c);
	}
	buf[n] = '\0';
	return n;
}

/* Copies s without blanks at either end into buf. */
static size_t
trimmed(const char *s, char *buf, size_t size)
{
	size_t n;

	if (s == NULL)
		s = "";
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return n;
}

/*
 * The exact keys of a person: 'i' id, 'p' PNC ID, 'n' name and date of
 * birth, each written to key with its length as the result, 0 when the
 * person lacks the fields.
 */
static size_t
key_id(const struct pm_person *p, char *key)
{
	size_t n;

	key[0] = 'i';
	n = trimmed(p->id, key + 1, KEYMAX - 1);
	return n ? n + 1 : 0;
}

static size_t
key_pnc(const struct pm_person *p, char *key)
{
	size_t n;

	key[0] = 'p';
	n = pm_norm_pnc(p->pnc, key + 1, KEYMAX - 1);
	return n ? n + 1 : 0;
}

static size_t
key_name(const struct pm_person *p, char *key)
{
	size_t n = 1, k;

	key[0] = 'n';
	if ((k = pm_norm_name(p->forename, key + n, KEYMAX / 3)) == 0)
		return 0;
	n += k;
	key[n++] = '|';
	if ((k = pm_norm_name(p->surname, key + n, KEYMAX / 3)) == 0)
		return 0;
	n += k;
	key[n++] = '|';
	if ((k = trimmed(p->dob, key + n, KEYMAX / 4)) == 0)
		return 0;
	return n + k;
}

static void
post(struct pm *m, const char *key, size_t n, size_t who)
{
	uintptr_t *slot = hmap_slot(m->index, key, n, 1, NULL);

	if (m->npost == m->cappost) {
		m->cappost = m->cappost ? 2 * m->cappost : 64;
		m->post = xreallocarray(m->post, m->cappost,
		    sizeof(*m->post));
	}
	m->post[m->npost].who = who;
	m->post[m->npost].next = *slot;
	*slot = ++m->npost;
}

struct pm *
pm_new(const struct pm_person *known, size_t nknown)
{
	struct pm *m = xcalloc(1, sizeof(*m));
	char key[KEYMAX];
	size_t i, n;

	m->index = hmap_new();
	m->nk = nknown;
	m->k = xcalloc(nknown ? nknown : 1, sizeof(*m->k));
	for (i = 0; i < nknown; i++) {
		struct known *k = &m->k[i];

		n = key_id(&known[i], key);
		k->id = xstrndup(key + 1, n ? n - 1 : 0);
		if (n) {
			post(m, key, n, i);
			k->findable = 1;
		}
		n = key_pnc(&known[i], key);
		k->pnc = xstrndup(key + 1, n ? n - 1 : 0);
		if (n) {
			post(m, key, n, i);
			k->findable = 1;
		}
		if ((n = key_name(&known[i], key)) != 0) {
			post(m, key, n, i);
			k->findable = 1;
		}
	}
	return m;
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
	m->nhits = 0;
	m->nrec = 0;
	m->finished = 0;
}

void
pm_free(struct pm *m)
{
	size_t i;

	if (m == NULL)
		return;
	pm_reset(m);
	for (i = 0; i < m->nk; i++) {
		free(m->k[i].id);
		free(m->k[i].pnc);
	}
	free(m->k);
	free(m->post);
	free(m->hits);
	hmap_free(m->index);
	free(m);
}

int
pm_findable(const struct pm *m, size_t who)
{
	return who < m->nk && m->k[who].findable;
}

/* The hit of record rec on who, made when there is none yet, else NULL. */
static struct pm_match *
hit(struct pm *m, size_t first, size_t who, size_t rec)
{
	size_t i;

	for (i = first; i < m->nhits; i++)
		if (m->hits[i].who == who)
			return NULL;
	if (m->nhits == m->caphits) {
		m->caphits = m->caphits ? 2 * m->caphits : 64;
		m->hits = xreallocarray(m->hits, m->caphits,
		    sizeof(*m->hits));
	}
	memset(&m->hits[m->nhits], 0, sizeof(m->hits[m->nhits]));
	m->hits[m->nhits].who = who;
	m->hits[m->nhits].rec = rec;
	return &m->hits[m->nhits++];
}

size_t
pm_add(struct pm *m, const struct pm_person *rec)
{
	char key[KEYMAX], pnc[KEYMAX];
	size_t n, i, first = m->nhits, r = m->nrec++;
	int has_id, has_pnc;
	uintptr_t *slot;
	struct pm_match *h;

	if (m->finished)
		diag_fatal(EX_SOFTWARE, "pm_add after pm_finish");
	has_id = (n = key_id(rec, key)) != 0;
	if (has_id && (slot = hmap_slot(m->index, key, n, 0, NULL)) != NULL)
		for (i = *slot; i != 0; i = m->post[i - 1].next)
			if ((h = hit(m, first, m->post[i - 1].who, r)) != NULL) {
				h->status = PM_CONFIRMED;
				strcpy(h->basis, "id");
			}
	has_pnc = pm_norm_pnc(rec->pnc, pnc, sizeof(pnc)) != 0;
	if ((n = key_pnc(rec, key)) != 0 &&
	    (slot = hmap_slot(m->index, key, n, 0, NULL)) != NULL)
		for (i = *slot; i != 0; i = m->post[i - 1].next) {
			size_t who = m->post[i - 1].who;

			if (has_id && m->k[who].id[0] != '\0')
				continue;
			if ((h = hit(m, first, who, r)) != NULL) {
				h->status = PM_CONFIRMED;
				strcpy(h->basis, "pnc");
			}
		}
	if ((n = key_name(rec, key)) != 0 &&
	    (slot = hmap_slot(m->index, key, n, 0, NULL)) != NULL)
		for (i = *slot; i != 0; i = m->post[i - 1].next) {
			size_t who = m->post[i - 1].who;

			if (has_id && m->k[who].id[0] != '\0')
				continue;
			if ((h = hit(m, first, who, r)) == NULL)
				continue;
			if (has_pnc && m->k[who].pnc[0] != '\0' &&
			    strcmp(m->k[who].pnc, pnc) != 0) {
				h->status = PM_POSSIBLE;
				strcpy(h->basis, "name+dob;pnc_differs");
			} else {
				h->status = PM_CONFIRMED;
				strcpy(h->basis, "name+dob");
			}
		}
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

void
pm_finish(struct pm *m)
{
	size_t i;

	m->finished = 1;
	for (i = 0; i < m->nhits; i++)
		m->k[m->hits[i].who].nhits++;
	for (i = 0; i < m->nk; i++) {
		m->k[i].hits = xcalloc(m->k[i].nhits ? m->k[i].nhits : 1,
		    sizeof(*m->k[i].hits));
		m->k[i].nhits = 0;
	}
	for (i = 0; i < m->nhits; i++) {
		struct known *k = &m->k[m->hits[i].who];

		k->hits[k->nhits++] = m->hits[i];
	}
	for (i = 0; i < m->nk; i++)
		qsort(m->k[i].hits, m->k[i].nhits, sizeof(*m->k[i].hits),
		    by_status);
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
