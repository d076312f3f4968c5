/*
 * status: "in force" (orders) and "wanted now" (wanted records) on a
 * given day.  vawg-stats counts them, vawg-rank flags people with them.
 */
#include "kinds/status.h"

int
order_in_force(int32_t granted, int has_expiry, int32_t expiry, int32_t at)
{
	return granted <= at && (!has_expiry || expiry >= at);
}

int
wanted_now(int has_wanted, int32_t wanted, int has_arrest, int32_t arrest,
    int32_t at)
{
	return (!has_wanted || wanted <= at) && (!has_arrest || arrest > at);
}
