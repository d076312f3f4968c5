/*
 * An error a library function returns instead of printing it and
 * exiting: the exit status (a sysexits value) and the message, worded
 * as diag_at() would print it after "prog: " ("file:line: message").
 * The command prints it and exits: diag_fatal(e.code, "%s", e.msg).
 * Like every message, it names files, lines and columns, never values.
 */
#ifndef VAWG_ERR_H
#define VAWG_ERR_H

struct vawg_err {
	int code;		/* 0: no error; else the exit status */
	char msg[1024];		/* room for a long path and a message */
};

/* Sets e (when not NULL) to code and the message; returns code. */
int err_set(struct vawg_err *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Like err_set(), after "file:line: " ("file: " when line is 0). */
int err_at(struct vawg_err *e, int code, const char *file,
    unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Like err_set(), with ": " and strerror(errno) appended. */
int err_sys(struct vawg_err *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The command prints the error and exits with err_exit() (core/diag.h). */

#endif
