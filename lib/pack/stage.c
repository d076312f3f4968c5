/*
 * Staged outputs: a run's outputs are committed together or not at all.
 * Regular files (findings, summary) are written to temporary files
 * beside them (lib/core/outfile) and synced; the HTML pages to a new
 * folder beside the --html folder.  Outputs that cannot be staged
 * (standard output, a FIFO, a device) are written once everything else
 * is; then the audit line is appended; then the folder is swapped in and
 * the files renamed.  Any failure before that removes what was staged
 * and leaves the previous outputs as they were.
 */
#define _GNU_SOURCE
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/err.h"
#include "core/outfile.h"
#include "pack/html.h"
#include "pack/run_int.h"
#include "pack/safename.h"

/*
 * Test hook: when the environment variable VAWG_FAULT names this stage
 * ("findings", "summary", "page", "page:N", "index" or "audit"), writes
 * to fd fail from now on as on a full disk (fd becomes /dev/full), so
 * that the real error path is taken.
 */
void
pk_fault(int fd, const char *stage, size_t n)
{
	const char *f = getenv("VAWG_FAULT");
	size_t len = strlen(stage);
	int full;

	if (f == NULL || strncmp(f, stage, len) != 0)
		return;
	if (f[len] == ':') {
		if (n == 0 || strtoul(f + len + 1, NULL, 10) != n)
			return;
	} else if (f[len] != '\0')
		return;
	if ((full = open("/dev/full", O_WRONLY | O_CLOEXEC)) == -1 ||
	    dup2(full, fd) == -1)
		diag_sysfatal(EX_OSERR, "VAWG_FAULT: /dev/full");
	close(full);
}

/* Flushes and syncs a staged file; exits 74 when that fails. */
static void
settle(struct outfile *of)
{
	FILE *fp = out_fp(of);

	if (fflush(fp) == EOF || ferror(fp) || fsync(fileno(fp)) == -1)
		diag_fatal(EX_IOERR, "%s: write error: %s", out_name(of),
		    strerror(errno ? errno : EIO));
}

/* The HTML folder being staged. */
static struct {
	const char *given;	/* --html as given, for messages */
	char *dir;		/* the folder, symbolic links resolved */
	char *parent, *base;
	char *tmp;		/* the staging folder; NULL when none */
	int fd;			/* open on tmp, for the signal handler */
	pid_t pid;		/* the process that made it */
	unsigned mode;
	const char *index;	/* "index.html" once begun */
	struct sigaction old[3];
} hs = { .fd = -1 };

static const int hs_signals[3] = { SIGINT, SIGTERM, SIGHUP };

/* The run whose pages are staged, for the signal handler. */
static const struct pk_run *hs_run;

/* Whether name ends in .html. */
static int
is_page_name(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".html") == 0;
}

/* Whether the file at dirfd/name is a page this program wrote: a
 * regular file named *.html whose text names vawg-marac-pack (every
 * page's generator, whatever its purpose). */
static int
is_our_page(int dirfd, const char *name)
{
	static const char mark[] = "vawg-marac-pack";
	char buf[65536 + sizeof(mark)];
	size_t keep = 0;
	struct stat sb;
	ssize_t k;
	int fd, found = 0;

	if (!is_page_name(name))
		return 0;
	if ((fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
	    O_NONBLOCK)) == -1)
		return 0;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return 0;
	}
	while (!found && (k = read(fd, buf + keep, sizeof(buf) - keep)) > 0) {
		size_t n = keep + (size_t)k;

		found = memmem(buf, n, mark, sizeof(mark) - 1) != NULL;
		keep = n < sizeof(mark) ? n : sizeof(mark) - 1;
		memmove(buf, buf + n - keep, keep);
	}
	close(fd);
	return found;
}

/*
 * Counts what the folder dir holds that this program did not write
 * (anything but its own pages); -1 when it cannot be read.
 */
static long
foreign_files(const char *dir)
{
	DIR *d;
	struct dirent *e;
	long n = 0;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0)
			continue;
		if (!is_our_page(dirfd(d), e->d_name))
			n++;
	}
	closedir(d);
	return n;
}

/* Exits 73 unless the folder at hs.dir, if any, may be replaced. */
static void
html_check(void)
{
	struct stat sb;
	long n;

	if (lstat(hs.dir, &sb) == -1) {
		if (errno == ENOENT)
			return;
		diag_sysfatal(EX_CANTCREAT, "%s", hs.given);
	}
	if (!S_ISDIR(sb.st_mode))
		diag_fatal(EX_CANTCREAT, "%s: not a folder", hs.given);
	if ((n = foreign_files(hs.dir)) == -1)
		diag_sysfatal(EX_CANTCREAT, "%s", hs.given);
	if (n > 0)
		diag_fatal(EX_CANTCREAT, "%s: holds %ld file%s that "
		    "vawg-marac-pack did not write; not replaced (move %s, "
		    "or choose another --html folder)", hs.given, n,
		    n == 1 ? "" : "s", n == 1 ? "it" : "them");
}

/* Removes our pages (only) from folder path, then the folder. */
static int
remove_pages(const char *path)
{
	DIR *d;
	struct dirent *e;

	if ((d = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (is_page_name(e->d_name))
			(void)unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
	return rmdir(path);
}

/* Staging folders of runs killed outright (their process is gone). */
static void
sweep_staging(void)
{
	DIR *d;
	struct dirent *e;
	size_t blen = strlen(hs.base);

	if ((d = opendir(hs.parent)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		const char *n = e->d_name, *p = n + 1 + blen;
		char *end, *path;
		long pid;

		if (n[0] != '.' || strncmp(n + 1, hs.base, blen) != 0 ||
		    strncmp(p, ".tmp.", 5) != 0)
			continue;
		pid = strtol(p + 5, &end, 10);
		if (end == p + 5 || *end != '.' || pid <= 0 ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		path = xmalloc(strlen(hs.parent) + strlen(n) + 2);
		sprintf(path, "%s/%s", hs.parent, n);
		(void)remove_pages(path);
		free(path);
	}
	closedir(d);
}

/* At exit, on failure: the staging folder goes. */
static void
html_cleanup(void)
{
	if (hs.tmp == NULL || getpid() != hs.pid)
		return;
	if (hs.fd != -1)
		close(hs.fd);
	hs.fd = -1;
	(void)remove_pages(hs.tmp);
	free(hs.tmp);
	hs.tmp = NULL;
}

/* SIGINT, SIGTERM, SIGHUP while staging: the pages go, then whatever
 * handler was there before (lib/outfile's) runs. */
static void
html_on_signal(int sig)
{
	size_t i;
	int j;

	if (hs.fd != -1) {
		for (i = 0; hs_run != NULL && i < hs_run->n; i++)
			if (hs_run->c[i].page[0] != '\0')
				(void)unlinkat(hs.fd, hs_run->c[i].page, 0);
		if (hs.index != NULL)
			(void)unlinkat(hs.fd, hs.index, 0);
		(void)rmdir(hs.tmp);
	}
	for (j = 0; j < 3; j++)
		if (hs_signals[j] == sig)
			break;
	if (j < 3 && !(hs.old[j].sa_flags & SA_SIGINFO) &&
	    hs.old[j].sa_handler != SIG_DFL &&
	    hs.old[j].sa_handler != SIG_IGN) {
		hs.old[j].sa_handler(sig);
		return;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Whether path (resolved) is dir or inside it. */
static int
within(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(path, dir, n) == 0 &&
	    (path[n] == '\0' || path[n] == '/' || strcmp(dir, "/") == 0);
}

/*
 * Resolves the --html folder and refuses early (73) one that holds
 * files not ours or cannot be replaced, before anything is read or
 * written.  Another output inside it, which would be swapped away with
 * the folder, has been refused (64) by out_distinct().
 */
void
pk_html_prepare(const char *given, unsigned mode)
{
	char *cwd;
	struct stat sb;
	char *slash, *res;
	size_t n;

	hs.given = given;
	hs.mode = mode;
	hs.dir = xstrdup(given);
	if (lstat(given, &sb) == 0 && (res = realpath(given, NULL)) != NULL) {
		free(hs.dir);
		hs.dir = res;	/* a symbolic link: its target is replaced */
	}
	for (n = strlen(hs.dir); n > 1 && hs.dir[n - 1] == '/'; n--)
		hs.dir[n - 1] = '\0';
	if ((slash = strrchr(hs.dir, '/')) == NULL) {
		hs.parent = xstrdup(".");
		hs.base = xstrdup(hs.dir);
	} else {
		hs.parent = slash == hs.dir ? xstrdup("/") :
		    xstrndup(hs.dir, (size_t)(slash - hs.dir));
		hs.base = xstrdup(slash + 1);
	}
	if (*hs.base == '\0' || strcmp(hs.base, ".") == 0 ||
	    strcmp(hs.base, "..") == 0)
		diag_fatal(EX_CANTCREAT, "%s: not a folder that can be "
		    "replaced", given);
	if ((cwd = realpath(".", NULL)) != NULL && within(cwd, hs.dir))
		diag_fatal(EX_CANTCREAT, "%s: the current folder or one above "
		    "it: not replaced", given);
	free(cwd);
	if (access(hs.parent, W_OK | X_OK) == -1)
		diag_sysfatal(EX_CANTCREAT, "%s", hs.parent);
	html_check();
}

void
pk_html_free(void)
{
	free(hs.dir);
	free(hs.parent);
	free(hs.base);
}

static FILE *
page_open(const char *name)
{
	FILE *fp;
	int fd;

	if ((fd = openat(hs.fd, name, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0600)) == -1 ||
	    fchmod(fd, hs.mode) == -1 || (fp = fdopen(fd, "w")) == NULL)
		diag_sysfatal(EX_CANTCREAT, "%s/%s", hs.given, name);
	return fp;
}

static void
page_close(FILE *fp, const char *name)
{
	int e;

	if (fflush(fp) == EOF || ferror(fp)) {
		e = errno ? errno : EIO;
		fclose(fp);
		errno = e;
		diag_sysfatal(EX_IOERR, "%s/%s: write error", hs.given, name);
	}
	if (fclose(fp) == EOF)
		diag_sysfatal(EX_IOERR, "%s/%s: write error", hs.given, name);
}

/* Writes every page and the index into a new folder beside hs.dir. */
static void
stage_html(const struct pk_run *pr, const struct pack_summary *sum)
{
	static const char *const reserved[] = { "index", NULL };
	static int registered;
	struct safenames *sn = safenames_new(reserved);
	struct sigaction sa;
	char stamp[128], stem[64], ref[64];
	time_t now = time(NULL);
	struct tm tm;
	FILE *fp;
	size_t i;
	int j;

	sweep_staging();
	hs_run = pr;
	hs.tmp = xmalloc(strlen(hs.parent) + strlen(hs.base) + 48);
	sprintf(hs.tmp, "%s/.%s.tmp.%ld.XXXXXX", hs.parent, hs.base,
	    (long)getpid());
	hs.pid = getpid();
	if (!registered++)
		atexit(html_cleanup);
	if (mkdtemp(hs.tmp) == NULL) {
		int e = errno;

		free(hs.tmp);
		hs.tmp = NULL;
		errno = e;
		diag_sysfatal(EX_CANTCREAT, "%s", hs.given);
	}
	/* The folder: the files' mode, searchable where readable. */
	if (chmod(hs.tmp, hs.mode | (hs.mode & 0444) >> 2) == -1 ||
	    (hs.fd = open(hs.tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		diag_sysfatal(EX_CANTCREAT, "%s", hs.given);
	gmtime_r(&now, &tm);
	if (pr->pp->id == PACK_FOR_MARAC)
		strftime(stamp, sizeof(stamp), "Made %Y-%m-%d %H:%M UTC by "
		    "vawg-marac-pack " VAWG_VERSION ".", &tm);
	else
		strftime(stamp, sizeof(stamp), "Made %Y-%m-%d %H:%M UTC by "
		    "vawg-pack " VAWG_VERSION ".", &tm);
	/* Page names come from the references, unless they are redacted. */
	for (i = 0; i < pr->n; i++) {
		const char *r = pk_case_value(pr, i, pr->key) != NULL ?
		    pr->c[i].pc.marac_ref : NULL;

		if (r == NULL) {
			snprintf(ref, sizeof(ref), "case-%zu", i + 1);
			r = ref;
		}
		safename_unique(sn, r, stem, sizeof(stem));
		snprintf(pr->c[i].page, sizeof(pr->c[i].page), "%s.html",
		    stem);
	}
	safenames_free(sn);
	hs.index = "index.html";
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = html_on_signal;
	sigemptyset(&sa.sa_mask);
	for (j = 0; j < 3; j++)
		sigaction(hs_signals[j], &sa, &hs.old[j]);
	for (i = 0; i < pr->n; i++) {
		fp = page_open(pr->c[i].page);
		pk_fault(fileno(fp), "page", i + 1);
		pk_html_case(pr, fp, i, &sum[i], stamp);
		page_close(fp, pr->c[i].page);
	}
	fp = page_open(hs.index);
	pk_fault(fileno(fp), "index", 0);
	pk_html_index(pr, fp, sum, stamp);
	page_close(fp, hs.index);
	/* One sync for every page (and the folder), not one a page. */
	if (syncfs(hs.fd) == -1)
		diag_sysfatal(EX_IOERR, "%s: write error", hs.given);
}

/*
 * Puts the staged folder in place of hs.dir: exchanged with the old
 * folder in one rename where the system can, else moved aside, then the
 * old folder's pages removed.
 */
static void
commit_html(void)
{
	char *aside;
	int e, j;

	for (j = 0; j < 3; j++)
		sigaction(hs_signals[j], &hs.old[j], NULL);
	close(hs.fd);
	hs.fd = -1;
	if (rename(hs.tmp, hs.dir) == 0) {
		free(hs.tmp);
		hs.tmp = NULL;
		return;
	}
	if (errno != EEXIST && errno != ENOTEMPTY)
		diag_sysfatal(EX_CANTCREAT, "%s", hs.given);
	if (renameat2(AT_FDCWD, hs.tmp, AT_FDCWD, hs.dir,
	    RENAME_EXCHANGE) == 0) {
		/* hs.tmp now holds the old folder. */
		if (remove_pages(hs.tmp) == -1)
			diag_syswarn("%s: the previous pages' folder could not "
			    "be removed", hs.tmp);
		free(hs.tmp);
		hs.tmp = NULL;
		return;
	}
	aside = xmalloc(strlen(hs.parent) + strlen(hs.base) + 48);
	sprintf(aside, "%s/.%s.tmp.%ld.old", hs.parent, hs.base,
	    (long)getpid());
	if (rename(hs.dir, aside) == -1)
		diag_sysfatal(EX_CANTCREAT, "%s", hs.given);
	if (rename(hs.tmp, hs.dir) == -1) {
		e = errno;
		(void)rename(aside, hs.dir);
		errno = e;
		diag_sysfatal(EX_CANTCREAT, "%s", hs.given);
	}
	free(hs.tmp);
	hs.tmp = NULL;
	if (remove_pages(aside) == -1)
		diag_syswarn("%s: the previous pages' folder could not be "
		    "removed", aside);
	free(aside);
}


struct staged {
	const char *path, *stage;	/* stage: "findings" or "summary" */
	struct outfile *of;
};

/* Writes one output's content (VAWG_FAULT may point it at /dev/full). */
static void
write_staged(const struct pk_run *pr, const struct staged *sg,
    const struct pack_summary *sum)
{
	pk_fault(fileno(out_fp(sg->of)), sg->stage, 0);
	if (*sg->stage == 'f')
		pk_write_findings(pr, sg->of);
	else
		pk_write_summary(pr, sg->of, sum);
}

/*
 * Writes every output, all or nothing: see the head of this file.
 */
void
pk_write_outputs(struct pk_run *pr, const char *summary_path,
    const struct pack_summary *sum)
{
	const struct pack_opts *o = pr->o;
	struct staged out[3];
	struct vawg_err e = { 0 };
	size_t n = 0, i;

	if (o->findings != NULL)
		out[n++].path = o->findings;
	if (summary_path != NULL)
		out[n++].path = summary_path;
	if (o->summary != NULL && pr->o->out != NULL &&
	    strcmp(o->summary, pr->o->out) != 0)
		out[n++].path = pr->o->out;
	for (i = 0; i < n; i++) {
		out[i].stage = i == 0 && o->findings != NULL ? "findings" :
		    "summary";
		out[i].of = out_open(out[i].path, &e);
		err_exit(&e);
		if (!out_is_temp(out[i].of))
			continue;
		write_staged(pr, &out[i], sum);
		settle(out[i].of);
	}
	if (o->html != NULL)
		stage_html(pr, sum);
	/* What cannot be staged: standard output, a FIFO, a device. */
	for (i = 0; i < n; i++) {
		if (out_is_temp(out[i].of))
			continue;
		write_staged(pr, &out[i], sum);
		out_close(out[i].of, 0, &e);
		err_exit(&e);
		out[i].of = NULL;
	}
	/* The commit. */
	if (o->html != NULL)
		html_check();
	if (o->audit != NULL)
		pk_write_audit(pr, summary_path);
	if (o->html != NULL)
		commit_html();
	for (i = 0; i < n; i++) {
		out_close(out[i].of, 0, &e);
		err_exit(&e);
	}
}

