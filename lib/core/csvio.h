/*
 * Streaming CSV reader (over libcsv) and writer.
 *
 * The reader gives one record at a time with its fields, the physical
 * line it starts on and its raw bytes exactly as they were in the input,
 * so that a rejected row can be written out unchanged.  Memory is bounded
 * by the longest record (csvr_opts.max_record), never by the file.
 *
 * Records are read as Python's csv module (default dialect) reads them.
 * RFC 4180: quoted fields may hold the delimiter, doubled quotes and line
 * breaks.  A quote inside an unquoted field (say "hi" now, 6' 2") is
 * text.  Lines may end in LF, CRLF or a bare CR (old Mac exports); a CR
 * LF inside a quoted field is read as LF, a bare CR there stays a CR.  A
 * UTF-8 byte order mark is skipped.  Blank lines between records are
 * skipped and counted.  Text after a closing quote makes the record bad
 * (CSVR_EQUOTE), not the file; so does a NUL byte (CSVR_ENUL) and, when
 * no line filter is set, bytes that are not well-formed UTF-8
 * (CSVR_EUTF8).  A bad record still ends where Python's csv module ends
 * it, quoted line breaks included, with its raw bytes whole: reading goes
 * on at the next record.  A line longer than max_record is a fatal
 * error, read no further than that.
 */
#ifndef VAWG_CSVIO_H
#define VAWG_CSVIO_H

#include <stddef.h>
#include <stdio.h>

struct csvr;
struct csvw;

/*
 * Called on each physical line (without its line end) before parsing,
 * for example to convert CP1252 to UTF-8.  Sets *out and *outlen to the
 * text to parse (which may be the input itself); returns 0, or -1 to
 * mark the record bad with CSVR_EFILTER.  The raw bytes kept for the
 * record stay the unfiltered ones.
 */
typedef int (*csvr_filter_fn)(void *ctx, const char *in, size_t len,
    const char **out, size_t *outlen);

struct csvr_opts {
	int delim;		/* field delimiter; 0 sniffs , TAB ; | */
	size_t max_field;	/* longest field in bytes; 0 = 1 MiB */
	size_t max_record;	/* longest record in bytes; 0 = 16 MiB */
	csvr_filter_fn filter;	/* NULL for none */
	void *filter_ctx;
	int dup_cols_ok;	/* 1: a header may name a column twice */
};

/* What is wrong with the current record, from csvr_recerr(). */
enum csvr_recerr {
	CSVR_OK = 0,
	CSVR_EQUOTE,		/* text after a closing quote */
	CSVR_EFILTER,		/* the line filter refused the line */
	CSVR_ENUL,		/* a NUL byte */
	CSVR_EUTF8,		/* not UTF-8 (checked when there is no filter) */
};

/* Status of csvr_next(). */
enum {
	CSVR_EOF = 0,
	CSVR_RECORD = 1,
	CSVR_ERROR = -1,	/* fatal: see csvr_error() */
};

/*
 * Opens path ("-" or NULL is standard input) for reading.  opts may be
 * NULL for the defaults.  Returns NULL with errno set when the file
 * cannot be opened (EISDIR for a folder).
 */
struct csvr *csvr_open(const char *path, const struct csvr_opts *opts);

/* Reads from an open stream; name is used in messages. */
struct csvr *csvr_fdopen(FILE *fp, const char *name,
    const struct csvr_opts *opts);

/* csvr_close() closes the stream given to csvr_fdopen() too. */
void csvr_adopt(struct csvr *r);

/* Closes the input (not stdin) and frees everything. */
void csvr_close(struct csvr *r);

/*
 * Reads the first record as the header.  Returns CSVR_RECORD, CSVR_EOF
 * for an empty input, or CSVR_ERROR.  The header stays available through
 * csvr_ncols() and csvr_colname() after later records are read.  Two
 * columns of one (non-empty) name are an error, "columns 2 and 5 have
 * the same name", unless opts.dup_cols_ok is set: columns are addressed
 * by name.
 */
int csvr_header(struct csvr *r);

/* Number of header columns, and the name of column i. */
size_t csvr_ncols(const struct csvr *r);
const char *csvr_colname(const struct csvr *r, size_t i);

/* Index of the first column named name, or -1. */
int csvr_col(const struct csvr *r, const char *name);

/*
 * Reads the next record.  Returns CSVR_RECORD, CSVR_EOF or CSVR_ERROR.
 * Fields, raw bytes and line stay valid until the next call.
 */
int csvr_next(struct csvr *r);

/* Number of fields in the current record (may differ from the header). */
size_t csvr_nfields(const struct csvr *r);

/*
 * Field i of the current record, NUL-terminated; "" when i is past the
 * end of a short record.  csvr_fieldlen() gives its length in bytes.
 */
const char *csvr_field(const struct csvr *r, size_t i);
size_t csvr_fieldlen(const struct csvr *r, size_t i);

/* Field i and its length in one call: csvr_field() and csvr_fieldlen(). */
const char *csvr_field_n(const struct csvr *r, size_t i, size_t *len);

/* Current record's problem, CSVR_OK when none. */
enum csvr_recerr csvr_recerr(const struct csvr *r);

/* 1 when the current record has not the header's number of fields. */
int csvr_ragged(const struct csvr *r);

/*
 * Why the current record cannot be used as a row of the header's
 * columns, or NULL when it can: csvr_recerr_str() of its problem, "fewer
 * fields than the header", or "more fields than the header" (empty
 * fields past the header's end are allowed).
 */
const char *csvr_problem(const struct csvr *r);

/* Physical line (from 1) on which the current record starts. */
unsigned long csvr_line(const struct csvr *r);

/* Raw bytes of the current record, line end included. */
const char *csvr_raw(const struct csvr *r, size_t *len);

/*
 * The current record as its fields joined by the delimiter, as csvw
 * writes them (none quoted), when it is so in the input: one line with
 * no quote or CR, read without a filter.  Its bytes without the line
 * end, or NULL when the record is not such a line.
 */
const char *csvr_text(const struct csvr *r, size_t *len);

/* Name of the input for messages: the path or "<stdin>". */
const char *csvr_name(const struct csvr *r);

/* The delimiter in use (after sniffing, once the header is read). */
int csvr_delim(const struct csvr *r);

/* Blank lines skipped so far. */
unsigned long csvr_blank_lines(const struct csvr *r);

/* Records read so far, the header excluded. */
unsigned long csvr_records(const struct csvr *r);

/* Message for the last CSVR_ERROR, and the line it refers to. */
const char *csvr_error(const struct csvr *r);
unsigned long csvr_error_line(const struct csvr *r);

/* A message for a record problem, e.g. "stray quote". */
const char *csvr_recerr_str(enum csvr_recerr e);

/*
 * Writer: minimal quoting (only fields holding the delimiter, a quote,
 * CR or LF are quoted), LF line ends, buffered.  Errors are sticky:
 * csvw_flush() returns -1 once any write failed.
 */
struct csvw *csvw_new(FILE *fp, int delim);

/*
 * Spreadsheet-safe writing, off by default (CSV between the tools stays
 * byte-exact).  When on, a field that begins with '=', '+', '-', '@',
 * TAB or CR, which a spreadsheet would take for a formula (OWASP's CSV
 * injection guidance), is written with a single quote before it and
 * quoted: "'=HYPERLINK(...)".  A field that is entirely a number
 * (an optional sign, digits, an optional decimal part and exponent,
 * such as -1.5 or +3e2) is left alone: a spreadsheet reads it as that
 * number and runs nothing.  Raw writes (csvw_raw()) are not changed.
 */
void csvw_excel_safe(struct csvw *w, int on);

/*
 * Length of the prefix csvw_excel_safe() added to a field read back
 * (1 for a single quote before '=', '+', '-', '@', TAB or CR; else 0).
 */
size_t csv_excel_prefix(const char *s, size_t len);

/* Appends one field to the current record. */
void csvw_field(struct csvw *w, const char *s, size_t len);
void csvw_str(struct csvw *w, const char *s);

/* Ends the current record with LF. */
void csvw_end(struct csvw *w);

/* Writes bytes as they are (raw records, pre-quoted text). */
void csvw_raw(struct csvw *w, const char *s, size_t len);

/*
 * Writes the current input record's fields 0..n-1 ("" past its end); a
 * record that is already those fields as w writes them (csvw_text_of())
 * is copied whole.
 */
void csvw_fields_from(struct csvw *w, const struct csvr *r, size_t n);

/*
 * The current record of r as w writes its n fields, when it is so in
 * the input (csvr_text(): w not spreadsheet-safe, the same delimiter, n
 * its fields), else NULL.
 */
const char *csvw_text_of(const struct csvw *w, const struct csvr *r,
    size_t n, size_t *len);

/* Writes the reader's header names. */
void csvw_header_from(struct csvw *w, const struct csvr *r);

/*
 * Writes the reader's current record (or its header, just after
 * csvr_header()) byte for byte as it was in the input, then the fields
 * extra[0..nextra) before its own line end (LF when it had none), in the
 * reader's delimiter and quoted where needed: a rejects file, whose rows
 * are the input's rows as they were with the file, line and reasons
 * beside them.
 */
void csvw_raw_with(struct csvw *w, const struct csvr *r,
    const char *const *extra, size_t nextra);

/* Flushes to the stream; returns 0, or -1 when a write failed. */
int csvw_flush(struct csvw *w);

/* Flushes and frees (the stream is not closed); returns as csvw_flush. */
int csvw_free(struct csvw *w);

/*
 * Frees without writing what is still buffered: for a run that stops
 * on an error, so that its output ends where a program that exited
 * there would have left it.
 */
void csvw_discard(struct csvw *w);

#endif
