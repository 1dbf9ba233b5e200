/* harper_keys.h: Harper's own config keys (both generations), and the unknown-key checks of YAML configs and env files against them. */
#ifndef MESH_HARPER_KEYS_H
#define MESH_HARPER_KEYS_H

#include <stddef.h>

#include <yaml.h>

#include "meshsim/diag.h"

/*
 * Where a YAML text stands: line 0, the marks are file's own; else its
 * first character is at line:column of file and its later lines are
 * shifted right by indent columns.
 */
struct mesh_i_hk_origin {
	const char *file;
	int line, column, indent;
};

/*
 * Warn (unknown-key) about every key of every mapping of doc that Harper
 * does not know at that place, at its line and column (o), with a
 * did-you-mean and what it does to the analysis of node (the name the
 * config gives, or its file's). Root-level mappings holding a `package`
 * key (component declarations) and the sections where Harper takes any
 * key (databases.NAME, logging sections, ...) are not checked. Returns 0,
 * or -1 when out of memory (d->nomem set by the diagnostics list).
 */
int mesh_i_harper_keys_walk(yaml_document_t *doc,
    const struct mesh_i_hk_origin *o, const char *node, struct mesh_diags *d);

/*
 * Check the env variable name (len bytes, not NUL-terminated) at
 * line:column of file: a name that looks like a Harper config key (it
 * starts with a top-level section and '_', or is within two edits of a
 * key) but is none gets unknown-key with the suggested name. Returns 1
 * when warned, 0 when not, -1 when out of memory.
 */
int mesh_i_harper_keys_env(const char *name, size_t len, const char *file,
    int line, int column, const char *node, struct mesh_diags *d);

/*
 * The dotted key path an env variable name given in Harper's legacy
 * form stands for (CLUSTERING_PORT, NODE_NAME, CLUSTERING, ...), or NULL.
 */
const char *mesh_i_harper_keys_env_alias(const char *name, size_t len);

#endif
