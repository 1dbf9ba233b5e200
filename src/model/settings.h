/* settings.h: which sources set a node's config keys, where several did: the one that won and those that lost (check --explain, check's JSON "route_sources"). */
#ifndef MESH_I_SETTINGS_H
#define MESH_I_SETTINGS_H

#include <stddef.h>

#include "meshsim/plan.h"

/*
 * One setting of a node's config key: key (a dotted path), where it is
 * written (file, held by the plan; line, column 0 when unknown), how
 * (via, a static string as in struct mesh_source), whether it took
 * effect (won: the last in the precedence), and whether the key is the
 * one the node's routes come from (routes).
 */
struct mesh_i_setting {
	const char *key;
	const char *file;
	int line, column;
	const char *via;
	int won;
	int routes;
};

/*
 * Record s (copied; key and via are kept as pointers, file is copied) for
 * node of p. Returns 0, or -1 when out of memory (nothing recorded).
 */
int mesh_i_plan_add_setting(struct mesh_plan *p, int node,
    const struct mesh_i_setting *s);

/* The settings of node, in the order recorded: *out points at n of them
 * (valid until the plan changes). Returns n. */
size_t mesh_i_plan_settings(const struct mesh_plan *p, int node,
    const struct mesh_i_setting **out);

#endif
