/*
 * libFuzzer harness: name clean-up (lib/normalize).  Output buffers are
 * exactly n + 1 bytes, as the header promises is enough, so that any
 * overrun is caught; norm_space() must be idempotent and work in place,
 * and the title written must be a known honorific that fits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "persons/normalize.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char *in, *out, *again, title[NORM_TITLE_SIZE];
	size_t len, len2;

	in = malloc(size ? size : 1);
	out = malloc(size + 1);
	again = malloc(size + 1);
	if (in == NULL || out == NULL || again == NULL)
		goto done;
	memcpy(in, s, size);

	len = norm_space(in, size, out);
	if (len > size || out[len] != '\0')
		abort();
	len2 = norm_space(out, len, again);
	if (len2 != len || memcmp(out, again, len) != 0)
		abort();
	/* In place. */
	len2 = norm_space(out, len, out);
	if (len2 != len || memcmp(out, again, len) != 0)
		abort();

	(void)norm_title(in, size);

	memset(title, 0x5A, sizeof(title));
	len = norm_name(in, size, out, title);
	if (len > size || out[len] != '\0')
		abort();
	if (memchr(title, '\0', sizeof(title)) == NULL)
		abort();
	if (title[0] != '\0' && norm_title(title, strlen(title)) == NULL)
		abort();
	/* The result is already clean of blanks. */
	len2 = norm_space(out, len, again);
	if (len2 != len || memcmp(out, again, len) != 0)
		abort();
	(void)norm_name(in, size, out, NULL);
done:
	free(in);
	free(out);
	free(again);
	return 0;
}
