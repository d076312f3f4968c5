/*
 * vawg-dedupe: removes duplicate rows by key, or resolves the persons
 * named in a role's columns into person ids.
 *
 * Key mode (--key) keeps one row per key (the first, the last, or the
 * one with the latest value of a column), in input order, and sends
 * every other row, byte for byte, to --dropped.  Person mode (--role)
 * links the ROLE_* columns of every row by a Fellegi-Sunter model
 * estimated from the data (lib/persons/linkage) and writes every row
 * unchanged with ROLE_id and ROLE_match_weight added.  The engines are in
 * lib/persons/dedupe*.c.
 *
 * In both modes every row is accounted for: a record the reader cannot
 * use (bad quoting or bytes, the wrong number of fields) is rejected,
 * counted and, with --rejects, written there byte for byte.  Inputs must
 * have one header (in any column order): columns are never dropped.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli.h"
#include "core/diag.h"
#include "core/err.h"
#include "core/outfile.h"
#include "persons/dedupe.h"

enum {
	OPT_KEEP = CLI_OPT_FIRST_FREE,
	OPT_DROPPED,
	OPT_INDEX,
	OPT_PAIRS,
	OPT_PAIRS_MIN,
	OPT_THRESHOLD,
	OPT_GUARD,
	OPT_EXPLAIN,
	OPT_TRUTH,
	OPT_MODEL,
	OPT_INDEX_IMPORT,
	OPT_INDEX_EXPORT,
	OPT_INDEX_LOG,
	OPT_REJECTS,
	OPT_IDENTIFIER,
	OPT_ROW_KEY,
};

static const struct option longopts[] = {
	CLI_LONGOPTS,
	CLI_EXCEL_LONGOPTS,
	{ "key", required_argument, NULL, 'k' },
	{ "keep", required_argument, NULL, OPT_KEEP },
	{ "dropped", required_argument, NULL, OPT_DROPPED },
	{ "role", required_argument, NULL, 'r' },
	{ "index", required_argument, NULL, OPT_INDEX },
	{ "pairs", required_argument, NULL, OPT_PAIRS },
	{ "pairs-min", required_argument, NULL, OPT_PAIRS_MIN },
	{ "threshold", required_argument, NULL, OPT_THRESHOLD },
	{ "guard", required_argument, NULL, OPT_GUARD },
	{ "explain", required_argument, NULL, OPT_EXPLAIN },
	{ "truth", required_argument, NULL, OPT_TRUTH },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "index-import", required_argument, NULL, OPT_INDEX_IMPORT },
	{ "index-export", required_argument, NULL, OPT_INDEX_EXPORT },
	{ "index-log", no_argument, NULL, OPT_INDEX_LOG },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "identifier", required_argument, NULL, OPT_IDENTIFIER },
	{ "row-key", required_argument, NULL, OPT_ROW_KEY },
	{ NULL, 0, NULL, 0 }
};

static struct cli cli = {
	.synopsis =
	    "vawg-dedupe [--excel-safe] [--strict] -k column[,column...] "
	    "[--keep first|last|latest:column] [--dropped file] "
	    "[--rejects file] [-o file] [file ...]\n"
	    "       vawg-dedupe [--excel-safe] [--strict] -r role[,role...] "
	    "[--explain id] "
	    "[--guard weight] [--identifier column] [--index file "
	    "[--row-key column]] [--model file] [--pairs file] "
	    "[--pairs-min weight] [--rejects file] [--threshold weight|prob] "
	    "[--truth column] [-o file] [file ...]\n"
	    "       vawg-dedupe --index file [--index-import csv] "
	    "[--index-export csv] [--index-log] [-o file]",
	.help =
	    "Key mode:\n"
	    "  -k, --key COLS        columns (comma separated) that make a "
	    "row's key\n"
	    "  --keep WHICH          first (default), last, or latest:COL "
	    "(largest value of COL)\n"
	    "  --dropped FILE        write every dropped row there, byte for "
	    "byte\n"
	    "Person mode:\n"
	    "  -r, --role ROLE       link the persons in the ROLE_* columns;"
	    " ROLE,ROLE...: each\n"
	    "                        in turn, as a pipe of one-role runs "
	    "would, the rows read once;\n"
	    "                        -r person alone on a file without "
	    "person_* columns: the\n"
	    "                        columns' usual names (First Name, "
	    "Surname, DOB, City ...)\n"
	    "  --index FILE          persons database (SQLite) kept between "
	    "runs: the run's\n"
	    "                        candidates read, its changes written in "
	    "one transaction\n"
	    "  --row-key COL         with --index: COL names each row across "
	    "runs (a crime's\n"
	    "                        reference): a row read again with the "
	    "same person data\n"
	    "                        keeps its person, however little it "
	    "says\n"
	    "  --pairs FILE          every scored pair at or above --pairs-min,"
	    " with each field's weight\n"
	    "  --pairs-min W         lower bound for --pairs (default: "
	    "threshold - 10)\n"
	    "  --threshold W         match weight in bits to link a pair "
	    "(default 0: even odds),\n"
	    "                        or a match probability (a number "
	    "between 0 and 1)\n"
	    "  --guard W             also keep two groups apart when one pair "
	    "has this much\n"
	    "                        evidence against (bits; default: none)\n"
	    "  --identifier COL      column COL holds a person number, "
	    "compared as ROLE_other_id\n"
	    "  --explain ID          write the evidence for person ID instead "
	    "of the rows\n"
	    "  --truth COL           column of known identities: print "
	    "precision, recall, F1\n"
	    "  --model FILE          write the estimated m and u "
	    "probabilities\n"
	    "Persons database (with --index, no --role):\n"
	    "  --index-import CSV    import an index of the earlier CSV form "
	    "into a new database\n"
	    "  --index-export CSV    write the index in that CSV form\n"
	    "  --index-log           write the merge log (merged_id, into_id, "
	    "current_id, ...)\n"
	    "Common:\n"
	    "  -o, --output FILE     write FILE (mode 0600) instead of stdout\n"
	    "  --rejects FILE        write rows that cannot be read there, as "
	    "they were, with\n"
	    "                        reject_file, reject_line, "
	    "reject_reasons\n"
	    "  --excel-safe          neutralise fields a spreadsheet would run "
	    "(= + - @ TAB CR\n"
	    "                        first: '= quoted) in -o and --pairs; "
	    "--dropped stays as it came\n"
	    "  --strict              a rejected row fails the run (exit 65)\n"
	    "  -h, --help            this help; --version: the version\n"
	    "Memory: key mode keeps each distinct key (and, for last/latest, "
	    "spools rows to a\ntemporary file); person mode keeps about 100 "
	    "bytes per person record and the\ndistinct values, and spools "
	    "rows to a temporary file; with --index, also the\nrecords "
	    "fetched from the database (about a dozen per record) and "
	    "8 MB of cache.\n",
};

/* Parses the options into o; returns optind. */
static int
options(int argc, char *argv[], struct dedupe_opts *o)
{
	int ch;

	while ((ch = getopt_long(argc, argv, "hk:o:r:", longopts, NULL)) !=
	    -1) {
		if (cli_common(&cli, ch, optarg))
			continue;
		switch (ch) {
		case 'k':
			o->key = optarg;
			break;
		case 'r':
			o->role = optarg;
			break;
		case OPT_KEEP:
			if (strcmp(optarg, "first") == 0)
				o->keep = DEDUPE_KEEP_FIRST;
			else if (strcmp(optarg, "last") == 0)
				o->keep = DEDUPE_KEEP_LAST;
			else if (strncmp(optarg, "latest:", 7) == 0 &&
			    optarg[7]) {
				o->keep = DEDUPE_KEEP_LATEST;
				o->keep_col = optarg + 7;
			} else
				cli_badarg(&cli, "--keep: first, last or "
				    "latest:COLUMN");
			break;
		case OPT_DROPPED:
			o->dropped = optarg;
			break;
		case OPT_INDEX:
			o->index = optarg;
			break;
		case OPT_PAIRS:
			o->pairs = optarg;
			break;
		case OPT_PAIRS_MIN:
			o->pairs_min = cli_number(&cli, "--pairs-min", optarg);
			o->pairs_min_set = 1;
			break;
		case OPT_THRESHOLD:
			o->threshold = cli_number(&cli, "--threshold", optarg);
			/* Strictly between 0 and 1: a probability. */
			if (o->threshold > 0 && o->threshold < 1)
				o->threshold = lk_weight_of(o->threshold);
			break;
		case OPT_IDENTIFIER:
			o->identifier = optarg;
			break;
		case OPT_ROW_KEY:
			o->row_key = optarg;
			break;
		case OPT_GUARD:
			o->guard = cli_number(&cli, "--guard", optarg);
			break;
		case OPT_EXPLAIN:
			o->explain = optarg;
			break;
		case OPT_TRUTH:
			o->truth = optarg;
			break;
		case OPT_MODEL:
			o->model = optarg;
			break;
		case OPT_INDEX_IMPORT:
			o->import = optarg;
			break;
		case OPT_INDEX_EXPORT:
			o->export = optarg;
			break;
		case OPT_INDEX_LOG:
			o->log = 1;
			break;
		case OPT_REJECTS:
			o->rejects = optarg;
			break;
		default:
			cli_usage(&cli);
		}
	}
	o->excel_safe = cli.excel_safe;
	o->strict = cli.strict;
	return optind;
}

/*
 * --role ROLE[,ROLE...]: each of lower-case letters, digits and _, none
 * twice; with more than one, no option that reports on one role.
 */
static void
check_roles(const struct dedupe_opts *o)
{
	const char *s = o->role, *c, *t;
	size_t n;

	for (;;) {
		n = strcspn(s, ",");
		if (n == 0 || strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_")
		    != n)
			cli_badarg(&cli, "--role: lower-case letters, digits, "
			    "_ (roles separated by commas)");
		for (t = o->role; t < s; t += strcspn(t, ",") + 1)
			if (strcspn(t, ",") == n && strncmp(t, s, n) == 0)
				cli_badarg(&cli, "--role: a role named twice");
		if (s[n] == '\0')
			break;
		s += n + 1;
	}
	c = strchr(o->role, ',');
	if (c && (o->pairs || o->explain || o->truth || o->model ||
	    o->identifier))
		cli_badarg(&cli, "--pairs, --explain, --truth, --identifier "
		    "and --model go with one --role");
}

/* Options that do not go together, and outputs that are inputs: 64. */
static void
check_args(const struct dedupe_opts *o, int argc, char *argv[])
{
	int nin = argc > 0 ? argc : 1, i;
	struct vawg_err e = { 0 };
	struct out_use *u;

	if (!o->key == !o->role)
		cli_badarg(&cli, "give one of --key and --role");
	if (o->key && (o->index || o->pairs || o->explain || o->truth ||
	    o->model || o->identifier))
		cli_badarg(&cli, "--index, --pairs, --explain, --truth, "
		    "--identifier and --model go with --role");
	if (o->role && (o->dropped || o->keep != DEDUPE_KEEP_FIRST))
		cli_badarg(&cli, "--keep and --dropped go with --key");
	if (o->row_key && (!o->role || !o->index))
		cli_badarg(&cli, "--row-key goes with --role and --index");
	if (o->role)
		check_roles(o);
	u = xcalloc((size_t)nin + 6, sizeof(*u));
	u[0] = (struct out_use){ "-o", cli.out ? cli.out : "-", OUT_OUT };
	u[1] = (struct out_use){ "--dropped", o->dropped, OUT_OUT };
	u[2] = (struct out_use){ "--pairs", o->pairs, OUT_OUT };
	u[3] = (struct out_use){ "--model", o->model, OUT_OUT };
	u[4] = (struct out_use){ "--index", o->index, OUT_INOUT };
	u[5] = (struct out_use){ "--rejects", o->rejects, OUT_OUT };
	for (i = 0; i < nin; i++)
		u[i + 6] = (struct out_use){ "input",
		    argc > 0 ? argv[i] : "-", OUT_IN };
	out_distinct(u, (size_t)nin + 6, &e);
	free(u);
	err_exit(&e);
	if (o->key && strspn(o->key, ",") == strlen(o->key))
		cli_badarg(&cli, "--key: no column named");
}

int
main(int argc, char *argv[])
{
	struct dedupe_opts o = DEDUPE_OPTS_DEFAULT;
	struct vawg_err e = { 0 };
	struct outfile *out;
	int n, status;

	diag_setprog(argv[0]);
	n = options(argc, argv, &o);
	argc -= n;
	argv += n;
	if (o.import || o.export || o.log) {
		if (!o.index || o.key || o.role || argc)
			cli_badarg(&cli, "--index-import, --index-export and "
			    "--index-log go with --index alone");
		if ((out = out_open(cli.out, &e)) == NULL)
			err_exit(&e);
		status = out_close(out, dedupe_index(&o, out, &e), &e);
		err_exit(&e);
		return status;
	}
	check_args(&o, argc, argv);
	if ((out = out_open(cli.out, &e)) == NULL)
		err_exit(&e);
	status = out_close(out, dedupe(&o, out, argc, argv, &e), &e);
	err_exit(&e);
	return status;
}
