/*
 * The vocabularies as tables.  Adding a spelling is one line here; a new
 * vocabulary is a table and one line of vocabs[].
 */
#include <string.h>

#include "kinds/vocab.h"

static const struct vocab_word flag_words[] = {
	{ "y", "Y" }, { "yes", "Y" }, { "true", "Y" }, { "1", "Y" },
	{ "t", "Y" }, { "n", "N" }, { "no", "N" }, { "false", "N" },
	{ "0", "N" }, { "f", "N" }, { NULL, NULL }
};

static const struct vocab_word sex_words[] = {
	{ "m", "M" }, { "male", "M" }, { "man", "M" }, { "f", "F" },
	{ "female", "F" }, { "woman", "F" }, { "u", "" }, { "unknown", "" },
	{ "not_known", "" }, { "not_stated", "" }, { "x", "" },
	{ "prefer_not_to_say", "" }, { NULL, NULL }
};

static const struct vocab_word order_words[] = {
	{ "granted", "granted" }, { "made", "granted" },
	{ "order_made", "granted" }, { "full_order", "granted" },
	{ "refused", "refused" }, { "dismissed", "refused" },
	{ "not_granted", "refused" }, { "declined", "refused" },
	{ "withdrawn", "withdrawn" }, { "discontinued", "withdrawn" },
	{ "pending", "pending" }, { "adjourned", "pending" },
	{ "awaiting", "pending" }, { "awaiting_hearing", "pending" },
	{ "listed", "pending" }, { NULL, NULL }
};

static const struct vocab_word route_words[] = {
	{ "ask", "ask" }, { "right_to_ask", "ask" }, { "rta", "ask" },
	{ "know", "know" }, { "right_to_know", "know" }, { "rtk", "know" },
	{ NULL, NULL }
};

static const struct vocab_word channel_words[] = {
	{ "portal", "portal" }, { "online", "portal" },
	{ "online_portal", "portal" }, { "web", "portal" },
	{ "website", "portal" }, { "online_form", "portal" },
	{ "web_form", "portal" }, { NULL, NULL }
};

static const struct vocab_word dvds_words[] = {
	{ "disclose", "disclose" }, { "disclosed", "disclose" },
	{ "disclosure", "disclose" }, { "disclosure_made", "disclose" },
	{ "no_disclose", "no_disclose" }, { "no_disclosure", "no_disclose" },
	{ "not_disclosed", "no_disclose" }, { "nfa", "no_disclose" },
	{ "no_disclosure_made", "no_disclose" }, { "refused", "no_disclose" },
	{ "declined", "no_disclose" },
	{ "withdrawn", "withdrawn" }, { "pending", "pending" },
	{ "open", "pending" }, { "in_progress", "pending" },
	{ "awaiting_decision", "pending" }, { NULL, NULL }
};

static const struct vocab vocabs[] = {
	{ COL_FLAG, flag_words, "Y|N", "not Y or N", NULL },
	{ COL_SEX, sex_words, "M|F", "not M or F", NULL },
	{ COL_ORDER_DECISION, order_words,
	  "granted|refused|withdrawn|pending",
	  "not granted, refused, withdrawn or pending", NULL },
	{ COL_ROUTE, route_words, "ask|know", "not ask or know", NULL },
	{ COL_CHANNEL, channel_words, "portal|other", NULL, "other" },
	{ COL_DVDS_DECISION, dvds_words,
	  "disclose|no_disclose|withdrawn|pending",
	  "not disclose, no_disclose, withdrawn or pending", NULL },
};

const struct vocab *
vocab_of(enum col_type t)
{
	size_t i;

	for (i = 0; i < sizeof(vocabs) / sizeof(vocabs[0]); i++)
		if (vocabs[i].type == t)
			return &vocabs[i];
	return NULL;
}

const char *
vocab_lookup(const struct vocab *v, const char *s)
{
	const struct vocab_word *w;

	for (w = v->words; w->from != NULL; w++)
		if (strcmp(w->from, s) == 0)
			return w->to;
	return NULL;
}

size_t
vocab_slug(const char *s, size_t n, char *out)
{
	size_t i, k = 0;
	int gap = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c >= 0x80) {
			if (gap && k > 0)
				out[k++] = '_';
			gap = 0;
			out[k++] = (char)c;
		} else if (c == '&') {
			if (k > 0)
				out[k++] = '_';
			memcpy(out + k, "and", 3);
			k += 3;
			gap = 1;
		} else {
			gap = 1;
		}
	}
	out[k] = '\0';
	return k;
}
