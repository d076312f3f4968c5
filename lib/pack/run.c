/*
 * A whole vawg-marac-pack run, from the options to the committed
 * outputs: see run.h.
 */
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/hmap.h"
#include "pack/run_int.h"

void
pack_opts_init(struct pack_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->lookback = 12;
	o->mode = 0600;
	o->threshold = PM_THRESHOLD;
	o->grey = PM_GREY;
	o->as_of = PACK_NODATE;
	o->cases_from = o->cases_to = PACK_NODATE;
	o->excel_safe = 1;
	o->purpose = &pack_purposes[PACK_FOR_MARAC];
	o->role = "suspect";
	o->marking = "OFFICIAL-SENSITIVE";
}

void
pack_opts_for(struct pack_opts *o, const struct pack_purpose *p, int given)
{
	o->purpose = p;
	if (!given)
		o->lookback = p->lookback;
}

const char *
pack_summary_path(const struct pack_opts *o)
{
	if (o->summary != NULL)
		return o->summary;
	if (o->out != NULL)
		return o->out;
	return o->findings == NULL && o->html == NULL ? "-" : NULL;
}

static void
run_free(struct pk_run *pr)
{
	size_t i;

	for (i = 0; i < pr->nf; i++)
		free(pr->f[i]);
	free(pr->f);
	for (i = 0; i < pr->n; i++)
		free(pr->c[i].fields);
	free(pr->c);
	for (i = 0; i < pr->ncols; i++)
		free(pr->cols[i]);
	free(pr->cols);
	free(pr->first);
	free((char *)pr->key);
	pm_free(pr->pm);
	pk_names_free(pr);
	free(pr->ns);
	hmap_free(pr->arena);
	pk_html_free();
}

int
pack_run(struct pack_opts *o, struct vawg_err *e)
{
	struct pk_run run, *pr = &run;
	struct pack_summary *sum;
	int status = 0;
	size_t i;

	memset(pr, 0, sizeof(*pr));
	e->code = 0;
	e->msg[0] = '\0';
	pr->o = o;
	pr->pp = o->purpose;
	pr->role[0] = pr->pp->role[0];
	pr->role[1] = pr->pp->role[1] != NULL ? pr->pp->role[1] : o->role;
	pr->arena = hmap_new();
	if ((o->html != NULL && pk_html_prepare(o->html, o->mode, e) != 0) ||
	    pk_read_cases(pr, e) != 0 || pk_check_redact(pr, e) != 0 ||
	    pk_scan_sources(pr, e) != 0) {
		run_free(pr);
		return e->code;
	}
	pk_corroborate(pr);
	pk_sort_findings(pr);
	sum = xcalloc(pr->n ? pr->n : 1, sizeof(*sum));
	for (i = 0; i < pr->n; i++)
		pk_summarise(pr, i, &sum[i]);

	if (pr->missing)
		status = EX_NOINPUT;
	else if (pr->rejects > 0)
		status = o->strict ? EX_DATAERR : 1;
	/* A missing input is reported (66), the others are still packed. */
	if (status == 0 || status == 1 || status == EX_NOINPUT)
		pk_write_outputs(pr, pack_summary_path(o), sum, e);
	free(sum);
	run_free(pr);
	return e->code != 0 ? e->code : status;
}
