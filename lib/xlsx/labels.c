/*
 * The label table of vawg-xlsx (labels.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/diag.h"
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

/* Reads one row's kind, direction and target into e; exits 65. */
static void
row_values(struct csvr *r, struct label *e, const char *kind,
    const char *dir, const char *target)
{
	char *end;

	e->force = CT_FORCE_NONE;
	if (*kind != '\0' && (e->force = ct_force_parse(kind)) == -1)
		diag_fatal_at(EX_DATAERR, csvr_name(r), csvr_line(r),
		    "column kind: not a known kind");
	e->direction = strcmp(dir, "up") == 0 ? 1 :
	    strcmp(dir, "down") == 0 ? -1 : 0;
	if (*dir != '\0' && e->direction == 0)
		diag_fatal_at(EX_DATAERR, csvr_name(r), csvr_line(r),
		    "column direction: not up or down");
	if (*target == '\0')
		return;
	errno = 0;
	e->target = strtod(target, &end);
	if (*end != '\0' || errno == ERANGE)
		diag_fatal_at(EX_DATAERR, csvr_name(r), csvr_line(r),
		    "column target: not a number");
	e->has_target = 1;
}

/* Reads a row's range LOW..HIGH into e; exits 65 when it is not one. */
static void
row_range(struct csvr *r, struct label *e, const char *range)
{
	const char *p = range;
	char *end;
	int ok;

	if (*range == '\0')
		return;
	errno = 0;
	e->lo = strtod(p, &end);
	ok = end != p && strncmp(end, "..", 2) == 0;
	if (ok) {
		p = end + 2;
		e->hi = strtod(p, &end);
		ok = end != p && *end == '\0' && errno != ERANGE &&
		    e->hi >= e->lo;
	}
	if (!ok)
		diag_fatal_at(EX_DATAERR, csvr_name(r), csvr_line(r),
		    "column range: expected LOW..HIGH");
	e->has_range = 1;
}

struct labels *
labels_read(const char *path)
{
	static const struct csvr_opts ropts = { .delim = ',' };
	struct input in = { .check = INPUT_RECERR,
	    .reject_fmt = "%s: row left out" };
	struct labels *l = xcalloc(1, sizeof(*l));
	int ix[L_NCOLS], c;

	l->index = hmap_new();
	if (input_open(&in, path, &ropts) == -1)
		exit(EX_NOINPUT);
	if (!input_header(&in))
		diag_fatal_at(EX_DATAERR, in.name, 1, "empty label table");
	for (c = 0; c < L_NCOLS; c++)
		ix[c] = csvr_col(in.r, lcols[c]);
	if (ix[L_NAME] < 0)
		diag_fatal_at(EX_DATAERR, in.name, 1, "no column csv_name");
	l->has_source = ix[L_SOURCE] >= 0;
	while (input_next(&in) == CSVR_RECORD) {
		struct label e;
		uintptr_t *slot;
		int created;

		memset(&e, 0, sizeof(e));
		e.name = field(l, in.r, ix, L_NAME);
		if (*e.name == '\0')
			continue;
		e.label = field(l, in.r, ix, L_LABEL);
		e.definition = field(l, in.r, ix, L_DEF);
		e.source = field(l, in.r, ix, L_SOURCE);
		row_values(in.r, &e, field(l, in.r, ix, L_KIND),
		    field(l, in.r, ix, L_DIR), field(l, in.r, ix, L_TARGET));
		row_range(in.r, &e, field(l, in.r, ix, L_RANGE));
		slot = hmap_slot(l->index, e.name, strlen(e.name), 1, &created);
		if (!created) {
			l->e[*slot - 1] = e;	/* the last one counts */
			continue;
		}
		*slot = l->n + 1;
		if (l->n == l->cap) {
			l->cap = l->cap ? 2 * l->cap : 64;
			l->e = xreallocarray(l->e, l->cap, sizeof(*l->e));
		}
		l->e[l->n++] = e;
	}
	input_close(&in);
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
