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

#endif
