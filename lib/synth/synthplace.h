/*
 * synthplace: where and when a synthetic crime was committed.  The
 * BCU's wards lie on a 5 x 4 grid of 1,400 m squares on the British
 * National Grid around E 530800 N 190500; a crime in a ward falls near
 * the ward's centre, or, three times in ten, on the ward's hot spot
 * while that is active: five persistent night-time-economy streets, two
 * that emerge halfway through the window and one that fades then
 * (synth_hotspots[]).  Times follow the day (afternoon and evening
 * peaks, few at dawn), hot spots and weekend evenings run late, one in
 * sixteen has no time.  A row's place and time are drawn from their own
 * stream: the other columns are those drawn without them.
 */
#ifndef VAWG_SYNTHPLACE_H
#define VAWG_SYNTHPLACE_H

#include <stdint.h>

enum { SYNTH_PERSISTENT, SYNTH_EMERGING, SYNTH_FADING };

struct synth_hotspot {
	int ward;		/* index in sw_ward[] */
	double e, n;		/* British National Grid centre */
	int life;		/* SYNTH_PERSISTENT ... */
};

#define SYNTH_NHOTSPOTS 8
extern const struct synth_hotspot synth_hotspots[SYNTH_NHOTSPOTS];

struct synth_place {
	char time[8];		/* "HH:MM" or "" */
	char lat[24], lon[24], e[24], n[24];
};

/*
 * The place and time of crime row i of a data set of seed, in ward, on
 * day com, the window running from start to last.
 */
void synth_place(uint64_t seed, uint64_t i, int ward, int32_t com,
    int32_t start, int32_t last, struct synth_place *p);

#endif
