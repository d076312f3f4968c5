/*
 * A lean CSV reader for programs that aggregate: it reads large blocks
 * and hands out fields as pointers into its buffer (no copy, no per-row
 * allocation), so that a group-by over millions of rows costs little
 * more than finding the commas.  Use lib/csvio when a program needs the
 * raw bytes of each record (rejects files), line filters or other
 * delimiters; this reader gives only fields and line numbers.
 *
 * Same reading of RFC 4180 as lib/csvio: comma delimiter; quoted fields
 * may hold commas, doubled quotes and line breaks (CR LF inside quotes
 * is read as LF); lines end in LF or CRLF; a UTF-8 byte order mark is
 * skipped; blank lines are skipped; a quote inside an unquoted field, or
 * text after a closing quote, makes the record bad (csvs_bad()), not the
 * file.  Memory is bounded by the longest record (16 MiB).
 */
#ifndef VAWG_CSVSCAN_H
#define VAWG_CSVSCAN_H

#include <stddef.h>

struct csvs;

/* Longest record in bytes. */
#define CSVS_MAX_RECORD (16u << 20)

/* Status of csvs_next() and csvs_header(). */
enum {
	CSVS_EOF = 0,
	CSVS_RECORD = 1,
	CSVS_ERROR = -1		/* fatal: see csvs_error() */
};

/*
 * Opens path ("-" or NULL is standard input).  Returns NULL with errno
 * set when it cannot be opened.
 */
struct csvs *csvs_open(const char *path);

/* Reads an open file descriptor; name is used in messages. */
struct csvs *csvs_fdopen(int fd, const char *name);

/* Closes the input (not stdin) and frees everything. */
void csvs_close(struct csvs *s);

/*
 * Reads the header record: CSVS_RECORD, CSVS_EOF for an empty input, or
 * CSVS_ERROR.  Column names stay available after later records.
 */
int csvs_header(struct csvs *s);

/* Number of header columns, name of column i, index of name or -1. */
size_t csvs_ncols(const struct csvs *s);
const char *csvs_colname(const struct csvs *s, size_t i);
int csvs_col(const struct csvs *s, const char *name);

/* Reads the next record: CSVS_RECORD, CSVS_EOF or CSVS_ERROR. */
int csvs_next(struct csvs *s);

/* Fields of the current record (may differ from the header's number). */
size_t csvs_nfields(const struct csvs *s);

/*
 * Field i of the current record and its length; NOT NUL-terminated.
 * Past the end of a short record, "" with length 0.  Valid until the
 * next csvs_next().
 */
const char *csvs_field(const struct csvs *s, size_t i, size_t *len);

/* 1 when the current record has a stray quote (see above). */
int csvs_bad(const struct csvs *s);

/* Physical line (from 1) on which the current record starts. */
unsigned long csvs_line(const struct csvs *s);

/* Records read, the header excluded. */
unsigned long csvs_records(const struct csvs *s);

/* Name for messages: the path or "<stdin>". */
const char *csvs_name(const struct csvs *s);

/* Message for the last CSVS_ERROR and the line it refers to. */
const char *csvs_error(const struct csvs *s);
unsigned long csvs_error_line(const struct csvs *s);

#endif
