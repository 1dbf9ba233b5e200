/* json_kit.h: what the JSON readers (plans, timelines, operations payloads, shard partials) share. */
#ifndef MESH_JSON_KIT_H
#define MESH_JSON_KIT_H

#include <cjson/cJSON.h>

#include "meshsim/meshsim.h"

/* The state of reading one JSON plan. */
struct reader {
	const char *file;
	struct mesh_diags *diags;
	struct mesh_plan *plan;
	int errors;
	int nomem;
	struct mesh_i_tick *tick;         /* the JSON plan reader's progress */
	struct node_route *by_node;     /* routes written {"node": name} */
	size_t nby_node, by_node_cap;
};

/* A route written {"node": name}: the node it names is known only once
 * every node is read. */
struct node_route {
	int node;               /* the node that stores the route */
	size_t route;           /* its index among that node's routes */
	int port_given;         /* "port" was written */
};

/* "an object", "a list", "a string", ... */
const char *mesh_i_json_type_name(const cJSON *v);

/* Report that v (what: "'port'") is not want ("an integer"). */
void mesh_i_json_wrong_type(struct reader *r, const cJSON *v, const char *what,
    const char *want, const char *node);

/* The most keys a known-key list may have. */
#define MESH_I_JSON_MAX_KEYS 8

/* Duplicate keys of obj are errors; keys not in known (NULL-terminated,
 * at most MESH_I_JSON_MAX_KEYS) are warnings. what and node name the object
 * in messages. */
void mesh_i_json_check_keys(struct reader *r, const cJSON *obj,
    const char *const *known, const char *what, const char *node);

/* The same check, in the same pass finding the members: seen[k] (room
 * for MESH_I_JSON_MAX_KEYS) is the first member named known[k], or NULL. */
void mesh_i_json_members(struct reader *r, const cJSON *obj,
    const char *const *known, const char *what, const char *node,
    const cJSON **seen);

/* A port value: an integer 1-65535. Returns it, or 0 after reporting an
 * error (wrong-type, port-not-integer, port-range). */
int mesh_i_json_read_port(struct reader *r, const cJSON *v, const char *node);

/* A host value: non-empty text without white space, '/' or control
 * characters. Returns it, or NULL after reporting (wrong-type,
 * bad-host). */
const char *mesh_i_json_read_host(struct reader *r, const cJSON *v,
    const char *node);

#endif
