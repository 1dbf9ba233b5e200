/* harper_yaml.h: YAML documents built in one pass over libyaml's events, their nesting bounded as they load (the Harper and Kubernetes readers). */
#ifndef MESH_HARPER_YAML_H
#define MESH_HARPER_YAML_H

#include <stddef.h>

#include <yaml.h>

#include "base/map.h"
#include "base/util.h"

/*
 * A loader: the documents of one parser's stream, as yaml_parser_load()
 * makes them (the same nodes, in the same order, with the same tags,
 * values, styles, marks, items and pairs; an alias is the index of its
 * anchor's node; the same composer errors), but built while the parser's
 * events go by, so that the text is parsed once, with its nesting counted
 * on the way: no separate pass to bound the depth before libyaml's loader
 * recurses. A document's memory (nodes, tags, values, items, pairs) comes
 * from the caller's arena and goes with it: never give such a document to
 * yaml_document_delete(). Its version and tag directives are not kept
 * (NULL); nothing here reads them.
 */
struct mesh_i_yloader {
	yaml_parser_t *parser;
	struct mesh_i_arena *arena;
	size_t max_depth;
	int whole_stream;       /* see mesh_i_yload_init() */
	yaml_char_t *tags[3];   /* the default tags, once in the arena */
	/* Scratch, reused from one document to the next. */
	yaml_node_t *nodes;
	size_t nnodes, nodes_cap;
	int *kids;              /* the children of the open collections */
	size_t nkids, kids_cap;
	struct mesh_i_yopen *open;
	size_t nopen, open_cap;
	struct mesh_i_yanchor *anchors;
	size_t nanchors, anchors_cap;
	struct mesh_i_map anchor_map;   /* an anchor's name to its index in
					 * anchors */
};

/* What mesh_i_yload() did. */
enum mesh_i_yload_result {
	MESH_I_YLOAD_OK,        /* a document, or none (no root node) at the
				 * stream's end */
	MESH_I_YLOAD_DEEP,      /* a collection opens deeper than the limit */
	MESH_I_YLOAD_ERROR      /* the parser's error fields say what, as
				 * yaml_parser_load() leaves them
				 * (YAML_MEMORY_ERROR: out of memory) */
};

/*
 * A loader of the documents of parser (its input set), their memory from
 * arena, collections nested at most max_depth deep. whole_stream: after a
 * composer error (an undefined alias, a duplicate anchor), look on for too
 * deep a nesting to the stream's end (else to the document's end), as a
 * pass over the whole stream (the first document) before loading would
 * have found it first. Cannot fail; free with mesh_i_yload_free().
 */
void mesh_i_yload_init(struct mesh_i_yloader *l, yaml_parser_t *parser,
    struct mesh_i_arena *arena, size_t max_depth, int whole_stream);

/*
 * The next document of the stream into *doc (zeroed: no root node at the
 * stream's end). MESH_I_YLOAD_DEEP sets *deep to the start mark of the
 * first collection too deep (the one such a pass finds, even when the
 * loading stopped at a composer error before it). After an error or
 * MESH_I_YLOAD_DEEP, *doc is zeroed and the loader is not to be asked
 * again; what the document took of the arena stays there until the arena
 * is freed.
 */
enum mesh_i_yload_result mesh_i_yload(struct mesh_i_yloader *l,
    yaml_document_t *doc, yaml_mark_t *deep);

/*
 * When the len bytes at text are a word that is one plain scalar to YAML
 * whatever it says (a letter, digit or '_', then letters, digits and
 * "_.-/": "true", "9932", "node-1.example"), *doc is that document, as
 * mesh_i_yload() makes it from libyaml's events, its memory from arena,
 * and 1 is returned, without a parser: most values of env variables and
 * command-line settings are such words, and a parser takes 64 KB of
 * buffers. Returns 0 for any other text (*doc untouched), -1 when out of
 * memory.
 */
int mesh_i_yload_word(struct mesh_i_arena *arena, const char *text,
    size_t len, yaml_document_t *doc);

/* Free l's scratch (never the arena, the parser or the documents). */
void mesh_i_yload_free(struct mesh_i_yloader *l);

#endif
