/* nats_conf.c: NATS's config syntax (nats-server.conf) read into a tree of values with positions, as nats-server's conf package reads it. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/input.h"
#include "base/text.h"
#include "base/util.h"
#include "meshsim/limits.h"
#include "read/nats_conf.h"

#define INCLUDE_DEPTH 10        /* includes within includes */
#define VALUES_MAX 1000000      /* values, variables expanded */
#define MAPS_MAX 256            /* the open maps variables look in */

/* The state of reading one file (or an environment variable's value). */
struct scan {
	struct mesh_i_reader *r;
	struct mesh_i_nconf *c;
	const char *file;       /* interned in c->files */
	const char *via;
	const char *buf;
	size_t len, off;
	int line, col;
	size_t depth, max_depth;
	int includes;           /* how deep in includes this file is */
	const char *const *chain;       /* the files including this one */
	struct mesh_i_nval *maps[MAPS_MAX];     /* open maps, outermost
						 * first */
	size_t nmaps;
	const struct mesh_i_pos *env_at;        /* reading $VAR's value:
						 * every position is there */
	int env_depth;
	size_t *values;         /* made so far, all files */
};

static struct mesh_i_nval *value(struct scan *s);
static int body(struct scan *s, struct mesh_i_nval *m, int closer,
    const struct mesh_i_pos *open);

const char *
mesh_i_ntype_name(enum mesh_i_ntype t)
{
	switch (t) {
	case MESH_I_NSTRING:
		return "string";
	case MESH_I_NINT:
	case MESH_I_NFLOAT:
		return "number";
	case MESH_I_NBOOL:
		return "boolean";
	case MESH_I_NDATE:
		return "date";
	case MESH_I_NMAP:
		return "map";
	case MESH_I_NARRAY:
		return "array";
	}
	return "value";
}

void
mesh_i_nval_free(struct mesh_i_nval *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->nkeys; i++) {
		free(v->keys[i].key);
		mesh_i_nval_free(v->keys[i].val);
	}
	for (i = 0; i < v->nitems; i++)
		mesh_i_nval_free(v->items[i]);
	mesh_i_map_free(&v->index);
	free(v->keys);
	free(v->items);
	free(v->str);
	free(v);
}

void
mesh_i_nconf_free(struct mesh_i_nconf *c)
{
	size_t i;

	mesh_i_nval_free(c->root);
	for (i = 0; i < c->nfiles; i++)
		free(c->files[i]);
	free(c->files);
	memset(c, 0, sizeof(*c));
}

struct mesh_i_nkey *
mesh_i_nmap_get(const struct mesh_i_nval *m, const char *key)
{
	size_t i;

	if (m == NULL || m->type != MESH_I_NMAP)
		return NULL;
	for (i = 0; i < m->nkeys; i++)
		if (strcasecmp(m->keys[i].key, key) == 0)
			return &m->keys[i];
	return NULL;
}

/* The file name f kept in c (so positions may point at it), or NULL
 * when out of memory. */
static const char *
intern(struct mesh_i_nconf *c, const char *f)
{
	char **p;
	size_t i;

	for (i = 0; i < c->nfiles; i++)
		if (strcmp(c->files[i], f) == 0)
			return c->files[i];
	if ((p = realloc(c->files, (c->nfiles + 1) * sizeof(*p))) == NULL)
		return NULL;
	c->files = p;
	if ((p[c->nfiles] = strdup(f)) == NULL)
		return NULL;
	return p[c->nfiles++];
}

static int
peek(const struct scan *s)
{
	return s->off < s->len ? (unsigned char)s->buf[s->off] : -1;
}

static int
peek2(const struct scan *s)
{
	return s->off + 1 < s->len ? (unsigned char)s->buf[s->off + 1] : -1;
}

/* Consume one byte; columns count code points. */
static void
adv(struct scan *s)
{
	unsigned char b;

	if (s->off >= s->len)
		return;
	b = (unsigned char)s->buf[s->off++];
	if (b == '\n') {
		s->line++;
		s->col = 1;
	} else if ((b & 0xc0) != 0x80) {
		s->col++;
	}
}

static struct mesh_i_pos
here(const struct scan *s)
{
	struct mesh_i_pos p;

	if (s->env_at != NULL)
		return *s->env_at;
	p.file = s->file;
	p.line = s->line;
	p.column = s->col;
	return p;
}

/* Report a syntax error at p; returns -1 (or NULL, cast by callers). */
static int
syntax(struct scan *s, const struct mesh_i_pos *p, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int
syntax(struct scan *s, const struct mesh_i_pos *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mesh_i_vreport(s->r, MESH_ERROR, "invalid-nats-conf", p, NULL, fmt,
	    ap);
	va_end(ap);
	return -1;
}

/* How a byte is named in messages. */
static const char *
shown(int c, char *buf)
{
	if (c < 0)
		return "the end of the file";
	if (c == '\n' || c == '\r')
		return "the end of the line";
	if (c < 0x20 || c == 0x7f) {
		snprintf(buf, 8, "0x%02x", c);
		return buf;
	}
	snprintf(buf, 8, "'%c'", c);
	return buf;
}

static int
is_ws(int c)
{
	return c == ' ' || c == '\t';
}

static int
is_nl(int c)
{
	return c == '\n' || c == '\r';
}

/* At a comment ('#' or "//")? */
static int
at_comment(const struct scan *s)
{
	return peek(s) == '#' || (peek(s) == '/' && peek2(s) == '/');
}

/* Skip a comment up to (not past) the end of its line. */
static void
skip_comment(struct scan *s)
{
	while (peek(s) >= 0 && !is_nl(peek(s)))
		adv(s);
}

static void
skip_ws(struct scan *s)
{
	while (is_ws(peek(s)))
		adv(s);
}

/* White space, new lines and comments. */
static void
skip_all(struct scan *s)
{
	for (;;) {
		if (is_ws(peek(s)) || is_nl(peek(s)))
			adv(s);
		else if (at_comment(s))
			skip_comment(s);
		else
			return;
	}
}

/* A new value of type t at p, counted against VALUES_MAX. */
static struct mesh_i_nval *
new_val(struct scan *s, enum mesh_i_ntype t, const struct mesh_i_pos *p)
{
	struct mesh_i_nval *v;

	if (++*s->values > VALUES_MAX) {
		if (*s->values == VALUES_MAX + 1)
			syntax(s, p, "the config makes more than %d values "
			    "(variables expanded): refused", VALUES_MAX);
		return NULL;
	}
	if ((v = calloc(1, sizeof(*v))) == NULL) {
		s->r->nomem = s->r->diags->nomem = 1;
		return NULL;
	}
	v->type = t;
	v->at = *p;
	v->via = s->via;
	v->env = s->env_at != NULL;
	return v;
}

static void
nomem(struct scan *s)
{
	s->r->nomem = s->r->diags->nomem = 1;
}

/* Set key (taken: freed on failure) to val (taken) in map m: a key
 * written again replaces its value, with a warning. Returns 0 or -1. */
static int
map_set(struct scan *s, struct mesh_i_nval *m, char *key,
    const struct mesh_i_pos *at, const char *via, struct mesh_i_nval *val)
{
	struct mesh_i_nkey *k;
	int i;

	if ((i = mesh_i_map_get(&m->index, key, 0)) >= 0) {
		k = &m->keys[i];
		mesh_i_report(s->r, MESH_WARNING, "duplicate-key", at, NULL,
		    "key '%s' is set again (first at %s:%d:%d): nats-server "
		    "keeps this one", key, k->at.file ? k->at.file : "",
		    k->at.line, k->at.column);
		mesh_i_nval_free(k->val);
		free(key);
		k->val = val;
		k->at = *at;
		k->via = via;
		return 0;
	}
	if (m->nkeys == m->keys_cap) {
		size_t cap = m->keys_cap ? 2 * m->keys_cap : 8;

		if ((k = realloc(m->keys, cap * sizeof(*k))) == NULL)
			goto fail;
		m->keys = k;
		m->keys_cap = cap;
	}
	if (mesh_i_map_put(&m->index, key, 0, (int)m->nkeys) == -2)
		goto fail;
	k = &m->keys[m->nkeys++];
	k->used = 0;
	k->key = key;
	k->at = *at;
	k->via = via;
	k->val = val;
	return 0;
fail:
	nomem(s);
	free(key);
	mesh_i_nval_free(val);
	return -1;
}

static int
array_add(struct scan *s, struct mesh_i_nval *a, struct mesh_i_nval *v)
{
	if (a->nitems == a->items_cap) {
		size_t cap = a->items_cap ? 2 * a->items_cap : 8;
		struct mesh_i_nval **p = realloc(a->items, cap * sizeof(*p));

		if (p == NULL) {
			nomem(s);
			mesh_i_nval_free(v);
			return -1;
		}
		a->items = p;
		a->items_cap = cap;
	}
	a->items[a->nitems++] = v;
	return 0;
}

/* A deep copy of v at position at (the reference that copies it). */
static struct mesh_i_nval *
copy(struct scan *s, const struct mesh_i_nval *v, const struct mesh_i_pos *at)
{
	struct mesh_i_nval *c;
	size_t i;

	if ((c = new_val(s, v->type, at)) == NULL)
		return NULL;
	c->num = v->num;
	c->f = v->f;
	c->env = v->env;
	c->via = v->via;
	if (v->str != NULL && (c->str = strdup(v->str)) == NULL)
		goto fail;
	for (i = 0; i < v->nkeys; i++) {
		struct mesh_i_nval *kv;
		char *k;

		if ((kv = copy(s, v->keys[i].val, &v->keys[i].val->at)) ==
		    NULL)
			goto fail;
		if ((k = strdup(v->keys[i].key)) == NULL) {
			mesh_i_nval_free(kv);
			goto fail;
		}
		if (map_set(s, c, k, &v->keys[i].at, v->keys[i].via, kv) != 0)
			goto fail;
	}
	for (i = 0; i < v->nitems; i++) {
		struct mesh_i_nval *iv = copy(s, v->items[i], &v->items[i]->at);

		if (iv == NULL || array_add(s, c, iv) != 0)
			goto fail;
	}
	return c;
fail:
	if (!s->r->nomem && *s->values <= VALUES_MAX)
		nomem(s);
	mesh_i_nval_free(c);
	return NULL;
}

/* Parse text (an environment variable's value) as "pk=VALUE" with every
 * position at at. Returns the value, or NULL after reporting. */
static struct mesh_i_nval *
env_value(struct scan *s, const char *name, const char *text,
    const struct mesh_i_pos *at)
{
	struct scan e;
	struct mesh_i_nval *m, *v = NULL;

	if (s->env_depth >= 8) {
		syntax(s, at, "$%s: environment variables refer to each other "
		    "more than 8 deep (a cycle?)", name);
		return NULL;
	}
	memset(&e, 0, sizeof(e));
	e.r = s->r;
	e.c = s->c;
	e.file = s->file;
	e.via = s->via;
	e.buf = text;
	e.len = strlen(text);
	e.line = 1;
	e.col = 1;
	e.max_depth = s->max_depth;
	e.chain = s->chain;
	e.env_at = at;
	e.env_depth = s->env_depth + 1;
	e.values = s->values;
	e.includes = INCLUDE_DEPTH;     /* no include from a variable */
	if ((m = new_val(&e, MESH_I_NMAP, at)) == NULL)
		return NULL;
	/* The value alone, as the server parses "pk=VALUE". */
	skip_ws(&e);
	if ((v = value(&e)) != NULL) {
		skip_ws(&e);
		if (peek(&e) >= 0 && !is_nl(peek(&e)) && peek(&e) != ';' &&
		    peek(&e) != ',' && !at_comment(&e)) {
			char b[8];

			syntax(s, at, "$%s: the environment's value '%s' is "
			    "not one value (%s after it)", name, text,
			    shown(peek(&e), b));
			mesh_i_nval_free(v);
			v = NULL;
		}
	}
	mesh_i_nval_free(m);
	return v;
}

/* The value of variable name (written at at): from the maps open, inner
 * first, else the environment. NULL after reporting. */
static struct mesh_i_nval *
variable(struct scan *s, const char *name, const struct mesh_i_pos *at)
{
	struct mesh_i_nval *v;
	const char *env;
	size_t i, k;

	for (i = s->nmaps; i-- > 0;) {
		int at_k = mesh_i_map_get(&s->maps[i]->index, name, 0);

		if (at_k >= 0) {
			k = (size_t)at_k;
			s->maps[i]->keys[k].used = 1;
			return copy(s, s->maps[i]->keys[k].val, at);
		}
	}
	if ((env = getenv(name)) == NULL) {
		mesh_i_report(s->r, MESH_ERROR, "undefined-variable", at, NULL,
		    "variable $%s is not defined before this point in an "
		    "enclosing block, nor in the environment: nats-server "
		    "refuses the config", name);
		return NULL;
	}
	if ((v = env_value(s, name, env, at)) == NULL)
		return NULL;
	mesh_i_report(s->r, MESH_WARNING, "env-variable", at, NULL,
	    "$%s is not defined in the config: meshsim took it from its own "
	    "environment (%s=%s) as nats-server takes it from its own; the "
	    "verdict holds only if the server runs with the same value",
	    name, name, env);
	return v;
}

/* Whether c ends an unquoted value (']' too, anywhere: nats-server's
 * lexer ends a string there, in arrays or not). */
static int
ends_bare(int c)
{
	return c < 0 || is_nl(c) || is_ws(c) || c == ';' || c == ',' ||
	    c == '}' || c == ']';
}

/* The value of hexadecimal digit c. */
static int
hexval(int c)
{
	return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* Read a quoted string after its opening quote q into b. Returns 0, or
 * -1 after reporting. */
static int
quoted(struct scan *s, int q, const struct mesh_i_pos *open,
    struct mesh_i_buf *b)
{
	static const char hex[] = "0123456789abcdefABCDEF";
	const char *h1, *h2;
	char tmp[8];
	int c;

	for (;;) {
		struct mesh_i_pos p = here(s);

		if ((c = peek(s)) < 0)
			return syntax(s, open, "the string opened here is not "
			    "closed: %c missing", q);
		adv(s);
		if (c == q)
			return 0;
		if (c != '\\' || q == '\'') {
			mesh_i_buf_add(b, (const char *)&s->buf[s->off - 1], 1);
			continue;
		}
		c = peek(s);
		adv(s);
		switch (c) {
		case 't':
			mesh_i_buf_puts(b, "\t");
			break;
		case 'n':
			mesh_i_buf_puts(b, "\n");
			break;
		case 'r':
			mesh_i_buf_puts(b, "\r");
			break;
		case '"':
			mesh_i_buf_puts(b, "\"");
			break;
		case '\\':
			mesh_i_buf_puts(b, "\\");
			break;
		case 'x':
			if (peek(s) < 0 || peek2(s) < 0 ||
			    (h1 = strchr(hex, peek(s))) == NULL ||
			    (h2 = strchr(hex, peek2(s))) == NULL)
				return syntax(s, &p, "'\\x' must be followed "
				    "by two hexadecimal digits");
			tmp[0] = (char)(hexval(*h1) << 4 | hexval(*h2));
			mesh_i_buf_add(b, tmp, 1);
			adv(s);
			adv(s);
			break;
		default:
			return syntax(s, &p, "invalid escape %s after '\\': "
			    "only \\xXX, \\t, \\n, \\r, \\\" and \\\\ are "
			    "allowed", shown(c, tmp));
		}
	}
}

/* The power of the size suffix suf (len bytes) as nats-server reads it:
 * k m g t p e (10^3...), kb ki kib ... (2^10...), any case; *mul set.
 * Returns 0, or -1 if it is none. */
static int
suffix(const char *suf, size_t len, long double *mul)
{
	static const char units[] = "kmgtpe";
	const char *u;
	int i, n;

	if (len == 0) {
		*mul = 1;
		return 0;
	}
	if ((u = strchr(units, suf[0] | 0x20)) == NULL || suf[0] == '\0')
		return -1;
	n = (int)(u - units) + 1;
	if (len == 1) {
		*mul = 1;
		for (i = 0; i < n; i++)
			*mul *= 1000;
		return 0;
	}
	if ((len == 2 && ((suf[1] | 0x20) == 'b' || (suf[1] | 0x20) == 'i')) ||
	    (len == 3 && (suf[1] | 0x20) == 'i' && (suf[2] | 0x20) == 'b')) {
		*mul = 1;
		for (i = 0; i < n; i++)
			*mul *= 1024;
		return 0;
	}
	return -1;
}

/* Classify the bare text t (starting with a digit or '-') as nats-server
 * does: an integer (with a size suffix), a float, a date, else a string
 * (an address such as 127.0.0.1:4222). Fills v; returns 0, or -1 after
 * reporting. */
static int
number(struct scan *s, struct mesh_i_nval *v, const struct mesh_i_pos *p)
{
	const char *t = v->str, *d = t + (*t == '-');
	size_t n = strspn(d, "0123456789");
	long double mul;
	long long x;
	char *end;

	if (n == 0) {
		return syntax(s, p, "expected a digit after '-' in '%s'", t);
	}
	if (d[n] == '.' && d[n + 1] >= '0' && d[n + 1] <= '9' &&
	    d[n + 1 + strspn(d + n + 1, "0123456789")] == '\0') {
		v->type = MESH_I_NFLOAT;
		v->f = strtod(t, NULL);
		return 0;
	}
	if (*t != '-' && n == 4 && d[n] == '-' && strlen(t) == 20 &&
	    t[19] == 'Z') {
		v->type = MESH_I_NDATE;
		return 0;
	}
	if (suffix(d + n, strlen(d + n), &mul) != 0)
		return 0;       /* a string: 127.0.0.1:4222, 10s, 1x */
	errno = 0;
	x = strtoll(t, &end, 10);
	if (errno != 0 || (long double)x * mul > (long double)LLONG_MAX ||
	    (long double)x * mul < (long double)LLONG_MIN)
		return syntax(s, p, "integer '%s' is out of range", t);
	v->type = MESH_I_NINT;
	v->num = (long long)((long double)x * mul);
	return 0;
}

/* A block string "( ... )": the lines up to a line holding only ')'. */
static int
block(struct scan *s, const struct mesh_i_pos *open, struct mesh_i_buf *b)
{
	size_t start = s->off;

	for (;;) {
		if (peek(s) < 0)
			return syntax(s, open, "the block opened here with '(' "
			    "is not closed: a line holding only ')' missing");
		if (peek(s) == '\n' && peek2(s) == ')' &&
		    (s->off + 2 >= s->len || s->buf[s->off + 2] == '\n')) {
			mesh_i_buf_add(b, s->buf + start, s->off - start);
			adv(s);
			adv(s);
			return 0;
		}
		adv(s);
	}
}

/* An array after its '['. */
static struct mesh_i_nval *
array(struct scan *s, struct mesh_i_nval *a)
{
	struct mesh_i_nval *v;
	char b[8];

	for (;;) {
		skip_all(s);
		if (peek(s) == ']') {
			adv(s);
			return a;
		}
		if (peek(s) == ',') {
			struct mesh_i_pos p = here(s);

			syntax(s, &p, "unexpected ',' in an array: a value "
			    "missing");
			goto fail;
		}
		if (peek(s) < 0) {
			syntax(s, &a->at, "the array opened here is not "
			    "closed: ']' missing");
			goto fail;
		}
		if ((v = value(s)) == NULL || array_add(s, a, v) != 0)
			goto fail;
		skip_ws(s);
		if (at_comment(s))
			skip_comment(s);
		if (peek(s) == ',' || is_nl(peek(s))) {
			adv(s);
			continue;
		}
		if (peek(s) == ']')
			continue;
		{
			struct mesh_i_pos p = here(s);

			if (peek(s) < 0)
				syntax(s, &a->at, "the array opened here is "
				    "not closed: ']' missing");
			else
				syntax(s, &p, "expected ',' or ']' after an "
				    "array value, not %s", shown(peek(s), b));
		}
		goto fail;
	}
fail:
	mesh_i_nval_free(a);
	return NULL;
}

/* Any value; s->depth counts the nesting. */
static struct mesh_i_nval *
value(struct scan *s)
{
	struct mesh_i_pos p = here(s);
	struct mesh_i_nval *v = NULL;
	struct mesh_i_buf b;
	char sh[8];
	int c = peek(s);

	if (c < 0 || is_nl(c)) {
		syntax(s, &p, "expected a value, found %s", shown(c, sh));
		return NULL;
	}
	if (c == '[' || c == '{') {
		if (s->depth >= s->max_depth) {
			mesh_i_report(s->r, MESH_ERROR, "input-too-large", &p,
			    NULL, "blocks and arrays nest more than %zu deep "
			    "(--max-depth)", s->max_depth);
			return NULL;
		}
		adv(s);
		if ((v = new_val(s, c == '[' ? MESH_I_NARRAY : MESH_I_NMAP,
		    &p)) == NULL)
			return NULL;
		s->depth++;
		if (c == '[') {
			v = array(s, v);
		} else if (body(s, v, '}', &p) != 0) {
			mesh_i_nval_free(v);
			v = NULL;
		}
		s->depth--;
		return v;
	}
	if (c == '.') {
		syntax(s, &p, "a number must start with a digit, not '.'");
		return NULL;
	}
	mesh_i_buf_init(&b);
	if ((v = new_val(s, MESH_I_NSTRING, &p)) == NULL)
		return NULL;
	if (c == '"' || c == '\'') {
		adv(s);
		if (quoted(s, c, &p, &b) != 0)
			goto fail;
	} else if (c == '(') {
		adv(s);
		if (block(s, &p, &b) != 0)
			goto fail;
	} else {
		int escaped = 0;

		while (!ends_bare(peek(s))) {
			if (peek(s) == '\\' && c != '-' &&
			    (c < '0' || c > '9')) {
				adv(s);
				if (peek(s) < 0 || is_nl(peek(s))) {
					struct mesh_i_pos q = here(s);

					syntax(s, &q, "'\\' at the end of a "
					    "line");
					goto fail;
				}
				escaped = 1;
			}
			mesh_i_buf_add(&b, s->buf + s->off, 1);
			adv(s);
		}
		if (b.failed || (v->str = mesh_i_buf_take(&b)) == NULL)
			goto nomem;
		if (c == '-' || (c >= '0' && c <= '9')) {
			if (number(s, v, &p) != 0)
				goto fail;
			return v;
		}
		if (!escaped && (strcasecmp(v->str, "true") == 0 ||
		    strcasecmp(v->str, "yes") == 0 ||
		    strcasecmp(v->str, "on") == 0)) {
			v->type = MESH_I_NBOOL;
			v->num = 1;
		} else if (!escaped && (strcasecmp(v->str, "false") == 0 ||
		    strcasecmp(v->str, "no") == 0 ||
		    strcasecmp(v->str, "off") == 0)) {
			v->type = MESH_I_NBOOL;
			v->num = 0;
		} else if (!escaped && v->str[0] == '$' &&
		    strncmp(v->str + 1, "2a$", 3) != 0) {
			struct mesh_i_nval *var;

			if (v->str[1] == '\0') {
				syntax(s, &p, "'$' without a variable name");
				goto fail;
			}
			var = variable(s, v->str + 1, &p);
			mesh_i_nval_free(v);
			return var;
		}
		return v;
	}
	if (b.failed)
		goto nomem;
	if ((v->str = mesh_i_buf_take(&b)) == NULL &&
	    (v->str = strdup("")) == NULL)
		goto nomem;
	return v;
nomem:
	nomem(s);
fail:
	mesh_i_buf_free(&b);
	mesh_i_nval_free(v);
	return NULL;
}

/* The directory part of path, "." when none; malloc'd or NULL. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return mesh_i_asprintf("%.*s", (int)(slash - path), path);
}

static int parse_file(struct mesh_i_reader *r, struct mesh_i_nconf *c,
    const char *path, const char *buf, size_t len, int includes,
    const char *const *chain, const char *via, size_t *values,
    struct mesh_i_nval *into, const struct mesh_i_pos *from);

/* include NAME at p, into map m: the file's keys join m. */
static int
include(struct scan *s, struct mesh_i_nval *m, const char *name,
    const struct mesh_i_pos *p)
{
	const char *chain[INCLUDE_DEPTH + 2];
	struct mesh_diags tmp;
	char *dir = NULL, *path = NULL, *buf = NULL;
	size_t len, i;
	enum mesh_error err;
	int rc = -1;

	if (s->env_at != NULL || s->includes >= INCLUDE_DEPTH) {
		mesh_i_report(s->r, MESH_ERROR, "bad-include", p, NULL,
		    "include '%s': includes nest more than %d deep",
		    name, INCLUDE_DEPTH);
		return -1;
	}
	if (name[0] == '/')
		path = strdup(name);
	else if ((dir = dir_of(s->file)) != NULL)
		path = mesh_i_asprintf("%s/%s", dir, name);
	free(dir);
	if (path == NULL) {
		nomem(s);
		return -1;
	}
	for (i = 0; s->chain[i] != NULL; i++)
		if (strcmp(s->chain[i], path) == 0) {
			mesh_i_report(s->r, MESH_ERROR, "bad-include", p, NULL,
			    "include '%s': %s is already being read: a "
			    "cycle, which nats-server never finishes reading",
			    name, path);
			goto done;
		}
	mesh_diags_init(&tmp);
	err = mesh_i_read_input(path, &tmp, &buf, &len);
	if (err == MESH_ENOMEM) {
		nomem(s);
	} else if (err != MESH_OK) {
		mesh_i_report(s->r, MESH_ERROR, "bad-include", p, NULL,
		    "include '%s': %s", name, tmp.n > 0 ? tmp.v[0].message :
		    "cannot be read");
	} else {
		for (i = 0; s->chain[i] != NULL; i++)
			chain[i] = s->chain[i];
		chain[i] = path;
		chain[i + 1] = NULL;
		rc = parse_file(s->r, s->c, path, buf, len, s->includes + 1,
		    chain, "include", s->values, m, p);
	}
	mesh_diags_clear(&tmp);
done:
	free(buf);
	free(path);
	return rc;
}

/* A key: quoted, or bare up to white space or a separator. */
static char *
key(struct scan *s)
{
	struct mesh_i_pos p = here(s);
	struct mesh_i_buf b;
	int c = peek(s);
	char sh[8];

	mesh_i_buf_init(&b);
	if (c == '"' || c == '\'') {
		adv(s);
		while (peek(s) != c) {
			if (peek(s) < 0) {
				syntax(s, &p, "the quoted key opened here is "
				    "not closed");
				goto fail;
			}
			mesh_i_buf_add(&b, s->buf + s->off, 1);
			adv(s);
		}
		adv(s);
	} else {
		while (peek(s) >= 0 && !is_ws(peek(s)) && !is_nl(peek(s)) &&
		    peek(s) != '=' && peek(s) != ':') {
			if (strchr("{}[],;", peek(s)) != NULL) {
				struct mesh_i_pos q = here(s);

				syntax(s, &q, "unexpected %s in a key "
				    "(a separator or a value missing?)",
				    shown(peek(s), sh));
				goto fail;
			}
			mesh_i_buf_add(&b, s->buf + s->off, 1);
			adv(s);
		}
		if (b.len == 0) {
			syntax(s, &p, "expected a key, not %s",
			    shown(peek(s), sh));
			goto fail;
		}
	}
	if (b.failed) {
		nomem(s);
		goto fail;
	}
	return b.len ? mesh_i_buf_take(&b) : strdup("");
fail:
	mesh_i_buf_free(&b);
	return NULL;
}

/* The keys and values of a map (or the top level: closer 0) into m,
 * up to and past closer. */
static int
body(struct scan *s, struct mesh_i_nval *m, int closer,
    const struct mesh_i_pos *open)
{
	char sh[8];

	if (s->nmaps >= MAPS_MAX) {
		mesh_i_report(s->r, MESH_ERROR, "input-too-large", open, NULL,
		    "blocks nest more than %d deep", MAPS_MAX);
		return -1;
	}
	s->maps[s->nmaps++] = m;
	for (;;) {
		struct mesh_i_pos kp;
		struct mesh_i_nval *v;
		char *k;
		int quoted_key;

		skip_all(s);
		if (peek(s) < 0) {
			if (closer == 0)
				break;
			syntax(s, open, "the block opened here is not closed: "
			    "'%c' missing", closer);
			goto fail;
		}
		if (peek(s) == closer) {
			adv(s);
			break;
		}
		kp = here(s);
		if (peek(s) == '}' || peek(s) == ']' || peek(s) == ',' ||
		    peek(s) == ';' || peek(s) == '=' || peek(s) == ':') {
			syntax(s, &kp, "unexpected %s: expected a key",
			    shown(peek(s), sh));
			goto fail;
		}
		quoted_key = peek(s) == '"' || peek(s) == '\'';
		if ((k = key(s)) == NULL)
			goto fail;
		if (!quoted_key && strcasecmp(k, "include") == 0 &&
		    is_ws(peek(s))) {
			struct mesh_i_pos ip;
			struct mesh_i_buf b;
			int q;

			free(k);
			skip_ws(s);
			ip = here(s);
			mesh_i_buf_init(&b);
			q = peek(s);
			if (q == '"' || q == '\'') {
				adv(s);
				if (quoted(s, q, &ip, &b) != 0) {
					mesh_i_buf_free(&b);
					goto fail;
				}
			} else {
				while (!ends_bare(peek(s))) {
					mesh_i_buf_add(&b, s->buf + s->off, 1);
					adv(s);
				}
			}
			if (b.failed || b.len == 0) {
				if (b.failed)
					nomem(s);
				else
					syntax(s, &ip, "include: a file name "
					    "missing");
				mesh_i_buf_free(&b);
				goto fail;
			}
			k = mesh_i_buf_take(&b);
			if (k == NULL || include(s, m, k, &ip) != 0) {
				if (k == NULL)
					nomem(s);
				free(k);
				goto fail;
			}
			free(k);
		} else {
			while (is_ws(peek(s)) || is_nl(peek(s)))
				adv(s);
			if (peek(s) == '=' || peek(s) == ':') {
				adv(s);
				skip_ws(s);
			}
			if ((v = value(s)) == NULL) {
				free(k);
				goto fail;
			}
			if (map_set(s, m, k, &kp, s->via, v) != 0)
				goto fail;
		}
		/* After a value: a separator, a comment, or the end. */
		skip_ws(s);
		if (at_comment(s))
			skip_comment(s);
		if (peek(s) == ';' || peek(s) == ',' || is_nl(peek(s))) {
			adv(s);
			continue;
		}
		if (peek(s) < 0 || peek(s) == closer)
			continue;
		{
			struct mesh_i_pos p = here(s);

			syntax(s, &p, "expected a new line, ';' or ',' after "
			    "the value, not %s", shown(peek(s), sh));
		}
		goto fail;
	}
	s->nmaps--;
	return 0;
fail:
	s->nmaps--;
	return -1;
}

/*
 * Parse buf (path, at include depth includes, chain the files including
 * it, NULL-terminated) into map into: its own map first (variables of
 * the includer are not seen), then merged into into (from: where the
 * include is written). Returns 0 or -1 after reporting.
 */
static int
parse_file(struct mesh_i_reader *r, struct mesh_i_nconf *c, const char *path,
    const char *buf, size_t len, int includes, const char *const *chain,
    const char *via, size_t *values, struct mesh_i_nval *into,
    const struct mesh_i_pos *from)
{
	struct scan *s;
	struct mesh_i_nval *m;
	struct mesh_i_pos start;
	size_t bad, i;
	int nul, rc = -1;

	if ((s = calloc(1, sizeof(*s))) == NULL) {
		r->nomem = r->diags->nomem = 1;
		return -1;
	}
	s->r = r;
	s->c = c;
	if ((s->file = intern(c, path)) == NULL) {
		r->nomem = r->diags->nomem = 1;
		free(s);
		return -1;
	}
	s->via = via;
	s->buf = buf;
	s->len = len;
	s->line = 1;
	s->col = 1;
	s->includes = includes;
	s->chain = chain;
	s->values = values;
	s->max_depth = mesh_limits_get()->depth;
	start = here(s);
	if (mesh_i_utf8_check(buf, len, &bad, &nul) != 0) {
		struct mesh_i_pos p = mesh_i_pos_at(s->file, buf, bad);

		mesh_i_report(r, MESH_ERROR, "invalid-utf8", &p, NULL, "%s",
		    nul ? "a NUL byte: not a text file" :
		    "the file is not valid UTF-8");
		free(s);
		return -1;
	}
	/* A byte order mark is white space to no one: skip it. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		s->off = 3;
	if (into == NULL) {
		m = c->root;
	} else if ((m = new_val(s, MESH_I_NMAP, &start)) == NULL) {
		free(s);
		return -1;
	}
	skip_all(s);
	if (peek(s) == '{') {           /* the whole file in braces */
		struct mesh_i_pos p = here(s);

		adv(s);
		rc = body(s, m, '}', &p);
		if (rc == 0) {
			skip_all(s);
			if (peek(s) >= 0) {
				char sh[8];
				struct mesh_i_pos q = here(s);

				rc = syntax(s, &q, "unexpected %s after the "
				    "closing '}'", shown(peek(s), sh));
			}
		}
	} else {
		rc = body(s, m, 0, &start);
	}
	if (rc == 0 && into != NULL) {
		/* The included keys join the includer's map in order. */
		for (i = 0; i < m->nkeys && rc == 0; i++) {
			rc = map_set(s, into, m->keys[i].key, &m->keys[i].at,
			    m->keys[i].via, m->keys[i].val);
			m->keys[i].key = NULL;
			m->keys[i].val = NULL;
		}
		(void)from;
	}
	if (into != NULL)
		mesh_i_nval_free(m);
	free(s);
	return rc;
}

int
mesh_i_nconf_parse(struct mesh_i_reader *r, const char *path,
    const char *buf, size_t len, struct mesh_i_nconf *out)
{
	const char *chain[2];
	struct mesh_i_pos p = { NULL, 1, 1 };
	size_t values = 0;

	memset(out, 0, sizeof(*out));
	if ((out->root = calloc(1, sizeof(*out->root))) == NULL) {
		r->nomem = r->diags->nomem = 1;
		return -1;
	}
	out->root->type = MESH_I_NMAP;
	out->root->at = p;
	out->root->via = "nats.conf";
	chain[0] = path;
	chain[1] = NULL;
	return parse_file(r, out, path, buf, len, 0, chain, "nats.conf",
	    &values, NULL, NULL);
}
