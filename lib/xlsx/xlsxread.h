/*
 * Reading Excel workbooks (.xlsx, Office Open XML): one worksheet
 * streamed out as CSV, so that a workbook is read with every guarantee
 * a CSV file has (the reader, aliases, rejects, line numbers).
 *
 * The workbook is a zip archive (minizip); its XML parts are parsed
 * with expat.  The sheet is streamed: memory holds the shared strings
 * table, the cell formats and one row, never the sheet.  Cell values:
 *   shared and inline strings   as they are (leading zeros kept)
 *   numbers                     as stored ("42", "0.5", "1E-3")
 *   numbers in a date format    ISO 8601: 2023-04-03, 2023-04-03T14:05:00,
 *                               or 14:05:00 for a time of day alone
 *   booleans                    TRUE or FALSE
 *   errors                      their text (#N/A, #REF! ...)
 *   formulas                    their cached value
 *   empty cells and gaps        empty fields; cells of a merged range
 *                               other than the first are empty in the
 *                               file, and so here
 * Each sheet row is one CSV record on the line of its row number: rows
 * above the header row and rows absent from the file are blank lines,
 * which the CSV reader skips and counts, so a CSV line number is the
 * sheet's row number unless a cell above holds a line break.  Every
 * record is padded to the header's width; trailing empty cells past it
 * are dropped.
 */
#ifndef VAWG_XLSXREAD_H
#define VAWG_XLSXREAD_H

#include <stddef.h>
#include <stdio.h>

/* What the first bytes of a file say it is. */
enum xlsx_sniff {
	XLSX_SNIFF_OTHER = 0,	/* text, CSV or anything else */
	XLSX_SNIFF_ZIP,		/* a zip archive: maybe a workbook */
	XLSX_SNIFF_OLE2,	/* an old .xls, or an encrypted workbook */
};

enum xlsx_sniff xlsx_sniff(const void *head, size_t n);

struct xlsx_opts {
	const char *sheet;	/* a name, or a number from 1; NULL: first */
	unsigned long header_row;	/* the row of the headings; 0 or 1: first */
};

/*
 * Writes the chosen sheet of the workbook at path to out as CSV (LF line
 * ends, minimal quoting).  Returns 0; 66 when the file cannot be opened
 * (errno set); 65 when it is not a readable workbook or has no such
 * sheet; 74 when writing failed.  On failure msg (size bytes) says what
 * the file is and what to do, without any cell value.  *rows, when not
 * NULL, is set to the number of sheet rows written (header included).
 */
int xlsx_to_csv(const char *path, const struct xlsx_opts *o, FILE *out,
    char *msg, size_t size, unsigned long *rows);

/*
 * Converts a date serial of the 1900 (date1904 0) or 1904 date system
 * into ISO text in buf (at least 20 bytes): a date, a date and time, or
 * with time_only a time of day.  Returns 0, or -1 for a serial that is
 * no day (negative, 60 in the 1900 system, past 9999-12-31).
 */
int xlsx_serial_text(double serial, int date1904, int time_only, char *buf);

/*
 * Whether the number format (a built-in id, or the format code of a
 * custom one, code NULL for a built-in) shows a date: returns 0 for no,
 * 1 for a date (maybe with a time), 2 for a time of day alone.
 */
int xlsx_format_is_date(unsigned id, const char *code);

struct csvr;
struct csvr_opts;

/*
 * Opens path ("-" or NULL: standard input) for the CSV reader, whatever
 * it holds: a workbook, known by its first bytes, is converted into an
 * unlinked temporary file first (xlsx_to_csv(), in $TMPDIR) and read as
 * comma-separated UTF-8 (csv's delimiter and line filter are not used
 * for it); anything else is read as CSV with csv.  A pipe is read once:
 * its first bytes are given back to the reader.  Sets *workbook to 1
 * when the input was a workbook.  Returns NULL with *status 66 (errno
 * set) when the input cannot be opened, 65 when it is a workbook that
 * cannot be read (msg says why), 73 when no temporary file can be made
 * and 74 when writing one failed.
 */
struct csvr *xlsx_csvr_open(const char *path, const struct csvr_opts *csv,
    const struct xlsx_opts *o, int *workbook, int *status, char *msg,
    size_t size);

#endif
