/* json_check.h: a strict JSON syntax check (RFC 8259) that says where and what is wrong. */
#ifndef MESH_JSON_CHECK_H
#define MESH_JSON_CHECK_H

#include <stddef.h>

/*
 * Check that the len bytes at buf hold exactly one JSON value, with white
 * space around it, nested no deeper than the depth limit in force
 * (limits.h). Returns 0, or -1 with *off set to the offset of the fault
 * and *what to a static description of it ("expected ':' after the
 * key"), valid until the next call. Linear, no allocation.
 */
int mesh_i_json_check(const char *buf, size_t len, size_t *off,
    const char **what);

/* What a check counted under the array of one key of the root object
 * (its first such member): its elements, and the elements and members of
 * the arrays and objects two levels below them (for a plan's "nodes":
 * routes, aliases and labels). Estimates for sizing, never for meaning. */
struct mesh_i_json_counts {
	size_t elements;
	size_t inner_elements;  /* of arrays two levels down */
	size_t inner_members;   /* of objects two levels down */
	/* The split: the offset just after the comma before the first
	 * element that starts in the second half of the text (0: none),
	 * and the three counts above taken before that element. */
	size_t split;
	struct mesh_i_json_split_counts {
		size_t elements, inner_elements, inner_members;
	} before_split;
};

/* mesh_i_json_check(), also counting into *counts (zeroed first) under
 * the member key of the root object. */
int mesh_i_json_check_count(const char *buf, size_t len, size_t *off,
    const char **what, const char *key, struct mesh_i_json_counts *counts);

#endif
