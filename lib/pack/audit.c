/*
 * The audit line: who ran what on which inputs (SHA-256), appended in
 * one write.
 */
#define _GNU_SOURCE
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/csvio.h"
#include "core/dates.h"
#include "core/diag.h"
#include "pack/run_int.h"


static const char *
user_name(void)
{
	struct passwd *pw = getpwuid(geteuid());
	static char buf[32];
	const char *s;

	if (pw != NULL && pw->pw_name != NULL && *pw->pw_name != '\0')
		return pw->pw_name;
	if ((s = getenv("LOGNAME")) != NULL && *s != '\0')
		return s;
	snprintf(buf, sizeof(buf), "uid %ld", (long)geteuid());
	return buf;
}

static void
audit_file(struct csvw *w, const struct pack_input *in)
{
	csvw_str(w, in->path ? pk_input_name(in->path) : "");
	csvw_str(w, in->path ? in->sha : "");
}

/* The header line of a new audit file. */
static void
audit_header(struct csvw *w)
{
	char num[32];
	size_t i;

	csvw_str(w, "time_utc");
	csvw_str(w, "user");
	csvw_str(w, "cases");
	csvw_str(w, "lookback");
	csvw_str(w, "as_of");
	csvw_str(w, "threshold");
	csvw_str(w, "grey");
	csvw_str(w, "redacted");
	csvw_str(w, "cases_file");
	csvw_str(w, "cases_sha256");
	for (i = 0; i < PACK_NSOURCES; i++) {
		snprintf(num, sizeof(num), "%s_file", pack_kinds[i].opt);
		csvw_str(w, num);
		snprintf(num, sizeof(num), "%s_sha256", pack_kinds[i].opt);
		csvw_str(w, num);
	}
	csvw_str(w, "findings");
	csvw_str(w, "summary");
	csvw_str(w, "html_dir");
	csvw_str(w, "html_pages");
	csvw_end(w);
}

/* The values of this run's line. */
static void
audit_line(const struct pk_run *pr, struct csvw *w, const char *summary_path)
{
	const struct pack_opts *o = pr->o;
	char num[32], when[32];
	time_t now = time(NULL);
	struct tm tm;
	size_t i;

	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	csvw_str(w, when);
	csvw_str(w, user_name());
	snprintf(num, sizeof(num), "%zu", pr->n);
	csvw_str(w, num);
	if (o->lookback > 0)
		snprintf(num, sizeof(num), "%dm", o->lookback);
	else
		strcpy(num, "all");
	csvw_str(w, num);
	if (o->as_of != PACK_NODATE)
		date_format(o->as_of, num);
	else
		num[0] = '\0';
	csvw_str(w, num);
	snprintf(num, sizeof(num), "%g", o->threshold);
	csvw_str(w, num);
	snprintf(num, sizeof(num), "%g", o->grey);
	csvw_str(w, num);
	{
		size_t total = 1;
		char *list;

		for (i = 0; i < o->nredact; i++)
			total += strlen(o->redact[i]) + 1;
		list = xcalloc(1, total);
		for (i = 0; i < o->nredact; i++) {
			if (i > 0)
				strcat(list, ";");
			strcat(list, o->redact[i]);
		}
		csvw_str(w, list);
		free(list);
	}
	audit_file(w, &o->cases);
	for (i = 0; i < PACK_NSOURCES; i++)
		audit_file(w, &o->src[i]);
	csvw_str(w, o->findings ? o->findings : "");
	csvw_str(w, summary_path ? summary_path : "");
	csvw_str(w, o->html ? o->html : "");
	snprintf(num, sizeof(num), "%zu", o->html ? pr->n + 1 : 0);
	csvw_str(w, num);
	csvw_end(w);
}

/*
 * Appends one CSV line (after a header when the file is new or empty)
 * in a single write, so that runs sharing the file do not interleave.
 * Called once every other output is staged; when the write fails, a file
 * it created is removed and a part line cut off, and the run fails (74)
 * with nothing committed.
 */
int
pk_write_audit(const struct pk_run *pr, const char *summary_path,
    struct vawg_err *err)
{
	const struct pack_opts *o = pr->o;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	struct csvw *w;
	struct stat sb;
	ssize_t k;
	int fd, created = 0, e;

	if (mem == NULL)
		return err_set(err, EX_OSERR, "%s", strerror(errno));
	if ((fd = open(o->audit, O_WRONLY | O_APPEND | O_CLOEXEC)) == -1 &&
	    errno == ENOENT &&
	    (fd = open(o->audit, O_WRONLY | O_APPEND | O_CREAT | O_EXCL |
	    O_CLOEXEC, o->mode)) != -1)
		created = 1;
	if (fd == -1) {
		fclose(mem);
		free(buf);
		return err_sys(err, EX_CANTCREAT, "%s", o->audit);
	}
	if ((created && fchmod(fd, o->mode) == -1) || fstat(fd, &sb) == -1) {
		e = errno;
		if (created)
			unlink(o->audit);
		close(fd);
		fclose(mem);
		free(buf);
		errno = e;
		return err_sys(err, created ? EX_CANTCREAT : EX_IOERR, "%s",
		    o->audit);
	}
	w = csvw_new(mem, ',');
	if (sb.st_size == 0)
		audit_header(w);
	audit_line(pr, w, summary_path);
	if (csvw_free(w) == -1 || fclose(mem) == EOF) {
		e = errno;
		close(fd);
		free(buf);
		errno = e;
		return err_sys(err, EX_OSERR, "audit line");
	}
	pk_fault(fd, "audit", 0);
	if ((k = write(fd, buf, len)) != (ssize_t)len) {
		e = k == -1 ? errno : ENOSPC;
		if (created)
			unlink(o->audit);
		else if (k > 0 && S_ISREG(sb.st_mode))
			(void)ftruncate(fd, sb.st_size);
		close(fd);
		free(buf);
		errno = e;
		return err_sys(err, EX_IOERR, "%s: write error", o->audit);
	}
	free(buf);
	if ((S_ISREG(sb.st_mode) && fsync(fd) == -1) || close(fd) == -1)
		return err_sys(err, EX_IOERR, "%s: write error", o->audit);
	return 0;
}
