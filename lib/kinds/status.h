/*
 * status: the state of a record on a given day, for every program that
 * asks it.  An order is in force, a person is wanted now: one rule each.
 */
#ifndef VAWG_STATUS_H
#define VAWG_STATUS_H

#include <stdint.h>

/*
 * 1 when an order granted on day granted is in force on day at: granted
 * by then and not expired before it (has_expiry 0: no expiry date, in
 * force until revoked; an order expiring on at is still in force).
 */
int order_in_force(int32_t granted, int has_expiry, int32_t expiry,
    int32_t at);

/*
 * 1 when a person is wanted on day at: wanted on or before it (has_wanted
 * 0: no wanted date, taken as wanted) and not arrested by then
 * (has_arrest 0: no arrest date; an arrest after at does not count).
 */
int wanted_now(int has_wanted, int32_t wanted, int has_arrest,
    int32_t arrest, int32_t at);

#endif
