/* jsonpos.h: JSON text into cJSON-shaped trees held in one arena, each value with its position. */
#ifndef MESH_JSONPOS_H
#define MESH_JSONPOS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "meshsim/meshsim.h"
#include "read/json_check.h"

/* The position of one value, and of its key when it is an object member. */
struct mesh_i_jpos {
	int line, column;
	int key_line, key_column;       /* 0 for array elements and the root */
	int has_nul;                    /* a string that decodes a \u0000 */
};

/* An arena holding the values of one parsed text. */
struct mesh_i_jdoc;

/*
 * Streaming: the elements of the array under key in the root object (its
 * first such member only) are handed to fn one at a time, in order, and
 * their memory is reused after fn returns; the array itself stays in the
 * tree, empty. end is the offset in the text just past the element. fn
 * returns 0 to go on, nonzero to stop the parse.
 */
struct mesh_i_jstream {
	const char *key;
	int (*fn)(void *ctx, const cJSON *elem, size_t end);
	void *ctx;
	/* NULL, or called by mesh_i_jdoc_load() once the syntax check has
	 * counted what lies under key (json_check.h), before the parse:
	 * returns 0 to go on, nonzero to stop (out of memory). */
	int (*sized)(void *ctx, const struct mesh_i_json_counts *counts);
	/*
	 * NULL, or for a long text whose check found a split (json_check.h):
	 * fork gives a context (NULL: none) for fn to read the elements from
	 * the split on, on a second thread, while ctx reads those before in
	 * the calling thread; fn returning nonzero there only ends that
	 * thread's part. Then join(ctx, forked, end, ok), in the calling
	 * thread, ok when that part was read to its end (end: the offset
	 * after the array), takes the part into ctx and returns 0, or
	 * discards it and returns nonzero: the calling thread then reads
	 * those elements again, itself. Either way join frees forked.
	 */
	void *(*fork)(void *ctx, const struct mesh_i_json_counts *counts);
	int (*join)(void *ctx, void *forked, size_t end, int ok);
};

/*
 * Parse the len bytes at buf, which must have passed mesh_i_json_check (this
 * parser trusts the syntax and reports nothing). The values are cJSON
 * items, read with cJSON's accessors (cJSON_IsString, cJSON_ArrayForEach,
 * cJSON_GetObjectItemCaseSensitive...) but never modified or given to
 * cJSON_Delete: they all belong to *doc. stream may be NULL.
 *
 * Returns 0 with *doc (free with mesh_i_jdoc_free) and *root set. Returns -1,
 * with *doc and *root NULL and nothing left allocated, when out of memory
 * or when stream->fn asked to stop.
 */
int mesh_i_jdoc_parse(const char *buf, size_t len,
    const struct mesh_i_jstream *stream, struct mesh_i_jdoc **doc,
    cJSON **root);

/*
 * Check the len bytes at buf (named file in diagnostics) as a strict JSON
 * text: not empty, UTF-8 without NUL, RFC 8259; then parse it, streaming
 * as stream says (NULL: no streaming). Returns MESH_OK with *doc and *root
 * (free *doc with mesh_i_jdoc_free), MESH_EINPUT after reporting the fault,
 * or MESH_ENOMEM (also when stream->fn stopped the parse); *doc is then
 * NULL.
 */
enum mesh_error mesh_i_jdoc_load(const char *buf, size_t len,
    const char *file, struct mesh_diags *diags,
    const struct mesh_i_jstream *stream, struct mesh_i_jdoc **doc,
    cJSON **root);

/*
 * Texts of at least bytes bytes (1 MiB unless set) are read on two
 * threads by mesh_i_jdoc_load(): the UTF-8 check beside the syntax check,
 * and a streamed array split in two parts when the stream can fork
 * (jsonpos.c): the same result as one thread. For the tests, which
 * compare both ways; not thread-safe itself.
 */
void mesh_i_jdoc_two_threads(size_t bytes);

/* Free doc and every value in it; NULL is accepted. */
void mesh_i_jdoc_free(struct mesh_i_jdoc *doc);

/* The position of item, a value parsed by mesh_i_jdoc_parse. Constant time. */
const struct mesh_i_jpos *mesh_i_jpos_of(const cJSON *item);

#endif
