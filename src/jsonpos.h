/* jsonpos.h: where each value of a parsed cJSON tree stands in its text. */
#ifndef MESH_JSONPOS_H
#define MESH_JSONPOS_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* The position of one value, and of its key when it is an object member. */
struct mesh_jpos {
	int line, column;
	int key_line, key_column;       /* 0 for array elements and the root */
	int has_nul;                    /* a string that decodes a \u0000 */
};

struct mesh_jsonpos;

/*
 * Map every value in root, which cJSON parsed from the len bytes at buf,
 * to its position: one pass over the text, one over the tree. Returns the
 * map (free with mesh_jsonpos_free), or NULL when out of memory.
 */
struct mesh_jsonpos *mesh_jsonpos_new(const char *buf, size_t len,
    const cJSON *root);

/* The position of item; never NULL for an item of the mapped tree
 * (a zeroed position otherwise). */
const struct mesh_jpos *mesh_jsonpos_get(const struct mesh_jsonpos *m,
    const cJSON *item);

void mesh_jsonpos_free(struct mesh_jsonpos *m);

#endif
