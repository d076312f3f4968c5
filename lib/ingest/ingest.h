/*
 * The ingest engine behind vawg-ingest: reads raw exports of one record
 * kind (any delimiter, CRLF, BOM, CP1252 or UTF-8, the source's own
 * column names and date formats), cleans every field by its canonical
 * column's type (kinds/schema.h, kinds/vocab.h, kinds/ident.h) and writes
 * canonical CSV, accounting for every row: each is written or rejected,
 * byte for byte, with its line and reasons.
 *
 * A record fault (no reference, no usable key date, wrong field count,
 * undecodable bytes) rejects the row; a field fault (a bad identifier,
 * date or vocabulary word in any other column) blanks that value and
 * names it in the row's quality_flags, unless strict_fields.
 */
#ifndef VAWG_INGEST_H
#define VAWG_INGEST_H

#include "core/dateparse.h"
#include "core/encoding.h"
#include "core/err.h"
#include "kinds/ident.h"
#include "kinds/schema.h"
#include "xlsx/xlsxread.h"

enum ingest_profile {
	INGEST_PLAIN,		/* the kind's columns, by header matching */
	INGEST_UKP_STREET,	/* police.uk street files, into kind crime */
	INGEST_UKP_OUTCOMES,	/* police.uk outcomes files, into kind crime */
};

struct ingest_opts {
	const struct kind *kind;
	const struct colmap_user *map;	/* the user's column map, or NULL */
	struct ident_pattern *ref_re;	/* the key must match, or NULL */
	struct dateparse_opts dp;
	enum ingest_profile profile;
	enum enc enc;
	int delim;		/* field delimiter, 0 to sniff */
	int strict;		/* the first rejected row exits 65 */
	int strict_fields;	/* a field fault rejects the row too */
	int every_outcome;	/* police.uk outcomes: every row as published */
	int excel_safe;		/* csvw_excel_safe() on both outputs */
	const char *out;	/* output path, NULL for stdout */
	const char *rejects;	/* rejects path, or NULL */
	const char *summary;	/* --summary path, or NULL */
	struct xlsx_opts xlsx;	/* for inputs that are workbooks */
};

/*
 * Ingests the files named in files[0..nfiles) (standard input when
 * nfiles is 0) into o->out, with per-file and total counts and the
 * per-reason counts on stderr.  Returns the exit status: 0; 1 when rows
 * were rejected and no rejects file was asked for; EX_NOINPUT when an
 * input could not be opened (the others are still read and written);
 * err->code is 0 then.  What ends the run (a bad header, a rejected row
 * with strict, a workbook that cannot be read: 65; a write error: 74)
 * returns err->code with err set to the message naming the file and
 * line; nothing is printed for it, the outputs' temporary files are
 * removed and everything is freed.
 */
int ingest_run(const struct ingest_opts *o, int nfiles, char *const *files,
    struct vawg_err *err);

#endif
