/*
 * Name normalisation and string similarity for comparing persons.
 *
 * Normalised names are lib/utf8's matching keys, upper case in every
 * script: accents are folded (é -> E, ß -> SS, Ł -> L, Ș -> S, ễ -> E),
 * apostrophes and full stops are dropped (O'Brien -> OBRIEN, St. John ->
 * ST JOHN), hyphens, commas and any other punctuation become one space,
 * runs of spaces are squeezed and ends trimmed.  Letters of other
 * scripts are kept, case-folded and without accents (Иванов -> ИВАНОВ,
 * Σοφία -> ΣΟΦΙΑ).  Similarity is measured in characters, not bytes.
 * Nothing here allocates: callers give the output buffers.
 *
 * The phonetic code is NYSIIS (New York State Identification and
 * Intelligence System, 1970), with one change: a Y inside a name is read
 * as a vowel (so SMITH and SMYTH share a code).  NYSIIS was designed for
 * exactly this job, matching surnames in criminal-justice identification
 * records; it keeps more of the name than Soundex (vowel positions,
 * first-letter groups such as MAC/MC, KN/N, PH/F, SCH/S), so it splits
 * fewer different names together (Soundex puts ROBERTS and RUPERT in one
 * code, NYSIIS does not) while still joining common spelling variants
 * (SMITH/SMYTH, MACDONALD/MCDONALD, PHILLIPS/FILLIPS, KNIGHT/NIGHT).
 * Double Metaphone joins more variants but also many unrelated names,
 * which costs precision in a model that also scores Jaro-Winkler
 * similarity separately.
 *
 * Nicknames and diminutives come from a table kept as text (one group of
 * equivalent names per line, e.g. "ROBERT BOB BOBBY ROB ROBBIE BERT");
 * a name may belong to several groups (AL: ALBERT, ALAN, ALFRED ...).
 */
#ifndef VAWG_STRSIM_H
#define VAWG_STRSIM_H

#include <stddef.h>
#include <stdint.h>

/* Longest normalised name kept, NUL included; longer input is cut. */
#define STRSIM_NAME_MAX 128

/*
 * Normalises a name (n bytes of UTF-8 or ASCII at s) into out (outsz
 * bytes, at least 1).  Returns the length written (without the NUL); a
 * result that would not fit is cut at a word boundary where possible.
 */
size_t strsim_norm(const char *s, size_t n, char *out, size_t outsz);

/*
 * Splits a full name into forename and surname, both normalised:
 * "SMITH, J" and "Smith, John Paul" (surname first, before a comma) or
 * "John SMITH" (the last word is the surname; "van", "de", "da", "von",
 * "le", "la", "di", "del", "st", "mac", "o" before it join it).  Titles
 * before a name (Mr, Mrs, Ms, Miss, Mx, Dr, Prof, Rev, Sir, Dame, Lady,
 * Lord) and a generation after it (Jr, Jnr, Sr, Snr, II, III, IV) are
 * dropped while another word is left.  Either output may come back
 * empty.  Buffers are STRSIM_NAME_MAX bytes.
 */
void strsim_split_name(const char *s, size_t n, char *forename,
    char *surname);

/* Jaro similarity of two strings, 0 (nothing alike) to 1 (equal). */
double strsim_jaro(const char *a, size_t na, const char *b, size_t nb);

/*
 * Jaro-Winkler similarity: Jaro plus a bonus of 0.1 per common leading
 * character (at most 4) times (1 - Jaro).  0 to 1; two empty strings
 * give 1, one empty string 0.
 */
double strsim_jaro_winkler(const char *a, size_t na, const char *b,
    size_t nb);

/* Longest NYSIIS code written, NUL included (full length, not cut at 6). */
#define STRSIM_PHON_MAX 32

/*
 * NYSIIS code of a normalised name (letters A-Z; anything else is
 * skipped), into out (STRSIM_PHON_MAX bytes).  A name with letters
 * beyond A-Z (Cyrillic, Greek, Arabic ...), which NYSIIS has no rules
 * for, is its own code: the name without spaces, cut to fit at a
 * character boundary.  Returns its length; 0 when the name has no
 * letters.
 */
size_t strsim_nysiis(const char *s, size_t n, char *out);

/*
 * Edit distance of a and b in bytes (insertions, deletions,
 * substitutions and swaps of two neighbours, each 1), or max + 1 when it
 * is more than max (max at most 8: the work is then about 17 bytes a
 * byte).
 */
int strsim_edits(const char *a, size_t na, const char *b, size_t nb,
    int max);

/*
 * Nickname groups.  strsim_nick_groups() writes up to max group numbers
 * (1-based) that a normalised forename belongs to, in increasing order,
 * and returns how many were found (0 when the name is in no group).
 * strsim_nick_equiv() is 1 when two normalised forenames are different
 * spellings in one group (equal names give 0: they are exact).  The
 * built-in table is read on first use; strsim_nick_load() replaces it by
 * a file in the same format (returns 0, or -1 with errno set).  Not
 * thread-safe on first use: call strsim_nick_groups() once before
 * starting threads.
 */
size_t strsim_nick_groups(const char *name, size_t n, uint32_t *groups,
    size_t max);
int strsim_nick_equiv(const char *a, size_t na, const char *b, size_t nb);
int strsim_nick_load(const char *path);

/* The built-in table's text: lines of space-separated upper-case names. */
extern const char strsim_nick_table[];

#endif
