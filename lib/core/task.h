/*
 * task: a function run beside the caller, in a thread of its own, or in
 * the caller itself when no thread can be started (the work is done
 * either way, only later or sooner).  task_wait() before using what it
 * makes.
 */
#ifndef VAWG_TASK_H
#define VAWG_TASK_H

#include <pthread.h>

struct task {
	pthread_t th;
	int on;			/* a thread runs it, not yet waited for */
};

/* Runs fn(arg) beside the caller (or now, in the caller). */
void task_start(struct task *t, void *(*fn)(void *), void *arg);

/* Waits for t's function to end; nothing when it has been waited for. */
void task_wait(struct task *t);

#endif
