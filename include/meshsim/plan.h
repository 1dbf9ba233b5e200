/* plan.h: a topology plan (nodes and the routes they store) and its readers. */
#ifndef MESHSIM_PLAN_H
#define MESHSIM_PLAN_H

#include <stddef.h>

#include "meshsim/diag.h"
#include "meshsim/progress.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

#define MESH_DEFAULT_PORT 9932

/* A route as a node's config stores it: the remote host and port. */
struct mesh_route {
	char *host;
	int port;
	int line, column;       /* where the route is written; 0 if unknown */
	int target;             /* index of the node it links to, or -1 */
};

/* A label of a node, such as zone=us-east-1a: failure domains. */
struct mesh_label {
	char *key;
	char *value;
};

struct mesh_node {
	char *name;
	char *host;
	int port;
	int line, column;       /* where the node is written; 0 if unknown */
	struct mesh_route *routes;
	size_t nroutes;
	size_t routes_cap;
	struct mesh_label *labels;      /* sorted by key, keys unique */
	size_t nlabels;
	double availability;    /* probability the node is up; -1: default */
	int no_cluster;         /* 1: the node does not join the cluster
				 * (JSON "clustering": false, Harper's
				 * clustering.enabled: false): it stays in
				 * the plan, its routes and routes to it
				 * make no links */
};

/*
 * What a timeline step or a what-if run expects; each part is checked only
 * when its has_ flag is set. Node lists are sorted by name.
 */
struct mesh_expect {
	int has_connected;
	int connected;          /* every up node reaches every other */
	int has_isolated;
	int *isolated;          /* exactly these up nodes reach no other */
	size_t nisolated;
	int has_cut_off;
	int *cut_off;           /* exactly these are outside the largest group */
	size_t ncut_off;
};

enum mesh_event {
	MESH_EVENT_START,
	MESH_EVENT_STOP,
	MESH_EVENT_RESTART,
	MESH_EVENT_CUT,         /* nodes[0], nodes[1]: a network fault */
	MESH_EVENT_HEAL         /* nodes[0], nodes[1]: the fault ends */
};

/* One step of a plan's timeline. */
struct mesh_step {
	enum mesh_event event;
	int *nodes;
	size_t nnodes;
	int has_expect;
	struct mesh_expect expect;
	int line, column;
};

/* A named what-if run: these nodes down, and what to expect. */
struct mesh_whatif {
	char *name;
	int *down;
	size_t ndown;
	int has_expect;
	struct mesh_expect expect;
	int line, column;
};

/*
 * A plan. Read its fields; change it only through the functions below.
 * links holds each distinct link once as a pair (a, b) of node indices with
 * a < b, sorted; it is valid after mesh_plan_resolve().
 */
/* Which kind of cluster a plan describes: its "cluster" (docs/formats.md).
 * It picks check's default model (docs/replication.md). */
enum mesh_cluster {
	MESH_CLUSTER_UNSAID,            /* no "cluster": the route graph */
	MESH_CLUSTER_HARPER_NATS,       /* "harper-nats": as unsaid */
	MESH_CLUSTER_HARPER_REPLICATION /* "harper-replication" (4.4+) */
};

/* The "cluster" value of c; NULL for MESH_CLUSTER_UNSAID. */
const char *mesh_cluster_name(enum mesh_cluster c);

struct mesh_plan {
	char *name;             /* the plan's "name", or NULL */
	enum mesh_cluster cluster;      /* the plan's "cluster" */
	char *file;             /* the file it was read from, or NULL */
	struct mesh_node *nodes;
	size_t nnodes;
	size_t nodes_cap;
	size_t nroutes;         /* route entries as written, all nodes */
	int *links;             /* 2 * nlinks node indices */
	size_t nlinks;
	struct mesh_step *steps;        /* the timeline, in order */
	size_t nsteps;
	struct mesh_whatif *whatifs;
	size_t nwhatifs;
	struct mesh_plan_index *index;  /* private: name and endpoint lookup */
};

enum mesh_format {
	MESH_FORMAT_AUTO,       /* by the file name's ending, else JSON */
	MESH_FORMAT_JSON,
	MESH_FORMAT_GML,
	MESH_FORMAT_GRAPHML,
	MESH_FORMAT_EDGELIST,
	MESH_FORMAT_NCOL,
	MESH_FORMAT_HARPER,     /* harperdb-config.yaml, one file per node */
	MESH_FORMAT_COMPOSE,    /* a docker compose file (docs/compose.md) */
	MESH_FORMAT_KUBERNETES, /* Kubernetes manifests (docs/kubernetes.md) */
	MESH_FORMAT_NATS        /* nats-server.conf, one file per node
				 * (docs/nats.md) */
};

/* The format named "auto", "json", "gml", "graphml", "edgelist", "ncol",
 * "harper", "compose", "kubernetes" or "nats"; -1 if unknown. */
int mesh_format_from_name(const char *name);

/* The name of a format, as mesh_format_from_name() takes it. */
const char *mesh_format_name(enum mesh_format format);

/* The format a file's name implies: .gml, .graphml, .edges or .edgelist,
 * .ncol, .yaml or .yml (Harper), .conf (NATS), any case; JSON otherwise. */
enum mesh_format mesh_format_of_file(const char *file);

/*
 * The format of len bytes at buf named file, by name and content: YAML
 * whose top level has "services" is a compose file, YAML whose documents
 * have "apiVersion" and "kind" is Kubernetes, other YAML a Harper config;
 * a .conf file, or a file whose first non-blank character is not '{' or
 * '[' and that holds a "cluster" block, is NATS; else as
 * mesh_format_of_file(). What mesh_plan_load() does for MESH_FORMAT_AUTO.
 */
enum mesh_format mesh_format_sniff(const char *file, const char *buf,
    size_t len);

/*
 * Read the plan in the file at path. Problems with the input are appended
 * to diags; when any is an error, MESH_EINPUT is returned. A file that
 * cannot be read is reported as an error diagnostic too (MESH_EIO). Input
 * past a limit of limits.h (size, nodes, routes, name length, depth) is
 * an error at the place it is crossed (MESH_EINPUT). GML, GraphML, edge
 * lists and NCOL are read by igraph, loaded when first needed:
 * MESH_ENOIGRAPH when it cannot be (the other formats do not need it).
 * On success *out is a resolved plan that the caller frees with
 * mesh_plan_free(); on failure *out is NULL.
 *
 * Threads: a JSON plan of 1 MiB or more (this and mesh_plan_parse()) is
 * read on two threads: the second reads the nodes of the second half of
 * the text into a plan of its own while the calling thread reads those
 * before, and the two are joined when that is exactly what one thread
 * would have read (else the calling thread reads that half again: after
 * any diagnostic in it, for one). The second thread is joined before the
 * call returns, touches only memory of its own and calls nothing of the
 * caller's, and the result (plan, diagnostics, progress reports, all
 * from the calling thread) is byte for byte what one thread gives. When
 * no thread can be made, one thread does it all. Smaller plans and the
 * other formats use the calling thread only.
 */
enum mesh_error mesh_plan_load(const char *path, enum mesh_format format,
    struct mesh_diags *diags, struct mesh_plan **out);

/*
 * As mesh_plan_load(), reporting through progress (NULL: none;
 * progress.h) the phases "reading" (bytes read of the file's size; not
 * reported for a file that is not a regular one) and "parsing" (bytes of
 * the text: 0 when the reader starts, all of them when the plan is read;
 * a reader may report on the way). A refused plan ends "parsing" early.
 */
enum mesh_error mesh_plan_load_progress(const char *path,
    enum mesh_format format, const struct mesh_progress *progress,
    struct mesh_diags *diags, struct mesh_plan **out);

/*
 * As mesh_plan_load(), from len bytes at buf; file names the source in
 * diagnostics (may be NULL). buf need not be NUL-terminated.
 */
enum mesh_error mesh_plan_parse(const char *buf, size_t len,
    const char *file, enum mesh_format format, struct mesh_diags *diags,
    struct mesh_plan **out);

/* Building a plan by hand (readers use these too). */

/* A new empty plan, or NULL when out of memory. name and file may be NULL. */
struct mesh_plan *mesh_plan_new(const char *name, const char *file);

/* Free a plan and everything it holds; NULL is accepted. */
void mesh_plan_free(struct mesh_plan *plan);

/*
 * Add a node; host NULL means the name. Returns the new node's index,
 * -1 when out of memory (or, in a plan a reader is building, when a
 * limit of limits.h is crossed: the reader's diagnostics say so), or -2
 * when the name is taken (the plan is then unaltered). Strings are
 * copied.
 */
int mesh_plan_add_node(struct mesh_plan *plan, const char *name,
    const char *host, int port, int line, int column);

/* Add a route to node's config. Returns 0, or -1 when out of memory (or
 * a limit is crossed, as for mesh_plan_add_node()). */
int mesh_plan_add_route(struct mesh_plan *plan, int node, const char *host,
    int port, int line, int column);

/*
 * Resolve every route to the node it names and build the link list.
 * Appends to diags an error for two nodes on the same host and port, and
 * the warnings dangling-route, port-mismatch, self-route, duplicate-route,
 * not-clustering (a route from or to a node with no_cluster set: no
 * link) and shared-alias (a route linked through an alias that other
 * nodes have too: it links to the first). Returns MESH_OK, MESH_EINPUT when an error was found, or
 * MESH_ENOMEM.
 * Threads: a plan of 65,536 routes or more has them looked up by two
 * threads, the second only reading the plan and joined before the call
 * returns; the result is what one thread gives.
 */
enum mesh_error mesh_plan_resolve(struct mesh_plan *plan,
    struct mesh_diags *diags);

/*
 * Where a route comes from, when a reader knows more than its line and
 * column: the file it is written in and the mechanism that set it ("yaml",
 * "env", "argument", "HARPER_SET_CONFIG", "compose environment", ...;
 * the reader's documentation lists its own). Routes of a plan file have
 * none.
 */
struct mesh_source {
	const char *file;       /* the plan holds the text */
	const char *via;        /* a static string */
};

/*
 * Say where route of node comes from (file and via are copied; via may be
 * NULL). Returns 0, or -1 when out of memory (the route keeps no source).
 */
int mesh_plan_set_route_source(struct mesh_plan *plan, int node,
    size_t route, const char *file, const char *via);

/* Where route of node comes from, or NULL when the plan does not say. */
const struct mesh_source *mesh_plan_route_source(const struct mesh_plan *plan,
    int node, size_t route);

/*
 * The file node is written in, when a reader of several files knows it
 * (a Harper or NATS config, a mounted config): its line and column are
 * in that file. file is copied. Returns 0, or -1 when out of memory (the
 * node keeps no file).
 */
int mesh_plan_set_node_file(struct mesh_plan *plan, int node,
    const char *file);

/* The file set for node, or NULL: its line and column, if any, are then
 * in the plan's file. */
const char *mesh_plan_node_file(const struct mesh_plan *plan, int node);

/*
 * Another host at which node is reached (a compose network alias, a
 * Kubernetes DNS name): routes to host on the node's port, or to host
 * with any port when no node has host and that port, resolve to it as
 * to its host. Returns 0, or -1 when out of memory.
 */
int mesh_plan_add_alias(struct mesh_plan *plan, int node, const char *host);

/* The aliases of node, in the order added: *out points at n of them
 * (valid until the plan changes). Returns n. */
size_t mesh_plan_aliases(const struct mesh_plan *plan, int node,
    const char *const **out);

/*
 * Set the label key=value on node (replacing the value of a key it has).
 * Returns 0, or -1 when out of memory (the node is unaltered).
 */
int mesh_plan_set_label(struct mesh_plan *plan, int node, const char *key,
    const char *value);

/* The value of node's label key, or NULL. */
const char *mesh_node_label(const struct mesh_node *node, const char *key);

/* Free what an expectation holds; NULL is accepted. */
void mesh_expect_clear(struct mesh_expect *e);

/* The name of an event ("start", "stop", ...). */
const char *mesh_event_name(enum mesh_event ev);

/*
 * Sort the node indices v[0 .. n-1] of plan by name (byte order), in place.
 * Returns 0, or -1 when out of memory (v is then unaltered).
 */
int mesh_plan_sort_nodes(const struct mesh_plan *plan, int *v, size_t n);

/* The index of the node called name, or -1. */
int mesh_plan_find(const struct mesh_plan *plan, const char *name);

MESH_API_END

#endif
