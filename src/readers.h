/* readers.h: the plan readers behind mesh_plan_parse(), one per format. */
#ifndef MESH_READERS_H
#define MESH_READERS_H

#include <stddef.h>

#include "meshsim/meshsim.h"

struct mesh_tick;

/*
 * Each reads len bytes at buf (file names the source in diagnostics) into
 * a resolved plan. Problems go to diags. Returns MESH_OK with *out set, or
 * MESH_EINPUT / MESH_ENOMEM / MESH_EGRAPH with *out NULL.
 * The JSON reader tells tick (NULL: nothing) the bytes parsed as it
 * reads each node.
 */
enum mesh_error mesh_read_json(const char *buf, size_t len, const char *file,
    struct mesh_tick *tick, struct mesh_diags *diags,
    struct mesh_plan **out);

/* plan_igraph.c: the formats igraph reads. Names, hosts and ports come
 * from vertex attributes (docs/formats.md); a vertex's routes are its
 * edges, one link per pair of vertices, loops dropped (self-route). */
enum mesh_error mesh_read_gml(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, struct mesh_plan **out);
enum mesh_error mesh_read_graphml(const char *buf, size_t len,
    const char *file, struct mesh_diags *diags, struct mesh_plan **out);
enum mesh_error mesh_read_edgelist(const char *buf, size_t len,
    const char *file, struct mesh_diags *diags, struct mesh_plan **out);
enum mesh_error mesh_read_ncol(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, struct mesh_plan **out);

/* plan_load.c: the whole file at path, NUL-terminated past *len; the
 * caller frees it. NULL with errno set when it cannot be read. */
char *mesh_read_file(const char *path, size_t *len);

/*
 * Hosts compare case-insensitively, one trailing dot ignored: the normal
 * form lowercases ASCII letters and drops that dot. Returns a malloc'd
 * string, or NULL when out of memory.
 */
char *mesh_host_normal(const char *host);

#endif
