/*
 * Identifiers found in police records: PNC IDs and CRO numbers (with
 * their check letters), UK postcodes, and crime references checked
 * against a pattern the user chooses.
 *
 * Every function reads n bytes at s (no NUL needed), ignores spaces and
 * letter case in the input, and on success writes the canonical form
 * plus a NUL into out.  Nothing here allocates per call: the postcode
 * pattern is compiled once (PCRE2, JIT where available) on first use and
 * its match data reused; a crime-reference pattern is compiled once by
 * ident_pattern_new().  Not thread-safe.
 */
#ifndef VAWG_IDENT_H
#define VAWG_IDENT_H

#include <stddef.h>

/* Results of the checking functions. */
enum ident_status {
	IDENT_OK = 0,
	IDENT_EFORMAT = -1,	/* not shaped like the identifier */
	IDENT_ECHECK = -2,	/* well shaped, but the check letter is wrong */
};

/* Buffer sizes for the canonical forms, NUL included. */
#define IDENT_PNC_SIZE 14	/* "YYYY/NNNNNNNL" */
#define IDENT_CRO_SIZE 13	/* "NNNNNN/YYL" or "SFYY/NNNNNNL" */
#define IDENT_POSTCODE_SIZE 9	/* "AANN NAA" */
#define IDENT_PHONE_SIZE 12	/* "0NNNNNNNNNN" */

/*
 * The PNC check letter for a two-digit year and a serial number (at most
 * 7 digits): (yy * 10^7 + serial) mod 23 indexes "ZABCDEFGHJKLMNPQRTUVWXY".
 */
char ident_pnc_check(int yy, long serial);

/*
 * PNC ID: long form YYYY/NNNNNNNL or short form YY/N...L (serial of 1 to
 * 7 digits, leading zeros optional); the slash may be left out (then 11
 * digits are a four-digit year and a 7-digit serial, 3 to 9 digits a
 * two-digit year and the rest the serial).  A two-digit year from 00 to
 * this_year's last two digits is 20YY, any other 19YY; this_year 0 means
 * the current year.  Writes YYYY/NNNNNNNL to out (IDENT_PNC_SIZE bytes).
 * Returns IDENT_OK, IDENT_EFORMAT or IDENT_ECHECK (out is then unset).
 */
int ident_pnc(const char *s, size_t n, int this_year, char *out);

/* The CRO check letter: (yy followed by the serial digits) mod 23. */
char ident_cro_check(int yy, const char *serial, size_t len);

/*
 * CRO number: standard form N{1,6}/YYL, canonical with the serial padded
 * to 6 digits ("65656/91H" -> "065656/91H"), check letter on the padded
 * serial; or SF form SFYY/N{1,6}L, serial kept as written and checked as
 * written.  Writes to out (IDENT_CRO_SIZE bytes).  Returns IDENT_OK,
 * IDENT_EFORMAT or IDENT_ECHECK.
 */
int ident_cro(const char *s, size_t n, char *out);

/*
 * UK postcode: spaces removed, upper-cased, one space put before the
 * inward code (last three characters), then matched against the UK
 * government pattern (outward code forms A9, A99, AA9, AA99, A9A, AA9A,
 * or GIR 0AA).  Writes e.g. "EC1A 1BB" to out (IDENT_POSTCODE_SIZE
 * bytes).  Returns IDENT_OK or IDENT_EFORMAT.  Exits 70 if the built-in
 * pattern cannot be compiled.
 */
int ident_postcode(const char *s, size_t n, char *out);

/*
 * UK phone number: spaces, dashes and brackets removed, then a +44 or
 * 0044 prefix replaced by 0 (a 0 already after it is kept once: "+44
 * (0)20 ..." is "020 ..."); what is left must be 10 or 11 digits starting
 * with 0.  Writes the digits to out (IDENT_PHONE_SIZE bytes).  Returns
 * IDENT_OK or IDENT_EFORMAT.
 */
int ident_phone(const char *s, size_t n, char *out);

/*
 * Email address: blanks at either end trimmed; then exactly one '@', a
 * non-empty local part, a domain holding a dot that is neither its first
 * nor its last character, and no blank or control character anywhere.
 * Writes the address with its domain lower-cased (ASCII letters) to out,
 * which needs n + 1 bytes.  Returns IDENT_OK or IDENT_EFORMAT.
 */
int ident_email(const char *s, size_t n, char *out);

/*
 * A user pattern (PCRE2 syntax, e.g. "^[0-9]{7}/[0-9]{2}$" for a CRIS
 * number), compiled once with JIT where available.  Returns NULL and
 * writes a message naming the offset into err (errsz bytes) when the
 * pattern does not compile.  Free with ident_pattern_free().
 */
struct ident_pattern;
struct ident_pattern *ident_pattern_new(const char *re, char *err,
    size_t errsz);

/* 1 when s[0..n) matches the pattern, 0 when not. */
int ident_pattern_match(struct ident_pattern *p, const char *s, size_t n);

void ident_pattern_free(struct ident_pattern *p);

#endif
