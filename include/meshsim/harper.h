/* harper.h: read a Harper cluster's harperdb-config.yaml files (one per node) into a plan. */
#ifndef MESHSIM_HARPER_H
#define MESHSIM_HARPER_H

#include <stddef.h>

#include "meshsim/meshsim.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

/* Which clustering a config uses. */
enum mesh_harper_generation {
	MESH_HARPER_AUTO,               /* decided per file from its keys */
	MESH_HARPER_NATS,               /* clustering.* (Harper 4.0-4.3) */
	MESH_HARPER_REPLICATION         /* replication.* (Harper 4.4+) */
};

/* "nats", "replication" or "auto"; -1 if unknown. */
int mesh_harper_generation_from_name(const char *name);

/* What to read besides the configs; all fields may be 0/NULL. */
struct mesh_harper_options {
	enum mesh_harper_generation generation;
	const char *inventory;          /* JSON: {"node": "host" or
					 * {"host": H, "port": P}} */
	const char *const *envs;        /* "NODE=FILE": KEY=VALUE env files */
	size_t nenvs;
	const char *const *argfiles;    /* "NODE=FILE": the node's command
					 * line, shell words (--KEY VALUE) */
	size_t nargfiles;
};

/*
 * Read the configs args[0 .. n-1], each "[HOST=]PATH" as the command line
 * spells it (HOST= is taken only when what precedes the first '=' holds no
 * '/'), into one resolved plan: a node per config, its routes, and the
 * labels generation and host_source (leaf_routes too when the config has
 * leaf server routes). Problems go to diags, each with its file, line and
 * column; a route to a host no config has is the warning route-outside.
 * Returns MESH_OK with *out set (the caller frees it with mesh_plan_free),
 * or MESH_EINPUT / MESH_EIO / MESH_ENOMEM with *out NULL.
 */
enum mesh_error mesh_harper_load(const char *const *args, size_t n,
    const struct mesh_harper_options *opts, struct mesh_diags *diags,
    struct mesh_plan **out);

/*
 * As mesh_harper_load() for one config held in len bytes at buf (file
 * names it in diagnostics and gives the default node name; NULL means
 * "config.yaml"), with the default options:
 * what mesh_plan_parse() does for MESH_FORMAT_HARPER.
 */
enum mesh_error mesh_harper_parse(const char *buf, size_t len,
    const char *file, struct mesh_diags *diags, struct mesh_plan **out);

MESH_API_END

#endif
