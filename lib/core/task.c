/* task: a function run beside the caller (task.h). */
#include "core/task.h"

void
task_start(struct task *t, void *(*fn)(void *), void *arg)
{
	t->on = pthread_create(&t->th, NULL, fn, arg) == 0;
	if (!t->on)
		fn(arg);
}

void
task_wait(struct task *t)
{
	if (t->on)
		pthread_join(t->th, NULL);
	t->on = 0;
}
