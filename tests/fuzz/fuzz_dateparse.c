/*
 * libFuzzer harness: the flexible date parser (lib/dateparse) in both
 * day orders, with a fixed as-of day so that runs repeat.  Every date
 * it accepts must be a real day that formats as ISO and parses back to
 * the same day; a future date must lie after the as-of day.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/dateparse.h"
#include "core/dates.h"

static void
check(const struct dateparse_opts *o, const uint8_t *data, size_t size)
{
	int32_t day, again;
	char iso[16];
	int st, y, m, d;

	st = dateparse(o, (const char *)data, size, &day);
	if (dateparse_strerror(st) == NULL)
		abort();
	if (st != DATEPARSE_OK && st != DATEPARSE_EFUTURE)
		return;
	if (st == DATEPARSE_EFUTURE && day <= o->as_of)
		abort();
	if (st == DATEPARSE_OK && day > o->as_of)
		abort();
	date_to_ymd(day, &y, &m, &d);
	if (!date_valid(y, m, d))
		abort();
	date_format(day, iso);
	if (dateparse(o, iso, strlen(iso), &again) != st || again != day)
		abort();
	if (date_parse_iso(iso, strlen(iso), &again) != 0 || again != day)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dateparse_opts o;
	uint8_t *copy;

	/* An exact-size copy, so that a read past the end is caught. */
	if ((copy = malloc(size ? size : 1)) == NULL)
		return 0;
	memcpy(copy, data, size);
	o.as_of = date_from_ymd(2026, 10, 31);
	o.order = DATEPARSE_DMY;
	check(&o, copy, size);
	o.order = DATEPARSE_MDY;
	check(&o, copy, size);
	free(copy);
	return 0;
}
