/*
 * The label table of vawg-xlsx (--labels FILE): for each CSV column or
 * summary measure name, a plain heading, a kind (celltype.h's kinds:
 * count, number, rate, percent, date, month, money, text), a
 * definition and, for measures, the better direction (up or down), a
 * target, an expected range (LOW..HIGH: a figure below, within or
 * above it is coloured so) and the source (the input and columns it
 * is counted from).  A CSV with the header csv_name,label,kind,
 * definition and optionally direction, target, range and source, in
 * any order.  Names not in the
 * table get a humanised heading (charge_rate_lower: "Charge rate
 * lower").  Memory: the table.
 */
#ifndef VAWG_XLSX_LABELS_H
#define VAWG_XLSX_LABELS_H

#include <stddef.h>

struct label {
	const char *name, *label, *definition;	/* "" when not given */
	const char *source;	/* "" when not given */
	int force;		/* enum ct_force; CT_FORCE_NONE: not given */
	int direction;		/* 1 up is better, -1 down, 0 not given */
	int has_target;
	double target;
	int has_range;
	double lo, hi;		/* the expected range, lo <= hi */
};

struct labels;

struct vawg_err;

/* Reads the table at path: the table, or NULL with err set: 66 when it
 * cannot be opened (said on stderr then, err's message empty), 65 on a
 * bad kind, direction, target or range, an empty table or one without
 * csv_name (naming the file and line). */
struct labels *labels_read(const char *path, struct vawg_err *err);

void labels_free(struct labels *l);

/* The entry of name, or NULL (l may be NULL). */
const struct label *labels_find(const struct labels *l, const char *name);

/* 1 when the table has a column source. */
int labels_has_source(const struct labels *l);

/* The entry of a summary measure: name's, else that of the part
 * before its last ": " (a measure by borough: "MEASURE: VALUE"). */
const struct label *labels_find_measure(const struct labels *l,
    const char *name);

/* A heading for name: its label, or name humanised (malloc'd). */
char *labels_heading(const struct labels *l, const char *name);

/* snake_case to "Snake case": '_' to spaces, the first letter upper
 * case (malloc'd). */
char *labels_humanise(const char *name);

#endif
