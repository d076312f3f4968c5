/*
 * numfmt: numbers written as printf's "%.*f" writes them, without
 * printf's cost on the common case (a value written per row).
 */
#ifndef VAWG_NUMFMT_H
#define VAWG_NUMFMT_H

#include <stddef.h>

/*
 * Writes x with dec decimals (0 to 6) into buf (at least 32 bytes), as
 * snprintf(buf, size, "%.*f", dec, x) does, byte for byte; returns the
 * length.
 */
size_t numfmt_fixed(char *buf, size_t size, double x, int dec);

#endif
