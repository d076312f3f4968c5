/*
 * File names made from data values (a case reference becomes
 * DIR/<name>.html): never a path, never hidden, never a clash.
 */
#ifndef VAWG_SAFENAME_H
#define VAWG_SAFENAME_H

#include <stddef.h>

struct safenames;

/*
 * Writes into buf (size bytes, at least 2) a file-name stem for the
 * value s: ASCII letters, digits, '-', '_' and '.' are kept, every other
 * byte (a slash, a space, a control or non-ASCII byte) becomes '_'; a
 * leading '.' or '-' becomes '_' (no hidden files, nothing read as an
 * option); an empty result is "_".  Longer stems are cut at size - 1
 * bytes.  Returns the length written.
 */
size_t safename(const char *s, char *buf, size_t size);

/*
 * A set of names handed out so far, for safename_unique().  Names in
 * reserved (a NULL-terminated list, may be NULL) count as taken.
 */
struct safenames *safenames_new(const char *const *reserved);
void safenames_free(struct safenames *sn);

/*
 * Like safename(), and different from every name handed out by sn or
 * reserved, compared without regard to ASCII case (as on a case-blind
 * file system): a clash gets "-2", "-3" ... appended (within size).
 * Returns the length written, or 0 when size leaves no room for a
 * suffix.
 */
size_t safename_unique(struct safenames *sn, const char *s, char *buf,
    size_t size);

#endif
