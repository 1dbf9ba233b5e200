/* limits.h: how much input the readers take: file size, nodes, routes, name length, nesting depth. */
#ifndef MESHSIM_LIMITS_H
#define MESHSIM_LIMITS_H

#include <stddef.h>
#include <stdint.h>

#include "meshsim/visibility.h"

MESH_API_BEGIN

/*
 * Every reader (plans in each format, Harper configs and env files,
 * operations API payloads, inventories) refuses input beyond these
 * limits with an error diagnostic instead of running out of memory or
 * time. The defaults let real clusters and the 1,000,000-node,
 * 3,000,000-route benchmark plan through with room to spare; docs/limits.md
 * says why each is what it is:
 *
 *   input_bytes  1 GiB       a file read whole (the benchmark plan is
 *                            174 MiB and takes 0.7 GiB to check: about
 *                            4 GiB for a plan of this size)
 *   nodes        2,000,000   twice the benchmark
 *   routes       10,000,000  route entries as written, over all nodes
 *   name_bytes   1,024       a node name or a host (DNS names stop at 253)
 *   depth        64          nesting of JSON and YAML (a plan needs 5)
 *
 * The diagnostic codes are input-too-large, too-many-nodes,
 * too-many-routes and name-too-long; too deep a nesting is a syntax
 * error of its format (invalid-json, invalid-yaml, bad-env-line). Each
 * message names the command-line option that raises the limit.
 */
struct mesh_limits {
	uint64_t input_bytes;
	size_t nodes;
	size_t routes;
	size_t name_bytes;
	size_t depth;
};

#define MESH_LIMIT_INPUT_BYTES  (UINT64_C(1) << 30)
#define MESH_LIMIT_NODES        2000000
#define MESH_LIMIT_ROUTES       10000000
#define MESH_LIMIT_NAME_BYTES   1024
#define MESH_LIMIT_DEPTH        64
/* The deepest nesting that can be allowed: cJSON and libyaml need the
 * stack for it. */
#define MESH_LIMIT_DEPTH_MAX    512

/* Fill *l with the defaults above. */
void mesh_limits_default(struct mesh_limits *l);

/*
 * Make *l the limits of every reader from now on (NULL: the defaults
 * again). The setting is the process's, as the library is used from one
 * thread (igraph's rule). Returns MESH_OK, or MESH_EINVAL (a limit of 0,
 * or depth above MESH_LIMIT_DEPTH_MAX) with the limits unchanged.
 */
enum mesh_error mesh_limits_set(const struct mesh_limits *l);

/* The limits in force; never NULL. */
const struct mesh_limits *mesh_limits_get(void);

MESH_API_END

#endif
