/*
 * UTF-8 text: decoding, checking, repair, case and folding, on
 * libutf8proc's Unicode tables.  The one place the programs look inside
 * multi-byte characters: matching keys (lib/strsim), display names
 * (lib/normalize), HTML (lib/html), cells and sheet names (lib/celltype,
 * lib/sheetname) and the readers' UTF-8 check (lib/encoding, lib/csvio).
 *
 * Nothing depends on the locale: the programs run in whatever locale
 * cron gives them.  Nothing here allocates; callers give the buffers.
 */
#ifndef VAWG_UTF8_H
#define VAWG_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* U+FFFD, written for bytes that are not UTF-8. */
#define UTF8_REPLACEMENT 0xFFFD

/*
 * Decodes the character at s[0..n) (n > 0) into *cp.  Returns its length
 * (1 to 4), or 0 when the bytes there are not well-formed UTF-8 (a stray
 * or missing continuation byte, an overlong form, a surrogate, past
 * U+10FFFF), with *cp set to UTF8_REPLACEMENT: skip one byte then.
 */
size_t utf8_decode(const char *s, size_t n, int32_t *cp);

/* Writes the UTF-8 of cp (a valid code point) to out; returns 1 to 4. */
size_t utf8_encode(int32_t cp, char *out);

/* 1 when s[0..n) is well-formed UTF-8, 0 when not.  NUL is allowed. */
int utf8_valid(const char *s, size_t n);

/*
 * The length of the longest prefix of s[0..n) that is well-formed UTF-8
 * without NUL bytes (which no spreadsheet cell can hold): n when all of
 * it is.
 */
size_t utf8_valid_prefix(const char *s, size_t n);

/*
 * Copies s[0..n) to out (room for 3 * n + 1 bytes), each byte that is
 * not part of well-formed UTF-8, and each NUL, replaced by U+FFFD, and
 * keeping at most maxchars characters; NUL-terminates.  Returns the
 * length written; *truncated is set when characters were dropped.
 */
size_t utf8_fix(const char *s, size_t n, char *out, size_t maxchars,
    int *truncated);

/* Byte length of the first maxchars characters of s[0..n). */
size_t utf8_prefix(const char *s, size_t n, size_t maxchars);

/*
 * Display width of s[0..n) in columns, counting at most to limit: one
 * per character, two for East Asian wide ones, none for combining marks
 * and other zero-width characters.  Bytes that are not UTF-8 count one.
 */
size_t utf8_width(const char *s, size_t n, size_t limit);

/*
 * Simple (one character to one character) case mappings of cp.  A
 * character with no such mapping comes back as it is.
 */
int32_t utf8_upper(int32_t cp);
int32_t utf8_lower(int32_t cp);
int32_t utf8_title(int32_t cp);

/* 1 for a letter (general category L), 0 for anything else. */
int utf8_is_letter(int32_t cp);

/* 1 for a space separator (category Zs, e.g. U+00A0, U+3000). */
int utf8_is_space(int32_t cp);

/*
 * Canonical composition (NFC) of s[0..n) into out (outsz bytes): the
 * same text whether typed precomposed or with combining marks.  Returns
 * the length, or (size_t)-1 when s is not UTF-8 or the result would not
 * fit (out is then left unspecified).
 */
size_t utf8_nfc(const char *s, size_t n, char *out, size_t outsz);

/*
 * Full case folding (Unicode CaseFolding.txt: lower case, ß -> ss,
 * final sigma -> sigma) of s[0..n) into out (outsz bytes), for
 * comparing names without regard to case.  Bytes that are not UTF-8
 * are copied as they are.  Returns the length, or (size_t)-1 when the
 * result would not fit.
 */
size_t utf8_casefold(const char *s, size_t n, char *out, size_t outsz);

/*
 * The matching key of a name or other free text, into out (outsz bytes,
 * at least 1, NUL-terminated):
 *
 *  - compatibility decomposition (NFKD) and full case folding, then
 *    upper case: "ﬁ" -> FI, "ß" -> SS, "Σοφία" -> ΣΟΦΙΑ;
 *  - accents and other combining diacritical marks dropped (the blocks
 *    U+0300, U+1AB0, U+1DC0, U+20D0 and U+FE20, Cyrillic titlo and
 *    Hebrew and Arabic vowel points): "Ștefan" -> STEFAN, "Nguyễn" ->
 *    NGUYEN, "Müller" -> MULLER, "Йосиф" -> ИОСИФ, "مُحَمَّد" -> محمد;
 *    marks that are part of a letter (the vowel signs of Indic scripts,
 *    Thai) are kept;
 *  - letters Unicode does not decompose given their usual base: Ł -> L,
 *    Ø -> O, Đ Ð -> D, Æ -> AE, Œ -> OE, Þ -> TH, ı -> I, Ħ -> H,
 *    Ŧ -> T, Ŋ -> N, ĸ -> K, ƒ -> F;
 *  - apostrophes and full stops dropped (O'Brien -> OBRIEN, ʻ ’ ʼ `
 *    ´ too), Arabic tatweel dropped; every other character that is not
 *    a letter, a digit or a kept mark separates words, runs of
 *    separators becoming one space, none at either end;
 *  - bytes that are not UTF-8 separate words.
 *
 * Letters of every script are kept: a name is never emptied because it
 * is written in Cyrillic, Greek, Arabic or Chinese.  ASCII text takes a
 * fast path that gives the same result.  A key that would not fit is
 * cut at a word boundary where possible, never inside a character.
 * Returns the length.
 */
size_t utf8_key(const char *s, size_t n, char *out, size_t outsz);

#endif
