/*
 * Excel worksheet names.  Excel refuses a name longer than 31
 * characters, holding any of [ ] : * ? / \, beginning or ending with an
 * apostrophe, empty, equal to "History", or equal to another sheet's
 * name without regard to case.  A set of names turns any wanted name
 * into one Excel takes, and says what it changed so that the caller can
 * print a note.
 */
#ifndef VAWG_SHEETNAME_H
#define VAWG_SHEETNAME_H

/* Longest sheet name, in characters. */
#define SHEETNAME_MAX 31

/* What sheetnames_add() changed, as bits. */
enum {
	SHEETNAME_REPLACED = 1,	/* forbidden characters became '_' */
	SHEETNAME_TRUNCATED = 2,	/* cut to 31 characters */
	SHEETNAME_EMPTY = 4,	/* an empty name became "Sheet" */
	SHEETNAME_RENAMED = 8	/* " (2)", " (3)" ... made it unique */
};

struct sheetnames;

/* A new empty set; never NULL (exits 71 when out of memory). */
struct sheetnames *sheetnames_new(void);

/* Frees the set and every name it returned. */
void sheetnames_free(struct sheetnames *s);

/*
 * Makes a valid name not yet in the set from want (UTF-8; invalid bytes
 * become U+FFFD), adds it and returns it; the string lives as long as
 * the set.  *changes (when not NULL) gets the SHEETNAME_ bits.
 */
const char *sheetnames_add(struct sheetnames *s, const char *want,
    int *changes);

/* 1 when name is in the set (without regard to case). */
int sheetnames_has(const struct sheetnames *s, const char *name);

#endif
