/*
 * A run of vawg-rank (rankrun.h): the readers (rankread.c) fill the
 * set, rankscore orders it, and the writer here puts out the list.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/outfile.h"
#include "rank/rankread.h"

static int
keep_min_da(const struct rank_person *p, void *arg)
{
	const struct rank_state *rn = arg;

	return p->offences > 0 && p->da_offences >= rn->o->min_da;
}

static void
put_num(struct csvw *w, const char *fmt, double v)
{
	char buf[64];

	snprintf(buf, sizeof(buf), fmt, v);
	csvw_str(w, buf);
}

static void
put_long(struct csvw *w, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	csvw_str(w, buf);
}

static void
write_header(struct csvw *w, const struct rank_state *rn, int prev)
{
	const struct rank_opts *o = rn->o;
	static const char *const cols[] = {
		"score", "recency_points", "frequency_points", "harm_points",
		"victim_points", "order_breach_points", "wanted_points",
		"offence_count", "da_offence_count", "victim_count",
		"harm_days", "last_offence_date", "days_since_last", "flags",
	};
	size_t i;
	int t;

	csvw_str(w, "rank");
	csvw_str(w, o->idcol);
	for (t = 0; t < RANK_NTEXT; t++) {
		char *name = rank_rolecol(rn->role, rank_text_suffix[t]);

		csvw_str(w, name);
		free(name);
	}
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		csvw_str(w, cols[i]);
	if (prev) {
		csvw_str(w, "previous_rank");
		csvw_str(w, "rank_change");
		csvw_str(w, "movement");
	}
	if (o->explain)
		csvw_str(w, "explain");
	csvw_end(w);
}

/* Writes the score columns of p, or empty ones when p is NULL. */
static void
write_scores(struct rank_state *rn, struct csvw *w,
    const struct rank_person *p)
{
	char buf[64];
	double pts[6];
	int i;

	if (p == NULL || p->offences == 0) {
		for (i = 0; i < 14; i++)
			csvw_str(w, "");
		return;
	}
	rank_format_score(p->score_c, buf);
	csvw_str(w, buf);
	rank_points(p, &rn->w, rn->o->as_of, rn->o->window, pts);
	for (i = 0; i < 6; i++)
		put_num(w, "%.2f", pts[i]);
	put_long(w, p->offences);
	put_long(w, p->da_offences);
	put_long(w, p->victims);
	put_num(w, "%.10g", p->harm_days);
	date_format(p->last_day, buf);
	csvw_str(w, buf);
	put_long(w, (long long)rn->o->as_of - p->last_day);
	snprintf(buf, sizeof(buf), "%s%s%s",
	    p->flags & RANK_ORDER_BREACH ? "order_breach;" : "",
	    p->flags & RANK_WANTED ? "wanted;" : "",
	    p->flags & RANK_UNKNOWN_CODE ? "unknown_code;" : "");
	if (buf[0] != '\0')
		buf[strlen(buf) - 1] = '\0';
	csvw_str(w, buf);
}

static void
write_explain(struct rank_state *rn, struct csvw *w,
    const struct rank_person *p, char **buf, size_t *cap)
{
	size_t need;

	if (p == NULL || p->offences == 0) {
		csvw_str(w, "");
		return;
	}
	need = rank_explain(p, &rn->w, rn->o->as_of, rn->o->window, *buf,
	    *cap);
	if (need >= *cap) {
		*cap = need + 1;
		*buf = xrealloc(*buf, *cap);
		rank_explain(p, &rn->w, rn->o->as_of, rn->o->window, *buf,
		    *cap);
	}
	csvw_str(w, *buf);
}

/*
 * Writes the list; pv (npv rows, indexed by id in pidx) is last month's
 * list when there is one.
 */
static int
write_list(struct rank_state *rn, struct outfile *out, struct rank_prev *pv,
    size_t npv, struct hmap *pidx)
{
	const struct rank_opts *o = rn->o;
	struct csvw *w = csvw_new(out_fp(out), ',');
	struct rank_person **top;
	size_t n, i, ecap = 256;
	char *ebuf = xmalloc(ecap);
	int t, rc;

	csvw_excel_safe(w, o->excel_safe);

	top = rank_top(rn->set, &rn->w, o->as_of, o->window, o->top,
	    o->min_da > 0 ? keep_min_da : NULL, rn, &n);
	write_header(w, rn, o->previous != NULL);
	for (i = 0; i < n; i++) {
		struct rank_person *p = top[i];

		put_long(w, (long long)i + 1);
		csvw_field(w, p->id, p->idlen);
		for (t = 0; t < RANK_NTEXT; t++)
			csvw_str(w, rank_text(p, t));
		write_scores(rn, w, p);
		if (o->previous != NULL) {
			uintptr_t *slot = hmap_slot(pidx, p->id, p->idlen, 0,
			    NULL);

			if (slot == NULL) {
				csvw_str(w, "");
				csvw_str(w, "");
				csvw_str(w, "new");
			} else {
				long prank = pv[*slot].rank;
				long change = prank - (long)(i + 1);

				pv[*slot].seen = 1;
				put_long(w, prank);
				put_long(w, change);
				csvw_str(w, change > 0 ? "up" : change < 0 ?
				    "down" : "same");
			}
		}
		if (o->explain)
			write_explain(rn, w, p, &ebuf, &ecap);
		csvw_end(w);
	}
	/* Who left: in last month's order, with what is known now. */
	for (i = 0; i < npv; i++) {
		struct rank_person *p;

		if (pv[i].seen)
			continue;
		p = rank_set_find(rn->set, pv[i].id, pv[i].idlen);
		if (p != NULL && p->offences > 0)
			rank_score(p, &rn->w, o->as_of, o->window);
		csvw_str(w, "");
		csvw_field(w, pv[i].id, pv[i].idlen);
		for (t = 0; t < RANK_NTEXT; t++)
			csvw_str(w, p != NULL && p->textday[t] != INT32_MIN ?
			    rank_text(p, t) : pv[i].text[t]);
		write_scores(rn, w, p);
		put_long(w, pv[i].rank);
		csvw_str(w, "");
		csvw_str(w, "left");
		if (o->explain)
			write_explain(rn, w, p, &ebuf, &ecap);
		csvw_end(w);
	}
	rc = csvw_free(w);
	free(top);
	free(ebuf);
	return rc;
}

/* Refuses an output that is also an input: 0, or 64 with err set. */
static int
check_distinct(const struct rank_opts *o, int nfiles, char *const files[],
    struct vawg_err *err)
{
	int nin = nfiles > 0 ? nfiles : 1, i, rc;
	struct out_use *uses = xcalloc((size_t)nin + 6, sizeof(*uses));

	uses[0] = (struct out_use){ "-o", o->out ? o->out : "-", OUT_OUT };
	uses[1] = (struct out_use){ "--orders", o->orders, OUT_IN };
	uses[2] = (struct out_use){ "--wanted", o->wanted, OUT_IN };
	uses[3] = (struct out_use){ "--previous", o->previous, OUT_IN };
	uses[4] = (struct out_use){ "--harm", o->harmfile, OUT_IN };
	uses[5] = (struct out_use){ "--weights", o->weightsfile, OUT_IN };
	for (i = 0; i < nin; i++)
		uses[i + 6] = (struct out_use){ "input",
		    nfiles > 0 ? files[i] : "-", OUT_IN };
	rc = out_distinct(uses, (size_t)nin + 6, err);
	free(uses);
	return rc;
}

/*
 * The role and the id suffix: suspect_id is suspect + _id; a role
 * given that does not begin the id column takes "_id".
 */
static void
set_role(struct rank_state *rn)
{
	const struct rank_opts *o = rn->o;
	const char *u = strchr(o->idcol, '_');
	size_t n;

	if (o->role == NULL) {
		rn->role = u != NULL && u != o->idcol ?
		    xstrndup(o->idcol, (size_t)(u - o->idcol)) :
		    xstrdup("suspect");
	} else
		rn->role = xstrdup(o->role);
	n = strlen(rn->role);
	if (strncmp(o->idcol, rn->role, n) == 0 && o->idcol[n] == '_')
		rn->suffix = xstrdup(o->idcol + n);
	else
		rn->suffix = xstrdup("_id");
}

/* The orders, wanted and crimes inputs: 0, or rn->err->code (set). */
static int
read_inputs(struct rank_state *rn, int nfiles, char *const files[])
{
	const struct rank_opts *o = rn->o;
	int i, rc = 0;

	if (o->orders != NULL)
		rc = rank_read_orders(rn, o->orders);
	if (rc == 0 && o->wanted != NULL)
		rc = rank_read_wanted(rn, o->wanted);
	if (rc == 0 && nfiles == 0)
		rc = rank_read_crimes(rn, "-");
	for (i = 0; rc == 0 && i < nfiles; i++)
		rc = rank_read_crimes(rn, files[i]);
	return rc;
}

/*
 * The rejects' total, the status, and the list written (unless 65):
 * the status, or rn->err->code (set) on a write error.
 */
static int
finish(struct rank_state *rn, struct rank_prev *pv, size_t npv,
    struct hmap *pidx)
{
	const struct rank_opts *o = rn->o;
	struct outfile *out;
	int status = 0;

	if (rn->rejects > RANK_MAX_REPORTED)
		diag_warn("%lu more rows rejected",
		    rn->rejects - RANK_MAX_REPORTED);
	if (rn->rejects > 0)
		status = o->strict ? EX_DATAERR : 1;
	if (rn->missing)
		status = EX_NOINPUT;
	if (status == EX_DATAERR)
		return status;
	if ((out = out_open(o->out, rn->err)) == NULL)
		return rn->err->code;
	if (write_list(rn, out, pv, npv, pidx) == -1) {
		err_set(rn->err, EX_IOERR, "%s: write error", out_name(out));
		out_abort(out);
		return rn->err->code;
	}
	return out_close(out, status, rn->err);
}

int
rank_run(const struct rank_opts *o, int nfiles, char *const files[],
    struct vawg_err *err)
{
	struct rank_state rn = { .o = o, .err = err };
	struct rank_prev *pv = NULL;
	struct hmap *pidx;
	size_t npv = 0;
	int status = 0;

	err->code = 0;
	if (check_distinct(o, nfiles, files, err) != 0)
		return err->code;
	if ((rn.harm = harm_load(o->harmfile, err)) == NULL)
		return err->code;
	if (rank_weights_load(o->weightsfile, &rn.w, err) == -1) {
		harm_free(rn.harm);
		return err->code;
	}
	set_role(&rn);
	rn.set = rank_set_new();
	pidx = hmap_new();
	if (read_inputs(&rn, nfiles, files) == 0 && o->previous != NULL)
		pv = rank_read_previous(&rn, o->previous, pidx, &npv);
	if (err->code == 0)
		status = finish(&rn, pv, npv, pidx);
	rank_prev_free(pv, npv);
	hmap_free(pidx);
	rank_set_free(rn.set);
	harm_free(rn.harm);
	free(rn.vkey);
	free(rn.role);
	free(rn.suffix);
	return err->code != 0 ? err->code : status;
}
