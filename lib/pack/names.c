/*
 * How many people carry a case person's full name in all the sources
 * read.  An exact agreement on forename and surname says much when the
 * name is one person's and little when it is "John Smith"'s: the first
 * pass counts, for each case person's full name (a forename of more than
 * one letter and a surname, compared by utf8_key()), the records that
 * carry it and the dates of birth and PNC IDs they give; corrob.c then
 * counts the people those stand for, the case list's own among them: as
 * many as the distinct PNC IDs, or as the dates of birth that cannot be
 * one person's, whichever is more.  Two dates of birth are one person's when they are
 * equal, differ in one digit, have day and month swapped, or are of the
 * same year with one of them 1 January (a date known only by its year).
 * A date of birth in 1900 or before is a placeholder, left out.
 *
 * Memory: one key and one struct pk_namestat per case person's name,
 * never per record.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"
#include "core/diag.h"
#include "core/hmap.h"
#include "core/utf8.h"
#include "pack/run_int.h"

/* The key of a full name into buf (size bytes); its length, 0 when the
 * name is not full (no surname, or a forename of one letter). */
static size_t
name_key(const char *forename, const char *surname, char *buf, size_t size)
{
	size_t nf, ns;

	if (forename == NULL || surname == NULL)
		return 0;
	nf = utf8_key(forename, strlen(forename), buf, size / 2);
	if (nf < 2 || strchr(buf, ' ') == buf + 1)
		return 0;	/* an initial, or initials */
	buf[nf] = '\t';
	ns = utf8_key(surname, strlen(surname), buf + nf + 1,
	    size - nf - 1);
	return ns > 0 ? nf + 1 + ns : 0;
}

int32_t
pk_ymd(int32_t d)
{
	int y, m, dd;

	if (d == PACK_NODATE)
		return 0;
	date_to_ymd(d, &y, &m, &dd);
	return y <= 1900 ? 0 : y * 10000 + m * 100 + dd;
}

/* A date of birth as written, as yyyymmdd: 0 for none or a placeholder. */
static int32_t
dob_ymd(const char *s)
{
	int32_t d;

	if (s == NULL || *s == '\0' || pk_opt_date(s, &d) != 0)
		return 0;
	return pk_ymd(d);
}

void
pk_names_init(struct pk_run *pr)
{
	char key[256];
	size_t who, n;

	pr->names = hmap_new();
	pr->nameof = xcalloc(2 * pr->n + 1, sizeof(*pr->nameof));
	for (who = 0; who < 2 * pr->n; who++) {
		const char *f, *s;
		uintptr_t *slot;
		int created;

		if (pr->pcol[who % 2][0] < 0 || pr->pcol[who % 2][1] < 0)
			continue;
		f = pr->c[who / 2].fields[pr->pcol[who % 2][0]];
		s = pr->c[who / 2].fields[pr->pcol[who % 2][1]];
		if ((n = name_key(f, s, key, sizeof(key))) == 0)
			continue;
		slot = hmap_slot(pr->names, key, n, 1, &created);
		if (created)
			*slot = ++pr->nnames;
		pr->nameof[who] = (size_t)*slot;
	}
}

void
pk_names_free(struct pk_run *pr)
{
	hmap_free(pr->names);
	free(pr->nameof);
}

/* The hash of a PNC ID's letters and digits, upper case; 0 for none. */
static uint64_t
pnc_hash(const char *s)
{
	char buf[32];
	size_t n = 0;

	for (; s != NULL && *s != '\0' && n < sizeof(buf); s++)
		if (isalnum((unsigned char)*s))
			buf[n++] = (char)toupper((unsigned char)*s);
	return n > 0 ? hash_bytes(buf, n) | 1 : 0;
}

static void
add_pnc(struct pk_namestat *ns, uint64_t h)
{
	uint32_t i;

	for (i = 0; i < ns->npnc; i++)
		if (ns->pnc[i] == h)
			return;
	if (ns->npnc < PK_NAMEDOBS)
		ns->pnc[ns->npnc++] = h;
	else
		ns->more = 1;
}

static void
add_dob(struct pk_namestat *ns, int32_t d)
{
	uint32_t i;

	for (i = 0; i < ns->ndob; i++)
		if (ns->dob[i] == d)
			return;
	if (ns->ndob < PK_NAMEDOBS)
		ns->dob[ns->ndob++] = d;
	else
		ns->more = 1;
}

void
pk_names_count(const struct pk_run *pr, struct pk_namestat *ns,
    const struct pm_person *p)
{
	char key[256];
	uintptr_t *slot;
	size_t n;
	int32_t d;
	uint64_t h;

	if (pr->nnames == 0 ||
	    (n = name_key(p->forename, p->surname, key, sizeof(key))) == 0 ||
	    (slot = hmap_slot(pr->names, key, n, 0, NULL)) == NULL)
		return;
	ns += *slot - 1;
	ns->nrec++;
	if ((d = dob_ymd(p->dob)) != 0)
		add_dob(ns, d);
	if ((h = pnc_hash(p->pnc)) != 0)
		add_pnc(ns, h);
}

void
pk_names_merge(struct pk_namestat *to, const struct pk_namestat *from,
    size_t n)
{
	size_t i;
	uint32_t j;

	for (i = 0; i < n; i++) {
		to[i].nrec += from[i].nrec;
		to[i].more |= from[i].more;
		for (j = 0; j < from[i].ndob; j++)
			add_dob(&to[i], from[i].dob[j]);
		for (j = 0; j < from[i].npnc; j++)
			add_pnc(&to[i], from[i].pnc[j]);
	}
}

int
pk_one_dob(int32_t a, int32_t b)
{
	int32_t y = a / 10000, m = a / 100 % 100, d = a % 100;
	int diff = 0, k;

	if (a == b)
		return 1;
	if (y == b / 10000 && (m * 100 + d == 101 || b % 10000 == 101 ||
	    (m == b % 100 && d == b / 100 % 100)))
		return 1;
	for (k = 0; k < 8; k++, a /= 10, b /= 10)
		diff += a % 10 != b % 10;
	return diff == 1;
}

int
pk_name_people(const struct pk_run *pr, size_t who)
{
	const struct pk_namestat *ns;
	int32_t seen[PK_NAMEDOBS + 1], d;
	int n = 0, i, j, npnc;
	uint32_t k;
	uint64_t h;

	if (pr->ns == NULL || who >= 2 * pr->n || pr->nameof[who] == 0)
		return 0;
	ns = &pr->ns[pr->nameof[who] - 1];
	if (ns->more)
		return PK_NAMEDOBS + 1;
	d = pr->pcol[who % 2][2] >= 0 ?
	    dob_ymd(pr->c[who / 2].fields[pr->pcol[who % 2][2]]) : 0;
	if (d != 0)
		seen[n++] = d;
	for (k = 0; k < ns->ndob; k++)
		seen[n++] = ns->dob[k];
	h = pr->pcol[who % 2][3] >= 0 ?
	    pnc_hash(pr->c[who / 2].fields[pr->pcol[who % 2][3]]) : 0;
	npnc = (int)ns->npnc + (h != 0);
	for (k = 0; h != 0 && k < ns->npnc; k++)
		if (ns->pnc[k] == h)
			npnc--;
	/* People: the dates of birth that are none of the earlier's. */
	for (i = j = 0; i < n; i++) {
		int k2;

		for (k2 = 0; k2 < i && !pk_one_dob(seen[i], seen[k2]); k2++)
			;
		j += k2 == i;
	}
	return j > npnc ? j : npnc;
}

int
pk_name_is(const struct pk_run *pr, size_t who, const char *forename,
    const char *surname)
{
	char key[256];
	uintptr_t *slot;
	size_t n;

	if (pr->names == NULL || who >= 2 * pr->n || pr->nameof[who] == 0 ||
	    (n = name_key(forename, surname, key, sizeof(key))) == 0 ||
	    (slot = hmap_slot(pr->names, key, n, 0, NULL)) == NULL)
		return 0;
	return (size_t)*slot == pr->nameof[who];
}
