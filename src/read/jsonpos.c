/* jsonpos.c: JSON text into cJSON-shaped trees held in one arena, each value with its position.
 *
 * mesh_i_json_check has already accepted the text and reported any fault, so
 * this parser trusts the syntax. It makes one pass, counting lines and
 * columns as it goes, and puts every value, key and string in a chunked
 * arena: no allocation per value, no map from values to positions (each
 * position is stored beside its value). Streaming an array of the root
 * object element by element, with the arena rolled back after each one,
 * keeps the memory of a plan of millions of nodes to the plan itself.
 */
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/swar.h"
#include "read/json_check.h"
#include "read/jsonpos.h"
#include "base/text.h"
#include "base/util.h"

struct mesh_i_jdoc {
	struct mesh_i_arena arena;
};

/* A value and its position; items handed out are the first member. */
struct jvalue {
	cJSON item;
	struct mesh_i_jpos pos;
};

struct parser {
	const char *s;
	size_t len, i;
	int line, column;
	struct mesh_i_jdoc *doc;
	const struct mesh_i_jstream *stream;
	int streamed;           /* the streamed array was met */
	int failed;             /* out of memory, or the stream stopped */
	const struct mesh_i_json_counts *counts;  /* the check's, or NULL */
};

void
mesh_i_jdoc_free(struct mesh_i_jdoc *doc)
{
	if (doc == NULL)
		return;
	mesh_i_arena_free(&doc->arena);
	free(doc);
}

const struct mesh_i_jpos *
mesh_i_jpos_of(const cJSON *item)
{
	return &((const struct jvalue *)(const void *)item)->pos;
}

/* Count columns over the n bytes at the cursor, which hold no newline. */
static void
advance_columns(struct parser *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p->s + p->i;
	size_t k;
	int col = 0;

	for (k = 0; k < n; k++)
		col += (s[k] & 0xc0) != 0x80;
	p->column += col;
	p->i += n;
}

static void
skip_space(struct parser *p)
{
	for (; p->i < p->len; p->i++) {
		char c = p->s[p->i];

		if (c == '\n') {
			p->line++;
			p->column = 1;
		} else if (c == ' ' || c == '\t' || c == '\r') {
			p->column++;
		} else {
			break;
		}
	}
}

static struct jvalue *
new_value(struct parser *p, int type)
{
	struct jvalue *v = mesh_i_arena_alloc(&p->doc->arena, sizeof(*v));

	if (v == NULL) {
		p->failed = 1;
		return NULL;
	}
	memset(v, 0, sizeof(*v));
	v->item.type = type;
	v->pos.line = p->line;
	v->pos.column = p->column;
	return v;
}

static unsigned
hex4(const char *s)
{
	unsigned v = 0;
	int k;

	for (k = 0; k < 4; k++) {
		char c = s[k];

		v = v * 16 + (unsigned)(c <= '9' ? c - '0' :
		    (c | 0x20) - 'a' + 10);
	}
	return v;
}

static size_t
put_utf8(unsigned char *o, unsigned long cp)
{
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xc0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xe0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * Decode the string literal at the cursor into the arena. A lone surrogate
 * becomes U+FFFD; *has_nul says whether a \u0000 was decoded (the text
 * then ends there, as with cJSON). Returns NULL when out of memory.
 */
static char *
parse_string(struct parser *p, int *has_nul)
{
	const char *s = p->s;
	size_t start = p->i + 1, end = start, k;
	unsigned char *out, *o;
	int escapes = 0;

	*has_nul = 0;
	/* The closing quote, eight bytes at a time while eight are left
	 * (the text was checked: a '\\' or the quote ends the run). */
	for (;;) {
		if (MESH_I_SWAR && end + 8 <= p->len) {
			size_t run = mesh_i_swar_string_end(s + end, 0);

			end += run;
			if (run == 8)
				continue;
		}
		if (s[end] == '"')
			break;
		if (s[end] == '\\') {
			escapes = 1;
			end++;
		}
		end++;
	}
	/* Escapes never grow: \uXXXX (6 bytes) gives at most 3, and a
	 * surrogate pair (12 bytes) 4. */
	if ((out = (unsigned char *)mesh_i_arena_text(&p->doc->arena,
	    end - start + 1)) == NULL) {
		p->failed = 1;
		return NULL;
	}
	if (!escapes) {
		memcpy(out, s + start, end - start);
		out[end - start] = '\0';
		advance_columns(p, end + 1 - p->i);
		return (char *)out;
	}
	o = out;
	for (k = start; k < end; k++) {
		unsigned long cp;

		if (s[k] != '\\') {
			*o++ = (unsigned char)s[k];
			continue;
		}
		switch (s[++k]) {
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			cp = hex4(s + k + 1);
			k += 4;
			if (cp >= 0xd800 && cp <= 0xdbff && k + 6 < end &&
			    s[k + 1] == '\\' && s[k + 2] == 'u') {
				unsigned long lo = hex4(s + k + 3);

				if (lo >= 0xdc00 && lo <= 0xdfff) {
					cp = 0x10000 + ((cp - 0xd800) << 10) +
					    (lo - 0xdc00);
					k += 6;
				}
			}
			if (cp >= 0xd800 && cp <= 0xdfff)
				cp = 0xfffd;
			if (cp == 0)
				*has_nul = 1;
			o += put_utf8(o, cp);
			break;
		default:        /* '"', '\\', '/' */
			*o++ = (unsigned char)s[k];
			break;
		}
	}
	*o = '\0';
	advance_columns(p, end + 1 - p->i);
	return (char *)out;
}

static void
parse_number(struct parser *p, struct jvalue *v)
{
	char tmp[64], *copy = tmp;
	size_t n = 0, k;
	long whole = 0;
	double d;

	while (p->i + n < p->len && strchr("0123456789+-.eE",
	    p->s[p->i + n]) != NULL && p->s[p->i + n] != '\0')
		n++;
	if (n >= sizeof(tmp) &&
	    (copy = mesh_i_arena_text(&p->doc->arena, n + 1)) == NULL) {
		p->failed = 1;
		return;
	}
	for (k = 0; k < n && k < 10 && p->s[p->i + k] >= '0' &&
	    p->s[p->i + k] <= '9'; k++)
		whole = whole * 10 + (p->s[p->i + k] - '0');
	if (k == n && n < 10) {
		/* A small whole number, as ports are: exact as is. */
		d = (double)whole;
	} else {
		memcpy(copy, p->s + p->i, n);
		copy[n] = '\0';
		d = strtod(copy, NULL);
	}
	v->item.valuedouble = d;
	if (d >= INT_MAX)
		v->item.valueint = INT_MAX;
	else if (d <= (double)INT_MIN)
		v->item.valueint = INT_MIN;
	else
		v->item.valueint = (int)d;
	advance_columns(p, n);
}

/* Link child after *tail under parent, keeping cJSON's convention that
 * the first child's prev is the last child. */
static void
append(cJSON *parent, cJSON **tail, cJSON *child)
{
	if (*tail == NULL) {
		parent->child = child;
	} else {
		(*tail)->next = child;
		child->prev = *tail;
	}
	parent->child->prev = child;
	*tail = child;
}

static cJSON *parse_value(struct parser *, int);

/* The elements of the streamed array, each given to the callback and
 * then dropped, up to the end of the array, or up to the first element
 * that starts at stop_at or later (the cursor is then on it). The cursor
 * is after the '[', or on an element, or after one. */
static void
stream_elements_to(struct parser *p, size_t stop_at)
{
	for (;;) {
		struct mesh_i_arena_mark m;
		cJSON *elem;
		int stop;

		skip_space(p);
		if (p->s[p->i] == ']') {
			advance_columns(p, 1);
			return;
		}
		if (p->s[p->i] == ',') {
			advance_columns(p, 1);
			skip_space(p);
		}
		if (p->i >= stop_at)
			return;
		m = mesh_i_arena_mark(&p->doc->arena);
		if ((elem = parse_value(p, 2)) == NULL)
			return;
		stop = p->stream->fn(p->stream->ctx, elem, p->i);
		mesh_i_arena_release(&p->doc->arena, m);
		if (stop) {
			p->failed = 1;
			return;
		}
	}
}

static void
stream_elements(struct parser *p)
{
	stream_elements_to(p, SIZE_MAX);
}

/* The line and column of offset off of the text at s, as the parse counts
 * them: mesh_i_text_position()'s, but a byte order mark at the start
 * takes no column (the parse skips it). */
static void
position_at(const char *s, size_t off, int *line, int *column)
{
	mesh_i_text_position(s, off, line, column);
	if (*line == 1 && off >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		--*column;
}

/* The second part of a split array, read on a second thread. */
struct part {
	struct parser p;
	struct mesh_i_jstream stream;   /* the caller's, with the fork's ctx */
	struct mesh_i_jdoc doc;
};

static void *
part_reader(void *arg)
{
	struct part *t = arg;

	position_at(t->p.s, t->p.i, &t->p.line, &t->p.column);
	stream_elements(&t->p);
	return NULL;
}

/*
 * Two cores, for a long streamed array that the check split in two
 * (json_check.h): a second thread parses the elements from the split on
 * and gives them to the fork's context, while this thread parses those
 * before and gives them to the stream's; each thread's values stay in
 * its own arena, close to the callback that reads them, and the two
 * contexts share nothing until join. When join takes the second part,
 * the cursor goes to the end of the array; else this thread reads the
 * second part again itself. Either way every element reaches a callback
 * once, in file order within each part, with the positions one thread
 * gives. Returns 0, or -1 when no second thread or context could be had
 * (nothing is parsed then).
 */
static int
stream_elements_split(struct parser *p)
{
	const struct mesh_i_jstream *st = p->stream;
	struct part *t;
	pthread_t worker;
	void *forked;
	int ok;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return -1;
	if ((forked = st->fork(st->ctx, p->counts)) == NULL) {
		free(t);
		return -1;
	}
	t->stream = *st;
	t->stream.ctx = forked;
	mesh_i_arena_init(&t->doc.arena);
	t->p = *p;
	t->p.i = p->counts->split;
	t->p.doc = &t->doc;
	t->p.stream = &t->stream;
	if (pthread_create(&worker, NULL, part_reader, t) != 0) {
		(void)st->join(st->ctx, forked, 0, 0);
		mesh_i_arena_free(&t->doc.arena);
		free(t);
		return -1;
	}
	stream_elements_to(p, p->counts->split);
	pthread_join(worker, NULL);
	mesh_i_arena_free(&t->doc.arena);
	ok = !t->p.failed && !p->failed;
	if (st->join(st->ctx, forked, t->p.i, ok) == 0) {
		p->i = t->p.i;
		p->line = t->p.line;
		p->column = t->p.column;
	} else if (!p->failed) {
		stream_elements(p);
	}
	free(t);
	return 0;
}

/* Texts of this many bytes or more are read on two threads: the UTF-8
 * check beside the syntax check, and a split streamed array
 * (stream_elements_split()). */
static size_t two_threads_bytes = (size_t)1 << 20;

void
mesh_i_jdoc_two_threads(size_t bytes)
{
	two_threads_bytes = bytes;
}

/* An object or array; the cursor is on its opening bracket. */
static void
parse_container(struct parser *p, struct jvalue *v, int depth)
{
	int object = v->item.type == cJSON_Object;
	char close = object ? '}' : ']';
	cJSON *tail = NULL, *child;

	advance_columns(p, 1);
	for (;;) {
		char *key = NULL;
		int kl = 0, kc = 0, nul;

		skip_space(p);
		if (p->s[p->i] == close) {
			advance_columns(p, 1);
			return;
		}
		if (p->s[p->i] == ',') {
			advance_columns(p, 1);
			skip_space(p);
		}
		if (object) {
			kl = p->line;
			kc = p->column;
			if ((key = parse_string(p, &nul)) == NULL)
				return;
			skip_space(p);
			advance_columns(p, 1);  /* the colon */
			skip_space(p);
		}
		if (object && depth == 0 && p->stream != NULL &&
		    !p->streamed && p->s[p->i] == '[' &&
		    strcmp(key, p->stream->key) == 0) {
			struct jvalue *a = new_value(p, cJSON_Array);

			if (a == NULL)
				return;
			p->streamed = 1;
			advance_columns(p, 1);
			child = &a->item;
			if (p->len < two_threads_bytes || p->counts == NULL ||
			    p->counts->split <= p->i ||
			    p->stream->fork == NULL ||
			    stream_elements_split(p) != 0)
				stream_elements(p);
		} else {
			child = parse_value(p, depth + 1);
		}
		if (child == NULL || p->failed)
			return;
		if (object) {
			struct jvalue *cv = (struct jvalue *)(void *)child;

			child->string = key;
			cv->pos.key_line = kl;
			cv->pos.key_column = kc;
		}
		append(&v->item, &tail, child);
	}
}

/* The value at the cursor (after any white space); NULL when the parse
 * failed. depth is 0 for the root. */
static cJSON *
parse_value(struct parser *p, int depth)
{
	struct jvalue *v;
	char c;
	int type;

	skip_space(p);
	c = p->s[p->i];
	switch (c) {
	case '{': type = cJSON_Object; break;
	case '[': type = cJSON_Array; break;
	case '"': type = cJSON_String; break;
	case 't': type = cJSON_True; break;
	case 'f': type = cJSON_False; break;
	case 'n': type = cJSON_NULL; break;
	default: type = cJSON_Number; break;
	}
	if ((v = new_value(p, type)) == NULL)
		return NULL;
	switch (type) {
	case cJSON_Object:
	case cJSON_Array:
		parse_container(p, v, depth);
		break;
	case cJSON_String:
		v->item.valuestring = parse_string(p, &v->pos.has_nul);
		break;
	case cJSON_True:
		v->item.valueint = 1;
		advance_columns(p, 4);
		break;
	case cJSON_False:
		advance_columns(p, 5);
		break;
	case cJSON_NULL:
		advance_columns(p, 4);
		break;
	default:
		parse_number(p, v);
		break;
	}
	return p->failed ? NULL : &v->item;
}

/* mesh_i_jdoc_parse(), with the counts of the check (NULL: none), which
 * may split the streamed array (stream_elements_split()). */
static int
parse_counted(const char *buf, size_t len,
    const struct mesh_i_jstream *stream,
    const struct mesh_i_json_counts *counts, struct mesh_i_jdoc **doc,
    cJSON **root)
{
	struct parser p = { buf, len, 0, 1, 1, NULL, stream, 0, 0, counts };

	*doc = NULL;
	*root = NULL;
	if ((p.doc = calloc(1, sizeof(*p.doc))) == NULL)
		return -1;
	/* A byte order mark, as mesh_i_json_check allows. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		p.i = 3;
	*root = parse_value(&p, 0);
	if (*root == NULL) {
		mesh_i_jdoc_free(p.doc);
		return -1;
	}
	*doc = p.doc;
	return 0;
}

int
mesh_i_jdoc_parse(const char *buf, size_t len,
    const struct mesh_i_jstream *stream, struct mesh_i_jdoc **doc,
    cJSON **root)
{
	return parse_counted(buf, len, stream, NULL, doc, root);
}

/* The UTF-8 check of a text, run by a second thread beside the syntax
 * check for a text of two_threads_bytes or more (they share nothing). */
struct utf8_job {
	const char *buf;
	size_t len, bad;
	int nul, rc;
};

static void *
utf8_job(void *arg)
{
	struct utf8_job *j = arg;

	j->rc = mesh_i_utf8_check(j->buf, j->len, &j->bad, &j->nul);
	return NULL;
}

enum mesh_error
mesh_i_jdoc_load(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, const struct mesh_i_jstream *stream,
    struct mesh_i_jdoc **doc, cJSON **root)
{
	struct mesh_i_json_counts counts;
	struct utf8_job job;
	pthread_t worker;
	const char *what = NULL;
	size_t bad, sbad = 0, i;
	int nul, line, col, syntax = 0, checked = 0;

	*doc = NULL;
	*root = NULL;
	for (i = 0; i < len && buf[i] != '\0' &&
	    strchr(" \t\r\n", buf[i]) != NULL; i++)
		;
	if (i == len) {
		mesh_diags_add(diags, MESH_ERROR, "empty-file", file, 1, 1,
		    NULL, len ? "the file holds only white space" :
		    "the file is empty");
		return MESH_EINPUT;
	}
	/* The UTF-8 check first, as its fault is the one reported; the
	 * syntax check beside it on a second thread for a long text. */
	job.buf = buf;
	job.len = len;
	if (len >= two_threads_bytes &&
	    pthread_create(&worker, NULL, utf8_job, &job) == 0) {
		syntax = mesh_i_json_check_count(buf, len, &sbad, &what,
		    stream != NULL && stream->sized != NULL ? stream->key :
		    NULL, &counts);
		pthread_join(worker, NULL);
		checked = 1;
	} else {
		utf8_job(&job);
	}
	if (job.rc != 0) {
		bad = job.bad;
		nul = job.nul;
		mesh_i_text_position(buf, bad, &line, &col);
		mesh_diags_add(diags, MESH_ERROR, nul ? "invalid-json" :
		    "invalid-utf8", file, line, col, NULL, nul ?
		    "invalid JSON: a NUL byte" :
		    "invalid UTF-8 (byte 0x%02x)", (unsigned char)buf[bad]);
		return MESH_EINPUT;
	}
	if (!checked)
		syntax = mesh_i_json_check_count(buf, len, &sbad, &what,
		    stream != NULL && stream->sized != NULL ? stream->key :
		    NULL, &counts);
	if (syntax != 0) {
		bad = sbad;
		mesh_i_text_position(buf, bad, &line, &col);
		mesh_diags_add(diags, MESH_ERROR, "invalid-json", file, line,
		    col, NULL, "invalid JSON: %s", what);
		return MESH_EINPUT;
	}
	if (stream != NULL && stream->sized != NULL &&
	    stream->sized(stream->ctx, &counts) != 0) {
		diags->nomem = 1;
		return MESH_ENOMEM;
	}
	if (parse_counted(buf, len, stream, stream != NULL &&
	    stream->sized != NULL ? &counts : NULL, doc, root) != 0) {
		/* The text is valid: out of memory, or the stream stopped. */
		diags->nomem = 1;
		return MESH_ENOMEM;
	}
	return MESH_OK;
}
