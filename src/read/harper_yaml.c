/* harper_yaml.c: YAML documents built in one pass over libyaml's events, their nesting bounded as they load (harper_yaml.h). */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "base/map.h"
#include "base/util.h"
#include "read/harper_yaml.h"

/* An open collection: its node (numbered from 1, as libyaml's) and where
 * its children begin in the loader's kids. */
struct mesh_i_yopen {
	int node;
	size_t kids;
};

/* An anchor of the document being loaded: its node and where it is. */
struct mesh_i_yanchor {
	int node;
	yaml_mark_t mark;
};

/* What a step of the loading gave (S_END: an event that cannot come
 * inside a document). */
enum step { S_OK, S_NOMEM, S_COMPOSER, S_DEEP, S_END };

/* The tag libyaml's loader gives a node of each kind that has none (or
 * "!"): scalar, sequence, mapping. */
static const char *const default_tag[3] = { YAML_DEFAULT_SCALAR_TAG,
	YAML_DEFAULT_SEQUENCE_TAG, YAML_DEFAULT_MAPPING_TAG };

void
mesh_i_yload_init(struct mesh_i_yloader *l, yaml_parser_t *parser,
    struct mesh_i_arena *arena, size_t max_depth, int whole_stream)
{
	memset(l, 0, sizeof(*l));
	l->parser = parser;
	l->arena = arena;
	l->max_depth = max_depth;
	l->whole_stream = whole_stream;
	mesh_i_map_init(&l->anchor_map);
}

void
mesh_i_yload_free(struct mesh_i_yloader *l)
{
	free(l->nodes);
	free(l->kids);
	free(l->open);
	free(l->anchors);
	mesh_i_map_free(&l->anchor_map);
	memset(l, 0, sizeof(*l));
}

/* Room in *v (n elements of size sz, capacity *cap) for one more.
 * Returns 0, or -1 when out of memory (*v unaltered). */
static int
room(void *v, size_t n, size_t *cap, size_t sz)
{
	void **pv = v;
	size_t nc;
	void *p;

	if (n < *cap)
		return 0;
	nc = *cap ? 2 * *cap : 64;
	if (nc > SIZE_MAX / sz || (p = realloc(*pv, nc * sz)) == NULL)
		return -1;
	*pv = p;
	*cap = nc;
	return 0;
}

/* The tag of a node of kind k (0 scalar, 1 sequence, 2 mapping) whose
 * event gives tag (NULL: none), in the arena; NULL when out of memory. */
static yaml_char_t *
tag_of(struct mesh_i_yloader *l, const yaml_char_t *tag, int k)
{
	if (tag != NULL && strcmp((const char *)tag, "!") != 0)
		return (yaml_char_t *)mesh_i_arena_strdup(l->arena,
		    (const char *)tag);
	if (l->tags[k] == NULL)
		l->tags[k] = (yaml_char_t *)mesh_i_arena_strdup(l->arena,
		    default_tag[k]);
	return l->tags[k];
}

/* Add node n to the document; returns its number (from 1), or 0 when out
 * of memory or the document holds INT_MAX - 1 nodes already. */
static int
add_node(struct mesh_i_yloader *l, const yaml_node_t *n)
{
	if (l->nnodes >= INT_MAX - 1 || room(&l->nodes, l->nnodes,
	    &l->nodes_cap, sizeof(*l->nodes)) != 0)
		return 0;
	l->nodes[l->nnodes++] = *n;
	return (int)l->nnodes;
}

/* Node id as the next child of the innermost open collection (none: the
 * root). */
static enum step
add_kid(struct mesh_i_yloader *l, int id)
{
	if (l->nopen == 0)
		return S_OK;
	if (room(&l->kids, l->nkids, &l->kids_cap, sizeof(*l->kids)) != 0)
		return S_NOMEM;
	l->kids[l->nkids++] = id;
	return S_OK;
}

/* Set the parser's error as libyaml's loader sets a composer error
 * (context NULL: the context is left as it is). */
static void
composer_error(yaml_parser_t *p, const char *context, yaml_mark_t cmark,
    const char *problem, yaml_mark_t pmark)
{
	p->error = YAML_COMPOSER_ERROR;
	if (context != NULL) {
		p->context = context;
		p->context_mark = cmark;
	}
	p->problem = problem;
	p->problem_mark = pmark;
}

/* Name the node id with anchor (NULL: none); a second anchor of one name
 * in the document is a composer error, as in libyaml's loader. */
static enum step
add_anchor(struct mesh_i_yloader *l, const yaml_char_t *anchor, int id)
{
	const yaml_node_t *n = &l->nodes[id - 1];
	char *name;
	int i;

	if (anchor == NULL)
		return S_OK;
	if ((i = mesh_i_map_get(&l->anchor_map, (const char *)anchor,
	    0)) >= 0) {
		composer_error(l->parser, "found duplicate anchor; first "
		    "occurrence", l->anchors[i].mark, "second occurrence",
		    n->start_mark);
		return S_COMPOSER;
	}
	if (l->nanchors >= INT_MAX || room(&l->anchors, l->nanchors,
	    &l->anchors_cap, sizeof(*l->anchors)) != 0 ||
	    (name = mesh_i_arena_strdup(l->arena,
	    (const char *)anchor)) == NULL ||
	    mesh_i_map_put(&l->anchor_map, name, 0, (int)l->nanchors) == -2)
		return S_NOMEM;
	l->anchors[l->nanchors].node = id;
	l->anchors[l->nanchors].mark = n->start_mark;
	l->nanchors++;
	return S_OK;
}

/* The node an alias event names, as a child; an anchor not seen (yet) in
 * the document is a composer error. */
static enum step
alias(struct mesh_i_yloader *l, const yaml_event_t *ev)
{
	int i = mesh_i_map_get(&l->anchor_map,
	    (const char *)ev->data.alias.anchor, 0);

	if (i < 0) {
		composer_error(l->parser, NULL, ev->start_mark,
		    "found undefined alias", ev->start_mark);
		return S_COMPOSER;
	}
	return add_kid(l, l->anchors[i].node);
}

/* A scalar node of event ev, its tag and value copied to the arena. */
static enum step
scalar(struct mesh_i_yloader *l, const yaml_event_t *ev)
{
	size_t len = ev->data.scalar.length;
	enum step st;
	yaml_node_t n;
	char *v;
	int id;

	memset(&n, 0, sizeof(n));
	n.type = YAML_SCALAR_NODE;
	if ((n.tag = tag_of(l, ev->data.scalar.tag, 0)) == NULL ||
	    len == SIZE_MAX ||
	    (v = mesh_i_arena_text(l->arena, len + 1)) == NULL)
		return S_NOMEM;
	memcpy(v, ev->data.scalar.value, len);
	v[len] = '\0';
	n.data.scalar.value = (yaml_char_t *)v;
	n.data.scalar.length = len;
	n.data.scalar.style = ev->data.scalar.style;
	n.start_mark = ev->start_mark;
	n.end_mark = ev->end_mark;
	if ((id = add_node(l, &n)) == 0)
		return S_NOMEM;
	if ((st = add_anchor(l, ev->data.scalar.anchor, id)) != S_OK)
		return st;
	return add_kid(l, id);
}

/* A sequence or mapping opened by event ev: its node, a child of the
 * collection around it, and open until its end event. */
static enum step
open_collection(struct mesh_i_yloader *l, const yaml_event_t *ev)
{
	const yaml_char_t *anchor;
	enum step st;
	yaml_node_t n;
	int id;

	memset(&n, 0, sizeof(n));
	if (ev->type == YAML_SEQUENCE_START_EVENT) {
		n.type = YAML_SEQUENCE_NODE;
		n.tag = tag_of(l, ev->data.sequence_start.tag, 1);
		n.data.sequence.style = ev->data.sequence_start.style;
		anchor = ev->data.sequence_start.anchor;
	} else {
		n.type = YAML_MAPPING_NODE;
		n.tag = tag_of(l, ev->data.mapping_start.tag, 2);
		n.data.mapping.style = ev->data.mapping_start.style;
		anchor = ev->data.mapping_start.anchor;
	}
	n.start_mark = ev->start_mark;
	n.end_mark = ev->end_mark;
	if (n.tag == NULL || (id = add_node(l, &n)) == 0)
		return S_NOMEM;
	if ((st = add_anchor(l, anchor, id)) != S_OK ||
	    (st = add_kid(l, id)) != S_OK)
		return st;
	if (room(&l->open, l->nopen, &l->open_cap, sizeof(*l->open)) != 0)
		return S_NOMEM;
	l->open[l->nopen].node = id;
	l->open[l->nopen].kids = l->nkids;
	l->nopen++;
	return S_OK;
}

/* Close the innermost collection at its end event ev: its children, in
 * order, become its items (or key and value pairs) in the arena. */
static enum step
close_collection(struct mesh_i_yloader *l, const yaml_event_t *ev)
{
	const struct mesh_i_yopen *o;
	const int *kid;
	yaml_node_t *nd;
	size_t n, i;

	if (l->nopen == 0)      /* the parser never gives one */
		return S_OK;
	o = &l->open[--l->nopen];
	nd = &l->nodes[o->node - 1];
	n = l->nkids - o->kids;
	kid = n > 0 ? l->kids + o->kids : NULL;
	nd->end_mark = ev->end_mark;
	if (nd->type == YAML_SEQUENCE_NODE) {
		yaml_node_item_t *it = mesh_i_arena_alloc(l->arena,
		    (n ? n : 1) * sizeof(*it));

		if (it == NULL)
			return S_NOMEM;
		if (n > 0)
			memcpy(it, kid, n * sizeof(*it));
		nd->data.sequence.items.start = it;
		nd->data.sequence.items.top = it + n;
		nd->data.sequence.items.end = it + n;
	} else {
		size_t np = (n + 1) / 2;
		yaml_node_pair_t *pr = mesh_i_arena_alloc(l->arena,
		    (np ? np : 1) * sizeof(*pr));

		if (pr == NULL)
			return S_NOMEM;
		for (i = 0; i < np; i++) {
			pr[i].key = kid[2 * i];
			pr[i].value = 2 * i + 1 < n ? kid[2 * i + 1] : 0;
		}
		nd->data.mapping.pairs.start = pr;
		nd->data.mapping.pairs.top = pr + np;
		nd->data.mapping.pairs.end = pr + np;
	}
	l->nkids = o->kids;
	return S_OK;
}

/* The document's nodes, from the scratch into the arena. */
static enum step
finish(struct mesh_i_yloader *l, yaml_document_t *doc)
{
	yaml_node_t *nodes = mesh_i_arena_alloc(l->arena,
	    (l->nnodes ? l->nnodes : 1) * sizeof(*nodes));

	if (nodes == NULL)
		return S_NOMEM;
	if (l->nnodes > 0)
		memcpy(nodes, l->nodes, l->nnodes * sizeof(*nodes));
	doc->nodes.start = nodes;
	doc->nodes.top = nodes + l->nnodes;
	doc->nodes.end = nodes + l->nnodes;
	return S_OK;
}

/*
 * After a composer error at depth: the events on to the document's end
 * (the stream's with whole_stream), for a collection deeper than the
 * limit, which a pass of its own before the loading would have found
 * first. Returns MESH_I_YLOAD_DEEP (*deep set), or MESH_I_YLOAD_ERROR
 * with the composer error put back in the parser (or its memory error).
 */
static enum mesh_i_yload_result
look_on(struct mesh_i_yloader *l, size_t depth, yaml_mark_t *deep)
{
	yaml_parser_t *p = l->parser;
	const char *problem = p->problem, *context = p->context;
	yaml_mark_t pmark = p->problem_mark, cmark = p->context_mark;
	yaml_event_type_t type;
	yaml_event_t ev;

	/* The parser gives no event more while its error is set. */
	p->error = YAML_NO_ERROR;
	for (;;) {
		if (!yaml_parser_parse(p, &ev)) {
			if (p->error == YAML_MEMORY_ERROR)
				return MESH_I_YLOAD_ERROR;
			break;
		}
		type = ev.type;
		if ((type == YAML_SEQUENCE_START_EVENT ||
		    type == YAML_MAPPING_START_EVENT) &&
		    ++depth > l->max_depth) {
			*deep = ev.start_mark;
			yaml_event_delete(&ev);
			return MESH_I_YLOAD_DEEP;
		}
		yaml_event_delete(&ev);
		if (type == YAML_SEQUENCE_END_EVENT ||
		    type == YAML_MAPPING_END_EVENT)
			depth--;
		else if (type == YAML_STREAM_END_EVENT ||
		    type == YAML_NO_EVENT ||
		    (type == YAML_DOCUMENT_END_EVENT && !l->whole_stream))
			break;
	}
	p->error = YAML_COMPOSER_ERROR;
	p->problem = problem;
	p->problem_mark = pmark;
	p->context = context;
	p->context_mark = cmark;
	return MESH_I_YLOAD_ERROR;
}

/* The nodes of the document that ev (its start) opens, to its end. */
static enum mesh_i_yload_result
load_document(struct mesh_i_yloader *l, yaml_document_t *doc,
    yaml_mark_t *deep)
{
	yaml_parser_t *p = l->parser;
	enum step st = S_OK;
	size_t depth = 0;
	yaml_event_t ev;
	int done = 0;

	l->nnodes = l->nkids = l->nopen = l->nanchors = 0;
	if (l->anchor_map.len > 0) {
		mesh_i_map_free(&l->anchor_map);
		mesh_i_map_init(&l->anchor_map);
	}
	while (!done) {
		if (!yaml_parser_parse(p, &ev))
			return MESH_I_YLOAD_ERROR;
		switch (ev.type) {
		case YAML_ALIAS_EVENT:
			st = alias(l, &ev);
			break;
		case YAML_SCALAR_EVENT:
			st = scalar(l, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++depth > l->max_depth) {
				*deep = ev.start_mark;
				st = S_DEEP;
			} else {
				st = open_collection(l, &ev);
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			st = close_collection(l, &ev);
			break;
		case YAML_DOCUMENT_END_EVENT:
			doc->end_implicit = ev.data.document_end.implicit;
			doc->end_mark = ev.end_mark;
			st = finish(l, doc);
			done = 1;
			break;
		default:                /* the parser gives none of these
					 * inside a document */
			p->problem_mark = ev.start_mark;
			st = S_END;
			break;
		}
		yaml_event_delete(&ev);
		switch (st) {
		case S_OK:
			break;
		case S_NOMEM:
			p->error = YAML_MEMORY_ERROR;
			return MESH_I_YLOAD_ERROR;
		case S_COMPOSER:
			return look_on(l, depth, deep);
		case S_DEEP:
			return MESH_I_YLOAD_DEEP;
		case S_END:
			p->error = YAML_PARSER_ERROR;
			p->problem = "an event out of place in a document";
			return MESH_I_YLOAD_ERROR;
		}
	}
	return MESH_I_YLOAD_OK;
}

enum mesh_i_yload_result
mesh_i_yload(struct mesh_i_yloader *l, yaml_document_t *doc,
    yaml_mark_t *deep)
{
	yaml_parser_t *p = l->parser;
	enum mesh_i_yload_result r;
	yaml_event_t ev;

	memset(doc, 0, sizeof(*doc));
	if (!p->stream_start_produced) {
		if (!yaml_parser_parse(p, &ev))
			return MESH_I_YLOAD_ERROR;
		yaml_event_delete(&ev);         /* the stream's start */
	}
	if (p->stream_end_produced)
		return MESH_I_YLOAD_OK;
	if (!yaml_parser_parse(p, &ev))
		return MESH_I_YLOAD_ERROR;
	if (ev.type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		return MESH_I_YLOAD_OK;
	}
	doc->start_implicit = ev.data.document_start.implicit;
	doc->start_mark = ev.start_mark;
	yaml_event_delete(&ev);
	if ((r = load_document(l, doc, deep)) != MESH_I_YLOAD_OK)
		memset(doc, 0, sizeof(*doc));
	return r;
}

/* Whether c may be in a word of mesh_i_yload_word() (first: may start
 * one). */
static int
word_byte(char c, int first)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_')
		return 1;
	return !first && (c == '.' || c == '-' || c == '/');
}

int
mesh_i_yload_word(struct mesh_i_arena *arena, const char *text, size_t len,
    yaml_document_t *doc)
{
	yaml_mark_t start = { 0, 0, 0 }, end = { len, 0, len };
	yaml_node_t *n;
	char *v, *tag;
	size_t i;

	if (len == 0 || !word_byte(text[0], 1))
		return 0;
	for (i = 1; i < len; i++)
		if (!word_byte(text[i], 0))
			return 0;
	if ((n = mesh_i_arena_alloc(arena, sizeof(*n))) == NULL ||
	    (v = mesh_i_arena_text(arena, len + 1)) == NULL ||
	    (tag = mesh_i_arena_strdup(arena, YAML_DEFAULT_SCALAR_TAG)) ==
	    NULL)
		return -1;
	memcpy(v, text, len);
	v[len] = '\0';
	memset(n, 0, sizeof(*n));
	n->type = YAML_SCALAR_NODE;
	n->tag = (yaml_char_t *)tag;
	n->data.scalar.value = (yaml_char_t *)v;
	n->data.scalar.length = len;
	n->data.scalar.style = YAML_PLAIN_SCALAR_STYLE;
	n->start_mark = start;
	n->end_mark = end;
	memset(doc, 0, sizeof(*doc));
	doc->nodes.start = n;
	doc->nodes.top = doc->nodes.end = n + 1;
	doc->start_implicit = doc->end_implicit = 1;
	doc->start_mark = start;
	/* libyaml ends the stream on a line of its own. */
	doc->end_mark.index = len;
	doc->end_mark.line = 1;
	return 1;
}
