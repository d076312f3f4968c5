/*
 * Fellegi-Sunter record linkage of persons: normalised person records,
 * a set of them with interned values, comparison levels, m and u
 * estimation (random pairs, EM), blocking, scoring and clustering.
 * The persons index lives in persondb.c.
 */
#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/dateparse.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/hmap.h"
#include "core/task.h"
#include "kinds/ident.h"
#include "kinds/schema.h"
#include "persons/linkage.h"
#include "persons/linkage_int.h"
#include "persons/strsim.h"
#include "core/utf8.h"

#define BIT(f) (1u << (f))

const char *const lk_field_names[LK_NFIELDS] = {
	"forename", "surname", "dob", "pnc", "postcode", "address", "town",
	"phone", "email", "sex", "cro", "nino", "other_id"
};

static const int nlevels[LK_NFIELDS] = { 7, 7, 7, 2, 4, 3, 3, 3, 3, 2, 3,
	3, 3 };

static const char *const level_names[LK_NFIELDS][LK_NLEVELS] = {
	{ "else", "initial", "jw80", "jw92", "nickname", "swapped", "exact" },
	{ "else", "jw80", "part", "jw92", "phonetic", "swapped", "exact" },
	{ "else", "vague", "near", "one_off", "typo", "swap", "exact" },
	{ "else", "exact" },
	{ "else", "district", "edits", "exact" },
	{ "else", "fuzzy", "exact" },
	{ "else", "fuzzy", "exact" },
	{ "else", "one_off", "exact" },
	{ "else", "edits", "exact" },
	{ "else", "exact" },
	{ "else", "one_off", "exact" },
	{ "else", "one_off", "exact" },
	{ "else", "one_off", "exact" },
};

int
lk_nlevels(enum lk_field f)
{
	return nlevels[f];
}

const char *
lk_level_name(enum lk_field f, int level)
{
	if (level == LK_NULL)
		return "null";
	if (level < 0 || level >= nlevels[f])
		return "?";
	return level_names[f][level];
}

/* Persons. */

void
lk_person_clear(struct lk_person *p)
{
	memset(p->off, 0, sizeof p->off);
	memset(p->len, 0, sizeof p->len);
	p->used = 0;
	p->buf[0] = '\0';
}

/* Room for a value of up to n bytes in p, or NULL. */
static char *
person_room(struct lk_person *p, size_t n)
{
	if ((size_t)p->used + n + 1 > LK_PERSON_BUF)
		return NULL;
	return p->buf + p->used + 1;
}

static void
person_commit(struct lk_person *p, enum lk_field f, size_t n)
{
	p->off[f] = (uint16_t)(p->used + 1);
	p->len[f] = (uint16_t)n;
	p->buf[p->used + 1 + n] = '\0';
	p->used = (uint16_t)(p->used + n + 1);
}

static int
all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return n > 0;
}

static int
num(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/*
 * DOB: YYYY-MM-DD (a time after it is ignored), YYYYMMDD or DD/MM/YYYY.
 * The month must be 1-12 and the day 1-31; the calendar is not checked
 * further, so that a mistyped 31 February still compares.  Any other
 * form lib/core/dateparse reads, day first (13-Feb-1930, 13 February
 * 1930, 13-FEB-30, 3/2/1930), is read so, a real day not after today;
 * digits alone are not (an Excel day number, a year: 1930 is no date).
 */
/* dateparse's options for dates of birth, today read once a run. */
static struct dateparse_opts dob_opts;
static pthread_once_t dob_once = PTHREAD_ONCE_INIT;

static void
dob_opts_init(void)
{
	dateparse_defaults(&dob_opts);
}

static int
norm_dob(const char *s, size_t n, char *out)
{
	int y, m, d;

	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	while (n > 0 && isspace((unsigned char)*s))
		s++, n--;
	if (n >= 10 && all_digits(s, 4) && (s[4] == '-' || s[4] == '/') &&
	    all_digits(s + 5, 2) && s[7] == s[4] && all_digits(s + 8, 2) &&
	    (n == 10 || s[10] == 'T' || s[10] == ' ')) {
		y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
	} else if (n == 8 && all_digits(s, 8)) {
		y = num(s, 4), m = num(s + 4, 2), d = num(s + 6, 2);
	} else if (n == 10 && all_digits(s, 2) && (s[2] == '/' ||
	    s[2] == '-' || s[2] == '.') && all_digits(s + 3, 2) &&
	    s[5] == s[2] && all_digits(s + 6, 4)) {
		d = num(s, 2), m = num(s + 3, 2), y = num(s + 6, 4);
	} else {
		int32_t day;

		if (n == 0 || all_digits(s, n))
			return -1;
		pthread_once(&dob_once, dob_opts_init);
		if (dateparse_iso(&dob_opts, s, n, &day, out) != DATEPARSE_OK)
			return -1;
		y = num(out, 4);
		return y < 1800 ? -1 : 10;
	}
	if (y < 1800 || y > 2199 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	date_format_ymd(y, m, d, out);
	return 10;
}

/* PNC ID as YYYY/NNNNNNNL (lib/ident); a wrong check letter gives -1. */
static int
norm_pnc(const char *s, size_t n, char *out)
{
	return ident_pnc(s, n, 0, out) == IDENT_OK ? 13 : -1;
}

/*
 * Postcode: upper case, spaces removed, one space before the last three
 * characters when it looks like a UK postcode (5 to 7 characters,
 * starting with a letter, ending digit letter letter); other codes (a
 * foreign one) are kept upper-cased without spaces.
 */
static int
norm_postcode(const char *s, size_t n, char *out, size_t outsz)
{
	size_t i, k = 0;

	for (i = 0; i < n && k + 2 < outsz; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isalnum(c))
			out[k++] = (char)toupper(c);
	}
	out[k] = '\0';
	if (k >= 5 && k <= 7 && isalpha((unsigned char)out[0]) &&
	    isdigit((unsigned char)out[k - 3]) &&
	    isalpha((unsigned char)out[k - 2]) &&
	    isalpha((unsigned char)out[k - 1])) {
		memmove(out + k - 2, out + k - 3, 4);
		out[k - 3] = ' ';
		k++;
	}
	return k ? (int)k : -1;
}

/* Phone: digits only, +44 / 0044 as a leading 0. */
static int
norm_phone(const char *s, size_t n, char *out, size_t outsz)
{
	size_t i, k = 0;

	for (i = 0; i < n && k + 1 < outsz; i++)
		if (isdigit((unsigned char)s[i]))
			out[k++] = s[i];
	out[k] = '\0';
	if (k > 4 && memcmp(out, "0044", 4) == 0) {
		memmove(out + 1, out + 4, k - 3);
		k -= 3;
	} else if (k > 2 && memcmp(out, "44", 2) == 0 && k >= 12) {
		memmove(out + 1, out + 2, k - 1);
		out[0] = '0';
		k -= 1;
	}
	return k >= 5 ? (int)k : -1;
}

static int
norm_email(const char *s, size_t n, char *out, size_t outsz)
{
	size_t i, k = 0;

	for (i = 0; i < n && k + 1 < outsz; i++)
		if (!isspace((unsigned char)s[i]))
			out[k++] = (char)tolower((unsigned char)s[i]);
	out[k] = '\0';
	return k && memchr(out, '@', k) ? (int)k : -1;
}

/*
 * An identifier (CRO number, NI number, any other person number): a CRO
 * number in lib/ident's canonical form when it reads as one, else the
 * letters and digits upper-cased, so that a mistyped one still compares
 * one character off.  A value with no digit ("UNKNOWN", "N/A") is
 * missing.
 */
static int
norm_ident(enum lk_field f, const char *s, size_t n, char *out,
    size_t outsz)
{
	size_t i, k = 0;
	int digits = 0;

	if (f == LK_CRO && outsz >= IDENT_CRO_SIZE &&
	    ident_cro(s, n, out) == IDENT_OK)
		return (int)strlen(out);
	for (i = 0; i < n && k + 1 < outsz && k < 40; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isalnum(c) || (c == '/' && f == LK_CRO))
			out[k++] = (char)toupper(c);
		digits |= isdigit(c) != 0;
	}
	out[k] = '\0';
	return k >= 3 && digits ? (int)k : -1;
}

static int
norm_sex(const char *s, size_t n, char *out)
{
	while (n > 0 && isspace((unsigned char)*s))
		s++, n--;
	if (n == 0)
		return -1;
	switch (toupper((unsigned char)*s)) {
	case 'M':
		out[0] = 'M';
		break;
	case 'F':
	case 'W':
		out[0] = 'F';
		break;
	default:
		return -1;
	}
	out[1] = '\0';
	return 1;
}

int
lk_person_set(struct lk_person *p, enum lk_field f, const char *s, size_t n)
{
	char *o;
	size_t room = LK_PERSON_BUF - (size_t)p->used - 2;
	int k;

	p->len[f] = 0;
	p->off[f] = 0;
	if (room < 16 || !(o = person_room(p, room)))
		return -1;
	if (room > 255)
		room = 255;
	switch (f) {
	case LK_FORENAME:
	case LK_SURNAME:
	case LK_ADDRESS:
	case LK_TOWN:
		k = (int)strsim_norm(s, n, o, room < STRSIM_NAME_MAX * 2 ?
		    room : STRSIM_NAME_MAX * 2);
		if (k == 0)
			k = -1;
		break;
	case LK_DOB:
		k = norm_dob(s, n, o);
		break;
	case LK_PNC:
		k = norm_pnc(s, n, o);
		break;
	case LK_POSTCODE:
		k = norm_postcode(s, n, o, room < 16 ? room : 16);
		break;
	case LK_PHONE:
		k = norm_phone(s, n, o, room < 24 ? room : 24);
		break;
	case LK_EMAIL:
		k = norm_email(s, n, o, room);
		break;
	case LK_SEX:
		k = norm_sex(s, n, o);
		break;
	case LK_CRO:
	case LK_NINO:
	case LK_OTHER_ID:
		k = norm_ident(f, s, n, o, room);
		break;
	default:
		return -1;
	}
	if (k <= 0)
		return -1;
	person_commit(p, f, (size_t)k);
	return 0;
}

const char *
lk_person_get(const struct lk_person *p, enum lk_field f, size_t *len)
{
	if (len)
		*len = p->len[f];
	return p->len[f] ? p->buf + p->off[f] : "";
}

int
lk_person_ok(const struct lk_person *p)
{
	int f;

	for (f = 0; f < LK_NFIELDS; f++)
		if (p->len[f])
			return 1;
	return 0;
}

int
lk_cols_find(struct lk_cols *c, const struct csvr *r, const char *role)
{
	char name[128];
	int f, found = 0;

	for (f = 0; f < LK_NFIELDS; f++) {
		snprintf(name, sizeof name, "%s_%s", role, lk_field_names[f]);
		c->col[f] = csvr_col(r, name);
		found += c->col[f] >= 0;
	}
	snprintf(name, sizeof name, "%s_name", role);
	c->name = csvr_col(r, name);
	found += c->name >= 0;
	return found;
}

int
lk_cols_find_plain(struct lk_cols *c, const struct csvr *r)
{
	size_t i;
	int f, found = 0;
	const char *field;

	for (f = 0; f < LK_NFIELDS; f++)
		c->col[f] = -1;
	c->name = -1;
	for (i = 0; i < csvr_ncols(r); i++) {
		if ((field = kind_person_field(csvr_colname(r, i))) == NULL)
			continue;
		if (strcmp(field, "name") == 0) {
			if (c->name < 0) {
				c->name = (int)i;
				found++;
			}
			continue;
		}
		for (f = 0; f < LK_NFIELDS; f++)
			if (strcmp(field, lk_field_names[f]) == 0 &&
			    c->col[f] < 0) {
				c->col[f] = (int)i;
				found++;
			}
	}
	/* A place or a sex alone (a crime's postcode) names no person. */
	if (c->name < 0 && c->col[LK_FORENAME] < 0 && c->col[LK_SURNAME] < 0 &&
	    c->col[LK_DOB] < 0 && c->col[LK_PNC] < 0 && c->col[LK_CRO] < 0 &&
	    c->col[LK_NINO] < 0 && c->col[LK_OTHER_ID] < 0 &&
	    c->col[LK_PHONE] < 0 && c->col[LK_EMAIL] < 0) {
		for (f = 0; f < LK_NFIELDS; f++)
			c->col[f] = -1;
		return 0;
	}
	return found;
}

void
lk_person_from_csvr(struct lk_person *p, const struct lk_cols *c,
    const struct csvr *r)
{
	char fn[STRSIM_NAME_MAX], sn[STRSIM_NAME_MAX];
	const char *v;
	size_t n;
	int f;

	lk_person_clear(p);
	for (f = 0; f < LK_NFIELDS; f++) {
		if (c->col[f] < 0)
			continue;
		v = csvr_field(r, (size_t)c->col[f]);
		n = csvr_fieldlen(r, (size_t)c->col[f]);
		if (n == 0)
			continue;
		if (f == LK_SURNAME && memchr(v, ',', n) &&
		    (c->col[LK_FORENAME] < 0 ||
		    csvr_fieldlen(r, (size_t)c->col[LK_FORENAME]) == 0)) {
			strsim_split_name(v, n, fn, sn);
			lk_person_set(p, LK_SURNAME, sn, strlen(sn));
			lk_person_set(p, LK_FORENAME, fn, strlen(fn));
			continue;
		}
		if (f == LK_FORENAME && p->len[LK_FORENAME])
			continue;
		lk_person_set(p, (enum lk_field)f, v, n);
	}
	if (c->name >= 0 && (!p->len[LK_SURNAME] || !p->len[LK_FORENAME])) {
		n = csvr_fieldlen(r, (size_t)c->name);
		if (n) {
			strsim_split_name(csvr_field(r, (size_t)c->name), n,
			    fn, sn);
			if (!p->len[LK_SURNAME])
				lk_person_set(p, LK_SURNAME, sn, strlen(sn));
			if (!p->len[LK_FORENAME])
				lk_person_set(p, LK_FORENAME, fn, strlen(fn));
		}
	}
}

/* The set. */

static void
vtab_init(struct lk_vtab *t)
{
	t->map = hmap_new();
	t->cap = 64;
	t->v = xcalloc(t->cap, sizeof *t->v);
	t->v[0].s = "";
	t->n = 1;
}

static void
vtab_free(struct lk_vtab *t)
{
	hmap_free(t->map);
	free(t->v);
}

/*
 * Interns s, whose hash_bytes() is hv; returns its id (from 1) and sets
 * *created.
 */
static uint32_t
vtab_add_hash(struct lk_vtab *t, const char *s, size_t n, uint64_t hv,
    int *created)
{
	uintptr_t *slot;
	int c = 0;

	slot = hmap_slot_hash(t->map, s, n, hv, 1, &c);
	if (created)
		*created = c;
	if (!c)
		return (uint32_t)*slot;
	if (t->n == t->cap) {
		t->cap *= 2;
		t->v = xreallocarray(t->v, t->cap, sizeof *t->v);
	}
	memset(&t->v[t->n], 0, sizeof t->v[t->n]);
	t->v[t->n].s = hmap_strdup(t->map, s, n);
	t->v[t->n].len = (uint32_t)n;
	*slot = t->n;
	return (uint32_t)t->n++;
}

/* Interns s; returns its id (from 1) and sets *created. */
static uint32_t
vtab_add(struct lk_vtab *t, const char *s, size_t n, int *created)
{
	return vtab_add_hash(t, s, n, hash_bytes(s, n), created);
}

struct lk_set *
lk_set_new(void)
{
	struct lk_set *s = xcalloc(1, sizeof *s);
	int f;

	for (f = 0; f < LK_NFIELDS; f++)
		vtab_init(&s->vt[f]);
	vtab_init(&s->phon);
	vtab_init(&s->dist);
	s->cap = 1024;
	s->rec = xreallocarray(NULL, s->cap, LK_NFIELDS * sizeof *s->rec);
	s->tf_records = -1;
	return s;
}

void
lk_set_tf_records(struct lk_set *s, double n)
{
	if (s->finished || n < 0)
		diag_fatal(EX_SOFTWARE, "lk_set_tf_records: after "
		    "lk_set_finish or below 0");
	s->tf_records = n;
}

void
lk_set_free(struct lk_set *s)
{
	int f;

	if (!s)
		return;
	for (f = 0; f < LK_NFIELDS; f++)
		vtab_free(&s->vt[f]);
	vtab_free(&s->phon);
	vtab_free(&s->dist);
	for (f = 0; f < LK_NRULES; f++)
		free(s->sorted[f]);
	free(s->cand);
	free(s->known);
	free(s->rec);
	free(s);
}

size_t
lk_set_count(const struct lk_set *s)
{
	return s->n;
}

/* Extra data of a new value of field f. */
static void
value_extras(struct lk_set *s, int f, uint32_t id)
{
	struct lk_val *v = &s->vt[f].v[id];
	char code[STRSIM_PHON_MAX];
	uint32_t g[4];
	size_t n, k, i;
	const char *sp;

	switch (f) {
	case LK_FORENAME:
	case LK_SURNAME:
		n = strsim_nysiis(v->s, v->len, code);
		v->aux = n ? vtab_add(&s->phon, code, n, NULL) : 0;
		if (f == LK_FORENAME) {
			k = strsim_nick_groups(v->s, v->len, g, 4);
			for (i = 0; i < k; i++)
				v->grp[i] = (uint16_t)g[i];
		}
		break;
	case LK_POSTCODE:
		sp = memchr(v->s, ' ', v->len);
		v->aux = sp ? vtab_add(&s->dist, v->s, (size_t)(sp - v->s),
		    NULL) : 0;
		break;
	case LK_DOB:
		v->aux = (uint32_t)(num(v->s, 4) * 10000 + num(v->s + 5, 2) *
		    100 + num(v->s + 8, 2));
		break;
	default:
		break;
	}
}

size_t
lk_set_add(struct lk_set *s, const struct lk_person *p)
{
	uint32_t *r;
	const char *v, *vs[LK_NFIELDS];
	size_t n, k, vn[LK_NFIELDS];
	uint64_t hv[LK_NFIELDS];
	int f, created;
	uint32_t id;

	if (s->finished || s->known)
		diag_fatal(EX_SOFTWARE, "lk_set_add after lk_set_finish");
	if (s->n == s->cap) {
		s->cap *= 2;
		s->rec = xreallocarray(s->rec, s->cap,
		    LK_NFIELDS * sizeof *s->rec);
	}
	r = &s->rec[s->n * LK_NFIELDS];
	/* Every value's place in its table asked for first: the waits for
	   memory overlap. */
	for (f = 0; f < LK_NFIELDS; f++) {
		v = lk_person_get(p, (enum lk_field)f, &n);
		if (n && f == LK_FORENAME) {
			/* The first forename only. */
			for (k = 0; k < n && v[k] != ' '; k++)
				;
			n = k;
		}
		vs[f] = v;
		vn[f] = n;
		if (n) {
			hv[f] = hash_bytes(v, n);
			hmap_prefetch(s->vt[f].map, hv[f]);
		}
	}
	for (f = 0; f < LK_NFIELDS; f++) {
		v = vs[f];
		n = vn[f];
		if (n == 0) {
			r[f] = 0;
			continue;
		}
		id = vtab_add_hash(&s->vt[f], v, n, hv[f], &created);
		if (created)
			value_extras(s, f, id);
		s->vt[f].v[id].count++;
		s->nonnull[f]++;
		r[f] = id;
	}
	return s->n++;
}

/*
 * Appends the records of t (made by lk_set_add()) to s, as adding each
 * would: each value of t interned once, in t's order (the order in which
 * its records first held them, so that s gives them the ids one by one
 * would), then the records' ids mapped.
 */
void
lk_set_append(struct lk_set *s, const struct lk_set *t)
{
	uint32_t *map[LK_NFIELDS], *r;
	const uint32_t *q;
	size_t i, k;
	int f, created;

	if (s->finished || s->known)
		diag_fatal(EX_SOFTWARE, "lk_set_append after lk_set_finish");
	for (f = 0; f < LK_NFIELDS; f++) {
		const struct lk_vtab *vt = &t->vt[f];

		map[f] = xcalloc(vt->n, sizeof *map[f]);
		for (k = 1; k < vt->n; k++) {
			const struct lk_val *v = &vt->v[k];
			uint32_t id;

			if (v->count == 0)
				continue;	/* held by no record */
			id = vtab_add(&s->vt[f], v->s, v->len, &created);
			if (created)
				value_extras(s, f, id);
			s->vt[f].v[id].count += v->count;
			map[f][k] = id;
		}
		s->nonnull[f] += t->nonnull[f];
	}
	if (s->n + t->n > s->cap) {
		while (s->n + t->n > s->cap)
			s->cap *= 2;
		s->rec = xreallocarray(s->rec, s->cap,
		    LK_NFIELDS * sizeof *s->rec);
	}
	r = &s->rec[s->n * LK_NFIELDS];
	q = t->rec;
	for (i = 0; i < t->n * LK_NFIELDS; i += LK_NFIELDS)
		for (f = 0; f < LK_NFIELDS; f++)
			r[i + (size_t)f] = map[f][q[i + (size_t)f]];
	s->n += t->n;
	for (f = 0; f < LK_NFIELDS; f++)
		free(map[f]);
}

void
lk_set_get(const struct lk_set *s, size_t i, struct lk_person *p)
{
	int f;
	uint32_t id;

	lk_person_clear(p);
	for (f = 0; f < LK_NFIELDS; f++) {
		id = LK_V(s, i, f);
		if (id) {
			const struct lk_val *v = &s->vt[f].v[id];
			char *o = person_room(p, v->len);

			if (o) {
				memcpy(o, v->s, v->len);
				person_commit(p, (enum lk_field)f, v->len);
			}
		}
	}
}

void
lk_set_fix(struct lk_set *s)
{
	s->nfixed = s->n;
}

void
lk_set_cand(struct lk_set *s, uint32_t fixed, uint32_t rec)
{
	if (fixed >= s->nfixed || rec < s->nfixed || rec >= s->n)
		diag_fatal(EX_SOFTWARE, "lk_set_cand: no such pair");
	if (s->ncand == s->ccand) {
		s->ccand = s->ccand ? s->ccand * 2 : 1024;
		s->cand = xreallocarray(s->cand, s->ccand, sizeof *s->cand);
	}
	s->cand[s->ncand][0] = fixed;
	s->cand[s->ncand++][1] = rec;
	s->given = 1;
}

void
lk_set_known(struct lk_set *s, uint32_t rec)
{
	if (rec < s->nfixed || rec >= s->n)
		diag_fatal(EX_SOFTWARE, "lk_set_known: no such record");
	if (!s->known)
		s->known = xcalloc(s->n, 1);
	s->known[rec] = 1;
}

void
lk_set_freq(struct lk_set *s, enum lk_field f, const char *v, size_t n,
    uint64_t count)
{
	uintptr_t *slot = hmap_slot(s->vt[f].map, v, n, 0, NULL);

	if (s->finished)
		diag_fatal(EX_SOFTWARE, "lk_set_freq after lk_set_finish");
	if (slot)
		s->vt[f].v[*slot].count = (uint32_t)(count > UINT32_MAX ?
		    UINT32_MAX : count);
}

int
lk_set_value(const struct lk_set *s, enum lk_field f, size_t i,
    const char **v, size_t *n)
{
	if (i == 0 || i >= s->vt[f].n)
		return 0;
	*v = s->vt[f].v[i].s;
	*n = s->vt[f].v[i].len;
	return 1;
}

void
lk_set_freq_total(struct lk_set *s, enum lk_field f, uint64_t nonnull)
{
	s->nonnull[f] = nonnull;
}

uint64_t
lk_set_nonnull(const struct lk_set *s, enum lk_field f)
{
	return s->nonnull[f];
}

/*
 * Records with a value that a field's term frequencies count as fully as
 * the model's own weight (the exact level's weight is the two's mean,
 * each counted by its records): a value's share of a handful of records
 * says little of how common it is (of one record, it is all of them).
 * lk_set_tf_records() sets another.
 */
#define TF_RECORDS 200.0

void
lk_set_finish(struct lk_set *s)
{
	size_t f, i;
	double d;

	if (s->finished)
		return;
	for (f = 0; f < LK_NFIELDS; f++) {
		for (i = 1; i < s->vt[f].n; i++)
			s->vt[f].v[i].ltf = (float)log2(
			    (double)s->vt[f].v[i].count / (double)s->nonnull[f]);
		d = (double)s->nonnull[f] + (s->tf_records < 0 ? TF_RECORDS :
		    s->tf_records);
		s->tfa[f] = d > 0 ? (double)s->nonnull[f] / d : 0;
	}
	s->finished = 1;
}

double
lk_set_tf(const struct lk_set *s, enum lk_field f, const char *v, size_t n)
{
	uintptr_t *slot = hmap_slot(s->vt[f].map, v, n, 0, NULL);

	if (!slot || s->nonnull[f] == 0)
		return 0.0;
	return (double)s->vt[f].v[*slot].count / (double)s->nonnull[f];
}

/* Comparison levels. */

/* Byte length of v's first character (a letter of any script). */
static uint32_t
first_len(const struct lk_val *v)
{
	int32_t cp;
	size_t k = v->len ? utf8_decode(v->s, v->len, &cp) : 0;

	return k ? (uint32_t)k : 1;
}

/* v's first character, for blocking keys. */
static uint32_t
first_cp(const struct lk_val *v)
{
	int32_t cp;

	if ((unsigned char)v->s[0] < 0x80 || utf8_decode(v->s, v->len, &cp)
	    == 0)
		return (unsigned char)v->s[0];
	return (uint32_t)cp;
}

/* Byte length of v's first k characters (all of v when shorter). */
static size_t
prefix_len(const struct lk_val *v, int k)
{
	size_t at = 0, c;
	int32_t cp;

	while (k-- > 0 && at < v->len) {
		c = utf8_decode(v->s + at, v->len - at, &cp);
		at += c ? c : 1;
	}
	return at;
}

/* 1 when v is one character: an initial. */
static int
is_initial(const struct lk_val *v)
{
	return v->len >= 1 && v->len == first_len(v);
}

static int
first_char_is(const struct lk_val *a, const struct lk_val *b)
{
	return is_initial(a) && b->len >= a->len &&
	    memcmp(a->s, b->s, a->len) == 0;
}

static int
nick_share(const struct lk_val *a, const struct lk_val *b)
{
	int i, j;

	for (i = 0; i < 4 && a->grp[i]; i++)
		for (j = 0; j < 4 && b->grp[j]; j++)
			if (a->grp[i] == b->grp[j])
				return 1;
	return 0;
}

/* 1 when a word (2 letters or more) of one name is a word of the other. */
static int
part_share(const struct lk_val *a, const struct lk_val *b)
{
	const char *p, *q, *ea = a->s + a->len, *eb = b->s + b->len, *x, *y;

	if (!memchr(a->s, ' ', a->len) && !memchr(b->s, ' ', b->len))
		return 0;
	for (p = a->s; p < ea; p = x + 1) {
		x = memchr(p, ' ', (size_t)(ea - p));
		if (!x)
			x = ea;
		if (x - p < 2)
			continue;
		for (q = b->s; q < eb; q = y + 1) {
			y = memchr(q, ' ', (size_t)(eb - q));
			if (!y)
				y = eb;
			if (x - p == y - q && memcmp(p, q, (size_t)(x - p)) == 0)
				return 1;
		}
	}
	return 0;
}

static int
phone_one_off(const struct lk_val *a, const struct lk_val *b)
{
	uint32_t i, d = 0, first = 0;

	if (a->len != b->len)
		return 0;
	for (i = 0; i < a->len; i++)
		if (a->s[i] != b->s[i]) {
			if (d++ == 0)
				first = i;
		}
	if (d == 1)
		return 1;
	return d == 2 && first + 1 < a->len && a->s[first] == b->s[first + 1] &&
	    a->s[first + 1] == b->s[first];
}

/*
 * 1 when the Jaro-Winkler similarity of a and b is surely below thr: a
 * bound from the letters they share (a multiset count, cheaper than
 * Jaro's windowed matching), which rules out most random pairs.
 */
static int
jw_below(const struct lk_val *a, const struct lk_val *b, double thr)
{
	signed char h[64];
	uint32_t i, m = 0, l = 0;
	double j;

	memset(h, 0, sizeof h);
	for (i = 0; i < a->len; i++) {
		/* Beyond ASCII, Jaro counts characters: no byte bound. */
		if (a->s[i] & 0x80)
			return 0;
		if (h[a->s[i] & 63] < 127)
			h[a->s[i] & 63]++;
	}
	for (i = 0; i < b->len; i++)
		if (b->s[i] & 0x80)
			return 0;
	for (i = 0; i < b->len; i++)
		if (h[b->s[i] & 63]-- > 0)
			m++;
	while (l < 4 && l < a->len && l < b->len && a->s[l] == b->s[l])
		l++;
	j = ((double)m / a->len + (double)m / b->len + 1) / 3;
	if (m == 0)
		j = 0;
	return j + l * 0.1 * (1 - j) < thr - 1e-9;
}

static double
jw(const struct lk_val *a, const struct lk_val *b, double thr)
{
	if (jw_below(a, b, thr))
		return 0;
	return strsim_jaro_winkler(a->s, a->len, b->s, b->len);
}

/*
 * 1 when YYYYMMDD d is a placeholder for an unknown day: 1 January, 1
 * July or 15 June (the middle of a year), or the 1st of the year 1900.
 */
static int
dob_vague(uint32_t d)
{
	uint32_t md = d % 10000;

	return md == 101 || md == 701 || md == 615 || d / 10000 == 1900;
}

/* Days from 1 March of year 0 to YYYYMMDD d (the proleptic calendar). */
static long
dob_days(uint32_t d)
{
	long y = (long)(d / 10000), m = (long)(d / 100 % 100),
	    dd = (long)(d % 100);

	if (m <= 2)
		y--, m += 12;
	return 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 +
	    dd;
}

/*
 * 1 when YYYYMMDD a and b (two of year, month and day equal) differ by
 * one mistyped digit, or by one year with the day and month kept: the
 * slips of a keyboard or of an age counted back, which chance repeats far
 * less often than any two of year, month and day.
 */
static int
dob_typo(uint32_t a, uint32_t b)
{
	int k, d = 0;

	if (a % 10000 == b % 10000 && (a / 10000 + 1 == b / 10000 ||
	    b / 10000 + 1 == a / 10000))
		return 1;
	for (k = 0; k < 8; k++, a /= 10, b /= 10)
		d += a % 10 != b % 10;
	return d == 1;
}

static int
dob_level(uint32_t a, uint32_t b)
{
	uint32_t ya = a / 10000, ma = a / 100 % 100, da = a % 100;
	uint32_t yb = b / 10000, mb = b / 100 % 100, db = b % 100;
	long dist;

	if (a == b)
		return dob_vague(a) ? LK_DOB_VAGUE : LK_DOB_EXACT;
	/* Days apart only where they can be 31 or fewer. */
	dist = ya + 1 < yb || yb + 1 < ya ? 1000 : dob_days(a) - dob_days(b);
	if (dob_vague(a) || dob_vague(b)) {
		/* The day and month say nothing: the year only. */
		if (ya == yb)
			return LK_DOB_VAGUE;
		return dist >= -31 && dist <= 31 ? LK_DOB_NEAR : LK_DOB_ELSE;
	}
	if (ya == yb && ma == db && da == mb)
		return LK_DOB_SWAP;
	if ((ya == yb) + (ma == mb) + (da == db) == 2)
		return dob_typo(a, b) ? LK_DOB_TYPO : LK_DOB_ONE;
	if (dist >= -31 && dist <= 31)
		return LK_DOB_NEAR;
	return LK_DOB_ELSE;
}

/* One or two edits apart (not equal): the level below exact. */
static int
edits12(const struct lk_val *a, const struct lk_val *b, int max)
{
	return strsim_edits(a->s, a->len, b->s, b->len, max) <= max;
}

/*
 * 1 when postcodes a and b may be within two edits: the same district,
 * or two of the last three characters (the inward code) in place; codes
 * that are not UK postcodes (no district) always.  A cheap test that
 * spares most unrelated pairs the edit distance.
 */
static int
pc_close(const struct lk_val *a, const struct lk_val *b)
{
	uint32_t k, same = 0;

	if (!a->aux || !b->aux || a->aux == b->aux || a->len < 3 ||
	    b->len < 3)
		return 1;	/* not UK postcodes, or one district */
	for (k = 1; k <= 3; k++)
		same += a->s[a->len - k] == b->s[b->len - k];
	return same >= 2;
}

/*
 * 1 when a and b differ only by two neighbouring letters swapped ("Fxo",
 * "Fox"): the commonest slip of a keyboard.  Jaro-Winkler scores it high
 * in a long name but not in a name of three letters, whose matching
 * window is nil.
 */
static int
transposed(const struct lk_val *a, const struct lk_val *b)
{
	size_t i = 0;

	if (a->len != b->len || a->len < 2)
		return 0;
	while (i < a->len && a->s[i] == b->s[i])
		i++;
	if (i + 1 >= a->len || a->s[i] != b->s[i + 1] ||
	    a->s[i + 1] != b->s[i] || (unsigned char)a->s[i] >= 0x80 ||
	    (unsigned char)a->s[i + 1] >= 0x80)
		return 0;
	return memcmp(a->s + i + 2, b->s + i + 2, a->len - i - 2) == 0;
}

/* Level of field f between value ids x and y of set s. */
static int
level(const struct lk_set *s, int f, uint32_t x, uint32_t y)
{
	const struct lk_val *a, *b;
	double sim;

	if (x == 0 || y == 0)
		return LK_NULL;
	if (x == y && f != LK_DOB)
		return nlevels[f] - 1;
	a = &s->vt[f].v[x];
	b = &s->vt[f].v[y];
	switch (f) {
	case LK_FORENAME:
		if (is_initial(a) || is_initial(b))
			return first_char_is(a, b) || first_char_is(b, a) ?
			    LK_FN_INITIAL : LK_FN_ELSE;
		if (nick_share(a, b))
			return LK_FN_NICK;
		if (transposed(a, b))
			return LK_FN_JW92;
		sim = jw(a, b, 0.80);
		if (sim >= 0.92)
			return LK_FN_JW92;
		if (sim >= 0.80)
			return LK_FN_JW80;
		return LK_FN_ELSE;
	case LK_SURNAME:
		if (a->aux && a->aux == b->aux)
			return LK_SN_PHON;
		if (transposed(a, b))
			return LK_SN_JW92;
		sim = jw(a, b, 0.80);
		if (sim >= 0.92)
			return LK_SN_JW92;
		if (part_share(a, b))
			return LK_SN_PART;
		if (sim >= 0.80)
			return LK_SN_JW80;
		return LK_SN_ELSE;
	case LK_DOB:
		return dob_level(a->aux, b->aux);
	case LK_POSTCODE:
		if (pc_close(a, b) && edits12(a, b, 2))
			return LK_PC_EDIT;
		return a->aux && a->aux == b->aux ? LK_PC_DISTRICT : LK_PC_ELSE;
	case LK_EMAIL:
		return edits12(a, b, 2) ? LK_EM_EDIT : LK_EM_ELSE;
	case LK_CRO:
	case LK_NINO:
	case LK_OTHER_ID:
		return edits12(a, b, 1) ? LK_ID_ONE : LK_ID_ELSE;
	case LK_ADDRESS:
	case LK_TOWN:
		sim = jw(a, b, 0.9);
		return sim >= 0.9 ? LK_AD_FUZZY : LK_AD_ELSE;
	case LK_PHONE:
		return phone_one_off(a, b) ? LK_PH_ONE : LK_PH_ELSE;
	default:
		return 0;
	}
}

/* The model. */

static const double m_default[LK_NFIELDS][LK_NLEVELS] = {
	{ 0.03, 0.03, 0.03, 0.06, 0.05, 0.01, 0.79 },
	{ 0.03, 0.02, 0.02, 0.04, 0.04, 0.01, 0.84 },
	{ 0.03, 0.02, 0.02, 0.015, 0.025, 0.02, 0.87 },
	{ 0.02, 0.98 },
	{ 0.20, 0.08, 0.04, 0.68 },
	{ 0.25, 0.10, 0.65 },
	{ 0.15, 0.05, 0.80 },
	{ 0.25, 0.05, 0.70 },
	{ 0.25, 0.05, 0.70 },
	{ 0.03, 0.97 },
	{ 0.03, 0.02, 0.95 },
	{ 0.03, 0.02, 0.95 },
	{ 0.05, 0.03, 0.92 },
};

static const double u_default[LK_NFIELDS][LK_NLEVELS] = {
	{ 0.95, 0.005, 0.03, 0.003, 0.002, 0.0001, 0.0099 },
	{ 0.9755, 0.02, 0.0005, 0.001, 0.001, 0.0001, 0.0019 },
	{ 0.9936, 0.0004, 0.005, 0.0008, 0.00016, 0.000001, 0.000039 },
	{ 0.999999, 0.000001 },
	{ 0.948, 0.05, 0.001, 0.001 },
	{ 0.9985, 0.001, 0.0005 },
	{ 0.94, 0.01, 0.05 },
	{ 0.99998, 0.00001, 0.00001 },
	{ 0.99998, 0.00001, 0.00001 },
	{ 0.5, 0.5 },
	{ 0.999998, 0.000001, 0.000001 },
	{ 0.999998, 0.000001, 0.000001 },
	{ 0.99998, 0.00001, 0.00001 },
};

void
lk_model_update(struct lk_model *mo)
{
	int f, l;

	mo->ltf_min = log2(mo->tf_min > 0 ? mo->tf_min : 1e-5);
	for (f = 0; f < LK_NFIELDS; f++) {
		for (l = 0; l < LK_NLEVELS; l++)
			mo->w[f][l] = l < nlevels[f] && mo->m[f][l] > 0 &&
			    mo->u[f][l] > 0 ? log2(mo->m[f][l] / mo->u[f][l]) :
			    0.0;
		/* Names crossed say no more than names in place: a swap is
		   too rare among different persons for u to be learned
		   (found 0, floored at 1e-7, it was worth 20 bits a name,
		   enough to link two persons who agree on nothing else). */
		if (f == LK_FORENAME && mo->w[f][LK_FN_SWAP] >
		    mo->w[f][LK_FN_EXACT])
			mo->w[f][LK_FN_SWAP] = mo->w[f][LK_FN_EXACT];
		if (f == LK_SURNAME && mo->w[f][LK_SN_SWAP] >
		    mo->w[f][LK_SN_EXACT])
			mo->w[f][LK_SN_SWAP] = mo->w[f][LK_SN_EXACT];
		mo->lmtop[f] = mo->m[f][nlevels[f] - 1] > 0 ?
		    log2(mo->m[f][nlevels[f] - 1]) : 0.0;
		mo->wmax[f] = mo->w[f][0];
		for (l = 1; l < nlevels[f] - 1; l++)
			if (mo->w[f][l] > mo->wmax[f])
				mo->wmax[f] = mo->w[f][l];
	}
}

/* The built-in prior: about one matching pair per record among 100000
   records (a town's). */
#define PRIOR_TOWN log2(1e5 / (1e5 * (1e5 - 1) / 2 - 1e5))

/* Fewer records than this: u is the built-in one, and the prior found
   no likelier than it (lk_model_estimate()). */
#define PRIOR_RECORDS 100

void
lk_model_default(struct lk_model *mo)
{
	int f;

	memset(mo, 0, sizeof *mo);
	memcpy(mo->m, m_default, sizeof mo->m);
	memcpy(mo->u, u_default, sizeof mo->u);
	for (f = 0; f < LK_NFIELDS; f++) {
		mo->m_src[f] = mo->u_src[f] = LK_SRC_DEFAULT;
		mo->tf[f] = f == LK_FORENAME || f == LK_SURNAME ||
		    f == LK_POSTCODE || f == LK_TOWN;
	}
	mo->tf_min = 1e-5;
	mo->prior_matches = 1e5;
	mo->prior = PRIOR_TOWN;
	lk_model_update(mo);
}

/* Weight of field f at level l between values x and y (exact: TF). */
static double
field_weight(const struct lk_model *mo, const struct lk_set *s, int f,
    int l, uint32_t x)
{
	double lt;

	if (l == LK_NULL)
		return 0.0;
	if (l == nlevels[f] - 1 && mo->tf[f] && s->finished) {
		lt = s->vt[f].v[x].ltf;
		if (lt < mo->ltf_min)
			lt = mo->ltf_min;
		return s->tfa[f] * (mo->lmtop[f] - lt) +
		    (1 - s->tfa[f]) * mo->w[f][l];
	}
	return mo->w[f][l];
}

/*
 * 1 when forename fn (a first forename) and surname sn are one name
 * written in the other's place: the same; sn's first word (a double
 * forename, "Jean-Claude", is kept as its first word where a forename
 * goes); or one slip apart in a name of four letters or more (one
 * letter added, dropped or changed, or two transposed: one edit; "Webf"
 * for "Webb", "Morrion" for "Morrison"), or Jaro-Winkler 0.92 or more.
 */
static int
cross_agree(const struct lk_val *fn, const struct lk_val *sn)
{
	if (fn->len <= sn->len && memcmp(fn->s, sn->s, fn->len) == 0)
		return fn->len == sn->len || sn->s[fn->len] == ' ';
	if (fn->len < 4 || sn->len < 4)
		return 0;
	return edits12(fn, sn, 1) || jw(fn, sn, 0.92) >= 0.92;
}

/*
 * 1 when a's forename is b's surname and a's surname b's forename (each
 * cross_agree()), the names themselves differing.  Names that begin with
 * other letters crossed are not compared further: a slip in a name's
 * first letter is rare, and most pairs are ruled out so.
 */
static int
names_swapped(const struct lk_set *s, size_t a, size_t b)
{
	uint32_t fa = LK_V(s, a, LK_FORENAME), sa = LK_V(s, a, LK_SURNAME),
	    fb = LK_V(s, b, LK_FORENAME), sb = LK_V(s, b, LK_SURNAME);
	const struct lk_val *xa, *ya, *xb, *yb;

	if (!fa || !sa || !fb || !sb || fa == fb || sa == sb)
		return 0;
	xa = &s->vt[LK_FORENAME].v[fa];
	ya = &s->vt[LK_SURNAME].v[sa];
	xb = &s->vt[LK_FORENAME].v[fb];
	yb = &s->vt[LK_SURNAME].v[sb];
	if (xa->s[0] != yb->s[0] || xb->s[0] != ya->s[0])
		return 0;
	return cross_agree(xa, yb) && cross_agree(xb, ya);
}

/*
 * The levels of the two names of a pair: each on its own, or both
 * "swapped" when neither agrees well straight and they agree crossed.
 */
static void
name_levels(const struct lk_set *s, size_t a, size_t b, int *lf, int *ls)
{
	*lf = level(s, LK_FORENAME, LK_V(s, a, LK_FORENAME),
	    LK_V(s, b, LK_FORENAME));
	*ls = level(s, LK_SURNAME, LK_V(s, a, LK_SURNAME),
	    LK_V(s, b, LK_SURNAME));
	if (*lf < LK_FN_JW92 && *ls < LK_SN_JW92 && *lf != LK_NULL &&
	    *ls != LK_NULL && names_swapped(s, a, b)) {
		*lf = LK_FN_SWAP;
		*ls = LK_SN_SWAP;
	}
}

/* The level of every field of the pair a, b. */
static void
pair_levels(const struct lk_set *s, size_t a, size_t b, int lv[LK_NFIELDS])
{
	int f;

	name_levels(s, a, b, &lv[LK_FORENAME], &lv[LK_SURNAME]);
	for (f = 0; f < LK_NFIELDS; f++)
		if (f != LK_FORENAME && f != LK_SURNAME)
			lv[f] = level(s, f, LK_V(s, a, f), LK_V(s, b, f));
}

double
lk_probability(double w)
{
	return 1.0 / (1.0 + exp2(-w));
}

double
lk_weight_of(double p)
{
	return log2(p / (1.0 - p));
}

double
lk_score(const struct lk_model *mo, const struct lk_set *s, size_t a,
    size_t b, struct lk_score *sc)
{
	double t = mo->prior, w;
	int f, l, lv[LK_NFIELDS];

	pair_levels(s, a, b, lv);
	for (f = 0; f < LK_NFIELDS; f++) {
		uint32_t x = LK_V(s, a, f);

		l = lv[f];
		w = field_weight(mo, s, f, l, x);
		t += w;
		if (sc) {
			sc->w[f] = w;
			sc->level[f] = (signed char)l;
		}
	}
	if (sc)
		sc->total = t;
	return t;
}

/*
 * The total of a pair when it is at least min_w; otherwise some bound
 * below min_w, found without comparing every name when the cheap fields
 * already rule the pair out.
 */
static double
score_pruned(const struct lk_model *mo, const struct lk_set *s, size_t a,
    size_t b, double min_w)
{
	static const unsigned dear = BIT(LK_FORENAME) | BIT(LK_SURNAME) |
	    BIT(LK_ADDRESS) | BIT(LK_TOWN) | BIT(LK_POSTCODE) | BIT(LK_EMAIL);
	double t = mo->prior, rest = 0;
	unsigned later = 0, done = 0;
	int f, lf, ls;

	if (names_swapped(s, a, b)) {
		name_levels(s, a, b, &lf, &ls);
		t += field_weight(mo, s, LK_FORENAME, lf, LK_V(s, a,
		    LK_FORENAME)) + field_weight(mo, s, LK_SURNAME, ls,
		    LK_V(s, a, LK_SURNAME));
		done = BIT(LK_FORENAME) | BIT(LK_SURNAME);
	}
	for (f = 0; f < LK_NFIELDS; f++) {
		uint32_t x = LK_V(s, a, f), y = LK_V(s, b, f);

		if (x == 0 || y == 0 || (done & BIT(f)))
			continue;
		if (x == y && f != LK_DOB)
			t += field_weight(mo, s, f, nlevels[f] - 1, x);
		else if (dear & BIT(f)) {
			later |= BIT(f);
			rest += mo->wmax[f];
		} else
			t += mo->w[f][level(s, f, x, y)];
	}
	if (t + rest < min_w)
		return t + rest;
	for (f = 0; later && f < LK_NFIELDS; f++) {
		if (!(later & BIT(f)))
			continue;
		rest -= mo->wmax[f];
		t += mo->w[f][level(s, f, LK_V(s, a, f), LK_V(s, b, f))];
		if (t + rest < min_w)
			return t + rest;
	}
	return t;
}

double
lk_pair_weight(const struct lk_model *mo, const struct lk_set *s, size_t a,
    size_t b)
{
	return score_pruned(mo, s, a, b, -HUGE_VAL);
}

size_t
lk_basis(const struct lk_score *sc, char *buf, size_t sz)
{
	size_t k = 0;
	int f, n;

	if (sz == 0)
		return 0;
	buf[0] = '\0';
	for (f = 0; f < LK_NFIELDS; f++) {
		if (sc->level[f] == LK_NULL || sc->level[f] == 0)
			continue;
		n = snprintf(buf + k, sz - k, "%s%s:%s", k ? "+" : "",
		    lk_field_names[f], lk_level_name((enum lk_field)f,
		    sc->level[f]));
		if (n < 0 || (size_t)n >= sz - k) {
			buf[k] = '\0';
			return k;
		}
		k += (size_t)n;
	}
	if (k == 0)
		k = (size_t)snprintf(buf, sz, "none");
	return k < sz ? k : sz - 1;
}

/* Blocking. */

/*
 * The rules, in a fixed order (a persons database keeps their keys: new
 * rules go at the end).  Any one shared key makes a pair a candidate, so
 * that one field missing or damaged loses no pair that another key
 * finds: single high-cardinality fields (identifiers, phone, email,
 * postcode), names with a date, names crossed (R_NAMES: the unordered
 * pair of the two names' sound codes, which survives forename and
 * surname swapped), and place with a name's sound.
 */
enum {
	R_PNC, R_DOB, R_SNPH_FI, R_FN_SI, R_FNPH_YM, R_SNPH_Y, R_PC_FI,
	R_ADDR_SI, R_PHONE, R_EMAIL, R_CRO, R_NINO, R_OTHER_ID, R_PC,
	R_NAMES, R_TOWN_SNPH, R_TOWN_FNPH, R_NAMES_PRE, NRULES
};

/* Fields each rule's key is made of: left out of its EM session. */
static const unsigned rule_fixed[NRULES] = {
	BIT(LK_PNC), BIT(LK_DOB), BIT(LK_SURNAME) | BIT(LK_FORENAME),
	BIT(LK_SURNAME) | BIT(LK_FORENAME), BIT(LK_FORENAME) | BIT(LK_DOB),
	BIT(LK_SURNAME) | BIT(LK_DOB),
	BIT(LK_POSTCODE) | BIT(LK_FORENAME) | BIT(LK_ADDRESS),
	BIT(LK_ADDRESS) | BIT(LK_SURNAME) | BIT(LK_POSTCODE),
	BIT(LK_PHONE), BIT(LK_EMAIL), BIT(LK_CRO), BIT(LK_NINO),
	BIT(LK_OTHER_ID), BIT(LK_POSTCODE), BIT(LK_FORENAME) | BIT(LK_SURNAME),
	BIT(LK_TOWN) | BIT(LK_SURNAME), BIT(LK_TOWN) | BIT(LK_FORENAME),
	BIT(LK_FORENAME) | BIT(LK_SURNAME),
};
/* Rules whose pairs train m: each leaves the others' fields free. */
static const int rule_em[NRULES] = { 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0 };
_Static_assert(NRULES == LK_NRULES, "LK_NRULES is the number of rules");

#define WINDOW 6
#define BLOCK_MAX (2 * WINDOW + 1)	/* larger blocks: sorted window */
#define EM_BLOCK_MAX 1000	/* EM: larger blocks left out */
#define KEY_BIG 0x80000000u

static uint32_t
mix(int r, uint64_t a, uint64_t b)
{
	uint64_t h = (uint64_t)(r + 1) * 0x9e3779b97f4a7c15ULL ^
	    a * 0xc2b2ae3d27d4eb4fULL ^ (b + 0x51) * 0x165667b19e3779f9ULL;

	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 29;
	h = (h ^ (h >> 32)) & 0x7fffffff;
	return h ? (uint32_t)h : 1;
}

static const struct lk_val *
val(const struct lk_set *s, size_t i, int f)
{
	uint32_t id = LK_V(s, i, f);

	return id ? &s->vt[f].v[id] : NULL;
}

/* The one field of the single-field rules. */
static const int rule_field[NRULES] = {
	[R_PNC] = LK_PNC, [R_DOB] = LK_DOB, [R_PHONE] = LK_PHONE,
	[R_EMAIL] = LK_EMAIL, [R_CRO] = LK_CRO, [R_NINO] = LK_NINO,
	[R_OTHER_ID] = LK_OTHER_ID, [R_PC] = LK_POSTCODE,
};

static uint64_t stable_key(int r, const char *s, size_t n, uint64_t x);

/*
 * R_NAMES_PRE's key: the first three characters of each name, the two
 * in sorted order, so that names written in each other's place, or with
 * a slip after their third letter, share it.
 */
static uint64_t
names_pre_key(const struct lk_val *fn, const struct lk_val *sn)
{
	char buf[64];
	size_t a, b, n;
	const char *x, *y;

	if (!sn || !fn || is_initial(fn))
		return 0;
	a = prefix_len(fn, 3);
	b = prefix_len(sn, 3);
	x = fn->s;
	y = sn->s;
	if (memcmp(x, y, a < b ? a : b) > 0 || (memcmp(x, y, a < b ? a : b)
	    == 0 && a > b)) {
		const char *t = x;
		size_t k = a;

		x = y;
		y = t;
		a = b;
		b = k;
	}
	memcpy(buf, x, a);
	buf[a] = ' ';
	memcpy(buf + a + 1, y, b);
	n = a + 1 + b;
	return stable_key(R_NAMES_PRE, buf, n, 0);
}

/* Record i's key under rule r, 0 when it has none. */
static uint32_t
rule_key(const struct lk_set *s, int r, size_t i)
{
	const struct lk_val *fn = val(s, i, LK_FORENAME),
	    *sn = val(s, i, LK_SURNAME), *dob = val(s, i, LK_DOB), *v;

	switch (r) {
	case R_PNC:
	case R_DOB:
	case R_PHONE:
	case R_EMAIL:
	case R_CRO:
	case R_NINO:
	case R_OTHER_ID:
	case R_PC: {
		uint32_t id = LK_V(s, i, rule_field[r]);

		return id ? mix(r, id, 0) : 0;
	}
	case R_NAMES: {
		uint32_t x, y;

		if (!sn || !fn || !sn->aux || !fn->aux || is_initial(fn))
			return 0;
		x = fn->aux < sn->aux ? fn->aux : sn->aux;
		y = fn->aux < sn->aux ? sn->aux : fn->aux;
		return mix(r, x, y);
	}
	case R_TOWN_SNPH:
		v = val(s, i, LK_TOWN);
		return v && sn && sn->aux ? mix(r, LK_V(s, i, LK_TOWN),
		    sn->aux) : 0;
	case R_TOWN_FNPH:
		v = val(s, i, LK_TOWN);
		return v && fn && fn->aux && !is_initial(fn) ? mix(r,
		    LK_V(s, i, LK_TOWN), fn->aux) : 0;
	case R_NAMES_PRE: {
		uint64_t k = names_pre_key(fn, sn);

		return k ? mix(r, k, k >> 32) : 0;
	}
	case R_SNPH_FI:
		return sn && fn && sn->aux ? mix(r, sn->aux,
		    first_cp(fn)) : 0;
	case R_FN_SI:
		return sn && fn && !is_initial(fn) ? mix(r, LK_V(s, i,
		    LK_FORENAME), first_cp(sn)) : 0;
	case R_FNPH_YM:
		return fn && dob && fn->aux && !is_initial(fn) ? mix(r,
		    fn->aux, dob->aux / 100) : 0;
	case R_SNPH_Y:
		return sn && dob && sn->aux ? mix(r, sn->aux,
		    dob->aux / 10000) : 0;
	case R_PC_FI:
		v = val(s, i, LK_POSTCODE);
		return v && fn ? mix(r, LK_V(s, i, LK_POSTCODE),
		    first_cp(fn)) : 0;
	case R_ADDR_SI:
		v = val(s, i, LK_ADDRESS);
		return v && sn ? mix(r, LK_V(s, i, LK_ADDRESS),
		    first_cp(sn)) : 0;
	default:
		return 0;
	}
}

static uint64_t window_key(const struct lk_set *s, size_t i);

/* FNV-1a over n bytes, continuing from h. */
static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= c[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* A key from rule r, a text and a number, the same in every set. */
static uint64_t
stable_key(int r, const char *s, size_t n, uint64_t x)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	unsigned char rb = (unsigned char)r;

	h = fnv(h, &rb, 1);
	h = fnv(h, s, n);
	h = fnv(h, "\x1f", 1);
	h = fnv(h, &x, sizeof x);
	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 29;
	h &= 0x7fffffffffffffffULL;
	return h ? h : 1;
}

static const struct lk_val *
phon(const struct lk_set *s, const struct lk_val *v)
{
	return &s->phon.v[v->aux];
}

int
lk_rule_strong(int r)
{
	return r == R_PNC || r == R_PHONE || r == R_EMAIL || r == R_CRO ||
	    r == R_NINO || r == R_OTHER_ID;
}

/* R_NAMES's stable key: the two sound codes in sorted order. */
static uint64_t
names_key(const struct lk_set *s, const struct lk_val *fn,
    const struct lk_val *sn)
{
	const struct lk_val *a, *b;
	char buf[2 * STRSIM_PHON_MAX + 2];
	size_t n;

	if (!sn || !fn || !sn->aux || !fn->aux || fn->len <= 1)
		return 0;
	a = phon(s, fn);
	b = phon(s, sn);
	if (a->len > b->len || (a->len == b->len && memcmp(a->s, b->s,
	    a->len) > 0)) {
		const struct lk_val *t = a;

		a = b;
		b = t;
	}
	if (a->len + b->len + 1 > sizeof buf)
		return 0;
	memcpy(buf, a->s, a->len);
	buf[a->len] = ' ';
	memcpy(buf + a->len + 1, b->s, b->len);
	n = a->len + 1 + b->len;
	return stable_key(R_NAMES, buf, n, 0);
}

void
lk_block_keys(const struct lk_set *s, size_t i, uint64_t keys[LK_NRULES],
    uint64_t *wkey)
{
	const struct lk_val *fn = val(s, i, LK_FORENAME),
	    *sn = val(s, i, LK_SURNAME), *dob = val(s, i, LK_DOB), *v;
	int r;

	for (r = 0; r < LK_NRULES; r++) {
		uint64_t k = 0;

		/* The same conditions as rule_key(). */
		switch (r) {
		case R_PNC:
		case R_DOB:
		case R_PHONE:
		case R_EMAIL:
		case R_CRO:
		case R_NINO:
		case R_OTHER_ID:
		case R_PC:
			v = val(s, i, rule_field[r]);
			if (v)
				k = stable_key(r, v->s, v->len, 0);
			break;
		case R_NAMES:
			k = names_key(s, fn, sn);
			break;
		case R_TOWN_SNPH:
			v = val(s, i, LK_TOWN);
			if (v && sn && sn->aux)
				k = stable_key(r, v->s, v->len, fnv(
				    0xcbf29ce484222325ULL, phon(s, sn)->s,
				    phon(s, sn)->len));
			break;
		case R_TOWN_FNPH:
			v = val(s, i, LK_TOWN);
			if (v && fn && fn->aux && !is_initial(fn))
				k = stable_key(r, v->s, v->len, fnv(
				    0xcbf29ce484222325ULL, phon(s, fn)->s,
				    phon(s, fn)->len));
			break;
		case R_NAMES_PRE:
			k = names_pre_key(fn, sn);
			break;
		case R_SNPH_FI:
			if (sn && fn && sn->aux)
				k = stable_key(r, phon(s, sn)->s,
				    phon(s, sn)->len, (unsigned char)fn->s[0]);
			break;
		case R_FN_SI:
			if (sn && fn && fn->len > 1)
				k = stable_key(r, fn->s, fn->len,
				    (unsigned char)sn->s[0]);
			break;
		case R_FNPH_YM:
			if (fn && dob && fn->aux && fn->len > 1)
				k = stable_key(r, phon(s, fn)->s,
				    phon(s, fn)->len, dob->aux / 100);
			break;
		case R_SNPH_Y:
			if (sn && dob && sn->aux)
				k = stable_key(r, phon(s, sn)->s,
				    phon(s, sn)->len, dob->aux / 10000);
			break;
		case R_PC_FI:
			v = val(s, i, LK_POSTCODE);
			if (v && fn)
				k = stable_key(r, v->s, v->len,
				    (unsigned char)fn->s[0]);
			break;
		case R_ADDR_SI:
			v = val(s, i, LK_ADDRESS);
			if (v && sn)
				k = stable_key(r, v->s, v->len,
				    (unsigned char)sn->s[0]);
			break;
		default:
			break;
		}
		keys[r] = k;
	}
	if (wkey)
		*wkey = window_key(s, i);
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Sorts a[0..n-1] ascending: a radix sort, 16 bits a pass, a pass whose
 * digit is the same in every value skipped.
 */
static void
sort_u64(uint64_t *a, size_t n)
{
	uint64_t *tmp, *src = a, *dst;
	size_t *cnt, i, sum;
	int sh;

	if (n < 256) {
		qsort(a, n, sizeof *a, cmp_u64);
		return;
	}
	tmp = xreallocarray(NULL, n, sizeof *tmp);
	cnt = xreallocarray(NULL, 65536, sizeof *cnt);
	dst = tmp;
	for (sh = 0; sh < 64; sh += 16) {
		memset(cnt, 0, 65536 * sizeof *cnt);
		for (i = 0; i < n; i++)
			cnt[src[i] >> sh & 0xffff]++;
		if (cnt[src[0] >> sh & 0xffff] == n)
			continue;
		for (i = 0, sum = 0; i < 65536; i++) {
			size_t c = cnt[i];

			cnt[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[cnt[src[i] >> sh & 0xffff]++] = src[i];
		dst = src;
		src = src == a ? tmp : a;
	}
	if (src != a)
		memcpy(a, src, n * sizeof *a);
	free(tmp);
	free(cnt);
}

/* Sorted (key << 32 | record) of rule r, records without a key left out. */
static uint64_t *
rule_sorted(const struct lk_set *s, const uint32_t *keys, int r, size_t *n)
{
	uint64_t *a = xreallocarray(NULL, s->n ? s->n : 1, sizeof *a);
	size_t i, k = 0;

	for (i = 0; i < s->n; i++) {
		uint32_t key = keys ? keys[i * NRULES + (size_t)r] :
		    rule_key(s, r, i);

		if (key)
			a[k++] = (uint64_t)key << 32 | i;
	}
	sort_u64(a, k);
	*n = k;
	return a;
}

/* Order inside a large block: surname, then forename, first letters. */
static uint64_t
window_key(const struct lk_set *s, size_t i)
{
	const struct lk_val *sn = val(s, i, LK_SURNAME),
	    *fn = val(s, i, LK_FORENAME);
	uint64_t k = 0;
	uint32_t j;

	for (j = 0; j < 5; j++)
		k = k << 8 | (sn && j < sn->len ? (unsigned char)sn->s[j] : 0);
	for (j = 0; j < 3; j++)
		k = k << 8 | (fn && j < fn->len ? (unsigned char)fn->s[j] : 0);
	return k;
}

struct kv {
	uint64_t k;
	uint32_t i;
};

static int
cmp_kv(const void *a, const void *b)
{
	const struct kv *x = a, *y = b;

	if (x->k != y->k)
		return x->k < y->k ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Pattern counts for EM: level + 1 (0 = missing) in 3 bits per field. */
struct ptab {
	uint64_t *key;
	double *cnt;
	size_t cap, n;
};

static void
ptab_init(struct ptab *t)
{
	t->cap = 1024;
	t->n = 0;
	t->key = xcalloc(t->cap, sizeof *t->key);
	t->cnt = xcalloc(t->cap, sizeof *t->cnt);
}

static void
ptab_free(struct ptab *t)
{
	free(t->key);
	free(t->cnt);
}

static void ptab_add(struct ptab *t, uint64_t p, double c);

static void
ptab_grow(struct ptab *t)
{
	struct ptab o = *t;
	size_t i;

	t->cap *= 2;
	t->n = 0;
	t->key = xcalloc(t->cap, sizeof *t->key);
	t->cnt = xcalloc(t->cap, sizeof *t->cnt);
	for (i = 0; i < o.cap; i++)
		if (o.key[i])
			ptab_add(t, o.key[i], o.cnt[i]);
	ptab_free(&o);
}

/* p is never 0: the pattern is stored with its top bit set. */
static void
ptab_add(struct ptab *t, uint64_t p, double c)
{
	size_t h;

	p |= 1ULL << 63;
	if (t->n * 2 >= t->cap)
		ptab_grow(t);
	h = (size_t)((p * 0x9e3779b97f4a7c15ULL) >> 32) & (t->cap - 1);
	while (t->key[h] && t->key[h] != p)
		h = (h + 1) & (t->cap - 1);
	if (!t->key[h]) {
		t->key[h] = p;
		t->n++;
	}
	t->cnt[h] += c;
}

static uint64_t
pattern(const struct lk_set *s, size_t a, size_t b)
{
	uint64_t p = 0;
	int f, lv[LK_NFIELDS];

	pair_levels(s, a, b, lv);
	for (f = 0; f < LK_NFIELDS; f++)
		p |= (uint64_t)(lv[f] + 1) << (3 * f);
	return p;
}

enum { PASS_EM, PASS_SCORE };

struct pass {
	const struct lk_set *s;
	const struct lk_model *mo;
	const uint64_t *wk;		/* window_key() of each record */
	uint32_t *keys;			/* n x NRULES: record i's keys
					   at i * NRULES */
	int r, mode;
	const uint64_t *arr;
	const size_t *bstart;		/* block starts, nblocks + 1 */
	size_t nblocks;
	double min_w;
	uint32_t sample;		/* EM: blocks kept out of 65536 */
};

struct worker {
	struct pass *p;
	size_t b0, b1;
	struct lk_pair *out;
	size_t nout, cap;
	unsigned long long compared;
	struct ptab pt;
	struct kv *tmp;
	size_t tmpcap;
};

static void
visit(struct worker *w, uint32_t a, uint32_t b)
{
	const struct pass *p = w->p;
	const uint32_t *ka_row, *kb_row;
	double sc;
	int k;

	if (p->mode == PASS_EM) {
		ptab_add(&w->pt, pattern(p->s, a, b), 1.0);
		return;
	}
	if (a < p->s->nfixed && b < p->s->nfixed)
		return;		/* both resolved already */
	/* A pair sharing an earlier rule's key (outside a windowed block)
	   was compared there: a record's keys are in one cache line. */
	ka_row = p->keys + (size_t)a * NRULES;
	kb_row = p->keys + (size_t)b * NRULES;
	for (k = 0; k < p->r; k++) {
		uint32_t ka = ka_row[k];

		if (ka && !(ka & KEY_BIG) && ka == kb_row[k])
			return;
	}
	/* The names' first letters find what their sounds did not: a pair
	   with the same sounds (in a window of theirs or not) is left to
	   R_NAMES, whose large blocks are windowed the same way. */
	if (p->r == R_NAMES_PRE && ka_row[R_NAMES] && ((ka_row[R_NAMES] ^
	    kb_row[R_NAMES]) & ~KEY_BIG) == 0)
		return;
	w->compared++;
	sc = score_pruned(p->mo, p->s, a, b, p->min_w);
	if (sc < p->min_w)
		return;
	if (w->nout == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 4096;
		w->out = xreallocarray(w->out, w->cap, sizeof *w->out);
	}
	w->out[w->nout].a = a < b ? a : b;
	w->out[w->nout].b = a < b ? b : a;
	w->out[w->nout].w = (float)sc;
	w->nout++;
}

#ifdef __GNUC__
#define PREFETCH(a) __builtin_prefetch(a)
#else
#define PREFETCH(a) ((void)(a))
#endif
#define PF_AHEAD 4		/* blocks of two or more read ahead */

/*
 * Asks for the records of block bl (their fields and keys) before they
 * are compared: a rule's blocks hold records from all over the set, and
 * fetching each from memory is most of a small block's cost.
 */
static void
prefetch_block(const struct pass *p, size_t bl)
{
	size_t i, hi = p->bstart[bl + 1];

	if (hi - p->bstart[bl] > 2 * WINDOW)
		hi = p->bstart[bl] + 2 * WINDOW;
	for (i = p->bstart[bl]; i < hi; i++) {
		size_t rec = (uint32_t)p->arr[i];

		PREFETCH(&p->s->rec[rec * LK_NFIELDS]);
		PREFETCH(&p->s->rec[rec * LK_NFIELDS + LK_NFIELDS - 1]);
		PREFETCH(&p->keys[rec * NRULES]);
	}
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	const struct pass *p = w->p;
	size_t bl, lo, hi, i, j, sz, nf = p->s->nfixed, ahead = w->b0;
	int inflight = 0;

	for (bl = w->b0; bl < w->b1; bl++) {
		lo = p->bstart[bl];
		hi = p->bstart[bl + 1];
		sz = hi - lo;
		if (p->mode == PASS_SCORE) {
			if (sz >= 2 && bl < ahead)
				inflight--;
			if (ahead <= bl) {
				ahead = bl + 1;
				inflight = 0;
			}
			for (; ahead < w->b1 && inflight < PF_AHEAD; ahead++)
				if (p->bstart[ahead + 1] - p->bstart[ahead] >= 2) {
					prefetch_block(p, ahead);
					inflight++;
				}
		}
		if (sz < 2)
			continue;
		if (p->mode == PASS_EM && (sz > EM_BLOCK_MAX ||
		    (p->sample < 65536 && ((p->arr[lo] >> 32) * 2654435761u &
		    0xffff) >= p->sample)))
			continue;
		/*
		 * Records are in ascending order within a block: a block
		 * whose last record is resolved holds no new record, and
		 * two resolved records are never compared again (visit()).
		 */
		if (p->mode == PASS_SCORE && nf > 0 &&
		    (uint32_t)p->arr[hi - 1] < nf)
			continue;
		if (sz <= BLOCK_MAX || p->mode == PASS_EM) {
			for (i = lo; i < hi; i++)
				for (j = i + 1; j < hi; j++)
					visit(w, (uint32_t)p->arr[i],
					    (uint32_t)p->arr[j]);
			continue;
		}
		if (sz > w->tmpcap) {
			w->tmpcap = sz;
			w->tmp = xreallocarray(w->tmp, sz, sizeof *w->tmp);
		}
		for (i = 0; i < sz; i++) {
			uint32_t rec = (uint32_t)p->arr[lo + i];

			if (i + 8 < sz && p->mode == PASS_SCORE) {
				size_t q = (uint32_t)p->arr[lo + i + 8];

				PREFETCH(&p->wk[q]);
				PREFETCH(&p->keys[q * NRULES]);
				PREFETCH(&p->s->rec[q * LK_NFIELDS]);
				PREFETCH(&p->s->rec[q * LK_NFIELDS +
				    LK_NFIELDS - 1]);
			}
			w->tmp[i].i = rec;
			w->tmp[i].k = p->wk ? p->wk[rec] : window_key(p->s,
			    rec);
			if (p->mode == PASS_SCORE)
				p->keys[(size_t)rec * NRULES + (size_t)p->r] |= KEY_BIG;
		}
		qsort(w->tmp, sz, sizeof *w->tmp, cmp_kv);
		for (i = 0; i < sz; i++)
			for (j = i + 1; j < sz && j <= i + WINDOW; j++)
				visit(w, w->tmp[i].i, w->tmp[j].i);
	}
	return NULL;
}

/*
 * Pairs visited in a block of sz records.  EM sees every pair of a block
 * (a window of neighbours by name would be full of non-matches that
 * agree on names, which EM would take for matches), blocks of more than
 * EM_BLOCK_MAX records left out.
 */
static double
block_cost(size_t sz, int mode)
{
	if (mode == PASS_EM)
		return sz <= EM_BLOCK_MAX ? (double)sz * (sz - 1) / 2 : 0;
	return sz <= BLOCK_MAX ? (double)sz * (sz - 1) / 2 :
	    (double)sz * WINDOW;
}

static int
nthreads(int want)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (want > 0)
		return want;
	if (n < 1)
		n = 1;
	return n > 8 ? 8 : (int)n;
}

/*
 * Runs one rule's pass over its blocks in nt threads.  Returns the
 * workers (nt of them) for the caller to collect and free.
 */
static struct worker *
run_rule(struct pass *p, int nt, double *cost_out)
{
	struct worker *w = xcalloc((size_t)nt, sizeof *w);
	struct task *th = xcalloc((size_t)nt, sizeof *th);
	double total = 0, acc = 0;
	size_t bl, cut;
	int t;

	for (bl = 0; bl < p->nblocks; bl++)
		total += block_cost(p->bstart[bl + 1] - p->bstart[bl],
		    p->mode);
	if (cost_out)
		*cost_out = total;
	if (p->mode == PASS_EM) {
		double cap = 1e6;

		p->sample = total > cap ? (uint32_t)(65536 * cap / total) :
		    65536;
		if (p->sample == 0)
			p->sample = 1;
	}
	for (t = 0, bl = 0; t < nt; t++) {
		w[t].p = p;
		w[t].b0 = bl;
		if (t == nt - 1)
			cut = p->nblocks;
		else {
			double goal = total * (t + 1) / nt;

			for (cut = bl; cut < p->nblocks && acc < goal; cut++)
				acc += block_cost(p->bstart[cut + 1] -
				    p->bstart[cut], p->mode);
		}
		w[t].b1 = cut;
		bl = cut;
		if (p->mode == PASS_EM)
			ptab_init(&w[t].pt);
	}
	/* The first share here; a thread that cannot start: its share
	   here too. */
	for (t = 1; t < nt; t++)
		task_start(&th[t], work, &w[t]);
	work(&w[0]);
	for (t = 1; t < nt; t++)
		task_wait(&th[t]);
	free(th);
	return w;
}

/* Fills p's block table for rule r; arr as from rule_sorted(). */
static size_t *
blocks_of(const uint64_t *arr, size_t n, size_t *nblocks)
{
	size_t *b = xreallocarray(NULL, n + 1, sizeof *b), k = 0, i;

	for (i = 0; i < n; i++)
		if (i == 0 || arr[i] >> 32 != arr[i - 1] >> 32)
			b[k++] = i;
	b[k] = n;
	*nblocks = k;
	return b;
}

static uint32_t *
all_keys(const struct lk_set *s)
{
	void *m;
	uint32_t *k;
	size_t i;
	int r;

	/* A record's keys in a row of their own (visit() reads them all). */
	if (posix_memalign(&m, 64, (size_t)NRULES * (s->n ? s->n : 1) *
	    sizeof *k) != 0)
		diag_nomem();
	k = m;

	for (i = 0; i < s->n; i++)
		for (r = 0; r < NRULES; r++)
			k[i * NRULES + (size_t)r] = (s->given && i < s->nfixed) ||
			    (s->known && s->known[i]) ? 0 : rule_key(s, r, i);
	return k;
}

/* The pairs of lk_set_cand() at or above min_w, appended to *out. */
static void
score_given(const struct lk_set *s, const struct lk_model *mo, double min_w,
    struct lk_pair **out, size_t *nout, size_t *cap, unsigned char *hit)
{
	size_t i;

	for (i = 0; i < s->ncand; i++) {
		uint32_t a = s->cand[i][0], b = s->cand[i][1];
		double sc = score_pruned(mo, s, a, b, min_w);

		hit[a] = hit[b] = 1;
		if (sc < min_w)
			continue;
		if (*nout == *cap) {
			*cap = *cap ? *cap * 2 : 4096;
			*out = xreallocarray(*out, *cap, sizeof **out);
		}
		(*out)[*nout].a = a;
		(*out)[*nout].b = b;
		(*out)[(*nout)++].w = (float)sc;
	}
}

static int
cmp_pair_ab(const void *x, const void *y)
{
	const struct lk_pair *a = x, *b = y;

	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct lk_pair *
lk_pairs(const struct lk_set *s, const struct lk_model *mo, double min_w,
    size_t *n, struct lk_stats *st, void (*progress)(double, void *),
    void *ctx)
{
	struct pass p;
	struct worker *w;
	struct lk_pair *out = NULL;
	size_t nout = 0, cap = 0, narr, i, k;
	int r, t, nt = nthreads(0);
	double t0 = now();
	unsigned long long compared = 0, reached = 0;
	unsigned char *hit = xcalloc(s->n ? s->n : 1, 1);
	uint64_t *wk;

	memset(&p, 0, sizeof p);
	p.s = s;
	p.mo = mo;
	p.mode = PASS_SCORE;
	p.min_w = min_w;
	p.keys = all_keys(s);
	wk = xreallocarray(NULL, s->n ? s->n : 1, sizeof *wk);
	for (i = 0; i < s->n; i++)
		wk[i] = window_key(s, i);
	p.wk = wk;
	for (r = 0; r < NRULES; r++) {
		uint64_t *arr = rule_sorted(s, p.keys, r, &narr);
		size_t *bs = blocks_of(arr, narr, &p.nblocks);

		p.r = r;
		p.arr = arr;
		p.bstart = bs;
		for (i = 0; i < p.nblocks; i++)
			if (bs[i + 1] - bs[i] > 1)
				for (k = bs[i]; k < bs[i + 1]; k++)
					hit[(uint32_t)arr[k]] = 1;
		w = run_rule(&p, nt, NULL);
		for (t = 0; t < nt; t++) {
			if (nout + w[t].nout > cap) {
				cap = (nout + w[t].nout) * 2;
				out = xreallocarray(out, cap, sizeof *out);
			}
			if (w[t].nout)
				memcpy(out + nout, w[t].out,
				    w[t].nout * sizeof *out);
			nout += w[t].nout;
			compared += w[t].compared;
			free(w[t].out);
			free(w[t].tmp);
		}
		free(w);
		free(bs);
		free(arr);
		if (progress)
			progress((double)(r + 1) / NRULES, ctx);
	}
	free(p.keys);
	free(wk);
	score_given(s, mo, min_w, &out, &nout, &cap, hit);
	compared += s->ncand;
	for (i = 0; i < s->n; i++)
		reached += hit[i];
	free(hit);
	if (nout)
		qsort(out, nout, sizeof *out, cmp_pair_ab);
	for (i = 0, k = 0; i < nout; i++)
		if (k == 0 || out[i].a != out[k - 1].a ||
		    out[i].b != out[k - 1].b)
			out[k++] = out[i];
	*n = k;
	if (st) {
		st->compared = compared;
		st->kept = k;
		st->reached = reached;
		st->seconds = now() - t0;
	}
	return out;
}

/* Estimation. */

static uint64_t
rnd(uint64_t *x)
{
	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return *x * 0x2545f4914f6cdd1dULL;
}

#define U_PRIOR 200.0		/* weight of the default u, in pairs */

/* A share of the random pairs of estimate_u(): from the generator's
   state x, samples pairs; each field's levels counted. */
struct usample {
	const struct lk_set *s;
	uint64_t x;
	unsigned long samples;
	double cnt[LK_NFIELDS][LK_NLEVELS];
};

static void *
u_work(void *arg)
{
	struct usample *u = arg;
	const struct lk_set *s = u->s;
	size_t n = s->n, a, b;
	unsigned long i;
	int f, l;

	for (i = 0; i < u->samples; i++) {
		a = (size_t)(rnd(&u->x) % n);
		b = (size_t)(rnd(&u->x) % (n - 1));
		if (b >= a)
			b++;
		for (f = 0; f < LK_NFIELDS; f++) {
			l = level(s, f, LK_V(s, a, f), LK_V(s, b, f));
			if (l != LK_NULL)
				u->cnt[f][l]++;
		}
	}
	return NULL;
}

/*
 * The levels of samples random pairs (the generator's sequence from x),
 * counted into cnt, in nt threads: each takes its share of the sequence,
 * so that the counts are the same in any number of threads.
 */
static void
u_samples(const struct lk_set *s, uint64_t x, unsigned long samples, int nt,
    double cnt[LK_NFIELDS][LK_NLEVELS])
{
	struct usample *u = xcalloc((size_t)nt, sizeof *u);
	struct task *th = xcalloc((size_t)nt, sizeof *th);
	unsigned long k;
	int t, f, l;

	for (t = 0; t < nt; t++) {
		u[t].s = s;
		u[t].x = x;
		u[t].samples = samples / (unsigned long)nt +
		    ((unsigned long)t < samples % (unsigned long)nt);
		for (k = 0; k < 2 * u[t].samples; k++)
			rnd(&x);	/* the next share's start */
	}
	for (t = 1; t < nt; t++)
		task_start(&th[t], u_work, &u[t]);
	u_work(&u[0]);
	for (t = 0; t < nt; t++) {
		task_wait(&th[t]);
		for (f = 0; f < LK_NFIELDS; f++)
			for (l = 0; l < LK_NLEVELS; l++)
				cnt[f][l] += u[t].cnt[f][l];
	}
	free(u);
	free(th);
}

/* u from value frequencies (exact levels) and random pairs (others). */
static void
estimate_u(struct lk_model *mo, const struct lk_set *s, unsigned long
    samples, uint64_t seed, int nt)
{
	double cnt[LK_NFIELDS][LK_NLEVELS];
	uint64_t x = seed ? seed * 0x9e3779b97f4a7c15ULL : 88172645463325252ULL;
	size_t n = s->n, a, b, i;
	double allpairs = (double)n * (n - 1) / 2;
	int f, l;

	memset(cnt, 0, sizeof cnt);
	if (n < 2)
		return;
	if (allpairs <= (double)samples) {
		for (a = 0; a < n; a++)
			for (b = a + 1; b < n; b++)
				for (f = 0; f < LK_NFIELDS; f++) {
					l = level(s, f, LK_V(s, a, f),
					    LK_V(s, b, f));
					if (l != LK_NULL)
						cnt[f][l]++;
				}
	} else
		u_samples(s, x, samples, nt, cnt);
	for (f = 0; f < LK_NFIELDS; f++) {
		int top = nlevels[f] - 1;
		double nn = (double)s->nonnull[f], same = 0, rest = 0, drest = 0;
		double seen;

		if (nn < 2)
			continue;
		for (i = 1; i < s->vt[f].n; i++) {
			double c = s->vt[f].v[i].count;

			same += c * (c - 1);
		}
		same /= nn * (nn - 1);
		if (same < 1e-7)
			same = 1e-7;
		for (l = 0; l < top; l++) {
			rest += cnt[f][l];
			drest += u_default[f][l];
		}
		mo->u[f][top] = same;
		for (l = 0; l < top; l++) {
			double d = u_default[f][l] / drest;

			mo->u[f][l] = (1 - same) * (cnt[f][l] + d) / (rest + 1);
		}
		/* Few pairs: lean on the defaults, as if U_PRIOR pairs had
		   been seen with them. */
		seen = nn * (nn - 1) / 2 < (double)samples ? nn * (nn - 1) / 2 :
		    (double)samples;
		for (l = 0; l <= top; l++) {
			mo->u[f][l] = (seen * mo->u[f][l] + U_PRIOR *
			    u_default[f][l]) / (seen + U_PRIOR);
			if (mo->u[f][l] < 1e-7)
				mo->u[f][l] = 1e-7;
		}
		mo->u_src[f] = LK_SRC_DATA;
	}
}

/*
 * u of the exact levels without the file's own duplicates: of the pairs
 * that share a value (from the value counts), the expected true matches
 * that agree exactly (prior_matches * m, scaled to the records that have
 * the field) are not chance agreement.  u only ever falls, and not below
 * half a pair in all the pairs of the field.
 */
static void
correct_u(struct lk_model *mo, const struct lk_set *s)
{
	double n = (double)s->n, M = mo->prior_matches;
	size_t i;
	int f;

	for (f = 0; f < LK_NFIELDS; f++) {
		int top = nlevels[f] - 1;
		double nn = (double)s->nonnull[f], same = 0, pairs, share, u,
		    lo;

		if (mo->u_src[f] != LK_SRC_DATA || nn < 2 || n < 2)
			continue;
		for (i = 1; i < s->vt[f].n; i++) {
			double c = s->vt[f].v[i].count;

			same += c * (c - 1) / 2;
		}
		pairs = nn * (nn - 1) / 2;
		share = nn / n;
		u = (same - M * share * share * mo->m[f][top]) /
		    (pairs - M * share * share);
		lo = 0.5 / pairs;
		if (u < lo)
			u = lo;
		if (u < mo->u[f][top]) {
			mo->u[f][0] += mo->u[f][top] - u;
			mo->u[f][top] = u;
		}
	}
}

/*
 * One EM session on pattern counts: m of the free fields and the share
 * of matches lambda, u fixed.  E gets the expected matching pairs per
 * field and level.
 */
static int
em_session(const struct lk_model *mo, const struct ptab *pt, unsigned fixed,
    int max_iter, double *lambda, double E[LK_NFIELDS][LK_NLEVELS])
{
	double m[LK_NFIELDS][LK_NLEVELS], lu[LK_NFIELDS][LK_NLEVELS];
	double lam = 0.1, tot = 0, M, post, lm, lw, d, change;
	size_t i;
	int f, l, it;

	memcpy(m, mo->m, sizeof m);
	for (f = 0; f < LK_NFIELDS; f++)
		for (l = 0; l < nlevels[f]; l++)
			lu[f][l] = log(mo->u[f][l]);
	for (i = 0; i < pt->cap; i++)
		tot += pt->key[i] ? pt->cnt[i] : 0;
	if (tot <= 0)
		return 0;
	for (it = 0; it < max_iter; it++) {
		memset(E, 0, sizeof(double) * LK_NFIELDS * LK_NLEVELS);
		M = 0;
		for (i = 0; i < pt->cap; i++) {
			uint64_t p = pt->key[i];

			if (!p)
				continue;
			lm = log(lam);
			lw = log(1 - lam);
			for (f = 0; f < LK_NFIELDS; f++) {
				l = (int)((p >> (3 * f)) & 7) - 1;
				if (l < 0 || (fixed & BIT(f)))
					continue;
				lm += log(m[f][l]);
				lw += lu[f][l];
			}
			d = lw - lm;
			post = d > 50 ? 0 : 1 / (1 + exp(d));
			post *= pt->cnt[i];
			M += post;
			for (f = 0; f < LK_NFIELDS; f++) {
				l = (int)((p >> (3 * f)) & 7) - 1;
				if (l >= 0 && !(fixed & BIT(f)))
					E[f][l] += post;
			}
		}
		change = fabs(M / tot - lam);
		lam = M / tot;
		if (lam < 1e-9)
			lam = 1e-9;
		if (lam > 1 - 1e-9)
			lam = 1 - 1e-9;
		for (f = 0; f < LK_NFIELDS; f++) {
			double sum = 0;

			if (fixed & BIT(f))
				continue;
			for (l = 0; l < nlevels[f]; l++)
				sum += E[f][l];
			if (sum <= 0)
				continue;
			for (l = 0; l < nlevels[f]; l++) {
				double nm = E[f][l] / sum;

				if (nm < 1e-6)
					nm = 1e-6;
				if (fabs(nm - m[f][l]) > change)
					change = fabs(nm - m[f][l]);
				m[f][l] = nm;
			}
		}
		if (change < 1e-6) {
			it++;
			break;
		}
	}
	*lambda = lam;
	return it;
}

void
lk_model_estimate(struct lk_model *mo, const struct lk_set *s,
    const struct lk_est_opts *opts)
{
	static const struct lk_est_opts def = LK_EST_OPTS_DEFAULT;
	double E[LK_NFIELDS][LK_NLEVELS], A[LK_NFIELDS][LK_NLEVELS];
	double lambda, cost, best = 0, allpairs, k;
	int guess;
	struct pass p;
	struct worker *w;
	struct ptab pt;
	size_t narr, i;
	int r, t, f, l, nt, it;

	if (!opts)
		opts = &def;
	nt = nthreads(opts->threads);
	/* Among few records, how often values repeat is mostly the file's
	   own duplicates: u stays the built-in one (a town's). */
	if (s->n >= PRIOR_RECORDS)
		estimate_u(mo, s, opts->u_samples, opts->seed, nt);
	memset(A, 0, sizeof A);
	memset(&p, 0, sizeof p);
	p.s = s;
	p.mo = mo;
	p.mode = PASS_EM;
	mo->em_iterations = 0;
	for (r = 0; r < NRULES; r++) {
		uint64_t *arr;
		size_t *bs;

		if (!rule_em[r])
			continue;
		arr = rule_sorted(s, NULL, r, &narr);
		bs = blocks_of(arr, narr, &p.nblocks);
		p.r = r;
		p.arr = arr;
		p.bstart = bs;
		w = run_rule(&p, nt, &cost);
		ptab_init(&pt);
		for (t = 0; t < nt; t++) {
			for (i = 0; i < w[t].pt.cap; i++)
				if (w[t].pt.key[i])
					ptab_add(&pt, w[t].pt.key[i] &
					    ~(1ULL << 63), w[t].pt.cnt[i]);
			ptab_free(&w[t].pt);
			free(w[t].tmp);
		}
		free(w);
		free(bs);
		free(arr);
		it = em_session(mo, &pt, rule_fixed[r], opts->max_iter,
		    &lambda, E);
		ptab_free(&pt);
		if (it == 0)
			continue;
		if (it > mo->em_iterations)
			mo->em_iterations = it;
		/* Scale sampled counts back to the whole rule. */
		k = p.sample < 65536 ? 65536.0 / p.sample : 1.0;
		for (f = 0; f < LK_NFIELDS; f++)
			if (!(rule_fixed[r] & BIT(f)))
				for (l = 0; l < nlevels[f]; l++)
					A[f][l] += E[f][l] * k;
		if (lambda * cost > best)
			best = lambda * cost;
	}
	for (f = 0; f < LK_NFIELDS; f++) {
		double sum = 0;

		for (l = 0; l < nlevels[f]; l++)
			sum += A[f][l];
		mo->m_pairs[f] = sum;
		if (sum < 1)
			continue;
		for (l = 0; l < nlevels[f]; l++) {
			double v = (A[f][l] + opts->strength * m_default[f][l]) /
			    (sum + opts->strength);

			mo->m[f][l] = v < 1e-4 ? 1e-4 : v;
		}
		mo->m_src[f] = LK_SRC_DATA;
	}
	allpairs = (double)s->n * (s->n > 0 ? s->n - 1 : 0) / 2;
	guess = best < 1;
	if (guess)
		best = s->n / 2.0 > 1 ? s->n / 2.0 : 1;
	if (allpairs > best) {
		mo->prior_matches = best;
		mo->prior = log2(best / (allpairs - best));
		correct_u(mo, s);
	}
	/*
	 * Matches guessed (none found) or counted among few records: two
	 * records are not taken to be likelier one person than two of a
	 * town's (the built-in prior), whatever the file's size.  (Half as
	 * many matches as records in a file of forty is odds of 1 in 40 a
	 * pair, enough to link two people on a common name alone.)
	 * prior_matches stays, for pdb_scale_prior().
	 */
	if ((guess || s->n < PRIOR_RECORDS) && mo->prior > PRIOR_TOWN)
		mo->prior = PRIOR_TOWN;
	lk_model_update(mo);
}

/* Finding the matches of one record. */

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int
cmp_pair_w(const void *x, const void *y)
{
	const struct lk_pair *a = x, *b = y;

	if (a->w != b->w)
		return a->w > b->w ? -1 : 1;
	return cmp_pair_ab(x, y);
}

#define FIND_MAX 50000		/* members of one block compared at most */
#define FIND_AHEAD 8		/* candidates' values fetched this far ahead */

struct lk_pair *
lk_find(const struct lk_set *cs, const struct lk_model *mo, size_t q,
    double min_w, size_t *n)
{
	struct lk_set *s = (struct lk_set *)cs;
	uint32_t *cand = NULL, key;
	size_t nc = 0, cc = 0, lo, hi, mid, i, k;
	struct lk_pair *out;
	double w;
	int r;

	for (r = 0; r < NRULES; r++) {
		if (!s->sorted[r])
			s->sorted[r] = rule_sorted(s, NULL, r, &s->nsorted[r]);
		key = rule_key(s, r, q);
		if (!key)
			continue;
		lo = 0;
		hi = s->nsorted[r];
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (s->sorted[r][mid] >> 32 < key)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (i = lo, k = 0; i < s->nsorted[r] &&
		    s->sorted[r][i] >> 32 == key && k < FIND_MAX; i++, k++) {
			uint32_t b = (uint32_t)s->sorted[r][i];

			if (b == q)
				continue;
			if (nc == cc) {
				cc = cc ? cc * 2 : 256;
				cand = xreallocarray(cand, cc, sizeof *cand);
			}
			cand[nc++] = b;
		}
	}
	if (nc)
		qsort(cand, nc, sizeof *cand, cmp_u32);
	out = xreallocarray(NULL, nc ? nc : 1, sizeof *out);
	for (i = 0, k = 0; i < nc; i++) {
		/* The candidates lie all over the set: each one's values
		   asked for some comparisons ahead. */
		if (i + FIND_AHEAD < nc)
			__builtin_prefetch(&LK_V(s, cand[i + FIND_AHEAD], 0));
		if (i > 0 && cand[i] == cand[i - 1])
			continue;
		w = score_pruned(mo, s, q, cand[i], min_w);
		if (w < min_w)
			continue;
		out[k].a = (uint32_t)q;
		out[k].b = cand[i];
		out[k].w = (float)w;
		k++;
	}
	free(cand);
	if (k)
		qsort(out, k, sizeof *out, cmp_pair_w);
	*n = k;
	return out;
}

/* Clustering. */

static uint32_t
uf_find(uint32_t *par, uint32_t x)
{
	while (par[x] != x) {
		par[x] = par[par[x]];
		x = par[x];
	}
	return x;
}

/* Sum of the fields' contributions against a pair. */
static double
against(const struct lk_model *mo, const struct lk_set *s, size_t a,
    size_t b)
{
	struct lk_score sc;
	double neg = 0;
	int f;

	lk_score(mo, s, a, b, &sc);
	for (f = 0; f < LK_NFIELDS; f++)
		if (sc.w[f] < 0)
			neg += sc.w[f];
	return neg;
}

#define GUARD_SIDE 32
#define VETO 20.0		/* a pair this far below the cut: apart */

/*
 * 1 when the groups of a and b (circular member lists in next) may be
 * joined: the mean match weight of the pairs between them (up to
 * GUARD_SIDE members a side) is at least cut, none of those pairs is
 * more than VETO bits below cut (about a million to 1 that they are two
 * people), and, when guard is finite, no pair's evidence against is
 * below guard.  The veto was 10 bits: on files of several records a
 * person, each with faults of its own (FEBRL 3), two records of one
 * person disagree by 14 bits while each agrees strongly with the
 * others, and the person stayed split (F1 without dates of birth 0.9947
 * at 10 bits, 0.9962 at 20; the other sets the same or better, the
 * mean's test still stops chains).
 */
static int
coherent(const struct lk_set *s, const struct lk_model *mo,
    const uint32_t *next, uint32_t a, uint32_t b, double cut, double guard)
{
	double sum = 0, w;
	size_t k = 0;
	uint32_t x, y;
	int ka, kb;

	for (x = a, ka = 0; ka < GUARD_SIDE; ka++) {
		for (y = b, kb = 0; kb < GUARD_SIDE; kb++) {
			if (isfinite(guard) && against(mo, s, x, y) < guard)
				return 0;
			w = lk_score(mo, s, x, y, NULL);
			if (w < cut - VETO)
				return 0;
			sum += w;
			k++;
			y = next[y];
			if (y == b)
				break;
		}
		x = next[x];
		if (x == a)
			break;
	}
	return k == 0 || sum / (double)k >= cut;
}

/*
 * coherent() for the groups ra and rb (roots) of a and b, asked once
 * while both stay as they are: a refusal is remembered in refused (the
 * two roots and their sizes), so that the other pairs between the same
 * two groups are not weighed again.
 */
static int
coherent_once(const struct lk_set *s, const struct lk_model *mo,
    const uint32_t *next, struct hmap *refused, uint32_t a, uint32_t ra,
    uint32_t b, uint32_t rb, const uint32_t *size, double cut, double guard)
{
	uint32_t k[4];

	k[0] = ra < rb ? ra : rb;
	k[1] = ra < rb ? rb : ra;
	k[2] = size[k[0]];
	k[3] = size[k[1]];
	if (hmap_slot(refused, (const char *)k, sizeof k, 0, NULL))
		return 0;
	if (coherent(s, mo, next, a, b, cut, guard))
		return 1;
	hmap_slot(refused, (const char *)k, sizeof k, 1, NULL);
	return 0;
}

size_t
lk_cluster(const struct lk_set *s, const struct lk_model *mo,
    const struct lk_pair *pairs, size_t npairs, double threshold,
    double guard, uint32_t *cl, double *best)
{
	size_t n = s->n, i, np = 0, nclusters = 0;
	uint32_t *par = xreallocarray(NULL, n ? n : 1, sizeof *par);
	uint32_t *next = xreallocarray(NULL, n ? n : 1, sizeof *next);
	uint32_t *size = xreallocarray(NULL, n ? n : 1, sizeof *size);
	uint32_t *minof = xreallocarray(NULL, n ? n : 1, sizeof *minof);
	struct hmap *refused = hmap_new();
	struct lk_pair *ps;

	for (i = 0; i < n; i++) {
		par[i] = next[i] = (uint32_t)i;
		size[i] = 1;
		if (best)
			best[i] = NAN;
	}
	ps = xreallocarray(NULL, npairs ? npairs : 1, sizeof *ps);
	for (i = 0; i < npairs; i++)
		if (pairs[i].w >= threshold)
			ps[np++] = pairs[i];
	qsort(ps, np, sizeof *ps, cmp_pair_w);
	for (i = 0; i < np; i++) {
		uint32_t a = ps[i].a, b = ps[i].b, ra, rb, x;

		ra = uf_find(par, a);
		rb = uf_find(par, b);
		if (ra != rb) {
			/* A chain must not join two different people: the
			   groups are joined only when their members, taken
			   together, are a match. */
			if ((size[ra] > 1 || size[rb] > 1) && !coherent_once(s,
			    mo, next, refused, a, ra, b, rb, size, threshold,
			    guard))
				continue;
			if (size[ra] < size[rb]) {
				uint32_t t = ra;

				ra = rb;
				rb = t;
			}
			par[rb] = ra;
			size[ra] += size[rb];
			/* Splice the two circular member lists. */
			x = next[a];
			next[a] = next[b];
			next[b] = x;
		}
		if (best) {
			if (isnan(best[a]) || ps[i].w > best[a])
				best[a] = ps[i].w;
			if (isnan(best[b]) || ps[i].w > best[b])
				best[b] = ps[i].w;
		}
	}
	for (i = 0; i < n; i++)
		minof[i] = UINT32_MAX;
	for (i = 0; i < n; i++) {
		uint32_t r = uf_find(par, (uint32_t)i);

		if (minof[r] == UINT32_MAX) {
			minof[r] = (uint32_t)i;
			nclusters++;
		}
		cl[i] = minof[r];
	}
	free(ps);
	free(par);
	free(next);
	free(size);
	free(minof);
	hmap_free(refused);
	return nclusters;
}

/* Evaluation against known identities. */

struct lab {
	uint32_t t, c, i;
};

static int
cmp_lab_t(const void *x, const void *y)
{
	const struct lab *a = x, *b = y;

	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	if (a->c != b->c)
		return a->c < b->c ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

static int
cmp_lab_c(const void *x, const void *y)
{
	const struct lab *a = x, *b = y;

	if (a->c != b->c)
		return a->c < b->c ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

static unsigned long long
pairs_in(unsigned long long k)
{
	return k * (k - 1) / 2;
}

void
lk_evaluate(const struct lk_set *s, const uint32_t *truth, const uint32_t *cl,
    struct lk_eval *ev)
{
	struct lab *lb = xreallocarray(NULL, s->n ? s->n : 1, sizeof *lb);
	size_t n = 0, i, j, k, g;
	int r;

	memset(ev, 0, sizeof *ev);
	for (i = 0; i < s->n; i++)
		if (truth[i] != UINT32_MAX && cl[i] != UINT32_MAX) {
			lb[n].t = truth[i];
			lb[n].c = cl[i];
			lb[n].i = (uint32_t)i;
			n++;
		}
	qsort(lb, n, sizeof *lb, cmp_lab_t);
	for (i = 0; i < n; i = g) {
		for (g = i; g < n && lb[g].t == lb[i].t; g++)
			;
		ev->true_pairs += pairs_in(g - i);
		for (j = i; j < g; j = k) {
			for (k = j; k < g && lb[k].c == lb[j].c; k++)
				;
			ev->correct_pairs += pairs_in(k - j);
		}
		/* Reach: true pairs that share a blocking key. */
		for (j = i; j < g; j++)
			for (k = j + 1; k < g; k++)
				for (r = 0; r < NRULES; r++) {
					uint32_t ka = rule_key(s, r, lb[j].i);

					if (ka && ka == rule_key(s, r,
					    lb[k].i)) {
						ev->reachable++;
						break;
					}
				}
	}
	qsort(lb, n, sizeof *lb, cmp_lab_c);
	for (i = 0; i < n; i = g) {
		for (g = i; g < n && lb[g].c == lb[i].c; g++)
			;
		ev->found_pairs += pairs_in(g - i);
	}
	free(lb);
	ev->precision = ev->found_pairs ?
	    (double)ev->correct_pairs / ev->found_pairs : 1.0;
	ev->recall = ev->true_pairs ?
	    (double)ev->correct_pairs / ev->true_pairs : 1.0;
	ev->f1 = ev->precision + ev->recall > 0 ? 2 * ev->precision *
	    ev->recall / (ev->precision + ev->recall) : 0.0;
	ev->reach = ev->true_pairs ? (double)ev->reachable / ev->true_pairs :
	    1.0;
}
