/*
 * Searching every source for the cases' people: a first pass hands
 * each record's persons to the matcher (in child processes, side by
 * side), a second pass reads the candidate records again for the
 * details of the findings.
 */
#define _GNU_SOURCE
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/dates.h"
#include "core/diag.h"
#include "core/err.h"
#include "pack/run_int.h"

/* Column indices of a source file, -1 when absent. */
struct srccols {
	int key, date1, date2, group, detail, detail2, decision, da, until;
	int breaches, postcode;
	int person[2][PK_NPF];
};

/* A note of pack_note() in the purpose's words: "victim recorded as
 * suspect" is "applicant recorded as suspect" in a Clare's Law pack. */
static const char *
subject_note(struct pk_run *pr, const char *note)
{
	char buf[128];
	int s;

	for (s = 0; s < 2; s++) {
		const char *was = pack_subject_name((enum pack_subject)s);
		size_t k = strlen(was);

		if (strncmp(note, was, k) == 0 && note[k] == ' ' &&
		    strcmp(was, pk_subject(pr, (enum pack_subject)s)) != 0) {
			snprintf(buf, sizeof(buf), "%s%s",
			    pk_subject(pr, (enum pack_subject)s), note + k);
			return pk_keep(pr, buf);
		}
	}
	return note;
}

static void
add_finding(struct pk_run *pr, const struct pack_kind *k, const struct csvr *r,
    const struct srccols *sc, int s, const struct pm_match *m, int32_t date,
    int32_t until)
{
	struct pk_case *c = &pr->c[m->who / 2];
	struct pk_fnd *x;
	struct pack_finding f;
	const char *detail, *b;
	const int *pc = sc->person[s];

	memset(&f, 0, sizeof(f));
	f.case_idx = m->who / 2;
	f.subject = m->who % 2 ? PACK_PERPETRATOR : PACK_VICTIM;
	f.source = k->src;
	f.record_ref = pk_field(r, sc->key);
	f.date = date;
	f.until = until;
	if (!pack_keep(&c->pc, &f))
		return;
	x = xcalloc(1, sizeof(*x));
	f.role = k->kind->roles[s] != NULL ? k->kind->roles[s] :
	    "at_postcode";
	f.record_ref = pk_keep(pr, f.record_ref);
	f.offence_group = pk_keep(pr, pk_field(r, sc->group));
	detail = pk_field(r, sc->detail);
	if (*detail == '\0')
		detail = pk_field(r, sc->detail2);
	f.detail = pk_keep(pr, detail);
	if (k->src == PACK_WANTED)
		f.decision = until != PACK_NODATE && until <= c->pc.ref ?
		    "arrested" : "wanted";
	else
		f.decision = pk_keep(pr, pk_field(r, sc->decision));
	f.da = strcmp(pk_field(r, sc->da), "Y") == 0;
	f.breaches = -1;
	if (*(b = pk_field(r, sc->breaches)) != '\0') {
		char *end;
		long v;

		/*
		 * Out of range is unknown, not LONG_MAX: the case summary
		 * adds these up.
		 */
		errno = 0;
		v = strtol(b, &end, 10);
		if (*end == '\0' && v >= 0 && v <= INT_MAX && errno == 0)
			f.breaches = v;
	}
	f.possible = m->status != PM_CONFIRMED;
	x->weak = m->status == PM_WEAK;
	f.has_weight = m->has_weight;
	f.weight = m->weight;
	f.basis = pk_keep(pr, m->basis);
	pack_note(&c->pc, &f);
	f.note = subject_note(pr, f.note);
	x->f = f;
	x->forename = pk_keep(pr, pk_field(r, pc[0]));
	x->surname = pk_keep(pr, pk_field(r, pc[1]));
	x->dob = pk_keep(pr, pk_field(r, pc[2]));
	x->pnc = pk_keep(pr, pk_field(r, pc[3]));
	x->postcode = pk_keep(pr, pk_field(r, pc[4]));
	x->other[0] = pk_keep(pr, pk_field(r, sc->person[!s][0]));
	x->other[1] = pk_keep(pr, pk_field(r, sc->person[!s][1]));
	x->other[2] = pk_keep(pr, pk_field(r, sc->person[!s][2]));
	x->datetext = "";
	if (date != PACK_NODATE) {
		char buf[16];

		date_format(date, buf);
		x->datetext = pk_keep(pr, buf);
	}
	if (pr->nf == pr->capf) {
		pr->capf = pr->capf ? 2 * pr->capf : 256;
		pr->f = xreallocarray(pr->f, pr->capf, sizeof(*pr->f));
	}
	pr->f[pr->nf++] = x;
}

static int
col_of(const struct csvr *r, const char *name)
{
	return name != NULL ? csvr_col(r, name) : -1;
}

/* Engagement records carry no person: they are listed as possible
 * findings when held at a case person's postcode. */
static void
by_postcode(struct pk_run *pr, const struct pack_kind *k, const struct csvr *r,
    const struct srccols *sc, int32_t date)
{
	char pcode[32];
	struct pm_match m;
	size_t i;

	pk_norm_postcode(pk_field(r, sc->postcode), pcode, sizeof(pcode));
	if (pcode[0] == '\0')
		return;
	memset(&m, 0, sizeof(m));
	m.status = PM_POSSIBLE;
	strcpy(m.basis, "postcode");
	for (i = 0; i < 2 * pr->n; i++)
		if (strcmp(pr->c[i / 2].postcode[i % 2], pcode) == 0) {
			m.who = i;
			add_finding(pr, k, r, sc, 0, &m, date, PACK_NODATE);
		}
}

/* Finds the columns of a source from its header; returns 0, or 65 (in
 * e) when the file cannot be of the kind. */
static int
source_cols(const struct pack_kind *k, const struct csvr *r,
    struct srccols *sc, struct vawg_err *e)
{
	const char *name = csvr_name(r);
	int s, any = 0;
	size_t i;

	sc->key = col_of(r, k->kind->key);
	sc->date1 = col_of(r, k->date1);
	sc->date2 = col_of(r, k->date2);
	sc->group = col_of(r, k->group);
	sc->detail = col_of(r, k->detail);
	sc->detail2 = col_of(r, k->detail2);
	sc->decision = col_of(r, k->decision);
	sc->da = col_of(r, k->da);
	sc->until = col_of(r, k->until);
	sc->breaches = col_of(r, k->breaches);
	sc->postcode = col_of(r, k->postcode);
	if (sc->key < 0)
		return err_set(e, EX_DATAERR, "%s: no column %s", name,
		    k->kind->key);
	for (s = 0; s < 2; s++) {
		for (i = 0; i < PK_NPF; i++)
			sc->person[s][i] = -1;
		if (k->kind->roles[s] == NULL)
			continue;
		pk_person_cols(r, k->kind->roles[s], sc->person[s]);
		/* forename, surname, dob, pnc or id */
		for (i = 0; i < PK_NPF; i++)
			if (i != 4 && i != 5 && sc->person[s][i] >= 0)
				any = 1;
	}
	if (sc->postcode >= 0)
		any = 1;
	if (!any)
		return err_set(e, EX_DATAERR, "%s: no person columns for a "
		    "%s file", name, pack_source_name(k->src));
	return 0;
}

/*
 * Checks the current record and reads its dates.  Returns 0, or -1 for a
 * record to reject (with a message, counted in *report, when report is
 * not NULL).
 */
static int
record_ok(const struct pack_kind *k, const struct csvr *r,
    const struct srccols *sc, unsigned long *report, int32_t *date,
    int32_t *until)
{
	const char *what = NULL;
	int32_t d2;

	if (csvr_recerr(r) != CSVR_OK)
		what = csvr_recerr_str(csvr_recerr(r));
	else if (csvr_ragged(r))
		what = "wrong number of fields";
	else if (pk_opt_date(pk_field(r, sc->date1), date) == -1)
		what = k->date1;
	else if (pk_opt_date(pk_field(r, sc->date2), &d2) == -1)
		what = k->date2;
	else if (pk_opt_date(pk_field(r, sc->until), until) == -1)
		what = k->until;
	if (what == NULL) {
		if (*date == PACK_NODATE)
			*date = d2;
		return 0;
	}
	if (report) {
		if (csvr_recerr(r) != CSVR_OK || csvr_ragged(r))
			diag_at(csvr_name(r), csvr_line(r), "%s", what);
		else
			diag_at(csvr_name(r), csvr_line(r), "bad date in %s",
			    what);
		(*report)++;
	}
	return -1;
}

/* A candidate found in the first pass: record person rec of row. */
struct hitrow {
	unsigned long row;
	int s;
	struct pm_match m;
};

static int
by_row(const void *a, const void *b)
{
	const struct hitrow *x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->s != y->s)
		return x->s - y->s;
	return x->m.who < y->m.who ? -1 : x->m.who > y->m.who;
}

/* What the first pass over a source found. */
struct pass1 {
	int missing;		/* it could not be opened */
	unsigned long rejects;
	char sha[SHA256_HEXLEN + 1];
	size_t nhits;
	struct hitrow *hits;	/* sorted by row */
	struct pk_namestat *ns;	/* pr->nnames: the names' counts */
};

/* 1 when known person who has record person rec among its candidates. */
static int
has_hit(struct pm *pm, size_t who, size_t rec)
{
	const struct pm_match *m;
	size_t i, n = pm_find(pm, who, &m);

	for (i = 0; i < n; i++)
		if (m[i].rec == rec)
			return 1;
	return 0;
}

/* 1 when hit h finds a case's party beyond doubt (pk_beyond_doubt()),
 * and the case has another party. */
static int
sure_party(const struct pk_run *pr, const struct pm_match *h)
{
	return h->status == PM_CONFIRMED &&
	    pk_beyond_doubt(h->has_weight, h->weight, h->basis) &&
	    pr->role[(h->who ^ 1) % 2] != NULL;
}

/*
 * The other person of a record where a case's party is found beyond
 * doubt is a candidate for the case's other party, blocked or not: a
 * victim under a changed surname or a nickname is found through the
 * perpetrator's records, as a researcher reads them.  It is weighed as
 * any candidate; the corroboration adds the other party's evidence.
 * Record persons rec are row * 2 + role, so the other person is rec ^ 1.
 */
static void
other_party_hits(struct pk_run *pr, struct pass1 *out)
{
	size_t i, n = out->nhits, more = 0;

	for (i = 0; i < n; i++)
		more += sure_party(pr, &out->hits[i].m);
	if (more == 0)
		return;
	out->hits = xreallocarray(out->hits, n + more, sizeof(*out->hits));
	for (i = 0; i < n; i++) {
		const struct pm_match *h = &out->hits[i].m;
		size_t who = h->who ^ 1, rec = h->rec ^ 1;
		struct hitrow *x = &out->hits[out->nhits];

		if (!sure_party(pr, h) || has_hit(pr->pm, who, rec))
			continue;
		/* Padding too: the array goes to a file whole. */
		memset(x, 0, sizeof(*x));
		if (!pm_score(pr->pm, who, rec, &x->m))
			continue;
		x->row = (unsigned long)(rec / 2);
		x->s = (int)(rec % 2);
		out->nhits++;
	}
}

/*
 * First pass: every record's persons go to the matcher, which then gives
 * the candidates of each known person.  Memory: the matcher's set of
 * record persons and the candidates, never the records themselves.
 * Returns 0, or the error's code (in e).
 */
static int
first_pass(struct pk_run *pr, const struct pack_kind *k, const char *path,
    int hash, FILE **spool, struct pass1 *out, struct vawg_err *e)
{
	static const struct pm_person none = { "", "", "", "", "", "", "" };
	struct sha256 ctx;
	FILE *fp;
	struct input in = { 0 };
	struct csvr *r;
	const char *name = pk_input_name(path);
	struct srccols sc;
	size_t who, j;
	int more, s, nroles = k->kind->roles[0] == NULL ? 0 :
	    1 + (k->kind->roles[1] != NULL);

	memset(out, 0, sizeof(*out));
	out->ns = xcalloc(pr->nnames + 1, sizeof(*out->ns));
	if ((fp = pk_open_input(path, hash ? &ctx : NULL, spool, e)) ==
	    NULL) {
		out->missing = e->code == 0;
		return e->code;
	}
	input_fdopen(&in, fp, name, NULL);
	r = in.r;
	if ((more = input_header(&in)) < 0)
		*e = in.err;
	else if (more != 0)
		source_cols(k, r, &sc, e);
	if (e->code != 0) {
		input_close(&in);
		fclose(fp);
		return e->code;
	}
	while (more && input_next(&in) == CSVR_RECORD) {
		int32_t date, until;
		int ok = record_ok(k, r, &sc, &out->rejects, &date,
		    &until) == 0;

		for (s = 0; s < nroles; s++) {
			struct pm_person p;

			if (ok) {
				pk_person_of(r, sc.person[s], &p);
				pk_names_count(pr, out->ns, &p);
			}
			pm_add(pr->pm, ok ? &p : &none);
		}
	}
	if (in.err.code != 0) {
		*e = in.err;
		input_close(&in);
		fclose(fp);
		return e->code;
	}
	if (pk_close_input(&in, fp, e) != 0)
		return e->code;
	if (hash)
		sha256_end_hex(&ctx, out->sha);

	pm_finish(pr->pm);
	for (who = 0; nroles > 0 && who < 2 * pr->n; who++) {
		const struct pm_match *m;
		size_t nm = pm_find(pr->pm, who, &m);

		out->hits = xreallocarray(out->hits, out->nhits + nm + 1,
		    sizeof(*out->hits));
		for (j = 0; j < nm; j++, out->nhits++) {
			struct hitrow *h = &out->hits[out->nhits];

			/* Padding too: the array goes to a file whole. */
			memset(h, 0, sizeof(*h));
			h->row = (unsigned long)(m[j].rec / (size_t)nroles);
			h->s = (int)(m[j].rec % (size_t)nroles);
			h->m = m[j];
		}
	}
	if (nroles == 2)
		other_party_hits(pr, out);
	pm_reset(pr->pm);
	if (out->nhits > 1)
		qsort(out->hits, out->nhits, sizeof(*out->hits), by_row);
	return 0;
}

/*
 * Second pass: the records that were candidates are read again for
 * their details (and engagement records matched by postcode).  Returns
 * 0, or the error's code (in e).
 */
static int
second_pass(struct pk_run *pr, const struct pack_kind *k, const char *path,
    FILE *spool, const struct pass1 *p1, struct vawg_err *e)
{
	const char *name = pk_input_name(path);
	struct csvr *r;
	struct srccols sc;
	unsigned long row;
	size_t h = 0;
	int rc;

	if (p1->missing || (p1->nhits == 0 && k->postcode == NULL))
		return 0;
	if (spool != NULL) {
		if (fflush(spool) == EOF || fseek(spool, 0, SEEK_SET) == -1)
			return err_sys(e, EX_IOERR, "%s: temporary copy", name);
		r = csvr_fdopen(spool, name, NULL);
	} else if ((r = csvr_open(path, NULL)) == NULL)
		return err_sys(e, EX_NOINPUT, "%s", name);
	if ((rc = csvr_header(r)) == CSVR_EOF && p1->nhits == 0) {
		csvr_close(r);
		return 0;
	}
	if (rc != CSVR_RECORD)
		err_set(e, EX_DATAERR, "%s: changed while being read", name);
	else
		source_cols(k, r, &sc, e);
	if (e->code != 0) {
		csvr_close(r);
		return e->code;
	}
	for (row = 0; (h < p1->nhits || sc.postcode >= 0) &&
	    (rc = csvr_next(r)) == CSVR_RECORD; row++) {
		int32_t date, until;
		int ok;

		if ((h >= p1->nhits || p1->hits[h].row != row) &&
		    sc.postcode < 0)
			continue;
		ok = record_ok(k, r, &sc, NULL, &date, &until) == 0;
		for (; h < p1->nhits && p1->hits[h].row == row; h++)
			if (ok)
				add_finding(pr, k, r, &sc, p1->hits[h].s,
				    &p1->hits[h].m, date, until);
		if (ok && sc.postcode >= 0)
			by_postcode(pr, k, r, &sc, date);
	}
	csvr_close(r);
	if (h < p1->nhits)
		return err_set(e, EX_DATAERR, "%s: changed while being read",
		    name);
	return 0;
}

/* A first pass run in a child process, its result in a temporary file. */
struct worker {
	pid_t pid;
	FILE *result;
	int source;
};

static void
child_pass(struct pk_run *pr, const struct pack_kind *k, const char *path,
    int hash, FILE *result)
{
	struct pass1 p1;
	struct vawg_err e = { 0 };

	/* A worker tells its error itself; the run stops with its code. */
	if (first_pass(pr, k, path, hash, NULL, &p1, &e) != 0)
		diag_fatal(e.code, "%s", e.msg);
	if (fwrite(&p1, sizeof(p1), 1, result) != 1 ||
	    (p1.nhits > 0 && fwrite(p1.hits, sizeof(*p1.hits), p1.nhits,
	    result) != p1.nhits) || (pr->nnames > 0 && fwrite(p1.ns,
	    sizeof(*p1.ns), pr->nnames, result) != pr->nnames) ||
	    fflush(result) == EOF) {
		diag_syswarn("temporary result file");
		_exit(EX_IOERR);
	}
	_exit(0);
}

/* Waits for any worker to end and takes its result.  Returns 0, or the
 * error's code (in e; with no message when the worker told it). */
static int
reap(const struct pk_run *pr, struct worker *w, struct pass1 *res,
    struct vawg_err *e)
{
	struct pass1 *p;
	pid_t pid;
	int status, j;

	while ((pid = waitpid(-1, &status, 0)) == -1)
		if (errno != EINTR)
			return err_sys(e, EX_OSERR, "waitpid");
	for (j = 0; j < PACK_NSOURCES && w[j].pid != pid; j++)
		;
	if (j == PACK_NSOURCES)
		return 0;	/* not one of ours */
	w[j].pid = 0;
	if (WIFSIGNALED(status) || WEXITSTATUS(status) != 0) {
		int k;

		for (k = 0; k < PACK_NSOURCES; k++)
			if (w[k].pid != 0)
				kill(w[k].pid, SIGTERM);
		if (WIFSIGNALED(status))
			return err_set(e, EX_SOFTWARE, "--%s: first pass "
			    "killed by signal %d", pack_kinds[j].opt,
			    WTERMSIG(status));
		/* The child said why. */
		return err_set(e, WEXITSTATUS(status), "%s", "");
	}
	p = &res[j];
	rewind(w[j].result);
	if (fread(p, sizeof(*p), 1, w[j].result) != 1) {
		p->hits = NULL;
		p->ns = NULL;
		return err_set(e, EX_IOERR, "temporary result file: short "
		    "read");
	}
	p->hits = xcalloc(p->nhits ? p->nhits : 1, sizeof(*p->hits));
	p->ns = xcalloc(pr->nnames + 1, sizeof(*p->ns));
	if ((p->nhits > 0 && fread(p->hits, sizeof(*p->hits), p->nhits,
	    w[j].result) != p->nhits) || (pr->nnames > 0 && fread(p->ns,
	    sizeof(*p->ns), pr->nnames, w[j].result) != pr->nnames))
		return err_set(e, EX_IOERR, "temporary result file: short "
		    "read");
	fclose(w[j].result);
	w[j].result = NULL;
	return 0;
}

/* Number of workers running. */
static int
running(const struct worker *w)
{
	int j, n = 0;

	for (j = 0; j < PACK_NSOURCES; j++)
		n += w[j].pid != 0;
	return n;
}

/* Ends the workers still running (after an error) and waits for them. */
static void
stop_workers(struct worker *w)
{
	int j;

	for (j = 0; j < PACK_NSOURCES; j++)
		if (w[j].pid > 0) {
			kill(w[j].pid, SIGTERM);
			while (waitpid(w[j].pid, NULL, 0) == -1 && errno == EINTR)
				;
			w[j].pid = 0;
		}
	for (j = 0; j < PACK_NSOURCES; j++)
		if (w[j].result != NULL) {
			fclose(w[j].result);
			w[j].result = NULL;
		}
}

/* Starts the first pass of source i in a worker; returns 0, or the
 * error's code (in e). */
static int
start_worker(struct pk_run *pr, struct worker *w, int i, const char *path,
    int hash, struct vawg_err *e)
{
	if ((w[i].result = tmpfile()) == NULL)
		return err_sys(e, EX_CANTCREAT, "temporary result file");
	fflush(NULL);
	w[i].source = i;
	if ((w[i].pid = fork()) == -1) {
		w[i].pid = 0;
		return err_sys(e, EX_OSERR, "fork");
	}
	if (w[i].pid == 0)
		child_pass(pr, &pack_kinds[i], path, hash, w[i].result);
	return 0;
}

/*
 * Reads every source: first passes side by side in child processes (one
 * per core; standard input stays in this process), then the second
 * passes in order.  Returns 0, or the error's code (in e).
 */
int
pk_scan_sources(struct pk_run *pr, struct vawg_err *e)
{
	struct pack_opts *o = pr->o;
	struct pass1 res[PACK_NSOURCES];
	struct worker w[PACK_NSOURCES];
	FILE *spool[PACK_NSOURCES];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int i, given = 0, hash = o->audit != NULL;
	int maxw = ncpu < 1 ? 1 : ncpu > 8 ? 8 : (int)ncpu;

	memset(res, 0, sizeof(res));
	memset(w, 0, sizeof(w));
	memset(spool, 0, sizeof(spool));
	pk_names_init(pr);
	pr->ns = xcalloc(pr->nnames + 1, sizeof(*pr->ns));
	for (i = 0; i < PACK_NSOURCES; i++)
		given += o->src[i].path != NULL;
	for (i = 0; i < PACK_NSOURCES && e->code == 0; i++) {
		const char *path = o->src[i].path;

		if (path == NULL)
			continue;
		if (given < 2 || maxw < 2 || pk_is_stream(path)) {
			first_pass(pr, &pack_kinds[i], path, hash, &spool[i],
			    &res[i], e);
			continue;
		}
		while (e->code == 0 && running(w) >= maxw)
			reap(pr, w, res, e);
		if (e->code == 0)
			start_worker(pr, w, i, path, hash, e);
	}
	while (e->code == 0 && running(w) > 0)
		reap(pr, w, res, e);
	stop_workers(w);
	for (i = 0; i < PACK_NSOURCES; i++) {
		if (o->src[i].path != NULL && e->code == 0) {
			pr->missing |= res[i].missing;
			pr->rejects += res[i].rejects;
			memcpy(o->src[i].sha, res[i].sha, sizeof(res[i].sha));
			second_pass(pr, &pack_kinds[i], o->src[i].path,
			    spool[i], &res[i], e);
		}
		if (res[i].ns != NULL)
			pk_names_merge(pr->ns, res[i].ns, pr->nnames);
		if (spool[i] != NULL)
			fclose(spool[i]);
		free(res[i].hits);
		free(res[i].ns);
	}
	return e->code;
}
