/* json_check.c: a strict JSON syntax check (RFC 8259) that says where and what is wrong.
 *
 * cJSON accepts some invalid text (numbers such as 01 or 1.) and reports
 * only roughly where it stopped; this check runs first and is the judge of
 * syntax, so that every fault is named at its place. */
#include <stdio.h>
#include <string.h>

#include "base/swar.h"
#include "read/json_check.h"
#include "meshsim/meshsim.h"

struct jc {
	const char *s;
	size_t len, i;
	size_t max_depth;
	const char *what;
	const char *key;        /* the root's member to count under, or NULL */
	size_t keylen;
	int counting;           /* in that member's value */
	int counted;            /* that member was met */
	struct mesh_i_json_counts *counts;
};

/* The message of the depth limit, with the number: static, as the check
 * runs only in the calling thread (a second thread of jsonpos.c checks
 * UTF-8 and parses, never this). */
static char too_deep[96];

static int
fail(struct jc *c, const char *what)
{
	c->what = what;
	return -1;
}

static void
space(struct jc *c)
{
	const char *s = c->s;
	size_t i = c->i, len = c->len;

	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
	    s[i] == '\r'))
		i++;
	c->i = i;
}

static int
at_end(const struct jc *c)
{
	return c->i >= c->len;
}

static int
is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static int
is_hex(char ch)
{
	return is_digit(ch) || (ch >= 'a' && ch <= 'f') ||
	    (ch >= 'A' && ch <= 'F');
}

static int
string(struct jc *c)
{
	c->i++;		/* the opening quote */
	for (;;) {
		unsigned char ch;

		/* Eight bytes at a time while eight are left. */
		if (MESH_I_SWAR && c->i + 8 <= c->len) {
			size_t k = mesh_i_swar_string_end(c->s + c->i, 1);

			c->i += k;
			if (k == 8)
				continue;
		}
		if (at_end(c))
			return fail(c, "unterminated string");
		ch = (unsigned char)c->s[c->i];
		if (ch == '"') {
			c->i++;
			return 0;
		}
		if (ch == '\n' || ch == '\r')
			return fail(c, "unterminated string (a line break "
			    "before the closing quote)");
		if (ch < 0x20)
			return fail(c, "control character in a string "
			    "(write it as an escape such as \\n)");
		if (ch != '\\') {
			/* The run of plain characters. */
			const char *str = c->s;
			size_t i = c->i + 1, len = c->len;

			while (i < len && (unsigned char)str[i] >= 0x20 &&
			    str[i] != '"' && str[i] != '\\')
				i++;
			c->i = i;
			continue;
		}
		if (c->i + 1 >= c->len)
			return fail(c, "unterminated string");
		ch = (unsigned char)c->s[c->i + 1];
		if (ch == 'u') {
			size_t k;

			for (k = 2; k < 6; k++)
				if (c->i + k >= c->len ||
				    !is_hex(c->s[c->i + k]))
					return fail(c, "invalid \\u escape "
					    "(four hex digits expected)");
			c->i += 6;
		} else if (strchr("\"\\/bfnrt", ch) != NULL && ch != '\0') {
			c->i += 2;
		} else {
			return fail(c, "invalid escape in a string");
		}
	}
}

static int
number(struct jc *c)
{
	size_t start = c->i;

	if (c->s[c->i] == '-')
		c->i++;
	if (at_end(c) || !is_digit(c->s[c->i]))
		return fail(c, "invalid number");
	if (c->s[c->i] == '0' && c->i + 1 < c->len &&
	    is_digit(c->s[c->i + 1])) {
		c->i = start;
		return fail(c, "invalid number (no leading zeros)");
	}
	while (!at_end(c) && is_digit(c->s[c->i]))
		c->i++;
	if (!at_end(c) && c->s[c->i] == '.') {
		c->i++;
		if (at_end(c) || !is_digit(c->s[c->i]))
			return fail(c, "invalid number (digits expected "
			    "after '.')");
		while (!at_end(c) && is_digit(c->s[c->i]))
			c->i++;
	}
	if (!at_end(c) && (c->s[c->i] == 'e' || c->s[c->i] == 'E')) {
		c->i++;
		if (!at_end(c) && (c->s[c->i] == '+' || c->s[c->i] == '-'))
			c->i++;
		if (at_end(c) || !is_digit(c->s[c->i]))
			return fail(c, "invalid number (digits expected in "
			    "the exponent)");
		while (!at_end(c) && is_digit(c->s[c->i]))
			c->i++;
	}
	return 0;
}

static int
literal(struct jc *c, const char *word)
{
	size_t n = strlen(word);

	if (c->len - c->i < n || memcmp(c->s + c->i, word, n) != 0)
		return fail(c, "expected a value");
	c->i += n;
	return 0;
}

static int
value(struct jc *c, int depth)
{
	char open;

	space(c);
	if (at_end(c))
		return fail(c, "unexpected end of file (a value expected)");
	open = c->s[c->i];
	switch (open) {
	case '"':
		return string(c);
	case 't':
		return literal(c, "true");
	case 'f':
		return literal(c, "false");
	case 'n':
		return literal(c, "null");
	case '{':
	case '[':
		break;
	default:
		if (open == '-' || is_digit(open))
			return number(c);
		return fail(c, "expected a value");
	}
	if ((size_t)depth >= c->max_depth) {
		snprintf(too_deep, sizeof(too_deep), "nesting deeper than %zu "
		    "levels (--max-depth raises the limit)", c->max_depth);
		return fail(c, too_deep);
	}
	c->i++;
	space(c);
	if (!at_end(c) && c->s[c->i] == (open == '{' ? '}' : ']')) {
		c->i++;
		return 0;
	}
	for (;;) {
		if (c->counting) {
			struct mesh_i_json_counts *n = c->counts;

			if (depth == 1 && open == '[' && n->split == 0 &&
			    n->elements > 0 && c->i >= c->len / 2) {
				n->split = c->i;
				n->before_split.elements = n->elements;
				n->before_split.inner_elements =
				    n->inner_elements;
				n->before_split.inner_members =
				    n->inner_members;
			}
			if (depth == 1 && open == '[')
				c->counts->elements++;
			else if (depth == 3 && open == '[')
				c->counts->inner_elements++;
			else if (depth == 3)
				c->counts->inner_members++;
		}
		if (open == '{') {
			size_t kstart;

			space(c);
			if (at_end(c))
				return fail(c, "unexpected end of file (a key "
				    "expected)");
			if (c->s[c->i] != '"')
				return fail(c, c->s[c->i] == '}' ?
				    "expected a key (a comma too many?)" :
				    "expected a key in double quotes");
			kstart = c->i;
			if (string(c) != 0)
				return -1;
			/* The member to count under: its key as written. */
			if (depth == 0 && c->key != NULL && !c->counted &&
			    c->i - kstart == c->keylen + 2 &&
			    memcmp(c->s + kstart + 1, c->key, c->keylen) == 0)
				c->counting = c->counted = 1;
			space(c);
			if (at_end(c) || c->s[c->i] != ':')
				return fail(c, "expected ':' after the key");
			c->i++;
		}
		space(c);
		if (open == '[' && !at_end(c) && c->s[c->i] == ']')
			return fail(c, "expected a value (a comma too many?)");
		if (value(c, depth + 1) != 0)
			return -1;
		if (depth == 0)
			c->counting = 0;
		space(c);
		if (at_end(c))
			return fail(c, open == '{' ? "unexpected end of file "
			    "(',' or '}' expected)" : "unexpected end of "
			    "file (',' or ']' expected)");
		if (c->s[c->i] == ',') {
			c->i++;
			continue;
		}
		if (c->s[c->i] == (open == '{' ? '}' : ']')) {
			c->i++;
			return 0;
		}
		return fail(c, open == '{' ? "expected ',' or '}' after a "
		    "member" : "expected ',' or ']' after an element");
	}
}

int
mesh_i_json_check(const char *buf, size_t len, size_t *off, const char **what)
{
	return mesh_i_json_check_count(buf, len, off, what, NULL, NULL);
}

int
mesh_i_json_check_count(const char *buf, size_t len, size_t *off,
    const char **what, const char *key, struct mesh_i_json_counts *counts)
{
	struct jc c = { buf, len, 0, 0, NULL, key, key ? strlen(key) : 0, 0,
	    0, counts };

	c.max_depth = mesh_limits_get()->depth;
	if (c.max_depth > MESH_LIMIT_DEPTH_MAX)
		c.max_depth = MESH_LIMIT_DEPTH_MAX;
	if (counts != NULL)
		memset(counts, 0, sizeof(*counts));
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		c.i = 3;	/* a byte order mark, as cJSON allows */
	if (value(&c, 0) == 0) {
		space(&c);
		if (at_end(&c))
			return 0;
		fail(&c, "unexpected text after the JSON value");
	}
	*off = c.i;
	*what = c.what;
	return -1;
}
