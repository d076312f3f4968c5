/*
 * The known people are few (two per case) and the records many, so the
 * known side is indexed by exact keys and each record person costs a
 * handful of hash look-ups.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "hmap.h"
#include "pack_match.h"

#define KEYMAX 512

struct known {
	char *id, *pnc;		/* normalised, "" when unknown */
	int findable;
};

struct posting {
	size_t who;
	size_t next;		/* index + 1 of the next posting, 0 ends */
};

struct pm {
	struct known *k;
	size_t nk, capk;
	struct posting *post;
	size_t npost, cappost;
	struct hmap *index;	/* key -> index + 1 of the first posting */
	struct pm_match *res;
	size_t capres;
};

size_t
pm_norm_name(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	for (; *s != '\0' && n + 1 < size; s++) {
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
	size_t n = 0;

	for (; *s != '\0' && n + 1 < size; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c))
			buf[n++] = (char)toupper(c);
	}
	buf[n] = '\0';
	return n;
}

/* Trims blanks at both ends into buf. */
static size_t
trimmed(const char *s, char *buf, size_t size)
{
	size_t n;

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
 * The exact keys of a person: 'i' id, 'p' PNC, 'n' name and date of
 * birth.  Each is written into key with its length, or 0 when the person
 * lacks the fields.
 */
static size_t
key_id(const struct pm_person *p, char *key)
{
	size_t n;

	key[0] = 'i';
	n = trimmed(p->id ? p->id : "", key + 1, KEYMAX - 1);
	return n ? n + 1 : 0;
}

static size_t
key_pnc(const struct pm_person *p, char *key)
{
	size_t n;

	key[0] = 'p';
	n = pm_norm_pnc(p->pnc ? p->pnc : "", key + 1, KEYMAX - 1);
	return n ? n + 1 : 0;
}

static size_t
key_name(const struct pm_person *p, char *key)
{
	size_t n = 1, k;

	key[0] = 'n';
	if ((k = pm_norm_name(p->forename ? p->forename : "", key + n,
	    KEYMAX / 3)) == 0)
		return 0;
	n += k;
	key[n++] = '|';
	if ((k = pm_norm_name(p->surname ? p->surname : "", key + n,
	    KEYMAX / 3)) == 0)
		return 0;
	n += k;
	key[n++] = '|';
	if ((k = trimmed(p->dob ? p->dob : "", key + n, KEYMAX / 4)) == 0)
		return 0;
	return n + k;
}

struct pm *
pm_new(void)
{
	struct pm *m = xcalloc(1, sizeof(*m));

	m->index = hmap_new();
	return m;
}

void
pm_free(struct pm *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nk; i++) {
		free(m->k[i].id);
		free(m->k[i].pnc);
	}
	free(m->k);
	free(m->post);
	free(m->res);
	hmap_free(m->index);
	free(m);
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

size_t
pm_add(struct pm *m, const struct pm_person *p)
{
	char key[KEYMAX];
	size_t n, who = m->nk;
	struct known *k;

	if (m->nk == m->capk) {
		m->capk = m->capk ? 2 * m->capk : 16;
		m->k = xreallocarray(m->k, m->capk, sizeof(*m->k));
	}
	k = &m->k[m->nk++];
	k->findable = 0;
	n = key_id(p, key);
	k->id = xstrndup(key + 1, n ? n - 1 : 0);
	if (n) {
		post(m, key, n, who);
		k->findable = 1;
	}
	n = key_pnc(p, key);
	k->pnc = xstrndup(key + 1, n ? n - 1 : 0);
	if (n) {
		post(m, key, n, who);
		k->findable = 1;
	}
	if ((n = key_name(p, key)) != 0) {
		post(m, key, n, who);
		k->findable = 1;
	}
	return who;
}

int
pm_findable(const struct pm *m, size_t who)
{
	return who < m->nk && m->k[who].findable;
}

static struct pm_match *
result(struct pm *m, size_t nres, size_t who)
{
	size_t i;

	for (i = 0; i < nres; i++)
		if (m->res[i].who == who)
			return NULL;
	if (nres == m->capres) {
		m->capres = m->capres ? 2 * m->capres : 8;
		m->res = xreallocarray(m->res, m->capres, sizeof(*m->res));
	}
	memset(&m->res[nres], 0, sizeof(m->res[nres]));
	m->res[nres].who = who;
	return &m->res[nres];
}

static int
by_status(const void *a, const void *b)
{
	const struct pm_match *x = a, *y = b;

	if (x->status != y->status)
		return x->status < y->status ? -1 : 1;
	return x->who < y->who ? -1 : x->who > y->who;
}

size_t
pm_find(struct pm *m, const struct pm_person *rec, const struct pm_match **out)
{
	char key[KEYMAX], pnc[KEYMAX];
	size_t n, nres = 0, i;
	int has_id, has_pnc;
	uintptr_t *slot;
	struct pm_match *r;

	*out = m->res;
	if ((n = key_id(rec, key)) != 0 &&
	    (slot = hmap_slot(m->index, key, n, 0, NULL)) != NULL) {
		for (i = *slot; i != 0; i = m->post[i - 1].next)
			if ((r = result(m, nres, m->post[i - 1].who)) != NULL) {
				r->status = PM_CONFIRMED;
				strcpy(r->basis, "id");
				nres++;
			}
	}
	has_id = n != 0;
	has_pnc = pm_norm_pnc(rec->pnc ? rec->pnc : "", pnc, sizeof(pnc)) != 0;
	if ((n = key_pnc(rec, key)) != 0 &&
	    (slot = hmap_slot(m->index, key, n, 0, NULL)) != NULL) {
		for (i = *slot; i != 0; i = m->post[i - 1].next) {
			size_t who = m->post[i - 1].who;

			if (has_id && m->k[who].id[0] != '\0')
				continue;
			if ((r = result(m, nres, who)) != NULL) {
				r->status = PM_CONFIRMED;
				strcpy(r->basis, "pnc");
				nres++;
			}
		}
	}
	if ((n = key_name(rec, key)) != 0 &&
	    (slot = hmap_slot(m->index, key, n, 0, NULL)) != NULL) {
		for (i = *slot; i != 0; i = m->post[i - 1].next) {
			size_t who = m->post[i - 1].who;

			if (has_id && m->k[who].id[0] != '\0')
				continue;
			if ((r = result(m, nres, who)) == NULL)
				continue;
			nres++;
			if (has_pnc && m->k[who].pnc[0] != '\0' &&
			    strcmp(m->k[who].pnc, pnc) != 0) {
				r->status = PM_POSSIBLE;
				strcpy(r->basis, "name+dob;pnc_differs");
			} else {
				r->status = PM_CONFIRMED;
				strcpy(r->basis, "name+dob");
			}
		}
	}
	if (nres > 1)
		qsort(m->res, nres, sizeof(*m->res), by_status);
	*out = m->res;
	return nres;
}
