/* cli_apply.h: `meshsim check --apply NODE=REQUEST.json`: Harper route requests as what-ifs. */
#ifndef MESH_CLI_APPLY_H
#define MESH_CLI_APPLY_H

#include <stdio.h>

#include "meshsim/meshsim.h"
#include "meshsim/harper_ops.h"

struct cli_apply;

/*
 * Read the --apply arguments args[0 .. n-1] (NODE=REQUEST.json, applied in
 * order), check that they fit the plan (replication: a native replication
 * plan, which takes add_node, update_node and remove_node only), analyse
 * plan before them with opts, and apply them. diags holds
 * the plan's diagnostics; it gets the requests' and becomes those of the
 * plan after the requests. Returns 0 with *out set (free with
 * cli_apply_free), or CLI_EXIT_BAD after printing the diagnostics or the
 * error; *out is NULL then.
 */
int cli_apply_run(const struct mesh_plan *plan, int replication,
    char **args, size_t n, const struct mesh_analysis_options *opts,
    struct mesh_diags *diags, struct cli_apply **out);

/* The plan after the requests; it lives as long as ap. */
const struct mesh_plan *cli_apply_plan(const struct cli_apply *ap);

/* The what-if section of the text report, before the report of the plan
 * after the requests (analysed in after). Returns 0, or -1 when out of
 * memory. */
int cli_apply_text(FILE *out, const struct cli_apply *ap,
    const struct mesh_analysis *after);

/* The JSON report json (consumed; NULL means out of memory) with the
 * what-if keys added before "diagnostics". Returns a string the caller
 * frees, or NULL when out of memory. */
char *cli_apply_json(const struct cli_apply *ap,
    const struct mesh_analysis *after, char *json);

/* Free ap; NULL is accepted. */
void cli_apply_free(struct cli_apply *ap);

/* For `meshsim import harper-routes` and `harper-network` too: read the
 * --inventory file at path (NULL: none, *out NULL). Returns 0 with *out
 * set (mesh_ops_inventory_free), or CLI_EXIT_BAD after printing the
 * diagnostics. */
int cli_ops_inventory(const char *path, struct mesh_diags *diags,
    struct mesh_ops_inventory **out);

#endif
