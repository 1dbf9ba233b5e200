/* harper_ops.h: Harper's clustering operations API payloads: route requests as what-ifs, route and network answers as plans. */
#ifndef MESHSIM_HARPER_OPS_H
#define MESHSIM_HARPER_OPS_H

#include <stddef.h>

#include "meshsim/meshsim.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

/*
 * The payloads are those of Harper 4.0-4.3 clustering (NATS), as the
 * operations API documents them (docs/harper-ops.md has the rules):
 *   {"operation": "cluster_set_routes", "server": "hub", "routes": [...]}
 *   {"operation": "cluster_delete_routes", "routes": [...]}
 *   cluster_get_routes answers {"hub": [...], "leaf": [...]}
 *   cluster_network answers {"nodes": [{"name", "connected_nodes",
 *   "routes", ...}]}
 * A route is {"host": H, "port": P}; the port defaults to 9932. Every
 * reader checks strictly and reports each problem as a diagnostic with
 * the file, line and column of the value at fault.
 */

/* A route as a payload writes it, and where. */
struct mesh_ops_route {
	char *host;
	int port;
	int line, column;
};

/* A list of routes. */
struct mesh_ops_routes {
	struct mesh_ops_route *v;
	size_t n;
};

enum mesh_ops_op {
	MESH_OPS_SET_ROUTES,         /* cluster_set_routes */
	MESH_OPS_DELETE_ROUTES,      /* cluster_delete_routes */
	MESH_OPS_ADD_NODE,           /* add_node, set_node (4.4+) */
	MESH_OPS_UPDATE_NODE,        /* update_node (4.4+) */
	MESH_OPS_REMOVE_NODE,        /* remove_node (4.4+) */
	MESH_OPS_SET_REPL_ROUTES,    /* cluster_set_routes of 4.4+ */
	MESH_OPS_DELETE_REPL_ROUTES  /* cluster_delete_routes of 4.4+ */
};

/*
 * A request: cluster_set_routes or cluster_delete_routes (NATS
 * clustering, Harper 4.0-4.3: routes {host, port}), or add_node
 * (set_node), update_node, remove_node, and cluster_set_routes or
 * cluster_delete_routes with routes written as strings ("host",
 * "host:port", "wss://host:port") or {hostname, port} (native
 * replication, Harper 4.4 and later: they edit replication.routes; a
 * route's port is 0 when not given).
 */
struct mesh_ops_request {
	char *file;
	enum mesh_ops_op op;
	const char *opname;     /* as written: "set_node" for the alias */
	int op_line, op_column; /* where the operation's name is */
	int leaf;       /* set: to the leaf server ("leaf", or no "server") */
	struct mesh_ops_routes routes;
	/* The node an add_node, update_node or remove_node names: its
	 * "hostname", or the host of its "url"; port 0 when not given. */
	struct mesh_ops_route target;
};

/* Whether op is one of native replication (add_node, ..., and the route
 * requests of 4.4+, whose routes are strings or {hostname, port}). */
#define MESH_OPS_IS_REPLICATION(op) ((op) >= MESH_OPS_ADD_NODE)
/* Whether op is add_node, update_node or remove_node. */
#define MESH_OPS_IS_NODE_OP(op) ((op) >= MESH_OPS_ADD_NODE && \
	(op) <= MESH_OPS_REMOVE_NODE)

/* A cluster_get_routes answer. */
struct mesh_ops_get_routes {
	char *file;
	struct mesh_ops_routes hub;
	struct mesh_ops_routes leaf;
};

/* An inventory: node name to host and port (JSON: name to "host" or to
 * {"host": H, "port": P}). */
struct mesh_ops_inventory;

/*
 * Read the whole file at path, unless it is larger than the input limit
 * (limits.h). Returns MESH_OK with *buf (malloc'd, NUL-terminated past
 * *len; the caller frees it), MESH_EIO after adding an io-error or
 * input-too-large diagnostic, or MESH_ENOMEM; *buf is NULL on failure.
 */
enum mesh_error mesh_ops_read_file(const char *path,
    struct mesh_diags *diags, char **buf, size_t *len);

/*
 * Parse len bytes at buf (file names the source in diagnostics and is
 * copied) as a request, an answer or an inventory. Problems go to diags.
 * Returns MESH_OK with *out set (free with the matching _free), or
 * MESH_EINPUT when a diagnostic is an error, or MESH_ENOMEM; *out is NULL
 * on failure.
 */
enum mesh_error mesh_ops_request_parse(const char *buf, size_t len,
    const char *file, struct mesh_diags *diags,
    struct mesh_ops_request **out);
enum mesh_error mesh_ops_get_routes_parse(const char *buf, size_t len,
    const char *file, struct mesh_diags *diags,
    struct mesh_ops_get_routes **out);
enum mesh_error mesh_ops_inventory_parse(const char *buf, size_t len,
    const char *file, struct mesh_diags *diags,
    struct mesh_ops_inventory **out);

void mesh_ops_request_free(struct mesh_ops_request *r);
void mesh_ops_get_routes_free(struct mesh_ops_get_routes *g);
void mesh_ops_inventory_free(struct mesh_ops_inventory *inv);

/* One request sent to one node of a plan. */
struct mesh_ops_step {
	int node;
	const struct mesh_ops_request *req;
};

/* What a replication request did (docs/harper-ops.md). */
enum mesh_ops_result {
	MESH_OPS_LINKED,        /* add_node: a new link to a node of the plan */
	MESH_OPS_NEW_NODE,      /* add_node: a new node, linked to the node */
	MESH_OPS_ALREADY,       /* add_node: the two are linked already */
	MESH_OPS_SELF,          /* it names the node it is sent to */
	MESH_OPS_KNOWN,         /* update_node: a node of the same cluster:
				 * subscriptions only, no link changes */
	MESH_OPS_UNLINKED,      /* remove_node: the link added at run time
				 * is gone */
	MESH_OPS_NOT_LINKED,    /* remove_node: no link added at run time */
	MESH_OPS_NOT_FOUND      /* remove_node: no node of the plan there */
};

/*
 * What the server would answer to one step: indices into the request's
 * routes, in request order. A set request fills set and skipped, a delete
 * request deleted and skipped.
 */
struct mesh_ops_outcome {
	size_t *set, nset;
	size_t *skipped, nskipped;
	size_t *deleted, ndeleted;
	/* add_node, update_node, remove_node: */
	enum mesh_ops_result result;
	int target;             /* the node named, in the plan after; -1 */
	size_t kept;            /* remove_node: configured routes between
				 * the two nodes, which stay */
};

/*
 * Apply steps[0 .. n-1] in order to the plan's routes, as the server
 * would: a set skips a route already present (same host, compared as
 * routes compare hosts, and port) among the node's hub or leaf routes;
 * a delete removes the first hub route that matches, else the first leaf
 * route, else skips. The plan's routes are its hub routes; it has no leaf
 * routes but those set by earlier steps.
 *
 * Replication requests (check them with mesh_ops_check_generation()
 * first) change links as docs/harper-ops.md says: add_node (set_node) at
 * node X naming T links X and T (a route of X to T's host and port, whose
 * source is "add_node"), and adds T as a new node, named by its host,
 * when no node is at that host; update_node does the same unless T is in
 * X's cluster already; remove_node removes the links add_node made
 * between X and T, and warns (route-remains) about each configured route
 * between them, which stays.
 *
 * On MESH_OK, *after is a new resolved plan (same nodes, in the same
 * order, then the new ones; with their labels, availability, aliases and
 * route sources; no timeline) that the caller
 * frees with mesh_plan_free(), and *outcomes n outcomes (free with
 * mesh_ops_outcomes_free()). diags holds the plan's diagnostics on
 * entry; it loses the route warnings (dangling-route, port-mismatch,
 * self-route, duplicate-route) of the routes that requests deleted, gains
 * those of the routes they set (placed in the request's file), and is
 * sorted. Returns MESH_OK,
 * MESH_EINVAL (a step's node out of range) or MESH_ENOMEM, with *after and
 * *outcomes NULL on failure.
 */
enum mesh_error mesh_ops_apply(const struct mesh_plan *plan,
    const struct mesh_ops_step *steps, size_t n, struct mesh_diags *diags,
    struct mesh_plan **after, struct mesh_ops_outcome **outcomes);

/*
 * Whether requests reqs[0 .. n-1] fit plan: replication (set when the
 * plan is a native replication cluster: its "cluster" is
 * harper-replication, or --model replication) takes add_node,
 * update_node and remove_node only, any other plan cluster_set_routes and
 * cluster_delete_routes only. Each request that does not fit is an error
 * (wrong-generation) in diags, at its operation. Returns MESH_OK,
 * MESH_EINPUT or MESH_ENOMEM.
 */
enum mesh_error mesh_ops_check_generation(const struct mesh_plan *plan,
    int replication, const struct mesh_ops_request *const *reqs, size_t n,
    struct mesh_diags *diags);

/* Free n outcomes; NULL is accepted. */
void mesh_ops_outcomes_free(struct mesh_ops_outcome *o, size_t n);

/*
 * A plan from cluster_get_routes answers: node names[i] with the hub
 * routes of answers[i] (leaf routes are not mesh links). A node's host and
 * port come from inv (may be NULL), else the host is its name and the port
 * 9932. Diagnostics of the routes point into the answer files. Returns
 * MESH_OK with *out resolved (mesh_plan_free), MESH_EINPUT (two nodes with
 * one name or endpoint, or a limit of limits.h crossed; see diags) or
 * MESH_ENOMEM; *out NULL on failure.
 */
enum mesh_error mesh_ops_routes_plan(const char *const *names,
    const struct mesh_ops_get_routes *const *answers, size_t n,
    const struct mesh_ops_inventory *inv, struct mesh_diags *diags,
    struct mesh_plan **out);

/*
 * A plan from a cluster_network answer (len bytes at buf; file names it):
 * nodes from nodes[].name, hosts and ports from inv as above, routes from
 * nodes[].routes. The drift between configured routes and the live
 * connections (connected_nodes) is added to diags as warnings: code
 * gossip-link for a live connection no route explains (a restart loses
 * it), route-not-live for a route with no live connection (its target is
 * down, misaddressed or unreachable), then a note (code drift) that counts
 * them. Returns as mesh_ops_routes_plan().
 */
enum mesh_error mesh_ops_network_parse(const char *buf, size_t len,
    const char *file, const struct mesh_ops_inventory *inv,
    struct mesh_diags *diags, struct mesh_plan **out);

/*
 * A cluster_status answer of native replication (Harper 4.4 and later):
 * {"type": "cluster-status", "node_name", "is_enabled", "connections":
 * [{"name", "url", "database_sockets": [{"database", "connected", ...}],
 * ...}]}. A connection is a node the answering node knows (its node
 * record); it is live when one of its database sockets is connected.
 */
struct mesh_ops_status;

/* Parse as mesh_ops_request_parse() does. A NATS-era cluster_status
 * answer (connections with "status", "node_name", "ports") is an error
 * (wrong-generation). */
enum mesh_error mesh_ops_status_parse(const char *buf, size_t len,
    const char *file, struct mesh_diags *diags,
    struct mesh_ops_status **out);

void mesh_ops_status_free(struct mesh_ops_status *s);

/*
 * A plan of the live connections in answers[0 .. n-1], each from node
 * names[i] (NULL: the answer's node_name): the nodes of configured (may
 * be NULL) in its order, then those that answered, then those they know
 * (named by the connection's name, at its url's host and port, default
 * 9933), found by name, else by host; each live connection a route of the
 * node that reported it. diags gets not-connected for a known node with
 * no connected socket (and no configured route), partial-connection for a
 * connection with some sockets down, and, with configured, the drift of
 * its routes against the live connections (gossip-link, route-not-live
 * for a route one of whose ends answered, and a note). Returns MESH_OK
 * with *out resolved (mesh_plan_free), MESH_EINPUT (an answer without a
 * name, a node given twice), or MESH_ENOMEM; *out NULL on failure.
 */
enum mesh_error mesh_ops_status_plan(const char *const *names,
    const struct mesh_ops_status *const *answers, size_t n,
    const struct mesh_plan *configured, struct mesh_diags *diags,
    struct mesh_plan **out);

MESH_API_END

#endif
