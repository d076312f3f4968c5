/* Errors returned by library functions: a status and a message. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"

/* Formats into e->msg after k bytes already there. */
static void
vput(struct vawg_err *e, size_t k, const char *fmt, va_list ap)
{
	if (k < sizeof(e->msg))
		vsnprintf(e->msg + k, sizeof(e->msg) - k, fmt, ap);
}

int
err_set(struct vawg_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	e->code = code;
	va_start(ap, fmt);
	vput(e, 0, fmt, ap);
	va_end(ap);
	return code;
}

int
err_at(struct vawg_err *e, int code, const char *file, unsigned long line,
    const char *fmt, ...)
{
	va_list ap;
	int k;

	if (e == NULL)
		return code;
	e->code = code;
	if (line > 0)
		k = snprintf(e->msg, sizeof(e->msg), "%s:%lu: ", file, line);
	else
		k = snprintf(e->msg, sizeof(e->msg), "%s: ", file);
	va_start(ap, fmt);
	vput(e, k < 0 ? sizeof(e->msg) : (size_t)k, fmt, ap);
	va_end(ap);
	return code;
}

int
err_sys(struct vawg_err *e, int code, const char *fmt, ...)
{
	int saved = errno;
	va_list ap;
	size_t k;

	if (e == NULL)
		return code;
	e->code = code;
	va_start(ap, fmt);
	vput(e, 0, fmt, ap);
	va_end(ap);
	k = strlen(e->msg);
	if (k < sizeof(e->msg))
		snprintf(e->msg + k, sizeof(e->msg) - k, ": %s",
		    strerror(saved));
	errno = saved;
	return code;
}
