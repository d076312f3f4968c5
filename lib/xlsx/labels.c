/*
 * The label table of vawg-xlsx (labels.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/hmap.h"
#include "core/input.h"
#include "xlsx/celltype.h"
#include "xlsx/labels.h"

struct labels {
	struct hmap *index;	/* name to 1 + entry */
	struct label *e;
	size_t n, cap;
	int has_source;		/* the table has a column source */
};

enum { L_NAME, L_LABEL, L_KIND, L_DEF, L_DIR, L_TARGET, L_RANGE, L_SOURCE,
    L_NCOLS };

static const char *const lcols[L_NCOLS] = {
	"csv_name", "label", "kind", "definition", "direction", "target",
	"range", "source"
};

/* A field of the current row, copied into the table's arena. */
static const char *
field(struct labels *l, struct csvr *r, const int *ix, int c)
{
	size_t n;
	const char *p;

	if (ix[c] < 0 || (size_t)ix[c] >= csvr_nfields(r))
		return "";
	p = csvr_field_n(r, (size_t)ix[c], &n);
	return hmap_strdup(l->index, p, n);
}

/* Reads one row's kind, direction and target into l: 0, or 65 with
 * err set. */
static int
row_values(struct csvr *r, struct label *l, const char *kind,
    const char *dir, const char *target, struct vawg_err *err)
{
	char *end;

	l->force = CT_FORCE_NONE;
	if (*kind != '\0' && (l->force = ct_force_parse(kind)) == -1)
		return err_at(err, EX_DATAERR, csvr_name(r), csvr_line(r),
		    "column kind: not a known kind");
	l->direction = strcmp(dir, "up") == 0 ? 1 :
	    strcmp(dir, "down") == 0 ? -1 : 0;
	if (*dir != '\0' && l->direction == 0)
		return err_at(err, EX_DATAERR, csvr_name(r), csvr_line(r),
		    "column direction: not up or down");
	if (*target == '\0')
		return 0;
	errno = 0;
	l->target = strtod(target, &end);
	if (*end != '\0' || errno == ERANGE)
		return err_at(err, EX_DATAERR, csvr_name(r), csvr_line(r),
		    "column target: not a number");
	l->has_target = 1;
	return 0;
}

/* Reads a row's range LOW..HIGH into e: 0, or 65 with err set. */
static int
row_range(struct csvr *r, struct label *e, const char *range,
    struct vawg_err *err)
{
	const char *dots = strstr(range, "..");
	char *lo, *end;
	int ok;

	if (*range == '\0')
		return 0;
	ok = dots != NULL && dots != range;
	if (ok) {
		/* "1..2": strtod() alone would take "1." for the low end. */
		lo = xstrndup(range, (size_t)(dots - range));
		errno = 0;
		e->lo = strtod(lo, &end);
		ok = *end == '\0';
		free(lo);
		e->hi = strtod(dots + 2, &end);
		ok = ok && end != dots + 2 && *end == '\0' &&
		    errno != ERANGE && e->hi >= e->lo;
	}
	if (!ok)
		return err_at(err, EX_DATAERR, csvr_name(r), csvr_line(r),
		    "column range: expected LOW..HIGH");
	e->has_range = 1;
	return 0;
}

/* Adds entry e (the last of a name counts). */
static void
labels_add(struct labels *l, const struct label *e)
{
	uintptr_t *slot;
	int created;

	slot = hmap_slot(l->index, e->name, strlen(e->name), 1, &created);
	if (!created) {
		l->e[*slot - 1] = *e;
		return;
	}
	*slot = l->n + 1;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->e = xreallocarray(l->e, l->cap, sizeof(*l->e));
	}
	l->e[l->n++] = *e;
}

/* The rows of the open table into l: 0, or 65 with err set. */
static int
labels_rows(struct labels *l, struct input *in, const int *ix,
    struct vawg_err *err)
{
	int rc = 0;

	while (rc == 0 && input_next(in) == CSVR_RECORD) {
		struct label e;

		memset(&e, 0, sizeof(e));
		e.name = field(l, in->r, ix, L_NAME);
		if (*e.name == '\0')
			continue;
		e.label = field(l, in->r, ix, L_LABEL);
		e.definition = field(l, in->r, ix, L_DEF);
		e.source = field(l, in->r, ix, L_SOURCE);
		rc = row_values(in->r, &e, field(l, in->r, ix, L_KIND),
		    field(l, in->r, ix, L_DIR), field(l, in->r, ix, L_TARGET),
		    err);
		if (rc == 0)
			rc = row_range(in->r, &e, field(l, in->r, ix, L_RANGE),
			    err);
		if (rc == 0)
			labels_add(l, &e);
	}
	return rc;
}

struct labels *
labels_read(const char *path, struct vawg_err *err)
{
	static const struct csvr_opts ropts = { .delim = ',' };
	struct input in = { .check = INPUT_RECERR,
	    .reject_fmt = "%s: row left out" };
	struct labels *l;
	int ix[L_NCOLS], c, rc = 0;

	err->code = 0;
	if (input_open(&in, path, &ropts) == -1) {
		/* input_open() has said why. */
		err->code = EX_NOINPUT;
		err->msg[0] = '\0';
		return NULL;
	}
	l = xcalloc(1, sizeof(*l));
	l->index = hmap_new();
	if ((c = input_header(&in)) < 0) {
		*err = in.err;
		rc = err->code;
	} else if (c == 0)
		rc = err_at(err, EX_DATAERR, in.name, 1, "empty label table");
	for (c = 0; rc == 0 && c < L_NCOLS; c++)
		ix[c] = csvr_col(in.r, lcols[c]);
	if (rc == 0 && ix[L_NAME] < 0)
		rc = err_at(err, EX_DATAERR, in.name, 1, "no column csv_name");
	if (rc == 0) {
		l->has_source = ix[L_SOURCE] >= 0;
		rc = labels_rows(l, &in, ix, err);
	}
	if (rc == 0 && in.err.code != 0) {
		*err = in.err;
		rc = err->code;
	}
	input_close(&in);
	if (rc != 0) {
		labels_free(l);
		return NULL;
	}
	return l;
}

void
labels_free(struct labels *l)
{
	if (l == NULL)
		return;
	hmap_free(l->index);
	free(l->e);
	free(l);
}

const struct label *
labels_find(const struct labels *l, const char *name)
{
	uintptr_t *slot;

	if (l == NULL || name == NULL)
		return NULL;
	slot = hmap_slot(l->index, name, strlen(name), 0, NULL);
	return slot != NULL ? &l->e[*slot - 1] : NULL;
}

int
labels_has_source(const struct labels *l)
{
	return l != NULL && l->has_source;
}

const struct label *
labels_find_measure(const struct labels *l, const char *name)
{
	const struct label *e = labels_find(l, name);
	const char *c, *last = NULL;
	char *head;

	if (e != NULL || name == NULL)
		return e;
	for (c = strstr(name, ": "); c != NULL; c = strstr(c + 1, ": "))
		last = c;
	if (last == NULL)
		return NULL;
	head = xstrndup(name, (size_t)(last - name));
	e = labels_find(l, head);
	free(head);
	return e;
}

char *
labels_humanise(const char *name)
{
	char *h = xstrdup(name);
	size_t i;

	for (i = 0; h[i] != '\0'; i++)
		if (h[i] == '_')
			h[i] = ' ';
	if (h[0] >= 'a' && h[0] <= 'z')
		h[0] = (char)(h[0] - 'a' + 'A');
	return h;
}

char *
labels_heading(const struct labels *l, const char *name)
{
	const struct label *e = labels_find(l, name);

	if (e != NULL && *e->label != '\0')
		return xstrdup(e->label);
	return labels_humanise(name);
}
