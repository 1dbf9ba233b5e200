/* readers.h: the plan readers behind mesh_plan_parse(), one per format. */
#ifndef MESH_READERS_H
#define MESH_READERS_H

#include <stddef.h>
#include <stdint.h>

#include "meshsim/meshsim.h"

struct mesh_i_tick;

/*
 * Each reads len bytes at buf (file names the source in diagnostics) into
 * a resolved plan. Problems go to diags. Returns MESH_OK with *out set, or
 * MESH_EINPUT / MESH_ENOMEM / MESH_EGRAPH with *out NULL.
 * The JSON reader tells tick (NULL: nothing) the bytes parsed as it
 * reads each node. With mapped set, buf is a private read-only mapping of
 * the file (mmap) that the reader may drop from memory as it is parsed
 * (madvise MADV_DONTNEED: a later read would fault the bytes back in);
 * the caller still unmaps it.
 */
enum mesh_error mesh_i_read_json(const char *buf, size_t len, const char *file,
    int mapped, struct mesh_i_tick *tick, struct mesh_diags *diags,
    struct mesh_plan **out);

/* plan_igraph.c: the formats igraph reads. Names, hosts and ports come
 * from vertex attributes (docs/formats.md); a vertex's routes are its
 * edges, one link per pair of vertices, loops dropped (self-route). */
enum mesh_error mesh_i_read_gml(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, struct mesh_plan **out);
enum mesh_error mesh_i_read_graphml(const char *buf, size_t len,
    const char *file, struct mesh_diags *diags, struct mesh_plan **out);
enum mesh_error mesh_i_read_edgelist(const char *buf, size_t len,
    const char *file, struct mesh_diags *diags, struct mesh_plan **out);
enum mesh_error mesh_i_read_ncol(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, struct mesh_plan **out);

/* compose.c, kubernetes.c, nats.c: a docker compose file, Kubernetes
 * manifests, one nats-server.conf (docs/compose.md, kubernetes.md,
 * nats.md). */
enum mesh_error mesh_i_read_compose(const char *buf, size_t len,
    const char *file, struct mesh_diags *diags, struct mesh_plan **out);
enum mesh_error mesh_i_read_kubernetes(const char *buf, size_t len,
    const char *file, struct mesh_diags *diags, struct mesh_plan **out);
enum mesh_error mesh_i_read_nats(const char *buf, size_t len,
    const char *file, struct mesh_diags *diags, struct mesh_plan **out);

/*
 * plan.c: a watch on the plans a reader builds. While one is begun, each
 * plan that mesh_plan_new() makes enforces the limits in force (nodes,
 * routes, the length of names and hosts) as nodes and routes are added:
 * the first crossing is reported to diags at the position the reader
 * gives, in the plan's file, and that add and every later one fail as if
 * out of memory, which every reader handles by giving up.
 * mesh_i_watch_end() turns that failure into MESH_EINPUT and clears the
 * nomem mark it left. Watches nest; begin and end pair up in one
 * function. Plans made outside a watch (copies, suggestions) take no
 * limits.
 */
struct mesh_i_watch {
	struct mesh_diags *diags;
	int nomem;              /* diags->nomem at the start */
	size_t crossed;         /* limit errors reported */
	unsigned long serial;
	struct mesh_i_watch *outer;
};

void mesh_i_watch_begin(struct mesh_i_watch *w, struct mesh_diags *diags);

/* End w: returns MESH_EINPUT when a limit was crossed, else err. */
enum mesh_error mesh_i_watch_end(struct mesh_i_watch *w, enum mesh_error err);

/* Whether name (a node name or host: what says which, "node name" or
 * "host") is longer than the limit in force; if so, report name-too-long
 * to diags at file:line:column and return 1, else return 0. */
int mesh_i_name_too_long(const char *name, const char *what,
    struct mesh_diags *diags, const char *file, int line, int column);

/*
 * Room in plan p, still empty, for about nodes nodes, routes routes and
 * labels labels (estimates: more may come, fewer may), so that reading
 * them allocates nothing per node: the nodes array and the name index are
 * sized once, routes and labels come from two pools. Does nothing when p
 * already has nodes. Returns 0, or -1 when out of memory (p is then still
 * whole: what was reserved is used and freed with p).
 */
int mesh_i_plan_reserve(struct mesh_plan *p, size_t nodes, size_t routes,
    size_t labels);

/*
 * For a reader that reads the nodes of the second part of its input on a
 * second thread: a plan b, still empty, for about nodes nodes, whose
 * routes and labels take the part of a's pools past the first routes
 * routes and labels labels (a's pools shrink to those meanwhile). b is
 * under no watch and shares nothing else with a: a's thread keeps adding
 * to a, b's thread to b. Returns NULL when out of memory (a unaltered).
 */
struct mesh_plan *mesh_i_plan_fork(struct mesh_plan *a, size_t nodes,
    size_t routes, size_t labels);

/* Bring the slot of name in p's name index into the cache, ahead of a
 * mesh_i_plan_add_node_hashed() of it: a reader calls it as soon as it
 * has the name, and reads the rest of the node meanwhile. Returns the
 * name's hash, for that call. */
uint64_t mesh_i_plan_prefetch_name(const struct mesh_plan *p,
    const char *name);

/* mesh_plan_add_node() of a name whose hash h mesh_i_plan_prefetch_name()
 * gave; returns as mesh_plan_add_node(). */
int mesh_i_plan_add_node_hashed(struct mesh_plan *p, const char *name,
    uint64_t h, const char *host, int port, int line, int column);

/*
 * After a's thread and b's are done with them: append b's nodes to a, as
 * if a had read them, and free b. Only when take is set and that is
 * exactly what reading them into a would have given: no name of b in a
 * (looked up with the hashes b's map holds: every node of b must be in
 * it), no aliases, sources, settings or files in b, and within the
 * limits of a's watch (counts and lengths). Otherwise nothing is
 * appended, b is
 * freed all the same, a's pools are whole again, and 1 is returned (the
 * caller reads b's part again, into a). Returns 0 when appended, -1 when
 * out of memory (a is then whole, with none of b's nodes).
 */
int mesh_i_plan_join(struct mesh_plan *a, struct mesh_plan *b, int take);

/* The number of routes from which mesh_plan_resolve() looks them up on
 * two threads (65,536; (size_t)-1: never): for tests. */
void mesh_i_plan_lookup_threshold(size_t routes);

/*
 * Hosts compare case-insensitively, one trailing dot ignored: the normal
 * form lowercases ASCII letters and drops that dot. Returns a malloc'd
 * string, or NULL when out of memory.
 */
char *mesh_i_host_normal(const char *host);

#endif
