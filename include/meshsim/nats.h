/* nats.h: nats-server configs and command lines (one per node) into a plan, a plan into nats-server configs, /routez answers into a plan. */
#ifndef MESHSIM_NATS_H
#define MESHSIM_NATS_H

#include <stddef.h>

#include "meshsim/meshsim.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

/* The cluster port nats-server listens on when a config says none. */
#define MESH_NATS_CLUSTER_PORT 6222

/* What to read besides the configs; all fields may be 0/NULL. */
struct mesh_nats_options {
	const char *inventory;          /* JSON: {"node": "host" or
					 * {"host": H, "port": P}} */
	const char *const *args;        /* "NODE=FILE": the node's
					 * nats-server command line */
	size_t nargs;
};

/*
 * Read the configs args[0 .. n-1], each "[HOST=]PATH" as the command line
 * spells it (HOST= is taken only when what precedes the first '=' holds
 * no '/'), and the command lines of opts into one resolved plan: a node
 * per config (or per command line naming no config), its cluster
 * endpoint and routes, each route with its source. Problems go to diags,
 * each with its file, line and column. Returns MESH_OK with *out set (the
 * caller frees it with mesh_plan_free()), or MESH_EINPUT / MESH_EIO /
 * MESH_ENOMEM with *out NULL.
 */
enum mesh_error mesh_nats_load(const char *const *args, size_t n,
    const struct mesh_nats_options *opts, struct mesh_diags *diags,
    struct mesh_plan **out);

/* One file of an export: its name (no directory) and text. */
struct mesh_nats_file {
	char *name;
	char *text;
	size_t len;
};

/* How to export; zeroed: every node at its plan host and port. */
struct mesh_nats_export_options {
	int loopback;           /* 1: every node on 127.0.0.1, ports from
				 * base_port (docs/nats.md) */
	int base_port;          /* 1024 .. 65535 - 2000 - nodes */
	const char *cluster_name;       /* NULL: "meshsim" */
};

/*
 * The nats-server.conf of every node of plan (resolved), NODE.conf, in
 * the plan's node order; the same plan gives the same bytes. A node name
 * that cannot be a file name, or ports out of range, is an error in
 * diags. Returns MESH_OK with *out (n files; free with
 * mesh_nats_files_free()), or MESH_EINPUT / MESH_ENOMEM with *out NULL.
 */
enum mesh_error mesh_nats_export(const struct mesh_plan *plan,
    const struct mesh_nats_export_options *opts, struct mesh_diags *diags,
    struct mesh_nats_file **out, size_t *n);

/* Free n files of an export; NULL is accepted. */
void mesh_nats_files_free(struct mesh_nats_file *files, size_t n);

/*
 * A plan of the live route connections that the /routez answers
 * args[0 .. n-1] ("NODE=FILE", one per server) report: a node per answer,
 * a route per live connection it lists. Each connection that no end
 * configured (is_configured false at both ends) is the warning
 * gossip-link; a note (drift) counts them. Returns as mesh_nats_load().
 */
enum mesh_error mesh_nats_routez_load(const char *const *args, size_t n,
    struct mesh_diags *diags, struct mesh_plan **out);

MESH_API_END

#endif
