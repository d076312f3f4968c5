/*
 * libFuzzer harness: ISO date and month parsing, and the round trip of
 * every date that parses through the formatter.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int32_t day;
	int y, m;
	char buf[16];

	if (date_parse_iso((const char *)data, size, &day) == 0) {
		date_format(day, buf);
		if (memcmp(buf, data, 10) != 0)
			abort();
		period_label(PERIOD_FY, day, buf);
		period_label(PERIOD_QUARTER, day, buf);
		if (period_start(PERIOD_FY, day) > day ||
		    period_next(PERIOD_FY, day) <= day)
			abort();
		(void)date_add_months(day, (int)(size % 50) - 25);
	}
	(void)date_parse_month((const char *)data, size, &y, &m);
	return 0;
}
