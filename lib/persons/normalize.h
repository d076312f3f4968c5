/*
 * Names as people type them, made consistent: blanks trimmed and
 * collapsed, one letter case (title case with Mc, Mac, O' and hyphen
 * rules), honorifics split off into a title of their own.
 *
 * Text is UTF-8.  Letter case is changed for letters of every script
 * by Unicode's simple case mappings (lib/utf8), except the few whose
 * other case is longer in UTF-8, and names are put in composed form
 * (NFC) unless that would make them longer: the output is never longer
 * than the input, so an out buffer of n + 1 bytes is always enough.
 */
#ifndef VAWG_NORMALIZE_H
#define VAWG_NORMALIZE_H

#include <stddef.h>

/* Longest canonical title ("Master") plus its NUL. */
#define NORM_TITLE_SIZE 8

/*
 * Copies s[0..n) to out without leading and trailing blanks (space, tab,
 * CR, LF, and Unicode space separators such as no-break space and
 * ideographic space), each inner run of blanks made one space.
 * Writes a NUL; returns the length.  out may be s.
 */
size_t norm_space(const char *s, size_t n, char *out);

/*
 * The canonical title for a word such as "mrs", "MR.", "Dr" ("Mrs",
 * "Mr", "Dr"), or NULL when the word is not an honorific.  Known: Mr,
 * Mrs, Ms, Miss, Mx, Master, Dr, Prof, Rev, Sir, Dame, Lady, Lord.
 */
const char *norm_title(const char *s, size_t n);

/*
 * Cleans a name: norm_space(), then, when the first word is an
 * honorific and more words follow, removes it and writes its canonical
 * form to title (NORM_TITLE_SIZE bytes; "" when none), then title-cases
 * each word: first letter upper, the rest lower, a capital again after
 * a hyphen, an apostrophe or a full stop (Smith-Jones, O'Brien, D'Arcy),
 * after "Mc" (McDonald) and after "Mac" in names of more than six
 * letters except a few common ones (MacDonald, MacKenzie, but Machin,
 * Mackie, Macey); the particles van, von, de, der, den, da, di, du, del,
 * della, la and le are lower case after the first word; a Greek sigma
 * ending a word is the final form (ς).  Writes a NUL to
 * out; returns the length.  title may be NULL.
 */
size_t norm_name(const char *s, size_t n, char *out, char *title);

#endif
