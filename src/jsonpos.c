/* jsonpos.c: where each value of a parsed cJSON tree stands in its text.
 *
 * cJSON keeps no positions. Values appear in the text in the same order as
 * a pre-order walk of the tree visits them, so one scan of the text lists
 * the positions in that order and one walk of the tree pairs them with the
 * items, through a hash table keyed by the item's address. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpos.h"

struct scanner {
	const char *s;
	size_t len, i;
	int line, column;
	struct mesh_jpos *pos;
	size_t npos, cap;
	int failed;
};

struct slot {
	const cJSON *item;
	size_t at;
};

struct mesh_jsonpos {
	struct mesh_jpos *pos;
	size_t npos;
	struct slot *slots;
	size_t cap;             /* power of two */
};

static void
advance(struct scanner *sc)
{
	unsigned char c = (unsigned char)sc->s[sc->i++];

	if (c == '\n') {
		sc->line++;
		sc->column = 1;
	} else if ((c & 0xc0) != 0x80) {
		sc->column++;
	}
}

/* Characters of a number or of true, false and null. */
static int
is_token_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '+' || c == '-' || c == '.';
}

static void
skip_space(struct scanner *sc)
{
	while (sc->i < sc->len && (sc->s[sc->i] == ' ' ||
	    sc->s[sc->i] == '\t' || sc->s[sc->i] == '\n' ||
	    sc->s[sc->i] == '\r'))
		advance(sc);
}

/* Skip a string literal at sc->i; returns whether it decodes a NUL. */
static int
skip_string(struct scanner *sc)
{
	int nul = 0;

	advance(sc);    /* the opening quote */
	while (sc->i < sc->len && sc->s[sc->i] != '"') {
		if (sc->s[sc->i] == '\\' && sc->i + 1 < sc->len) {
			if (sc->s[sc->i + 1] == 'u' && sc->i + 6 <= sc->len &&
			    memcmp(sc->s + sc->i + 2, "0000", 4) == 0)
				nul = 1;
			advance(sc);
		}
		advance(sc);
	}
	if (sc->i < sc->len)
		advance(sc);    /* the closing quote */
	return nul;
}

static struct mesh_jpos *
record(struct scanner *sc)
{
	if (sc->npos == sc->cap) {
		size_t cap = sc->cap ? sc->cap * 2 : 64;
		struct mesh_jpos *p = realloc(sc->pos, cap * sizeof(*p));

		if (p == NULL) {
			sc->failed = 1;
			return NULL;
		}
		sc->pos = p;
		sc->cap = cap;
	}
	memset(&sc->pos[sc->npos], 0, sizeof(sc->pos[0]));
	sc->pos[sc->npos].line = sc->line;
	sc->pos[sc->npos].column = sc->column;
	return &sc->pos[sc->npos++];
}

/* Scan one value (text already accepted by cJSON). key_line is 0 unless
 * the value is an object member. */
static void
scan_value(struct scanner *sc, int key_line, int key_column)
{
	size_t at;
	char c;

	skip_space(sc);
	if (sc->i >= sc->len || record(sc) == NULL)
		return;
	at = sc->npos - 1;
	sc->pos[at].key_line = key_line;
	sc->pos[at].key_column = key_column;
	c = sc->s[sc->i];
	if (c == '"') {
		sc->pos[at].has_nul = skip_string(sc);
	} else if (c == '{' || c == '[') {
		char close = c == '{' ? '}' : ']';

		advance(sc);
		for (;;) {
			skip_space(sc);
			if (sc->i >= sc->len || sc->failed)
				return;
			if (sc->s[sc->i] == close) {
				advance(sc);
				return;
			}
			if (sc->s[sc->i] == ',') {
				advance(sc);
				continue;
			}
			if (c == '{') {
				int kl = sc->line, kc = sc->column;

				skip_string(sc);
				skip_space(sc);
				if (sc->i < sc->len)
					advance(sc);    /* the colon */
				scan_value(sc, kl, kc);
			} else {
				scan_value(sc, 0, 0);
			}
		}
	} else {
		/* number, true, false, null */
		while (sc->i < sc->len && is_token_char(sc->s[sc->i]))
			advance(sc);
	}
}

static size_t
ptr_hash(const cJSON *p, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)p;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)h & (cap - 1);
}

/* Pre-order walk pairing items with scanned positions. */
static void
pair(struct mesh_jsonpos *m, const cJSON *item, size_t *next)
{
	for (; item != NULL; item = item->next) {
		size_t i = ptr_hash(item, m->cap);

		while (m->slots[i].item != NULL)
			i = (i + 1) & (m->cap - 1);
		m->slots[i].item = item;
		m->slots[i].at = (*next)++;
		if (item->child != NULL)
			pair(m, item->child, next);
	}
}

struct mesh_jsonpos *
mesh_jsonpos_new(const char *buf, size_t len, const cJSON *root)
{
	struct scanner sc = { buf, len, 0, 1, 1, NULL, 0, 0, 0 };
	struct mesh_jsonpos *m = NULL;
	size_t next = 0;

	/* cJSON skips a UTF-8 byte order mark; so do we. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		sc.i = 3;
	scan_value(&sc, 0, 0);
	if (sc.failed || (m = calloc(1, sizeof(*m))) == NULL)
		goto fail;
	m->pos = sc.pos;
	m->npos = sc.npos;
	m->cap = 16;
	while (m->cap < sc.npos * 2)
		m->cap *= 2;
	if ((m->slots = calloc(m->cap, sizeof(*m->slots))) == NULL)
		goto fail;
	pair(m, root, &next);  /* a parsed root has no siblings */
	return m;
fail:
	if (m == NULL)
		free(sc.pos);
	mesh_jsonpos_free(m);
	return NULL;
}

const struct mesh_jpos *
mesh_jsonpos_get(const struct mesh_jsonpos *m, const cJSON *item)
{
	static const struct mesh_jpos none;
	size_t i = ptr_hash(item, m->cap);

	for (; m->slots[i].item != NULL; i = (i + 1) & (m->cap - 1))
		if (m->slots[i].item == item)
			return m->slots[i].at < m->npos ?
			    &m->pos[m->slots[i].at] : &none;
	return &none;
}

void
mesh_jsonpos_free(struct mesh_jsonpos *m)
{
	if (m == NULL)
		return;
	free(m->pos);
	free(m->slots);
	free(m);
}
