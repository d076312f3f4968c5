/*
 * The persons index of lib/linkage: person ids kept between runs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "diag.h"
#include "hmap.h"
#include "linkage.h"
#include "linkage_int.h"
#include "outfile.h"

#define ID_LEN 8		/* "P" and 7 digits; more digits past 9999999 */

struct variant {
	uint32_t rec;		/* record of the set */
	uint32_t id;
};

struct merge {
	uint32_t from, to;
};

struct lk_index {
	struct variant *v;
	size_t nv, cv;
	size_t nloaded;		/* v[0 .. nloaded) came from the file */
	size_t base;		/* their records: base .. base + nloaded */
	struct merge *m;
	size_t nm, cm;
	uint32_t next_id;
	struct hmap *seen;	/* id + variant text: already in v */
	char *idtext;		/* ids handed out by lk_index_assign() */
};

static const char *const cols[] = { "person_id", "merged_into" };

static int
parse_id(const char *s, size_t n, uint32_t *id)
{
	unsigned long v = 0;
	size_t i;

	if (n < 2 || n > 11 || s[0] != 'P')
		return -1;
	for (i = 1; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v == 0 || v > 0xfffffffful)
		return -1;
	*id = (uint32_t)v;
	return 0;
}

static void
add_variant(struct lk_index *ix, uint32_t rec, uint32_t id)
{
	if (ix->nv == ix->cv) {
		ix->cv = ix->cv ? ix->cv * 2 : 256;
		ix->v = xreallocarray(ix->v, ix->cv, sizeof *ix->v);
	}
	ix->v[ix->nv].rec = rec;
	ix->v[ix->nv].id = id;
	ix->nv++;
}

static void
add_merge(struct lk_index *ix, uint32_t from, uint32_t to)
{
	if (ix->nm == ix->cm) {
		ix->cm = ix->cm ? ix->cm * 2 : 16;
		ix->m = xreallocarray(ix->m, ix->cm, sizeof *ix->m);
	}
	ix->m[ix->nm].from = from;
	ix->m[ix->nm].to = to;
	ix->nm++;
}

/*
 * The surviving id of id, following recorded merges through to[] (to[x]
 * is what x was merged into, 0 when it was not).
 */
static uint32_t
resolve(const uint32_t *to, uint32_t nto, uint32_t id)
{
	int hops = 0;

	while (id < nto && to[id] && hops++ < 64)
		id = to[id];
	return id;
}

/* Key of a variant: its id and its normalised fields. */
static size_t
variant_key(const struct lk_set *s, uint32_t rec, uint32_t id, char *buf,
    size_t sz)
{
	size_t k;
	int f;

	k = (size_t)snprintf(buf, sz, "%u", id);
	for (f = 0; f < LK_NFIELDS && k < sz; f++) {
		uint32_t v = LK_V(s, rec, f);
		const struct lk_val *x = &s->vt[f].v[v];

		if (k + x->len + 2 >= sz)
			break;
		buf[k++] = '\x1f';
		memcpy(buf + k, x->s, x->len);
		k += x->len;
	}
	return k;
}

struct lk_index *
lk_index_load(const char *path, struct lk_set *s, int *err)
{
	struct lk_index *ix = xcalloc(1, sizeof *ix);
	struct csvr *r;
	struct lk_person p;
	int cid, cmerge, fc[LK_NFIELDS], f, st;
	uint32_t id, to;

	ix->next_id = 1;
	ix->seen = hmap_new();
	ix->base = lk_set_count(s);
	r = csvr_open(path, NULL);
	if (!r) {
		if (errno == ENOENT)
			return ix;
		diag_warn("%s: %s", path, strerror(errno));
		*err = EX_NOINPUT;
		lk_index_free(ix);
		return NULL;
	}
	st = csvr_header(r);
	if (st == CSVR_EOF) {
		csvr_close(r);
		return ix;
	}
	cid = csvr_col(r, cols[0]);
	cmerge = csvr_col(r, cols[1]);
	if (st != CSVR_RECORD || cid < 0 || cmerge < 0) {
		diag_at(path, 1, "not a persons index (person_id, "
		    "merged_into columns)");
		*err = EX_DATAERR;
		csvr_close(r);
		lk_index_free(ix);
		return NULL;
	}
	for (f = 0; f < LK_NFIELDS; f++)
		fc[f] = csvr_col(r, lk_field_names[f]);
	while ((st = csvr_next(r)) == CSVR_RECORD) {
		if (csvr_recerr(r) != CSVR_OK ||
		    parse_id(csvr_field(r, (size_t)cid),
		    csvr_fieldlen(r, (size_t)cid), &id) < 0) {
			diag_at(path, csvr_line(r), "bad person_id");
			*err = EX_DATAERR;
			csvr_close(r);
			lk_index_free(ix);
			return NULL;
		}
		if (id >= ix->next_id)
			ix->next_id = id + 1;
		if (csvr_fieldlen(r, (size_t)cmerge)) {
			if (parse_id(csvr_field(r, (size_t)cmerge),
			    csvr_fieldlen(r, (size_t)cmerge), &to) < 0) {
				diag_at(path, csvr_line(r), "bad merged_into");
				*err = EX_DATAERR;
				csvr_close(r);
				lk_index_free(ix);
				return NULL;
			}
			add_merge(ix, id, to);
			continue;
		}
		lk_person_clear(&p);
		for (f = 0; f < LK_NFIELDS; f++)
			if (fc[f] >= 0)
				lk_person_set(&p, (enum lk_field)f,
				    csvr_field(r, (size_t)fc[f]),
				    csvr_fieldlen(r, (size_t)fc[f]));
		if (!lk_person_ok(&p))
			continue;
		add_variant(ix, (uint32_t)lk_set_add(s, &p), id);
	}
	if (st == CSVR_ERROR) {
		diag_at(path, csvr_error_line(r), "%s", csvr_error(r));
		*err = EX_DATAERR;
		csvr_close(r);
		lk_index_free(ix);
		return NULL;
	}
	csvr_close(r);
	ix->nloaded = ix->nv;
	return ix;
}

void
lk_index_free(struct lk_index *ix)
{
	if (!ix)
		return;
	free(ix->v);
	free(ix->m);
	free(ix->idtext);
	hmap_free(ix->seen);
	free(ix);
}

size_t
lk_index_assign(struct lk_index *ix, const struct lk_set *s,
    const uint32_t *cl, const char **ids)
{
	size_t n = s->n, i, merges = 0;
	uint32_t *cid = xreallocarray(NULL, n ? n : 1, sizeof *cid);
	uint32_t nto = ix->next_id, *to = xcalloc(nto, sizeof *to);
	char key[2048];
	size_t kl;
	int created;

	for (i = 0; i < ix->nm; i++)
		if (ix->m[i].from < nto)
			to[ix->m[i].from] = ix->m[i].to;
	/* The oldest index id in each cluster (clusters by first record). */
	for (i = 0; i < n; i++)
		cid[i] = 0;
	for (i = 0; i < ix->nloaded; i++) {
		uint32_t rec = ix->v[i].rec, c = cl[rec];
		uint32_t id = resolve(to, nto, ix->v[i].id);

		ix->v[i].id = id;
		if (c == UINT32_MAX)
			continue;
		if (cid[c] == 0 || id < cid[c])
			cid[c] = id;
	}
	/* Other index ids in a cluster are merged into its oldest. */
	for (i = 0; i < ix->nloaded; i++) {
		uint32_t c = cl[ix->v[i].rec], id = ix->v[i].id;

		if (c == UINT32_MAX || id == cid[c])
			continue;
		if (resolve(to, nto, id) != cid[c]) {
			add_merge(ix, id, cid[c]);
			if (id < nto)
				to[id] = cid[c];
			merges++;
		}
		ix->v[i].id = cid[c];
	}
	for (i = 0; i < n; i++)
		if (cl[i] != UINT32_MAX && cl[i] == i && cid[i] == 0)
			cid[i] = ix->next_id++;
	free(ix->idtext);
	ix->idtext = xcalloc(n ? n : 1, ID_LEN + 4);
	for (i = 0; i < ix->nloaded; i++) {
		kl = variant_key(s, ix->v[i].rec, ix->v[i].id, key,
		    sizeof key);
		hmap_slot(ix->seen, key, kl, 1, NULL);
	}
	for (i = 0; i < n; i++) {
		uint32_t c = cl[i];

		if (c == UINT32_MAX) {
			ids[i] = NULL;
			continue;
		}
		if (c == i)
			snprintf(ix->idtext + i * (ID_LEN + 4), ID_LEN + 4,
			    "P%07u", cid[c]);
		ids[i] = ix->idtext + (size_t)c * (ID_LEN + 4);
		if (i >= ix->base && i < ix->base + ix->nloaded)
			continue;
		kl = variant_key(s, (uint32_t)i, cid[c], key, sizeof key);
		hmap_slot(ix->seen, key, kl, 1, &created);
		if (created)
			add_variant(ix, (uint32_t)i, cid[c]);
	}
	free(cid);
	free(to);
	return merges;
}

int
lk_index_write(struct lk_index *ix, const struct lk_set *s, const char *path)
{
	struct outfile *o = out_open(path);
	struct csvw *w = csvw_new(out_fp(o), ',');
	char id[16];
	size_t i;
	int f;

	csvw_str(w, cols[0]);
	csvw_str(w, cols[1]);
	for (f = 0; f < LK_NFIELDS; f++)
		csvw_str(w, lk_field_names[f]);
	csvw_end(w);
	for (i = 0; i < ix->nv; i++) {
		snprintf(id, sizeof id, "P%07u", ix->v[i].id);
		csvw_str(w, id);
		csvw_str(w, "");
		for (f = 0; f < LK_NFIELDS; f++) {
			const struct lk_val *x =
			    &s->vt[f].v[LK_V(s, ix->v[i].rec, f)];

			csvw_field(w, x->s, x->len);
		}
		csvw_end(w);
	}
	for (i = 0; i < ix->nm; i++) {
		snprintf(id, sizeof id, "P%07u", ix->m[i].from);
		csvw_str(w, id);
		snprintf(id, sizeof id, "P%07u", ix->m[i].to);
		csvw_str(w, id);
		for (f = 0; f < LK_NFIELDS; f++)
			csvw_str(w, "");
		csvw_end(w);
	}
	if (csvw_free(w) < 0)
		diag_fatal(EX_IOERR, "%s: write error", out_name(o));
	out_close(o, 0);
	return 0;
}
