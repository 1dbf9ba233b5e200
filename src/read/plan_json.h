/* plan_json.h: the JSON plan reader's parts: the timeline and what-if runs (plan_timeline.c); the shared checks are in json_kit.h. */
#ifndef MESH_PLAN_JSON_H
#define MESH_PLAN_JSON_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "read/json_kit.h"
#include "read/jsonpos.h"
#include "meshsim/meshsim.h"

struct mesh_i_tick;

/* The state of reading one JSON plan: the kit's reader first. */
struct mesh_i_plan_reader {
	struct mesh_i_reader base;
	struct mesh_plan *plan;
	struct mesh_i_tick *tick;       /* the reader's progress */
	struct mesh_i_node_route *by_node;  /* routes written {"node": name} */
	size_t nby_node, by_node_cap;
	const char *buf;        /* the text, when mapped (readers.h) */
	size_t dropped;         /* its bytes dropped from memory so far */
	int forked;             /* reads the second part of "nodes" on a
				 * second thread (plan_json.c) */
};

/* A route written {"node": name}: the node it names is known only once
 * every node is read. */
struct mesh_i_node_route {
	int node;               /* the node that stores the route */
	size_t route;           /* its index among that node's routes */
	int port_given;         /* "port" was written */
};

/* plan_timeline.c: read "timeline" and "whatif" of root, once every node
 * is known. */
void mesh_i_json_read_scenarios(struct mesh_i_plan_reader *r,
    const cJSON *root);

#endif
