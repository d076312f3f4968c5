/*
 * vawg-marac-pack: the research pack for every case on a MARAC list.
 *
 * Reads the case list (marac kind: one row per case, with the victim and
 * the perpetrator), then reads each source file, finding the cases'
 * people in every record by person id where both sides carry one,
 * otherwise by lib/linkage's probabilistic matching (through
 * lib/pack_match).  Writes a long CSV of findings (which record, the person's role in it, why it matched), a
 * one-row-per-case summary (the case list's columns, then the figures of
 * lib/pack.h), and optionally one printable HTML page per case with an
 * index.  --redact blanks field families (dob, name, ...) or named
 * columns in every output; --audit appends a line recording who ran what
 * on which inputs (SHA-256).  The outputs are committed together or not
 * at all (see "Staged outputs").
 *
 * usage: vawg-marac-pack [--strict] --cases file [--as-of date]
 *     [--audit file] [--crimes file] [--disclosures file]
 *     [--engagement file] [--findings file] [--grey bits] [--html dir]
 *     [--lookback 12m|24m|all] [--marac file] [--mode mode]
 *     [--orders file] [--redact field,...] [--summary file]
 *     [--threshold bits] [--wanted file] [-o file]
 */
#define _GNU_SOURCE
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/cli.h"
#include "core/csvio.h"
#include "core/dates.h"
#include "core/diag.h"
#include "core/hmap.h"
#include "pack/html.h"
#include "kinds/ident.h"
#include "core/outfile.h"
#include "pack/pack.h"
#include "pack/pack_match.h"
#include "pack/safename.h"
#include "core/sha256.h"

enum {
	OPT_AS_OF = CLI_OPT_FIRST_FREE,
	OPT_AUDIT,
	OPT_CASES,
	OPT_CRIMES,
	OPT_DISCLOSURES,
	OPT_ENGAGEMENT,
	OPT_FINDINGS,
	OPT_GREY,
	OPT_HTML,
	OPT_LOOKBACK,
	OPT_MARAC,
	OPT_ORDERS,
	OPT_REDACT,
	OPT_SUMMARY,
	OPT_THRESHOLD,
	OPT_WANTED
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	CLI_EXCEL_LONGOPTS,
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "audit", required_argument, NULL, OPT_AUDIT },
	{ "cases", required_argument, NULL, OPT_CASES },
	{ "crimes", required_argument, NULL, OPT_CRIMES },
	{ "disclosures", required_argument, NULL, OPT_DISCLOSURES },
	{ "engagement", required_argument, NULL, OPT_ENGAGEMENT },
	{ "findings", required_argument, NULL, OPT_FINDINGS },
	{ "grey", required_argument, NULL, OPT_GREY },
	{ "html", required_argument, NULL, OPT_HTML },
	{ "lookback", required_argument, NULL, OPT_LOOKBACK },
	{ "marac", required_argument, NULL, OPT_MARAC },
	{ "orders", required_argument, NULL, OPT_ORDERS },
	{ "redact", required_argument, NULL, OPT_REDACT },
	{ "summary", required_argument, NULL, OPT_SUMMARY },
	{ "threshold", required_argument, NULL, OPT_THRESHOLD },
	{ "wanted", required_argument, NULL, OPT_WANTED },
	{ NULL, 0, NULL, 0 }
};

static struct cli cli = {
	.synopsis = "vawg-marac-pack [--no-excel-safe] [--strict] --cases file "
	    "[--as-of date] "
	    "[--audit file]\n"
	    "       [--crimes file] [--disclosures file] [--engagement file]\n"
	    "       [--findings file] [--grey bits] [--html dir] "
	    "[--lookback 12m|24m|all]\n"
	    "       [--marac file] [--mode mode] [--orders file] "
	    "[--redact field,...]\n"
	    "       [--summary file] [--threshold bits] [--wanted file] "
	    "[-o file]",
	.excel_safe = 1,
	.help =
	    "  --cases FILE        the MARAC case list (marac kind; - is stdin)\n"
	    "  --crimes FILE       crimes to search (victim_*, suspect_*)\n"
	    "  --orders FILE       orders to search (respondent_*, protected_*)\n"
	    "  --wanted FILE       wanted records to search (person_*)\n"
	    "  --disclosures FILE  Clare's Law records (applicant_*, subject_*)\n"
	    "  --marac FILE        earlier MARAC referrals (victim_*, perpetrator_*)\n"
	    "  --engagement FILE   engagement records at the people's postcodes\n"
	    "  --lookback SPAN     12m (default), 24m, Nm or all: how far back\n"
	    "                      crimes and engagement are listed\n"
	    "  --as-of DATE        reference date (default: each meeting date)\n"
	    "  --threshold W       match weight (bits) to confirm a person "
	    "(default 0)\n"
	    "  --grey W            list candidates up to W bits below as "
	    "possible\n"
	    "                      (default 4)\n"
	    "  --findings FILE     write the findings, one row per record found\n"
	    "  --summary FILE      write the summary, one row per case\n"
	    "  -o, --output FILE   write the summary (as well) to FILE\n"
	    "  --no-excel-safe     write findings and summary fields beginning\n"
	    "                      with = + - @ TAB CR as they are (default:\n"
	    "                      '= quoted, safe to open in a spreadsheet)\n"
	    "  --html DIR          write DIR/index.html and one page per case\n"
	    "  --redact FIELDS     blank these in every output: families dob, name, pnc,\n"
	    "                      address, postcode, phone, email (every role, the\n"
	    "                      findings' record_* too), or column names\n"
	    "  --audit FILE        append a line: time, user, inputs with SHA-256,\n"
	    "                      cases and outputs\n"
	    "  --mode MODE         mode of created files (default 0600)\n"
	    "  --strict            rejected rows make the run fail (exit 65)\n"
	    "  -h, --help          this help\n"
	    "  --version           print the version\n"
	    "\n"
	    "With no --findings, --summary, -o or --html the summary goes to\n"
	    "standard output.  The outputs and the audit line are committed\n"
	    "together at the end or, on any failure, not at all; --html DIR\n"
	    "is replaced whole, and refused if it holds files of others.\n"
	    "Memory: the case list, the findings, and, while a source is\n"
	    "read, the linkage set of its record persons (about 40 bytes a\n"
	    "person plus each distinct value once); not the rows.\n",
};

/* What each source kind holds, by canonical column name. */
struct kind {
	enum pack_source src;
	const char *opt;	/* option name, for the audit */
	const char *key;
	const char *roles[2];
	const char *date1, *date2;	/* the finding's date, then fallback */
	const char *group, *detail, *detail2, *decision, *da, *until;
	const char *breaches, *postcode;
};

static const struct kind kinds[PACK_NSOURCES] = {
	{ PACK_CRIME, "crimes", "crime_ref", { "victim", "suspect" },
	  "committed_date", "reported_date", "offence_group", "offence_desc",
	  "offence_code", "outcome_group", "da_flag", NULL, NULL, NULL },
	{ PACK_ORDER, "orders", "order_ref", { "respondent", "protected" },
	  "granted_date", "applied_date", NULL, "order_type", NULL,
	  "decision", NULL, "expiry_date", "breach_count", NULL },
	{ PACK_WANTED, "wanted", "wanted_ref", { "person", NULL },
	  "wanted_date", NULL, "offence_group", "offence_desc",
	  "offence_code", NULL, "da_flag", "arrest_date", NULL, NULL },
	{ PACK_DISCLOSURE, "disclosures", "dvds_ref",
	  { "applicant", "subject" }, "received_date", "decision_date", NULL,
	  "route", NULL, "decision", NULL, NULL, NULL, NULL },
	{ PACK_MARAC, "marac", "marac_ref", { "victim", "perpetrator" },
	  "referral_date", "meeting_date", NULL, "risk_level", NULL,
	  "dash_score", NULL, NULL, NULL, NULL },
	{ PACK_ENGAGEMENT, "engagement", "engagement_ref", { NULL, NULL },
	  "date", NULL, NULL, "type", NULL, "status", NULL, NULL, NULL,
	  "postcode" },
};

/* Person fields in the order of struct pm_person. */
static const char *const pfields[] = {
	"forename", "surname", "dob", "pnc", "postcode", "sex", "id"
};
#define NPF (sizeof(pfields) / sizeof(pfields[0]))

struct input {
	const char *path;	/* NULL when not given */
	char sha[SHA256_HEXLEN + 1];
};

struct opts {
	struct input cases, src[PACK_NSOURCES];
	int lookback;		/* months, 0 = all */
	double threshold, grey;
	unsigned mode;		/* of created files (--mode) */
	int32_t as_of;		/* PACK_NODATE = each meeting date */
	const char *findings, *summary, *html, *audit;
	char **redact;
	size_t nredact;
};

struct casedata {
	char **fields;		/* the case list row */
	struct pack_case pc;
	char postcode[2][32];	/* normalised, for engagement */
	char page[80];		/* HTML file name */
	unsigned long line;	/* in the case list */
};

/* A finding and the person as the record spells it. */
struct fnd {
	struct pack_finding f;
	const char *forename, *surname, *dob, *pnc, *datetext;
};

static struct {
	struct casedata *c;
	size_t n;
	char **cols;		/* case list header */
	size_t ncols;
	struct fnd **f;
	size_t nf, capf;
	struct hmap *arena;
	struct pm *pm;
	unsigned long rejects;
	int missing;		/* an input could not be opened */
} st;

/*
 * Input through a FILE that hashes what is read and, for standard input,
 * keeps a copy (spool) so that the source can be read a second time.
 */
struct hashing {
	FILE *fp;
	struct sha256 *ctx;
	FILE *spool;		/* NULL when the path can be read again */
};

static ssize_t
hashing_read(void *cookie, char *buf, size_t n)
{
	struct hashing *h = cookie;
	size_t k = fread(buf, 1, n, h->fp);

	if (k == 0 && ferror(h->fp))
		return -1;
	if (h->ctx != NULL)
		sha256_update(h->ctx, buf, k);
	if (h->spool != NULL && fwrite(buf, 1, k, h->spool) != k)
		diag_fatal(EX_IOERR, "temporary copy of an input: %s",
		    strerror(errno));
	return (ssize_t)k;
}

static int
hashing_close(void *cookie)
{
	struct hashing *h = cookie;

	return h->fp == stdin ? 0 : fclose(h->fp);
}

/*
 * Whether path is read as a stream that cannot be read a second time:
 * standard input, a FIFO (as bash's <(...) gives), a device, a socket.
 */
static int
is_stream(const char *path)
{
	struct stat sb;

	if (strcmp(path, "-") == 0)
		return 1;
	return stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) &&
	    !S_ISDIR(sb.st_mode);
}

/*
 * Opens an input for reading and, when ctx is not NULL, hashing; returns
 * NULL (and warns) when
 * it cannot be opened.  The FILE must be fclose()d by the caller.  When
 * spool is not NULL and the input is a stream (standard input, a FIFO),
 * *spool gets an unlinked temporary file (0600, gone at exit whatever
 * happens) holding a copy of what was read.
 */
static FILE *
open_input(const char *path, struct sha256 *ctx, FILE **spool)
{
	static const cookie_io_functions_t io = {
		.read = hashing_read, .close = hashing_close
	};
	/* One input is open at a time. */
	static struct hashing hashing;
	struct hashing *h = &hashing;
	struct stat sb;
	FILE *fp;

	memset(h, 0, sizeof(*h));
	if (strcmp(path, "-") == 0)
		h->fp = stdin;
	else {
		if ((h->fp = fopen(path, "rb")) == NULL) {
			diag_warn("%s: %s", path, strerror(errno));
			return NULL;
		}
		if (fstat(fileno(h->fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
			diag_warn("%s: %s", path, strerror(EISDIR));
			fclose(h->fp);
			return NULL;
		}
	}
	if (spool != NULL && (h->fp == stdin ||
	    (fstat(fileno(h->fp), &sb) == 0 && !S_ISREG(sb.st_mode)))) {
		if ((h->spool = tmpfile()) == NULL)
			diag_fatal(EX_CANTCREAT, "temporary copy of %s: %s",
			    h->fp == stdin ? "standard input" : path,
			    strerror(errno));
		*spool = h->spool;
	}
	h->ctx = ctx;
	if (ctx != NULL)
		sha256_init(ctx);
	if ((fp = fopencookie(h, "r", io)) == NULL)
		diag_fatal(EX_OSERR, "%s: %s", path, strerror(errno));
	return fp;
}

static const char *
input_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

static char *
keep(const char *s)
{
	return hmap_strdup(st.arena, s, strlen(s));
}

/* Parses an optional date field: 0 and *d (PACK_NODATE when empty), or
 * -1 when it is not a date. */
static int
opt_date(const char *s, int32_t *d)
{
	*d = PACK_NODATE;
	if (*s == '\0')
		return 0;
	return date_parse_iso(s, strlen(s), d);
}

static const char *
field(const struct csvr *r, int col)
{
	return col < 0 ? "" : csvr_field(r, (size_t)col);
}

/* Normalised postcode: lib/ident's form, else letters and digits. */
static void
norm_postcode(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	if (size >= IDENT_POSTCODE_SIZE &&
	    ident_postcode(s, strlen(s), buf) == IDENT_OK)
		return;
	for (; *s != '\0' && n + 1 < size; s++)
		if (isalnum((unsigned char)*s))
			buf[n++] = (char)toupper((unsigned char)*s);
	buf[n] = '\0';
}

/* ---- The case list ---- */

static void
person_cols(const struct csvr *r, const char *role, int *col)
{
	char name[64];
	size_t i;

	for (i = 0; i < NPF; i++) {
		snprintf(name, sizeof(name), "%s_%s", role, pfields[i]);
		col[i] = csvr_col(r, name);
	}
}

static void
person_of(const struct csvr *r, const int *col, struct pm_person *p)
{
	p->forename = field(r, col[0]);
	p->surname = field(r, col[1]);
	p->dob = field(r, col[2]);
	p->pnc = field(r, col[3]);
	p->postcode = field(r, col[4]);
	p->sex = field(r, col[5]);
	p->id = field(r, col[6]);
}

static void
read_cases(struct opts *o)
{
	struct sha256 ctx;
	FILE *fp;
	struct csvr *r;
	int cref, cmeet, creferral, pcol[2][NPF], rc;
	const char *name = input_name(o->cases.path);
	struct pm_person *known;
	size_t i, cap = 0;

	if ((fp = open_input(o->cases.path, &ctx, NULL)) == NULL)
		exit(EX_NOINPUT);
	r = csvr_fdopen(fp, name, NULL);
	if ((rc = csvr_header(r)) == CSVR_ERROR)
		diag_fatal_at(EX_DATAERR, name, csvr_error_line(r), "%s",
		    csvr_error(r));
	if (rc == CSVR_EOF)
		diag_fatal(EX_DATAERR, "%s: empty case list", name);
	if ((cref = csvr_col(r, "marac_ref")) < 0)
		diag_fatal(EX_DATAERR, "%s: no column marac_ref", name);
	cmeet = csvr_col(r, "meeting_date");
	creferral = csvr_col(r, "referral_date");
	if (cmeet < 0 && o->as_of == PACK_NODATE)
		diag_fatal(EX_DATAERR, "%s: no column meeting_date "
		    "(or give --as-of)", name);
	person_cols(r, "victim", pcol[0]);
	person_cols(r, "perpetrator", pcol[1]);
	st.ncols = csvr_ncols(r);
	st.cols = xcalloc(st.ncols, sizeof(*st.cols));
	for (i = 0; i < st.ncols; i++)
		st.cols[i] = xstrdup(csvr_colname(r, i));
	while ((rc = csvr_next(r)) == CSVR_RECORD) {
		unsigned long line = csvr_line(r);
		struct casedata *c;
		int32_t meet, referral;
		struct pm_person p;
		int s;

		if (csvr_recerr(r) != CSVR_OK)
			diag_fatal_at(EX_DATAERR, name, line, "%s",
			    csvr_recerr_str(csvr_recerr(r)));
		if (csvr_ragged(r))
			diag_fatal_at(EX_DATAERR, name, line,
			    "wrong number of fields");
		if (*field(r, cref) == '\0')
			diag_fatal_at(EX_DATAERR, name, line,
			    "empty marac_ref");
		if (opt_date(field(r, cmeet), &meet) == -1)
			diag_fatal_at(EX_DATAERR, name, line,
			    "bad date in meeting_date");
		if (opt_date(field(r, creferral), &referral) == -1)
			diag_fatal_at(EX_DATAERR, name, line,
			    "bad date in referral_date");
		if (meet == PACK_NODATE && o->as_of == PACK_NODATE)
			diag_fatal_at(EX_DATAERR, name, line,
			    "empty meeting_date (give --as-of)");
		if (st.n == cap) {
			cap = cap ? 2 * cap : 64;
			st.c = xreallocarray(st.c, cap, sizeof(*st.c));
		}
		c = &st.c[st.n++];
		memset(c, 0, sizeof(*c));
		c->fields = xcalloc(st.ncols, sizeof(*c->fields));
		for (i = 0; i < st.ncols; i++)
			c->fields[i] = keep(csvr_field(r, i));
		c->pc.marac_ref = c->fields[cref];
		c->pc.ref = o->as_of != PACK_NODATE ? o->as_of : meet;
		c->pc.date = referral != PACK_NODATE ? referral : meet;
		c->pc.lookback_months = o->lookback;
		c->line = line;
		for (s = 0; s < 2; s++) {
			person_of(r, pcol[s], &p);
			norm_postcode(p.postcode, c->postcode[s],
			    sizeof(c->postcode[s]));
		}
	}
	if (rc == CSVR_ERROR)
		diag_fatal_at(EX_DATAERR, name, csvr_error_line(r), "%s",
		    csvr_error(r));
	csvr_close(r);
	if (ferror(fp))
		diag_fatal(EX_IOERR, "%s: read error", name);
	fclose(fp);
	sha256_final_hex(&ctx, o->cases.sha);

	known = xcalloc(2 * st.n + 1, sizeof(*known));
	for (i = 0; i < 2 * st.n; i++) {
		struct pm_person *p = &known[i];
		char **f = st.c[i / 2].fields;
		const int *pc = pcol[i % 2];

		p->forename = pc[0] >= 0 ? f[pc[0]] : "";
		p->surname = pc[1] >= 0 ? f[pc[1]] : "";
		p->dob = pc[2] >= 0 ? f[pc[2]] : "";
		p->pnc = pc[3] >= 0 ? f[pc[3]] : "";
		p->postcode = pc[4] >= 0 ? f[pc[4]] : "";
		p->sex = pc[5] >= 0 ? f[pc[5]] : "";
		p->id = pc[6] >= 0 ? f[pc[6]] : "";
	}
	st.pm = pm_new(known, 2 * st.n);
	pm_set_threshold(st.pm, o->threshold, o->threshold - o->grey);
	free(known);
	for (i = 0; i < 2 * st.n; i++)
		if (!pm_findable(st.pm, i))
			diag_at(name, st.c[i / 2].line, "warning: %s cannot "
			    "be found (no id, surname, forename or PNC ID)",
			    i % 2 ? "perpetrator" : "victim");
}

/* ---- Sources ---- */

/* Column indices of a source file, -1 when absent. */
struct srccols {
	int key, date1, date2, group, detail, detail2, decision, da, until;
	int breaches, postcode;
	int person[2][NPF];
};

static void
add_finding(const struct kind *k, const struct csvr *r,
    const struct srccols *sc, int s, const struct pm_match *m, int32_t date,
    int32_t until)
{
	struct casedata *c = &st.c[m->who / 2];
	struct fnd *x;
	struct pack_finding f;
	const char *detail, *b;
	const int *pc = sc->person[s];

	memset(&f, 0, sizeof(f));
	f.case_idx = m->who / 2;
	f.subject = m->who % 2 ? PACK_PERPETRATOR : PACK_VICTIM;
	f.source = k->src;
	f.record_ref = field(r, sc->key);
	f.date = date;
	f.until = until;
	if (!pack_keep(&c->pc, &f))
		return;
	x = xcalloc(1, sizeof(*x));
	f.role = k->roles[s] != NULL ? k->roles[s] : "at_postcode";
	f.record_ref = keep(f.record_ref);
	f.offence_group = keep(field(r, sc->group));
	detail = field(r, sc->detail);
	if (*detail == '\0')
		detail = field(r, sc->detail2);
	f.detail = keep(detail);
	if (k->src == PACK_WANTED)
		f.decision = until != PACK_NODATE && until <= c->pc.ref ?
		    "arrested" : "wanted";
	else
		f.decision = keep(field(r, sc->decision));
	f.da = strcmp(field(r, sc->da), "Y") == 0;
	f.breaches = -1;
	if (*(b = field(r, sc->breaches)) != '\0') {
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
	f.possible = m->status == PM_POSSIBLE;
	f.has_weight = m->has_weight;
	f.weight = m->weight;
	f.basis = keep(m->basis);
	pack_note(&c->pc, &f);
	x->f = f;
	x->forename = keep(field(r, pc[0]));
	x->surname = keep(field(r, pc[1]));
	x->dob = keep(field(r, pc[2]));
	x->pnc = keep(field(r, pc[3]));
	x->datetext = "";
	if (date != PACK_NODATE) {
		char buf[16];

		date_format(date, buf);
		x->datetext = keep(buf);
	}
	if (st.nf == st.capf) {
		st.capf = st.capf ? 2 * st.capf : 256;
		st.f = xreallocarray(st.f, st.capf, sizeof(*st.f));
	}
	st.f[st.nf++] = x;
}

static int
col_of(const struct csvr *r, const char *name)
{
	return name != NULL ? csvr_col(r, name) : -1;
}

/* Engagement records carry no person: they are listed as possible
 * findings when held at a case person's postcode. */
static void
by_postcode(const struct kind *k, const struct csvr *r,
    const struct srccols *sc, int32_t date)
{
	char pcode[32];
	struct pm_match m;
	size_t i;

	norm_postcode(field(r, sc->postcode), pcode, sizeof(pcode));
	if (pcode[0] == '\0')
		return;
	memset(&m, 0, sizeof(m));
	m.status = PM_POSSIBLE;
	strcpy(m.basis, "postcode");
	for (i = 0; i < 2 * st.n; i++)
		if (strcmp(st.c[i / 2].postcode[i % 2], pcode) == 0) {
			m.who = i;
			add_finding(k, r, sc, 0, &m, date, PACK_NODATE);
		}
}

/* Finds the columns of a source from its header; exits 65 when the file
 * cannot be of the kind. */
static void
source_cols(const struct kind *k, const struct csvr *r, struct srccols *sc)
{
	const char *name = csvr_name(r);
	int s, any = 0;
	size_t i;

	sc->key = col_of(r, k->key);
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
		diag_fatal(EX_DATAERR, "%s: no column %s", name, k->key);
	for (s = 0; s < 2; s++) {
		for (i = 0; i < NPF; i++)
			sc->person[s][i] = -1;
		if (k->roles[s] == NULL)
			continue;
		person_cols(r, k->roles[s], sc->person[s]);
		/* forename, surname, dob, pnc or id */
		for (i = 0; i < NPF; i++)
			if (i != 4 && i != 5 && sc->person[s][i] >= 0)
				any = 1;
	}
	if (sc->postcode >= 0)
		any = 1;
	if (!any)
		diag_fatal(EX_DATAERR, "%s: no person columns for a %s file",
		    name, pack_source_name(k->src));
}

/*
 * Checks the current record and reads its dates.  Returns 0, or -1 for a
 * record to reject (with a message, counted in *report, when report is
 * not NULL).
 */
static int
record_ok(const struct kind *k, const struct csvr *r, const struct srccols *sc,
    unsigned long *report, int32_t *date, int32_t *until)
{
	const char *what = NULL;
	int32_t d2;

	if (csvr_recerr(r) != CSVR_OK)
		what = csvr_recerr_str(csvr_recerr(r));
	else if (csvr_ragged(r))
		what = "wrong number of fields";
	else if (opt_date(field(r, sc->date1), date) == -1)
		what = k->date1;
	else if (opt_date(field(r, sc->date2), &d2) == -1)
		what = k->date2;
	else if (opt_date(field(r, sc->until), until) == -1)
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
};

/*
 * First pass: every record's persons go to the matcher, which then gives
 * the candidates of each known person.  Memory: the matcher's set of
 * record persons and the candidates, never the records themselves.
 */
static void
first_pass(const struct kind *k, const char *path, int hash, FILE **spool,
    struct pass1 *out)
{
	static const struct pm_person none = { "", "", "", "", "", "", "" };
	struct sha256 ctx;
	FILE *fp;
	struct csvr *r;
	const char *name = input_name(path);
	struct srccols sc;
	size_t who, j;
	int rc, s, nroles = k->roles[0] ? 1 + (k->roles[1] != NULL) : 0;

	memset(out, 0, sizeof(*out));
	if ((fp = open_input(path, hash ? &ctx : NULL, spool)) == NULL) {
		out->missing = 1;
		return;
	}
	r = csvr_fdopen(fp, name, NULL);
	if ((rc = csvr_header(r)) == CSVR_ERROR)
		diag_fatal_at(EX_DATAERR, name, csvr_error_line(r), "%s",
		    csvr_error(r));
	if (rc != CSVR_EOF)
		source_cols(k, r, &sc);
	while (rc != CSVR_EOF && (rc = csvr_next(r)) == CSVR_RECORD) {
		int32_t date, until;
		int ok = record_ok(k, r, &sc, &out->rejects, &date,
		    &until) == 0;

		for (s = 0; s < nroles; s++) {
			struct pm_person p;

			if (ok)
				person_of(r, sc.person[s], &p);
			pm_add(st.pm, ok ? &p : &none);
		}
	}
	if (rc == CSVR_ERROR)
		diag_fatal_at(EX_DATAERR, name, csvr_error_line(r), "%s",
		    csvr_error(r));
	csvr_close(r);
	if (ferror(fp))
		diag_fatal(EX_IOERR, "%s: read error", name);
	fclose(fp);
	if (hash)
		sha256_final_hex(&ctx, out->sha);

	pm_finish(st.pm);
	for (who = 0; nroles > 0 && who < 2 * st.n; who++) {
		const struct pm_match *m;
		size_t nm = pm_find(st.pm, who, &m);

		out->hits = xreallocarray(out->hits, out->nhits + nm + 1,
		    sizeof(*out->hits));
		for (j = 0; j < nm; j++, out->nhits++) {
			struct hitrow *h = &out->hits[out->nhits];

			/* Padding too: the array is written to a file whole. */
			memset(h, 0, sizeof(*h));
			h->row = (unsigned long)(m[j].rec / (size_t)nroles);
			h->s = (int)(m[j].rec % (size_t)nroles);
			h->m = m[j];
		}
	}
	pm_reset(st.pm);
	if (out->nhits > 1)
		qsort(out->hits, out->nhits, sizeof(*out->hits), by_row);
}

/*
 * Second pass: the records that were candidates are read again for
 * their details (and engagement records matched by postcode).
 */
static void
second_pass(const struct kind *k, const char *path, FILE *spool,
    const struct pass1 *p1)
{
	const char *name = input_name(path);
	struct csvr *r;
	struct srccols sc;
	unsigned long row;
	size_t h = 0;
	int rc;

	if (p1->missing || (p1->nhits == 0 && k->postcode == NULL))
		return;
	if (spool != NULL) {
		if (fflush(spool) == EOF || fseek(spool, 0, SEEK_SET) == -1)
			diag_fatal(EX_IOERR, "%s: temporary copy: %s", name,
			    strerror(errno));
		r = csvr_fdopen(spool, name, NULL);
	} else if ((r = csvr_open(path, NULL)) == NULL)
		diag_fatal(EX_NOINPUT, "%s: %s", name, strerror(errno));
	if ((rc = csvr_header(r)) == CSVR_EOF && p1->nhits == 0) {
		csvr_close(r);
		return;
	}
	if (rc != CSVR_RECORD)
		diag_fatal(EX_DATAERR, "%s: changed while being read", name);
	source_cols(k, r, &sc);
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
				add_finding(k, r, &sc, p1->hits[h].s,
				    &p1->hits[h].m, date, until);
		if (ok && sc.postcode >= 0)
			by_postcode(k, r, &sc, date);
	}
	if (h < p1->nhits)
		diag_fatal(EX_DATAERR, "%s: changed while being read", name);
	csvr_close(r);
}

/* A first pass run in a child process, its result in a temporary file. */
struct worker {
	pid_t pid;
	FILE *result;
	int source;
};

static void
child_pass(const struct kind *k, const char *path, int hash, FILE *result)
{
	struct pass1 p1;

	first_pass(k, path, hash, NULL, &p1);
	if (fwrite(&p1, sizeof(p1), 1, result) != 1 ||
	    (p1.nhits > 0 && fwrite(p1.hits, sizeof(*p1.hits), p1.nhits,
	    result) != p1.nhits) || fflush(result) == EOF) {
		diag_warn("temporary result file: %s", strerror(errno));
		_exit(EX_IOERR);
	}
	_exit(0);
}

/* Waits for any worker to end and takes its result. */
static void
reap(struct worker *w, struct pass1 *res)
{
	struct pass1 *p;
	pid_t pid;
	int status, j;

	while ((pid = waitpid(-1, &status, 0)) == -1)
		if (errno != EINTR)
			diag_fatal(EX_OSERR, "waitpid: %s", strerror(errno));
	for (j = 0; j < PACK_NSOURCES && w[j].pid != pid; j++)
		;
	if (j == PACK_NSOURCES)
		return;		/* not one of ours */
	w[j].pid = 0;
	if (WIFSIGNALED(status) || WEXITSTATUS(status) != 0) {
		int k;

		for (k = 0; k < PACK_NSOURCES; k++)
			if (w[k].pid != 0)
				kill(w[k].pid, SIGTERM);
		if (WIFSIGNALED(status))
			diag_fatal(EX_SOFTWARE, "--%s: first pass killed by "
			    "signal %d", kinds[j].opt, WTERMSIG(status));
		exit(WEXITSTATUS(status));	/* the child said why */
	}
	p = &res[j];
	rewind(w[j].result);
	if (fread(p, sizeof(*p), 1, w[j].result) != 1)
		diag_fatal(EX_IOERR, "temporary result file: short read");
	p->hits = xcalloc(p->nhits ? p->nhits : 1, sizeof(*p->hits));
	if (p->nhits > 0 && fread(p->hits, sizeof(*p->hits), p->nhits,
	    w[j].result) != p->nhits)
		diag_fatal(EX_IOERR, "temporary result file: short read");
	fclose(w[j].result);
	w[j].result = NULL;
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

/*
 * Reads every source: first passes side by side in child processes (one
 * per core; standard input stays in this process), then the second
 * passes in order.
 */
static void
scan_sources(struct opts *o)
{
	struct pass1 res[PACK_NSOURCES];
	struct worker w[PACK_NSOURCES];
	FILE *spool[PACK_NSOURCES];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int i, given = 0, hash = o->audit != NULL;
	int maxw = ncpu < 1 ? 1 : ncpu > 8 ? 8 : (int)ncpu;

	memset(res, 0, sizeof(res));
	memset(w, 0, sizeof(w));
	memset(spool, 0, sizeof(spool));
	for (i = 0; i < PACK_NSOURCES; i++)
		given += o->src[i].path != NULL;
	for (i = 0; i < PACK_NSOURCES; i++) {
		const char *path = o->src[i].path;

		if (path == NULL)
			continue;
		if (given < 2 || maxw < 2 || is_stream(path)) {
			first_pass(&kinds[i], path, hash, &spool[i], &res[i]);
			continue;
		}
		while (running(w) >= maxw)
			reap(w, res);
		if ((w[i].result = tmpfile()) == NULL)
			diag_fatal(EX_CANTCREAT, "temporary result file: %s",
			    strerror(errno));
		fflush(NULL);
		w[i].source = i;
		if ((w[i].pid = fork()) == -1)
			diag_fatal(EX_OSERR, "fork: %s", strerror(errno));
		if (w[i].pid == 0)
			child_pass(&kinds[i], path, hash, w[i].result);
	}
	while (running(w) > 0)
		reap(w, res);
	for (i = 0; i < PACK_NSOURCES; i++) {
		if (o->src[i].path == NULL)
			continue;
		st.missing |= res[i].missing;
		st.rejects += res[i].rejects;
		memcpy(o->src[i].sha, res[i].sha, sizeof(res[i].sha));
		second_pass(&kinds[i], o->src[i].path, spool[i], &res[i]);
		if (spool[i] != NULL)
			fclose(spool[i]);
		free(res[i].hits);
	}
}

/* ---- Outputs ---- */

static const char *const fcols[] = {
	"marac_ref", "subject", "source", "record_ref", "date",
	"role_in_record", "offence_group", "detail", "decision", "note",
	"record_forename", "record_surname", "record_dob", "record_pnc",
	"match_weight", "match_basis", "match"
};
#define NFCOLS (sizeof(fcols) / sizeof(fcols[0]))

static const struct opts *gopts;

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
static int
redacted(const char *col)
{
	const struct family *f;
	size_t i;

	for (i = 0; i < gopts->nredact; i++) {
		if (strcmp(gopts->redact[i], col) == 0)
			return 1;
		if ((f = family_of(gopts->redact[i])) != NULL &&
		    in_family(f, col))
			return 1;
	}
	return 0;
}

/*
 * Value of findings column i, or NULL when it is redacted; buf holds at
 * least 32 bytes.  The person as the record spells them (record_*) is
 * also redacted where the case list's column of that subject is:
 * --redact victim_dob hides the victim's date of birth in record_dob.
 */
static const char *
fvalue(const struct fnd *x, size_t i, char *buf)
{
	const struct pack_finding *f = &x->f;

	if (redacted(fcols[i]))
		return NULL;
	if (i >= 10 && i <= 13) {
		char col[64];

		snprintf(col, sizeof(col), "%s_%s",
		    pack_subject_name(f->subject), fcols[i] + 7);
		if (redacted(col))
			return NULL;
	}
	switch (i) {
	case 0: return st.c[f->case_idx].pc.marac_ref;
	case 1: return pack_subject_name(f->subject);
	case 2: return pack_source_name(f->source);
	case 3: return f->record_ref;
	case 4: return x->datetext;
	case 5: return f->role;
	case 6: return f->offence_group;
	case 7: return f->detail;
	case 8: return f->decision;
	case 9: return f->note;
	case 10: return x->forename;
	case 11: return x->surname;
	case 12: return x->dob;
	case 13: return x->pnc;
	case 14:
		if (!f->has_weight)
			return "";
		snprintf(buf, 32, "%.2f", f->weight);
		return buf;
	case 15: return f->basis;
	case 16: return f->possible ? "possible" : "confirmed";
	}
	return "";
}

/* What a redacted value reads as on a page. */
#define REDACTED "[redacted]"

static int
by_case(const void *a, const void *b)
{
	const struct pack_finding *x = &(*(const struct fnd *const *)a)->f;
	const struct pack_finding *y = &(*(const struct fnd *const *)b)->f;
	int d;

	if (x->case_idx != y->case_idx)
		return x->case_idx < y->case_idx ? -1 : 1;
	if (x->possible != y->possible)
		return x->possible - y->possible;
	if (x->subject != y->subject)
		return x->subject < y->subject ? -1 : 1;
	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	if (x->date != y->date)		/* newest first, undated last */
		return x->date > y->date ? -1 : 1;
	if ((d = strcmp(x->record_ref, y->record_ref)) != 0)
		return d;
	return strcmp(x->role, y->role);
}

static void
write_findings(struct outfile *of)
{
	struct csvw *w = csvw_new(out_fp(of), ',');
	char buf[32];
	size_t i, j;

	csvw_excel_safe(w, cli.excel_safe);
	for (j = 0; j < NFCOLS; j++)
		csvw_str(w, fcols[j]);
	csvw_end(w);
	for (i = 0; i < st.nf; i++) {
		for (j = 0; j < NFCOLS; j++) {
			const char *v = fvalue(st.f[i], j, buf);

			csvw_str(w, v != NULL ? v : "");
		}
		csvw_end(w);
	}
	if (csvw_free(w) == -1)
		diag_fatal(EX_IOERR, "%s: write error", out_name(of));
}

/* Findings of case i are st.f[first[i]] .. st.f[first[i + 1] - 1]. */
static size_t *first;

static void
summarise(size_t i, struct pack_summary *s)
{
	const struct pack_finding **f;
	size_t n = first[i + 1] - first[i], j;

	f = xcalloc(n ? n : 1, sizeof(*f));
	for (j = 0; j < n; j++)
		f[j] = &st.f[first[i] + j]->f;
	pack_summarise(&st.c[i].pc, f, n, s);
	free(f);
}

static void
write_summary(struct outfile *of, const struct pack_summary *sum)
{
	struct csvw *w = csvw_new(out_fp(of), ',');
	char buf[PACK_TYPES_MAX];
	size_t i, j;

	csvw_excel_safe(w, cli.excel_safe);
	for (j = 0; j < st.ncols; j++)
		csvw_str(w, st.cols[j]);
	for (j = 0; j < pack_summary_ncols(); j++)
		csvw_str(w, pack_summary_colname(j));
	csvw_end(w);
	for (i = 0; i < st.n; i++) {
		for (j = 0; j < st.ncols; j++)
			csvw_str(w, redacted(st.cols[j]) ? "" :
			    st.c[i].fields[j]);
		for (j = 0; j < pack_summary_ncols(); j++) {
			pack_summary_value(&sum[i], j, buf);
			csvw_str(w, redacted(pack_summary_colname(j)) ? "" :
			    buf);
		}
		csvw_end(w);
	}
	if (csvw_free(w) == -1)
		diag_fatal(EX_IOERR, "%s: write error", out_name(of));
}

/* A case list value by column name: "" when absent, NULL when redacted. */
static const char *
case_value(size_t i, const char *col)
{
	size_t j;

	for (j = 0; j < st.ncols; j++)
		if (strcmp(st.cols[j], col) == 0)
			return redacted(col) ? NULL : st.c[i].fields[j];
	return "";
}

/* A value on a page: NULL (redacted) reads [redacted]. */
static void
hput(FILE *fp, const char *s)
{
	html_puts(fp, s != NULL ? s : REDACTED);
}

static void
td(FILE *fp, const char *s)
{
	fputs("<td>", fp);
	hput(fp, s);
	fputs("</td>", fp);
}

static void
html_person(FILE *fp, size_t i, const char *role)
{
	static const char *const parts[] = {
		"forename", "surname", "dob", "pnc", "postcode", "id"
	};
	const char *v[sizeof(parts) / sizeof(parts[0])];
	char col[64];
	size_t k;
	int any = 0;

	for (k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
		snprintf(col, sizeof(col), "%s_%s", role, parts[k]);
		v[k] = case_value(i, col);
	}
	/* A redacted name reads "name [redacted]", not two markers. */
	if (v[0] == NULL && v[1] == NULL) {
		fputs("name " REDACTED, fp);
		any = 1;
		k = 2;
	} else
		k = 0;
	for (; k < sizeof(parts) / sizeof(parts[0]); k++) {
		if (v[k] != NULL && *v[k] == '\0')
			continue;
		if (any++)
			fputs(k == 1 ? " " : ", ", fp);
		if (k >= 2) {
			html_puts(fp, parts[k]);
			fputc(' ', fp);
		}
		hput(fp, v[k]);
	}
}

/* Writes findings columns a, b ... (indices into fcols, -1 ends) of x
 * into one cell, separated by sep, skipping empty values; redacted
 * values next to each other read as one [redacted]. */
static void
cell(FILE *fp, const struct fnd *x, const int *cols, const char *sep,
    const char *cls)
{
	char buf[32];
	int any = 0, hidden = 0;

	if (cls != NULL)
		fprintf(fp, "<td class=\"%s\">", cls);
	else
		fputs("<td>", fp);
	for (; *cols >= 0; cols++) {
		const char *v = fvalue(x, (size_t)*cols, buf);

		if (v != NULL && *v == '\0')
			continue;
		if (v == NULL && hidden)
			continue;
		hidden = v == NULL;
		if (any++)
			fputs(sep, fp);
		hput(fp, v);
	}
	fputs("</td>", fp);
}

/*
 * One table of a case's findings for one person, confirmed or possible.
 * Cells group columns of the findings CSV so that a page fits A4.
 */
static void
html_findings(FILE *fp, size_t lo, size_t hi, enum pack_subject subject,
    int possible)
{
	static const int c_src[] = { 2, -1 }, c_ref[] = { 3, -1 },
	    c_date[] = { 4, -1 }, c_role[] = { 5, -1 },
	    c_what[] = { 7, 6, -1 }, c_dec[] = { 8, -1 }, c_note[] = { 9, -1 },
	    c_as[] = { 10, 11, 12, 13, -1 }, c_match[] = { 15, 14, -1 };
	size_t i, n = 0;

	for (i = lo; i < hi; i++)
		if (st.f[i]->f.possible == possible &&
		    st.f[i]->f.subject == subject)
			n++;
	fputs("<h3>", fp);
	html_puts(fp, subject == PACK_VICTIM ? "Victim" : "Perpetrator");
	fprintf(fp, " (%zu)</h3>\n", n);
	if (n == 0) {
		fputs("<p>None.</p>\n", fp);
		return;
	}
	fprintf(fp, "<table class=\"findings%s\">\n<thead><tr>"
	    "<th>source</th><th>record</th><th>date</th>"
	    "<th>role</th><th>detail; offence group</th>"
	    "<th>decision</th><th>note</th><th>as recorded</th>"
	    "<th>match basis; weight</th></tr></thead>\n<tbody>\n",
	    possible ? " possible" : "");
	for (i = lo; i < hi; i++) {
		const struct fnd *x = st.f[i];

		if (x->f.possible != possible || x->f.subject != subject)
			continue;
		fputs("<tr>", fp);
		cell(fp, x, c_src, "", NULL);
		cell(fp, x, c_ref, "", NULL);
		cell(fp, x, c_date, "", "date");
		cell(fp, x, c_role, "", NULL);
		cell(fp, x, c_what, "; ", NULL);
		cell(fp, x, c_dec, "", NULL);
		cell(fp, x, c_note, "", NULL);
		cell(fp, x, c_as, " ", NULL);
		cell(fp, x, c_match, "; ", "basis");
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
}

static const char marking[] =
    "<p class=\"marking\">OFFICIAL-SENSITIVE: MARAC research pack. "
    "Share only with the MARAC and as its information-sharing "
    "agreement allows.</p>\n";

/* The reference of case i on a page: its position when redacted. */
static const char *
case_ref(size_t i, char *buf, size_t size)
{
	const char *ref = case_value(i, "marac_ref");

	if (ref != NULL)
		return ref;
	snprintf(buf, size, "case %zu " REDACTED, i + 1);
	return buf;
}

static void
html_case(FILE *fp, size_t i, const struct pack_summary *s,
    const char *stamp)
{
	char title[256], ref[64], buf[PACK_TYPES_MAX];
	const char *risk;
	size_t j;

	snprintf(title, sizeof(title), "MARAC research pack %s",
	    case_ref(i, ref, sizeof(ref)));
	html_begin(fp, title);
	fputs(marking, fp);
	fputs("<h1>", fp);
	html_puts(fp, title);
	fputs("</h1>\n<table class=\"kv\">\n<tbody>\n"
	    "<tr><th>Victim</th><td>", fp);
	html_person(fp, i, "victim");
	fputs("</td></tr>\n<tr><th>Perpetrator</th><td>", fp);
	html_person(fp, i, "perpetrator");
	fputs("</td></tr>\n<tr><th>Meeting</th><td>", fp);
	hput(fp, case_value(i, "meeting_date"));
	fputs("</td></tr>\n<tr><th>DASH score, risk</th><td>", fp);
	hput(fp, case_value(i, "dash_score"));
	if ((risk = case_value(i, "risk_level")) == NULL || *risk != '\0') {
		fputs(", ", fp);
		hput(fp, risk);
	}
	fputs("</td></tr>\n</tbody>\n</table>\n", fp);
	fputs("<h2>Summary</h2>\n<table class=\"kv\">\n<tbody>\n", fp);
	for (j = 0; j < pack_summary_ncols(); j++) {
		const char *col = pack_summary_colname(j);

		pack_summary_value(s, j, buf);
		fputs(j % 2 ? "" : "<tr>", fp);
		fputs("<th>", fp);
		html_puts(fp, col);
		fputs("</th>", fp);
		td(fp, redacted(col) ? NULL : buf);
		fputs(j % 2 || j + 1 == pack_summary_ncols() ? "</tr>\n" : "",
		    fp);
	}
	fputs("</tbody>\n</table>\n<h2>Records found</h2>\n", fp);
	html_findings(fp, first[i], first[i + 1], PACK_VICTIM, 0);
	html_findings(fp, first[i], first[i + 1], PACK_PERPETRATOR, 0);
	fputs("<h2>Possible matches: check before relying on them</h2>\n",
	    fp);
	html_findings(fp, first[i], first[i + 1], PACK_VICTIM, 1);
	html_findings(fp, first[i], first[i + 1], PACK_PERPETRATOR, 1);
	fputs("<h2>Case list entry</h2>\n<table class=\"kv\">\n<tbody>\n",
	    fp);
	for (j = 0; j < st.ncols; j++) {
		fputs(j % 2 ? "" : "<tr>", fp);
		fputs("<th>", fp);
		html_puts(fp, st.cols[j]);
		fputs("</th>", fp);
		td(fp, redacted(st.cols[j]) ? NULL : st.c[i].fields[j]);
		fputs(j % 2 || j + 1 == st.ncols ? "</tr>\n" : "", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
	fputs("<p class=\"note\">", fp);
	html_puts(fp, stamp);
	fputs("</p>\n", fp);
	html_end(fp);
}

static void
html_index(FILE *fp, const struct pack_summary *sum, const char *stamp)
{
	static const char *const ccols[] = {
		"meeting_date", "victim_forename", "victim_surname",
		"perpetrator_forename", "perpetrator_surname", "dash_score",
		"risk_level"
	};
	static const size_t scols[] = { 8, 12, 15, 23, 25, 26 };
	char buf[PACK_TYPES_MAX], ref[64];
	size_t i, j;

	html_begin(fp, "MARAC research packs");
	fputs(marking, fp);
	fputs("<h1>MARAC research packs</h1>\n<table>\n<thead><tr>"
	    "<th>marac_ref</th>", fp);
	for (j = 0; j < sizeof(ccols) / sizeof(ccols[0]); j++) {
		fputs("<th>", fp);
		html_puts(fp, ccols[j]);
		fputs("</th>", fp);
	}
	for (j = 0; j < sizeof(scols) / sizeof(scols[0]); j++) {
		fputs("<th>", fp);
		html_puts(fp, pack_summary_colname(scols[j]));
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < st.n; i++) {
		fputs("<tr><td><a href=\"", fp);
		html_puts(fp, st.c[i].page);
		fputs("\">", fp);
		html_puts(fp, case_ref(i, ref, sizeof(ref)));
		fputs("</a></td>", fp);
		for (j = 0; j < sizeof(ccols) / sizeof(ccols[0]); j++)
			td(fp, case_value(i, ccols[j]));
		for (j = 0; j < sizeof(scols) / sizeof(scols[0]); j++) {
			pack_summary_value(&sum[i], scols[j], buf);
			td(fp, redacted(pack_summary_colname(scols[j])) ?
			    NULL : buf);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n<p class=\"note\">", fp);
	html_puts(fp, stamp);
	fputs("</p>\n", fp);
	html_end(fp);
}

/* ---- Staged outputs ----
 *
 * A run's outputs are committed together or not at all.  Regular files
 * (findings, summary) are written to temporary files beside them
 * (lib/outfile) and synced; the HTML pages to a new folder beside the
 * --html folder.  Outputs that cannot be staged (standard output, a
 * FIFO, a device) are written once everything else is; then the audit
 * line is appended; then the folder is swapped in and the files renamed.
 * Any failure before that removes what was staged and leaves the
 * previous outputs as they were.
 */

/*
 * Test hook: when the environment variable VAWG_FAULT names this stage
 * ("findings", "summary", "page", "page:N", "index" or "audit"), writes
 * to fd fail from now on as on a full disk (fd becomes /dev/full), so
 * that the real error path is taken.
 */
static void
fault(int fd, const char *stage, size_t n)
{
	const char *f = getenv("VAWG_FAULT");
	size_t len = strlen(stage);
	int full;

	if (f == NULL || strncmp(f, stage, len) != 0)
		return;
	if (f[len] == ':') {
		if (n == 0 || strtoul(f + len + 1, NULL, 10) != n)
			return;
	} else if (f[len] != '\0')
		return;
	if ((full = open("/dev/full", O_WRONLY | O_CLOEXEC)) == -1 ||
	    dup2(full, fd) == -1)
		diag_fatal(EX_OSERR, "VAWG_FAULT: /dev/full: %s",
		    strerror(errno));
	close(full);
}

/* Flushes and syncs a staged file; exits 74 when that fails. */
static void
settle(struct outfile *of)
{
	FILE *fp = out_fp(of);

	if (fflush(fp) == EOF || ferror(fp) || fsync(fileno(fp)) == -1)
		diag_fatal(EX_IOERR, "%s: write error: %s", out_name(of),
		    strerror(errno ? errno : EIO));
}

/* The HTML folder being staged. */
static struct {
	const char *given;	/* --html as given, for messages */
	char *dir;		/* the folder, symbolic links resolved */
	char *parent, *base;
	char *tmp;		/* the staging folder; NULL when none */
	int fd;			/* open on tmp, for the signal handler */
	pid_t pid;		/* the process that made it */
	unsigned mode;
	const char *index;	/* "index.html" once begun */
	struct sigaction old[3];
} hs = { .fd = -1 };

static const int hs_signals[3] = { SIGINT, SIGTERM, SIGHUP };

/* Whether name ends in .html. */
static int
is_page_name(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".html") == 0;
}

/* Whether the file at dirfd/name is a page this program wrote: a
 * regular file named *.html whose text names vawg-marac-pack. */
static int
is_our_page(int dirfd, const char *name)
{
	static const char mark[] = "vawg-marac-pack";
	char buf[65536 + sizeof(mark)];
	size_t keep = 0;
	struct stat sb;
	ssize_t k;
	int fd, found = 0;

	if (!is_page_name(name))
		return 0;
	if ((fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
	    O_NONBLOCK)) == -1)
		return 0;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return 0;
	}
	while (!found && (k = read(fd, buf + keep, sizeof(buf) - keep)) > 0) {
		size_t n = keep + (size_t)k;

		found = memmem(buf, n, mark, sizeof(mark) - 1) != NULL;
		keep = n < sizeof(mark) ? n : sizeof(mark) - 1;
		memmove(buf, buf + n - keep, keep);
	}
	close(fd);
	return found;
}

/*
 * Counts what the folder dir holds that this program did not write
 * (anything but its own pages); -1 when it cannot be read.
 */
static long
foreign_files(const char *dir)
{
	DIR *d;
	struct dirent *e;
	long n = 0;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0)
			continue;
		if (!is_our_page(dirfd(d), e->d_name))
			n++;
	}
	closedir(d);
	return n;
}

/* Exits 73 unless the folder at hs.dir, if any, may be replaced. */
static void
html_check(void)
{
	struct stat sb;
	long n;

	if (lstat(hs.dir, &sb) == -1) {
		if (errno == ENOENT)
			return;
		diag_fatal(EX_CANTCREAT, "%s: %s", hs.given, strerror(errno));
	}
	if (!S_ISDIR(sb.st_mode))
		diag_fatal(EX_CANTCREAT, "%s: not a folder", hs.given);
	if ((n = foreign_files(hs.dir)) == -1)
		diag_fatal(EX_CANTCREAT, "%s: %s", hs.given, strerror(errno));
	if (n > 0)
		diag_fatal(EX_CANTCREAT, "%s: holds %ld file%s that "
		    "vawg-marac-pack did not write; not replaced (move %s, "
		    "or choose another --html folder)", hs.given, n,
		    n == 1 ? "" : "s", n == 1 ? "it" : "them");
}

/* Removes our pages (only) from folder path, then the folder. */
static int
remove_pages(const char *path)
{
	DIR *d;
	struct dirent *e;

	if ((d = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (is_page_name(e->d_name))
			(void)unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
	return rmdir(path);
}

/* Staging folders of runs killed outright (their process is gone). */
static void
sweep_staging(void)
{
	DIR *d;
	struct dirent *e;
	size_t blen = strlen(hs.base);

	if ((d = opendir(hs.parent)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		const char *n = e->d_name, *p = n + 1 + blen;
		char *end, *path;
		long pid;

		if (n[0] != '.' || strncmp(n + 1, hs.base, blen) != 0 ||
		    strncmp(p, ".tmp.", 5) != 0)
			continue;
		pid = strtol(p + 5, &end, 10);
		if (end == p + 5 || *end != '.' || pid <= 0 ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		path = xmalloc(strlen(hs.parent) + strlen(n) + 2);
		sprintf(path, "%s/%s", hs.parent, n);
		(void)remove_pages(path);
		free(path);
	}
	closedir(d);
}

/* At exit, on failure: the staging folder goes. */
static void
html_cleanup(void)
{
	if (hs.tmp == NULL || getpid() != hs.pid)
		return;
	if (hs.fd != -1)
		close(hs.fd);
	hs.fd = -1;
	(void)remove_pages(hs.tmp);
	free(hs.tmp);
	hs.tmp = NULL;
}

/* SIGINT, SIGTERM, SIGHUP while staging: the pages go, then whatever
 * handler was there before (lib/outfile's) runs. */
static void
html_on_signal(int sig)
{
	size_t i;
	int j;

	if (hs.fd != -1) {
		for (i = 0; i < st.n; i++)
			if (st.c[i].page[0] != '\0')
				(void)unlinkat(hs.fd, st.c[i].page, 0);
		if (hs.index != NULL)
			(void)unlinkat(hs.fd, hs.index, 0);
		(void)rmdir(hs.tmp);
	}
	for (j = 0; j < 3; j++)
		if (hs_signals[j] == sig)
			break;
	if (j < 3 && !(hs.old[j].sa_flags & SA_SIGINFO) &&
	    hs.old[j].sa_handler != SIG_DFL &&
	    hs.old[j].sa_handler != SIG_IGN) {
		hs.old[j].sa_handler(sig);
		return;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Whether path (resolved) is dir or inside it. */
static int
within(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(path, dir, n) == 0 &&
	    (path[n] == '\0' || path[n] == '/' || strcmp(dir, "/") == 0);
}

/*
 * Resolves the --html folder and refuses early (73) one that holds
 * files not ours or cannot be replaced, before anything is read or
 * written.  Another output inside it, which would be swapped away with
 * the folder, has been refused (64) by out_distinct().
 */
static void
html_prepare(const char *given, unsigned mode)
{
	char *cwd;
	struct stat sb;
	char *slash, *res;
	size_t n;

	hs.given = given;
	hs.mode = mode;
	hs.dir = xstrdup(given);
	if (lstat(given, &sb) == 0 && (res = realpath(given, NULL)) != NULL) {
		free(hs.dir);
		hs.dir = res;	/* a symbolic link: its target is replaced */
	}
	for (n = strlen(hs.dir); n > 1 && hs.dir[n - 1] == '/'; n--)
		hs.dir[n - 1] = '\0';
	if ((slash = strrchr(hs.dir, '/')) == NULL) {
		hs.parent = xstrdup(".");
		hs.base = xstrdup(hs.dir);
	} else {
		hs.parent = slash == hs.dir ? xstrdup("/") :
		    xstrndup(hs.dir, (size_t)(slash - hs.dir));
		hs.base = xstrdup(slash + 1);
	}
	if (*hs.base == '\0' || strcmp(hs.base, ".") == 0 ||
	    strcmp(hs.base, "..") == 0)
		diag_fatal(EX_CANTCREAT, "%s: not a folder that can be "
		    "replaced", given);
	if ((cwd = realpath(".", NULL)) != NULL && within(cwd, hs.dir))
		diag_fatal(EX_CANTCREAT, "%s: the current folder or one above "
		    "it: not replaced", given);
	free(cwd);
	if (access(hs.parent, W_OK | X_OK) == -1)
		diag_fatal(EX_CANTCREAT, "%s: %s", hs.parent, strerror(errno));
	html_check();
}

static void
html_free(void)
{
	free(hs.dir);
	free(hs.parent);
	free(hs.base);
}

static FILE *
page_open(const char *name)
{
	FILE *fp;
	int fd;

	if ((fd = openat(hs.fd, name, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0600)) == -1 ||
	    fchmod(fd, hs.mode) == -1 || (fp = fdopen(fd, "w")) == NULL)
		diag_fatal(EX_CANTCREAT, "%s/%s: %s", hs.given, name,
		    strerror(errno));
	return fp;
}

static void
page_close(FILE *fp, const char *name)
{
	int e;

	if (fflush(fp) == EOF || ferror(fp)) {
		e = errno ? errno : EIO;
		fclose(fp);
		diag_fatal(EX_IOERR, "%s/%s: write error: %s", hs.given,
		    name, strerror(e));
	}
	if (fclose(fp) == EOF)
		diag_fatal(EX_IOERR, "%s/%s: write error: %s", hs.given,
		    name, strerror(errno));
}

/* Writes every page and the index into a new folder beside hs.dir. */
static void
stage_html(const struct pack_summary *sum)
{
	static const char *const reserved[] = { "index", NULL };
	static int registered;
	struct safenames *sn = safenames_new(reserved);
	struct sigaction sa;
	char stamp[128], stem[64], ref[64];
	time_t now = time(NULL);
	struct tm tm;
	FILE *fp;
	size_t i;
	int j;

	sweep_staging();
	hs.tmp = xmalloc(strlen(hs.parent) + strlen(hs.base) + 48);
	sprintf(hs.tmp, "%s/.%s.tmp.%ld.XXXXXX", hs.parent, hs.base,
	    (long)getpid());
	hs.pid = getpid();
	if (!registered++)
		atexit(html_cleanup);
	if (mkdtemp(hs.tmp) == NULL) {
		int e = errno;

		free(hs.tmp);
		hs.tmp = NULL;
		diag_fatal(EX_CANTCREAT, "%s: %s", hs.given, strerror(e));
	}
	/* The folder: the files' mode, searchable where readable. */
	if (chmod(hs.tmp, hs.mode | (hs.mode & 0444) >> 2) == -1 ||
	    (hs.fd = open(hs.tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		diag_fatal(EX_CANTCREAT, "%s: %s", hs.given, strerror(errno));
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "Made %Y-%m-%d %H:%M UTC by "
	    "vawg-marac-pack " VAWG_VERSION ".", &tm);
	/* Page names come from the references, unless they are redacted. */
	for (i = 0; i < st.n; i++) {
		const char *r = case_value(i, "marac_ref") != NULL ?
		    st.c[i].pc.marac_ref : NULL;

		if (r == NULL) {
			snprintf(ref, sizeof(ref), "case-%zu", i + 1);
			r = ref;
		}
		safename_unique(sn, r, stem, sizeof(stem));
		snprintf(st.c[i].page, sizeof(st.c[i].page), "%s.html", stem);
	}
	safenames_free(sn);
	hs.index = "index.html";
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = html_on_signal;
	sigemptyset(&sa.sa_mask);
	for (j = 0; j < 3; j++)
		sigaction(hs_signals[j], &sa, &hs.old[j]);
	for (i = 0; i < st.n; i++) {
		fp = page_open(st.c[i].page);
		fault(fileno(fp), "page", i + 1);
		html_case(fp, i, &sum[i], stamp);
		page_close(fp, st.c[i].page);
	}
	fp = page_open(hs.index);
	fault(fileno(fp), "index", 0);
	html_index(fp, sum, stamp);
	page_close(fp, hs.index);
	/* One sync for every page (and the folder), not one a page. */
	if (syncfs(hs.fd) == -1)
		diag_fatal(EX_IOERR, "%s: write error: %s", hs.given,
		    strerror(errno));
}

/*
 * Puts the staged folder in place of hs.dir: exchanged with the old
 * folder in one rename where the system can, else moved aside, then the
 * old folder's pages removed.
 */
static void
commit_html(void)
{
	char *aside;
	int e, j;

	for (j = 0; j < 3; j++)
		sigaction(hs_signals[j], &hs.old[j], NULL);
	close(hs.fd);
	hs.fd = -1;
	if (rename(hs.tmp, hs.dir) == 0) {
		free(hs.tmp);
		hs.tmp = NULL;
		return;
	}
	if (errno != EEXIST && errno != ENOTEMPTY)
		diag_fatal(EX_CANTCREAT, "%s: %s", hs.given, strerror(errno));
	if (renameat2(AT_FDCWD, hs.tmp, AT_FDCWD, hs.dir,
	    RENAME_EXCHANGE) == 0) {
		/* hs.tmp now holds the old folder. */
		if (remove_pages(hs.tmp) == -1)
			diag_warn("%s: the previous pages' folder could not "
			    "be removed: %s", hs.tmp, strerror(errno));
		free(hs.tmp);
		hs.tmp = NULL;
		return;
	}
	aside = xmalloc(strlen(hs.parent) + strlen(hs.base) + 48);
	sprintf(aside, "%s/.%s.tmp.%ld.old", hs.parent, hs.base,
	    (long)getpid());
	if (rename(hs.dir, aside) == -1)
		diag_fatal(EX_CANTCREAT, "%s: %s", hs.given, strerror(errno));
	if (rename(hs.tmp, hs.dir) == -1) {
		e = errno;
		(void)rename(aside, hs.dir);
		diag_fatal(EX_CANTCREAT, "%s: %s", hs.given, strerror(e));
	}
	free(hs.tmp);
	hs.tmp = NULL;
	if (remove_pages(aside) == -1)
		diag_warn("%s: the previous pages' folder could not be "
		    "removed: %s", aside, strerror(errno));
	free(aside);
}

/* ---- Audit ---- */

static const char *
user_name(void)
{
	struct passwd *pw = getpwuid(geteuid());
	static char buf[32];
	const char *s;

	if (pw != NULL && pw->pw_name != NULL && *pw->pw_name != '\0')
		return pw->pw_name;
	if ((s = getenv("LOGNAME")) != NULL && *s != '\0')
		return s;
	snprintf(buf, sizeof(buf), "uid %ld", (long)geteuid());
	return buf;
}

static void
audit_file(struct csvw *w, const struct input *in)
{
	csvw_str(w, in->path ? input_name(in->path) : "");
	csvw_str(w, in->path ? in->sha : "");
}

/*
 * Appends one CSV line (after a header when the file is new or empty)
 * in a single write, so that runs sharing the file do not interleave.
 * Called once every other output is staged; when the write fails, a file
 * it created is removed and a part line cut off, and the run fails (74)
 * with nothing committed.
 */
static void
write_audit(const struct opts *o, const char *summary_path)
{
	char *buf = NULL, num[32], when[32];
	size_t len = 0, i;
	FILE *mem = open_memstream(&buf, &len);
	struct csvw *w;
	struct stat sb;
	time_t now = time(NULL);
	struct tm tm;
	ssize_t k;
	int fd, created = 0, e;

	if (mem == NULL)
		diag_fatal(EX_OSERR, "%s", strerror(errno));
	if ((fd = open(o->audit, O_WRONLY | O_APPEND | O_CLOEXEC)) == -1 &&
	    errno == ENOENT &&
	    (fd = open(o->audit, O_WRONLY | O_APPEND | O_CREAT | O_EXCL |
	    O_CLOEXEC, o->mode)) != -1)
		created = 1;
	if (fd == -1)
		diag_fatal(EX_CANTCREAT, "%s: %s", o->audit, strerror(errno));
	if (created && fchmod(fd, o->mode) == -1) {
		e = errno;
		unlink(o->audit);
		diag_fatal(EX_CANTCREAT, "%s: %s", o->audit, strerror(e));
	}
	if (fstat(fd, &sb) == -1)
		diag_fatal(EX_IOERR, "%s: %s", o->audit, strerror(errno));
	w = csvw_new(mem, ',');
	if (sb.st_size == 0) {
		csvw_str(w, "time_utc");
		csvw_str(w, "user");
		csvw_str(w, "cases");
		csvw_str(w, "lookback");
		csvw_str(w, "as_of");
		csvw_str(w, "threshold");
		csvw_str(w, "grey");
		csvw_str(w, "redacted");
		csvw_str(w, "cases_file");
		csvw_str(w, "cases_sha256");
		for (i = 0; i < PACK_NSOURCES; i++) {
			snprintf(num, sizeof(num), "%s_file", kinds[i].opt);
			csvw_str(w, num);
			snprintf(num, sizeof(num), "%s_sha256", kinds[i].opt);
			csvw_str(w, num);
		}
		csvw_str(w, "findings");
		csvw_str(w, "summary");
		csvw_str(w, "html_dir");
		csvw_str(w, "html_pages");
		csvw_end(w);
	}
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	csvw_str(w, when);
	csvw_str(w, user_name());
	snprintf(num, sizeof(num), "%zu", st.n);
	csvw_str(w, num);
	if (o->lookback > 0)
		snprintf(num, sizeof(num), "%dm", o->lookback);
	else
		strcpy(num, "all");
	csvw_str(w, num);
	if (o->as_of != PACK_NODATE)
		date_format(o->as_of, num);
	else
		num[0] = '\0';
	csvw_str(w, num);
	snprintf(num, sizeof(num), "%g", o->threshold);
	csvw_str(w, num);
	snprintf(num, sizeof(num), "%g", o->grey);
	csvw_str(w, num);
	{
		size_t total = 1;
		char *list;

		for (i = 0; i < o->nredact; i++)
			total += strlen(o->redact[i]) + 1;
		list = xcalloc(1, total);
		for (i = 0; i < o->nredact; i++) {
			if (i > 0)
				strcat(list, ";");
			strcat(list, o->redact[i]);
		}
		csvw_str(w, list);
		free(list);
	}
	audit_file(w, &o->cases);
	for (i = 0; i < PACK_NSOURCES; i++)
		audit_file(w, &o->src[i]);
	csvw_str(w, o->findings ? o->findings : "");
	csvw_str(w, summary_path ? summary_path : "");
	csvw_str(w, o->html ? o->html : "");
	snprintf(num, sizeof(num), "%zu", o->html ? st.n + 1 : 0);
	csvw_str(w, num);
	csvw_end(w);
	if (csvw_free(w) == -1 || fclose(mem) == EOF)
		diag_fatal(EX_OSERR, "audit line: %s", strerror(errno));
	fault(fd, "audit", 0);
	if ((k = write(fd, buf, len)) != (ssize_t)len) {
		e = k == -1 ? errno : ENOSPC;
		if (created)
			unlink(o->audit);
		else if (k > 0 && S_ISREG(sb.st_mode))
			(void)ftruncate(fd, sb.st_size);
		diag_fatal(EX_IOERR, "%s: write error: %s", o->audit,
		    strerror(e));
	}
	if ((S_ISREG(sb.st_mode) && fsync(fd) == -1) || close(fd) == -1)
		diag_fatal(EX_IOERR, "%s: write error: %s", o->audit,
		    strerror(errno));
	free(buf);
}

struct staged {
	const char *path, *stage;	/* stage: "findings" or "summary" */
	struct outfile *of;
};

/* Writes one output's content (VAWG_FAULT may point it at /dev/full). */
static void
write_staged(const struct staged *st, const struct pack_summary *sum)
{
	fault(fileno(out_fp(st->of)), st->stage, 0);
	if (*st->stage == 'f')
		write_findings(st->of);
	else
		write_summary(st->of, sum);
}

/*
 * Writes every output, all or nothing: see "Staged outputs".
 */
static void
write_outputs(const struct opts *o, const char *summary_path,
    const struct pack_summary *sum)
{
	struct staged out[3];
	size_t n = 0, i;

	if (o->findings != NULL)
		out[n++].path = o->findings;
	if (summary_path != NULL)
		out[n++].path = summary_path;
	if (o->summary != NULL && cli.out != NULL &&
	    strcmp(o->summary, cli.out) != 0)
		out[n++].path = cli.out;
	for (i = 0; i < n; i++) {
		out[i].stage = i == 0 && o->findings != NULL ? "findings" :
		    "summary";
		out[i].of = out_open(out[i].path);
		if (!out_is_temp(out[i].of))
			continue;
		write_staged(&out[i], sum);
		settle(out[i].of);
	}
	if (o->html != NULL)
		stage_html(sum);
	/* What cannot be staged: standard output, a FIFO, a device. */
	for (i = 0; i < n; i++) {
		if (out_is_temp(out[i].of))
			continue;
		write_staged(&out[i], sum);
		out_close(out[i].of, 0);
		out[i].of = NULL;
	}
	/* The commit. */
	if (o->html != NULL)
		html_check();
	if (o->audit != NULL)
		write_audit(o, summary_path);
	if (o->html != NULL)
		commit_html();
	for (i = 0; i < n; i++)
		out_close(out[i].of, 0);
}

/* ---- Options ---- */

static double
weight_arg(const char *opt, const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !isfinite(v))
		cli_badarg(&cli, "%s: not a number", opt);
	return v;
}

static int
parse_lookback(const char *s)
{
	char *end;
	long n;

	if (strcmp(s, "all") == 0)
		return 0;
	n = strtol(s, &end, 10);
	if (end == s || strcmp(end, "m") != 0 || n < 1 || n > 1200)
		cli_badarg(&cli, "--lookback: not 12m, 24m, Nm or all");
	return (int)n;
}

/* Splits a comma list of column names into o->redact. */
static void
parse_redact(struct opts *o, const char *arg)
{
	char *copy = xstrdup(arg), *p, *save = NULL;

	for (p = strtok_r(copy, ",", &save); p != NULL;
	    p = strtok_r(NULL, ",", &save)) {
		o->redact = xreallocarray(o->redact, o->nredact + 1,
		    sizeof(*o->redact));
		o->redact[o->nredact++] = xstrdup(p);
	}
	free(copy);
	if (o->nredact == 0)
		cli_badarg(&cli, "--redact: no column names");
}

/* Every redacted name must be a family or an output column: a typo
 * would leak. */
static void
check_redact(const struct opts *o)
{
	size_t i, j;

	for (i = 0; i < o->nredact; i++) {
		int found = family_of(o->redact[i]) != NULL;

		for (j = 0; j < NFCOLS && !found; j++)
			found = strcmp(fcols[j], o->redact[i]) == 0;
		for (j = 0; j < st.ncols && !found; j++)
			found = strcmp(st.cols[j], o->redact[i]) == 0;
		for (j = 0; j < pack_summary_ncols() && !found; j++)
			found = strcmp(pack_summary_colname(j),
			    o->redact[i]) == 0;
		if (!found) {
			diag_warn("--redact: no column %s in any output",
			    o->redact[i]);
			exit(EX_USAGE);
		}
	}
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct pack_summary *sum;
	const char *summary_path;
	int ch, status = 0, nstdin = 0;
	size_t i;

	memset(&o, 0, sizeof(o));
	o.lookback = 12;
	o.mode = 0600;
	o.threshold = PM_THRESHOLD;
	o.grey = PM_GREY;
	o.as_of = PACK_NODATE;
	gopts = &o;
	diag_setprog(argv[0]);
	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		if (ch == CLI_OPT_MODE)
			(void)out_parsemode(optarg, &o.mode);
		if (cli_common(&cli, ch, optarg))
			continue;
		switch (ch) {
		case OPT_AS_OF:
			if (date_parse_iso(optarg, strlen(optarg), &o.as_of)
			    == -1)
				cli_badarg(&cli, "--as-of: not a date "
				    "(YYYY-MM-DD)");
			break;
		case OPT_AUDIT:
			o.audit = optarg;
			break;
		case OPT_CASES:
			o.cases.path = optarg;
			break;
		case OPT_CRIMES:
			o.src[PACK_CRIME].path = optarg;
			break;
		case OPT_DISCLOSURES:
			o.src[PACK_DISCLOSURE].path = optarg;
			break;
		case OPT_ENGAGEMENT:
			o.src[PACK_ENGAGEMENT].path = optarg;
			break;
		case OPT_FINDINGS:
			o.findings = optarg;
			break;
		case OPT_HTML:
			o.html = optarg;
			break;
		case OPT_LOOKBACK:
			o.lookback = parse_lookback(optarg);
			break;
		case OPT_MARAC:
			o.src[PACK_MARAC].path = optarg;
			break;
		case OPT_ORDERS:
			o.src[PACK_ORDER].path = optarg;
			break;
		case OPT_REDACT:
			parse_redact(&o, optarg);
			break;
		case OPT_SUMMARY:
			o.summary = optarg;
			break;
		case OPT_THRESHOLD:
			o.threshold = weight_arg("--threshold", optarg);
			break;
		case OPT_GREY:
			o.grey = weight_arg("--grey", optarg);
			if (o.grey < 0)
				cli_badarg(&cli, "--grey: not a weight >= 0");
			break;
		case OPT_WANTED:
			o.src[PACK_WANTED].path = optarg;
			break;
		default:
			cli_usage(&cli);
		}
	}
	if (optind != argc)
		cli_usage(&cli);
	if (o.cases.path == NULL)
		cli_badarg(&cli, "--cases is required");
	summary_path = o.summary ? o.summary : cli.out;
	if (summary_path == NULL && o.findings == NULL && o.html == NULL)
		summary_path = "-";
	nstdin = strcmp(o.cases.path, "-") == 0;
	for (i = 0; i < PACK_NSOURCES; i++)
		nstdin += o.src[i].path && strcmp(o.src[i].path, "-") == 0;
	if (nstdin > 1)
		cli_badarg(&cli, "only one input can be standard input");
	{
		struct out_use u[6 + PACK_NSOURCES];
		char opt[PACK_NSOURCES][24];

		u[0] = (struct out_use){ o.summary ? "--summary" : "-o",
		    summary_path, OUT_OUT };
		/* A second copy of the summary; naming the same file, one. */
		u[1] = (struct out_use){ "-o", o.summary && cli.out &&
		    strcmp(o.summary, cli.out) != 0 ? cli.out : NULL, OUT_OUT };
		u[2] = (struct out_use){ "--findings", o.findings, OUT_OUT };
		u[3] = (struct out_use){ "--html", o.html, OUT_DIR };
		u[4] = (struct out_use){ "--audit", o.audit, OUT_OUT };
		u[5] = (struct out_use){ "--cases", o.cases.path, OUT_IN };
		for (i = 0; i < PACK_NSOURCES; i++) {
			snprintf(opt[i], sizeof(opt[i]), "--%s", kinds[i].opt);
			u[6 + i] = (struct out_use){ opt[i], o.src[i].path,
			    OUT_IN };
		}
		out_distinct(u, 6 + PACK_NSOURCES);
	}

	if (o.html != NULL)
		html_prepare(o.html, o.mode);
	st.arena = hmap_new();
	read_cases(&o);
	check_redact(&o);
	scan_sources(&o);

	if (st.nf > 1)
		qsort(st.f, st.nf, sizeof(*st.f), by_case);
	first = xcalloc(st.n + 1, sizeof(*first));
	for (i = 0; i < st.nf; i++)
		first[st.f[i]->f.case_idx + 1]++;
	for (i = 0; i < st.n; i++)
		first[i + 1] += first[i];
	sum = xcalloc(st.n ? st.n : 1, sizeof(*sum));
	for (i = 0; i < st.n; i++)
		summarise(i, &sum[i]);

	if (st.missing)
		status = EX_NOINPUT;
	else if (st.rejects > 0)
		status = cli.strict ? EX_DATAERR : 1;
	/* A missing input is reported (66), the others are still packed. */
	if (status == 0 || status == 1 || status == EX_NOINPUT)
		write_outputs(&o, summary_path, sum);

	for (i = 0; i < st.nf; i++)
		free(st.f[i]);
	free(st.f);
	for (i = 0; i < st.n; i++)
		free(st.c[i].fields);
	free(st.c);
	for (i = 0; i < st.ncols; i++)
		free(st.cols[i]);
	free(st.cols);
	for (i = 0; i < o.nredact; i++)
		free(o.redact[i]);
	free(o.redact);
	free(first);
	free(sum);
	pm_free(st.pm);
	hmap_free(st.arena);
	html_free();
	return status;
}
