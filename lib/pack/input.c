/*
 * Inputs of a pack run: hashed as they are read (for the audit line),
 * and, when a stream that cannot be read twice, copied to a temporary
 * file for the second pass.
 */
#define _GNU_SOURCE
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/diag.h"
#include "core/sha256.h"
#include "pack/run_int.h"

/*
 * Input through a FILE that hashes what is read and, for standard input,
 * keeps a copy (spool) so that the source can be read a second time.
 */
struct hashing {
	FILE *fp;
	struct sha256 *ctx;
	FILE *spool;		/* NULL when the path can be read again */
	int spool_errno;	/* the copy could not be written */
};

/* One input is open at a time. */
static struct hashing hashing;

static ssize_t
hashing_read(void *cookie, char *buf, size_t n)
{
	struct hashing *h = cookie;
	size_t k = fread(buf, 1, n, h->fp);

	if (k == 0 && ferror(h->fp))
		return -1;
	if (h->ctx != NULL)
		sha256_add(h->ctx, buf, k);
	if (h->spool != NULL && fwrite(buf, 1, k, h->spool) != k) {
		h->spool_errno = errno != 0 ? errno : EIO;
		return -1;	/* a read error, told by pk_close_input() */
	}
	return (ssize_t)k;
}

static int
hashing_close(void *cookie)
{
	struct hashing *h = cookie;

	return h->fp == stdin ? 0 : fclose(h->fp);
}

/*
 * Whether path is read as a stream that cannot be read a second time:
 * standard input, a FIFO (as bash's <(...) gives), a device, a socket.
 */
int
pk_is_stream(const char *path)
{
	struct stat sb;

	if (strcmp(path, "-") == 0)
		return 1;
	return stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) &&
	    !S_ISDIR(sb.st_mode);
}

/*
 * Opens an input for reading and, when ctx is not NULL, hashing; returns
 * NULL (and warns) when
 * it cannot be opened.  The FILE must be fclose()d by the caller.  When
 * spool is not NULL and the input is a stream (standard input, a FIFO),
 * *spool gets an unlinked temporary file (0600, gone at exit whatever
 * happens) holding a copy of what was read.
 */
FILE *
pk_open_input(const char *path, struct sha256 *ctx, FILE **spool,
    struct vawg_err *e)
{
	static const cookie_io_functions_t io = {
		.read = hashing_read, .close = hashing_close
	};
	struct hashing *h = &hashing;
	struct stat sb;
	FILE *fp;

	memset(h, 0, sizeof(*h));
	if (strcmp(path, "-") == 0)
		h->fp = stdin;
	else {
		if ((h->fp = fopen(path, "rb")) == NULL) {
			diag_syswarn("%s", path);
			return NULL;
		}
		if (fstat(fileno(h->fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
			errno = EISDIR;
			diag_syswarn("%s", path);
			fclose(h->fp);
			return NULL;
		}
	}
	if (spool != NULL && (h->fp == stdin ||
	    (fstat(fileno(h->fp), &sb) == 0 && !S_ISREG(sb.st_mode)))) {
		if ((h->spool = tmpfile()) == NULL) {
			err_sys(e, EX_CANTCREAT, "temporary copy of %s",
			    h->fp == stdin ? "standard input" : path);
			if (h->fp != stdin)
				fclose(h->fp);
			return NULL;
		}
		*spool = h->spool;
	}
	h->ctx = ctx;
	if (ctx != NULL)
		sha256_begin(ctx);
	if ((fp = fopencookie(h, "r", io)) == NULL) {
		err_sys(e, EX_OSERR, "%s", path);
		if (h->fp != stdin)
			fclose(h->fp);
		return NULL;
	}
	return fp;
}

const char *
pk_input_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/*
 * Ends the reading of an input opened by pk_open_input() and read
 * through in (lib/core/input, which exits 65 on a CSV error).  Returns
 * 0, or 74 (in e) on a read error, or when a stream's copy could not be
 * written.
 */
int
pk_close_input(struct input *in, FILE *fp, struct vawg_err *e)
{
	int bad = ferror(fp), spool_errno = hashing.spool_errno;

	input_close(in);
	fclose(fp);
	if (spool_errno != 0) {
		errno = spool_errno;
		return err_sys(e, EX_IOERR, "temporary copy of an input");
	}
	if (bad)
		return err_set(e, EX_IOERR, "%s: read error", in->name);
	return 0;
}
