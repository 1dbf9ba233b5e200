/* harper_nodes.h: Harper nodes as a compose file or Kubernetes manifests describe them, built into a plan by harper.c. */
#ifndef MESH_I_HARPER_NODES_H
#define MESH_I_HARPER_NODES_H

#include <stddef.h>

#include "meshsim/harper.h"
#include "read/kit.h"

/*
 * One environment variable a node's process gets, as written: name and
 * value (not NUL-terminated; value_len bytes), at the position of the
 * value's first character (for a value from a ConfigMap, the ConfigMap's
 * line). via names the mechanism in diagnostics and route sources
 * ("compose environment", "env_file", "kubernetes env", "configmap", ...).
 * Variables apply in order; a later one of the same name wins.
 * HARPER_SET_CONFIG and HARPER_DEFAULT_CONFIG are variables too.
 */
struct mesh_i_hvar {
	const char *name;
	size_t name_len;
	const char *value;
	size_t value_len;
	struct mesh_i_pos at;
	const char *via;
};

/* One word of the node's command line after the program (compose
 * "command"/"entrypoint", Kubernetes "args"/"command"), at its position. */
struct mesh_i_harg {
	const char *text;
	struct mesh_i_pos at;
	const char *via;
};

/*
 * A Harper node as a deployment file describes it.
 *
 * name        the node's name when its config names none (the compose
 *             service, the pod: "web-0"); at: where it is written.
 * hosts       hosts[0] is the host other nodes dial (service name, pod
 *             DNS name); the rest are aliases that reach it too
 *             (hostname, container_name, network aliases, the long DNS
 *             form): mesh_plan_add_alias().
 * config_file a mounted harperdb-config.yaml read from disk (path as the
 *             deployment file resolves it), or NULL;
 * config_text the config's text held in the deployment file itself (a
 *             ConfigMap's block scalar), config_len bytes, or NULL; its
 *             line 1 is config_at.line of config_at.file, and every
 *             column shifts by config_at.column - 1 (the block's indent).
 * env, args   what the node's process gets, in order.
 *
 * The settings apply with Harper's precedence (docs/harper.md), lowest
 * first: the config, HARPER_DEFAULT_CONFIG (only for keys nothing else
 * sets: the config, a variable, an argument), the environment's KEY
 * variables, the command-line arguments (Harper: "command line always
 * supercedes env vars"), and
 * HARPER_SET_CONFIG, which Harper's docs say "always overrides all other
 * configuration sources" (4.7.10: "can override any other config
 * source").
 */
struct mesh_i_hnode {
	const char *name;
	struct mesh_i_pos at;
	const char *const *hosts;
	size_t nhosts;
	const char *config_file;
	const char *config_text;
	size_t config_len;
	struct mesh_i_pos config_at;
	const struct mesh_i_hvar *env;
	size_t nenv;
	const struct mesh_i_harg *args;
	size_t nargs;
	/*
	 * Optional (NULL: every route's host as the config writes it): the
	 * host the plan gives a route of this node, as the deployment's own
	 * name resolution reads the host the config writes (Kubernetes: the
	 * pod's DNS search path, docs/kubernetes.md). from is this node,
	 * name its name in the plan, at where the route is written, owner
	 * the first node whose own host host is (-1: none). Returns host
	 * itself, or another string that outlives the build (the route's
	 * source still points at what was written); NULL when out of
	 * memory. It may report diagnostics of its own; ctx is route_ctx.
	 */
	const char *(*route_host)(void *ctx, const struct mesh_i_hnode *from,
	    const char *name, const char *host, const struct mesh_i_pos *at,
	    int owner);
	void *route_ctx;
};

/*
 * Build the plan of nodes[0 .. n-1] as mesh_harper_load() builds that of
 * config files (opts as there; NULL: the defaults), every route with its
 * source (mesh_plan_set_route_source()). The plan's file is file.
 * Problems go to diags. Returns MESH_OK with *out set (the caller frees
 * it), or MESH_EINPUT / MESH_EIO / MESH_ENOMEM with *out NULL. Nothing in
 * nodes is kept: the plan copies what it needs.
 */
enum mesh_error mesh_i_harper_build(const struct mesh_i_hnode *nodes,
    size_t n, const char *file, const struct mesh_harper_options *opts,
    struct mesh_diags *diags, struct mesh_plan **out);

#endif
