/*
 * Timeliness: the counting every deadline measure shares (a task counts
 * once its deadline has passed by --at; those still within it are
 * reported apart, and a row holding any says it is not mature), and the
 * RMU measures built on it: pnc-upload (granted orders put on the PNC
 * within --days of being granted) and dvds-contact (Clare's Law
 * applicants contacted within --days of the decision).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/diag.h"
#include "stats/stats.h"

void
tl_add(uint64_t *c, int32_t start, int has_done, int32_t done, int days,
    int32_t at)
{
	int32_t deadline = start + days;
	int known = has_done && done <= at;

	if (at > deadline) {
		c[TL_DUE]++;
		if (known && done <= deadline)
			c[TL_ONTIME]++;
		else if (!known)
			c[TL_LATE_PENDING]++;
	} else {
		c[TL_NYD]++;
		if (!known)
			c[TL_NYD_PENDING]++;
	}
}

void
tl_header(struct csvw *w, const char *suffix)
{
	static const char *const fmt[] = { "due_%s", "within_%s",
	    "within_%s_share", "within_%s_share_lower",
	    "within_%s_share_upper", "late_%s", "late_pending_%s",
	    "pending_within_%s", "not_yet_due_%s", NULL };
	char name[96];
	size_t k;

	for (k = 0; fmt[k] != NULL; k++) {
		snprintf(name, sizeof(name), fmt[k], suffix);
		csvw_str(w, name);
	}
	csvw_str(w, "mature");
}

void
tl_row(struct out *O, const uint64_t *c, double level)
{
	tab_u(O, c[TL_DUE]);
	tab_u(O, c[TL_ONTIME]);
	tab_rate(O, c[TL_ONTIME], c[TL_DUE], level);
	tab_u(O, c[TL_DUE] - c[TL_ONTIME]);
	tab_u(O, c[TL_LATE_PENDING]);
	tab_u(O, c[TL_NYD_PENDING]);
	tab_u(O, c[TL_NYD]);
	csvw_str(O->w, c[TL_NYD] ? "N" : "Y");
}
