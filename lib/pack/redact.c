/*
 * --redact: field families and column names blanked in every output.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "pack/run_int.h"

/*
 * Field families for --redact: a column is of a family when one of the
 * words of its name (split at '_') is one of the family's words, whatever
 * the role: victim_dob, perpetrator_dob, record_dob, subject_date_of_birth.
 */
static const struct family {
	const char *name;
	const char *const words[8];
} families[] = {
	{ "dob", { "dob", "birth", NULL } },
	{ "name", { "forename", "forenames", "surname", "name", "names",
	    "alias", "aliases", NULL } },
	{ "pnc", { "pnc", NULL } },
	{ "address", { "address", "town", "street", NULL } },
	{ "postcode", { "postcode", NULL } },
	{ "phone", { "phone", "mobile", "telephone", "tel", NULL } },
	{ "email", { "email", NULL } },
};
#define NFAMILIES (sizeof(families) / sizeof(families[0]))

static const struct family *
family_of(const char *name)
{
	size_t i;

	for (i = 0; i < NFAMILIES; i++)
		if (strcmp(families[i].name, name) == 0)
			return &families[i];
	return NULL;
}

/* Whether column col has a word of family f. */
static int
in_family(const struct family *f, const char *col)
{
	const char *p = col, *end;
	size_t i, n;

	for (;;) {
		end = strchr(p, '_');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		for (i = 0; f->words[i] != NULL; i++)
			if (strlen(f->words[i]) == n &&
			    strncmp(f->words[i], p, n) == 0)
				return 1;
		if (end == NULL)
			return 0;
		p = end + 1;
	}
}

/* Whether column col is redacted: named, or of a named family. */
int
pk_redacted(const struct pk_run *pr, const char *col)
{
	const struct family *f;
	size_t i;

	for (i = 0; i < pr->o->nredact; i++) {
		if (strcmp(pr->o->redact[i], col) == 0)
			return 1;
		if ((f = family_of(pr->o->redact[i])) != NULL &&
		    in_family(f, col))
			return 1;
	}
	return 0;
}


/* Every redacted name must be a family or an output column: a typo
 * would leak.  Returns 0, or 64 (in e). */
int
pk_check_redact(const struct pk_run *pr, struct vawg_err *e)
{
	const struct pack_opts *o = pr->o;
	char buf[64];
	size_t i, j;
	int idx;

	for (i = 0; i < o->nredact; i++) {
		int found = family_of(o->redact[i]) != NULL;

		for (j = 0; j < PK_NFCOLS && !found; j++)
			found = strcmp(pk_fcol(pr, j), o->redact[i]) == 0;
		for (j = 0; j < pr->ncols && !found; j++)
			found = strcmp(pr->cols[j], o->redact[i]) == 0;
		for (j = 0; j < pk_nscols(pr) && !found; j++)
			found = strcmp(pk_scol(pr, j, &idx, buf, sizeof(buf)),
			    o->redact[i]) == 0;
		if (!found)
			return err_set(e, EX_USAGE, "--redact: no column %s "
			    "in any output", o->redact[i]);
	}
	return 0;
}
