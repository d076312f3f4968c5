/*
 * Classification tables read from CSV text (built-in or a file) into
 * hash maps keyed by the normalised code, so that deriving a group is
 * one lookup per row and never a chain of code branches.
 */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kinds/classify.h"
#include "kinds/classify_tables.h"
#include "core/csvio.h"
#include "core/diag.h"
#include "core/hmap.h"

struct table {
	struct hmap *map;		/* key -> index + 1 into rows */
	struct offence_info *rows;	/* offences; other tables use group */
	size_t n, cap;
};

static struct table tables[CLASSIFY_NTABLES];

static const char *const builtin[CLASSIFY_NTABLES] = {
	classify_offences_csv, classify_outcomes_csv,
	classify_ukp_crime_csv, classify_ukp_outcome_csv,
};

/* Column names: key, group, then (offences) vawg and description. */
static const char *const colnames[CLASSIFY_NTABLES][4] = {
	{ "code", "offence_group", "vawg", "description" },
	{ "code", "outcome_group", NULL, "description" },
	{ "crime_type", "offence_group", NULL, NULL },
	{ "category", "outcome_group", NULL, NULL },
};

static const char *const vawg_groups[] = {
	"rape", "other_sexual", "stalking", "harassment", "coercive_control",
	"threats_to_kill", "fgm",
};

size_t
classify_norm_offence(const char *in, size_t n, char *out, size_t outsz)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)in[i];

		if (isspace(c))
			continue;
		if (k + 1 >= outsz)
			return 0;
		out[k++] = c == '.' ? '/' : (char)toupper(c);
	}
	out[k] = '\0';
	return k;
}

size_t
classify_norm_outcome(const char *in, size_t n, char *out, size_t outsz)
{
	size_t k = classify_norm_offence(in, n, out, outsz), z = 0;

	while (z + 1 < k && out[z] == '0' && isdigit((unsigned char)out[z + 1]))
		z++;
	if (z > 0) {
		memmove(out, out + z, k - z + 1);
		k -= z;
	}
	return k;
}

static size_t
norm_key(enum classify_table t, const char *in, size_t n, char *out,
    size_t outsz)
{
	switch (t) {
	case CLASSIFY_OFFENCES:
		return classify_norm_offence(in, n, out, outsz);
	case CLASSIFY_OUTCOMES:
		return classify_norm_outcome(in, n, out, outsz);
	default:
		while (n > 0 && isspace((unsigned char)*in)) {
			in++;
			n--;
		}
		while (n > 0 && isspace((unsigned char)in[n - 1]))
			n--;
		if (n + 1 > outsz)
			return 0;
		memcpy(out, in, n);
		out[n] = '\0';
		return n;
	}
}

static void
table_free(struct table *tb)
{
	hmap_free(tb->map);
	free(tb->rows);
	memset(tb, 0, sizeof(*tb));
}

static int
load_reader(enum classify_table t, struct csvr *r, char *err, size_t errsz)
{
	struct table tb = { 0 };
	int col[4], i, st;
	char key[256];

	if ((st = csvr_header(r)) != CSVR_RECORD) {
		snprintf(err, errsz, "%s: %s", csvr_name(r), st == CSVR_EOF ?
		    "empty table" : csvr_error(r));
		return -1;
	}
	for (i = 0; i < 4; i++) {
		col[i] = colnames[t][i] ? csvr_col(r, colnames[t][i]) : -1;
		if (i < 2 && col[i] < 0) {
			snprintf(err, errsz, "%s: no column %s", csvr_name(r),
			    colnames[t][i]);
			return -1;
		}
	}
	tb.map = hmap_new();
	while ((st = csvr_next(r)) == CSVR_RECORD) {
		struct offence_info *o;
		uintptr_t *slot;
		size_t kn;
		int created;

		if (csvr_recerr(r) != CSVR_OK || csvr_ragged(r)) {
			snprintf(err, errsz, "%s:%lu: malformed row",
			    csvr_name(r), csvr_line(r));
			table_free(&tb);
			return -1;
		}
		kn = norm_key(t, csvr_field(r, (size_t)col[0]),
		    csvr_fieldlen(r, (size_t)col[0]), key, sizeof(key));
		if (kn == 0 || csvr_fieldlen(r, (size_t)col[1]) == 0) {
			snprintf(err, errsz, "%s:%lu: empty %s", csvr_name(r),
			    csvr_line(r), kn == 0 ? colnames[t][0] :
			    colnames[t][1]);
			table_free(&tb);
			return -1;
		}
		slot = hmap_slot(tb.map, key, kn, 1, &created);
		if (!created) {
			snprintf(err, errsz, "%s:%lu: %s listed twice",
			    csvr_name(r), csvr_line(r), colnames[t][0]);
			table_free(&tb);
			return -1;
		}
		if (tb.n == tb.cap) {
			tb.cap = tb.cap ? tb.cap * 2 : 64;
			tb.rows = xreallocarray(tb.rows, tb.cap,
			    sizeof(*tb.rows));
		}
		*slot = ++tb.n;
		o = &tb.rows[tb.n - 1];
		o->code = hmap_strdup(tb.map, key, kn);
		o->group = hmap_strdup(tb.map, csvr_field(r, (size_t)col[1]),
		    csvr_fieldlen(r, (size_t)col[1]));
		o->desc = col[3] >= 0 ? hmap_strdup(tb.map,
		    csvr_field(r, (size_t)col[3]),
		    csvr_fieldlen(r, (size_t)col[3])) : "";
		if (col[2] >= 0) {
			const char *v = csvr_field(r, (size_t)col[2]);

			o->vawg = v[0] == 'Y' || v[0] == 'y';
		} else
			o->vawg = classify_is_vawg_group(o->group);
	}
	if (st == CSVR_ERROR) {
		snprintf(err, errsz, "%s:%lu: %s", csvr_name(r),
		    csvr_error_line(r), csvr_error(r));
		table_free(&tb);
		return -1;
	}
	table_free(&tables[t]);
	tables[t] = tb;
	return 0;
}

int
classify_load(enum classify_table t, const char *path, char *err,
    size_t errsz)
{
	struct csvr_opts o = { .delim = ',' };
	struct csvr *r;
	int rc;

	if ((r = csvr_open(path, &o)) == NULL) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return -1;
	}
	rc = load_reader(t, r, err, errsz);
	csvr_close(r);
	return rc;
}

static struct table *
get(enum classify_table t)
{
	if (tables[t].map == NULL) {
		struct csvr_opts o = { .delim = ',' };
		FILE *fp = fmemopen((void *)builtin[t], strlen(builtin[t]), "r");
		struct csvr *r;
		char err[200];
		int rc;

		if (fp == NULL)
			diag_nomem();	/* fmemopen() of memory */
		r = csvr_fdopen(fp, "built-in table", &o);
		rc = load_reader(t, r, err, sizeof(err));
		/* The built-in tables are read by the unit tests: a failure
		 * here is a bug in them, not an error of the run. */
		assert(rc == 0);
		(void)rc;
		csvr_close(r);
		fclose(fp);
	}
	return &tables[t];
}

int
classify_dump(enum classify_table t, FILE *fp)
{
	struct table *tb = get(t);
	struct csvw *w = csvw_new(fp, ',');
	size_t i;

	csvw_str(w, colnames[t][0]);
	csvw_str(w, colnames[t][1]);
	if (t == CLASSIFY_OFFENCES)
		csvw_str(w, "vawg");
	if (colnames[t][3] != NULL)
		csvw_str(w, "description");
	csvw_end(w);
	for (i = 0; i < tb->n; i++) {
		csvw_str(w, tb->rows[i].code);
		csvw_str(w, tb->rows[i].group);
		if (t == CLASSIFY_OFFENCES)
			csvw_str(w, tb->rows[i].vawg ? "Y" : "N");
		if (colnames[t][3] != NULL)
			csvw_str(w, tb->rows[i].desc);
		csvw_end(w);
	}
	return csvw_free(w);
}

static const struct offence_info *
lookup(enum classify_table t, const char *s, size_t n)
{
	struct table *tb = get(t);
	char key[256];
	size_t kn = norm_key(t, s, n, key, sizeof(key));
	uintptr_t *slot;

	if (kn == 0)
		return NULL;
	slot = hmap_slot(tb->map, key, kn, 0, NULL);
	return slot != NULL ? &tb->rows[*slot - 1] : NULL;
}

static int
blank(const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	return n == 0;
}

const struct offence_info *
classify_offence(const char *code, size_t n)
{
	return lookup(CLASSIFY_OFFENCES, code, n);
}

const char *
classify_offence_group(const char *code, size_t n)
{
	const struct offence_info *o;

	if (blank(code, n))
		return "unknown";
	o = lookup(CLASSIFY_OFFENCES, code, n);
	return o != NULL ? o->group : "other";
}

const char *
classify_vawg(const char *code, size_t n, const char *da_flag)
{
	const struct offence_info *o;

	if (da_flag != NULL && (da_flag[0] == 'Y' || da_flag[0] == 'y'))
		return "Y";
	if (blank(code, n))
		return "";
	o = lookup(CLASSIFY_OFFENCES, code, n);
	return o != NULL && o->vawg ? "Y" : "N";
}

const char *
classify_outcome(const char *code, size_t n)
{
	const struct offence_info *o;

	if (blank(code, n))
		return "pending";
	o = lookup(CLASSIFY_OUTCOMES, code, n);
	return o != NULL ? o->group : "unknown";
}

int
classify_is_charge(const char *code, size_t n)
{
	char key[16];
	size_t kn = classify_norm_outcome(code, n, key, sizeof(key));

	return (kn == 1 && key[0] == '1') ||
	    (kn == 2 && key[0] == '1' && key[1] == 'A');
}

const char *
classify_ukp_crime_type(const char *s, size_t n)
{
	const struct offence_info *o = lookup(CLASSIFY_UKP_CRIME, s, n);

	return o != NULL ? o->group : "other";
}

const char *
classify_ukp_outcome(const char *s, size_t n)
{
	const struct offence_info *o;

	if (blank(s, n))
		return "pending";
	o = lookup(CLASSIFY_UKP_OUTCOME, s, n);
	return o != NULL ? o->group : "unknown";
}

int
classify_is_vawg_group(const char *group)
{
	size_t i;

	for (i = 0; i < sizeof(vawg_groups) / sizeof(vawg_groups[0]); i++)
		if (strcmp(group, vawg_groups[i]) == 0)
			return 1;
	return 0;
}
