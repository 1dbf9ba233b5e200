/* plan_json.h: the JSON plan reader's parts: the timeline and what-if runs (plan_timeline.c); the shared checks are in json_kit.h. */
#ifndef MESH_PLAN_JSON_H
#define MESH_PLAN_JSON_H

#include <cjson/cJSON.h>

#include "read/json_kit.h"
#include "read/jsonpos.h"
#include "meshsim/meshsim.h"

/* plan_timeline.c: read "timeline" and "whatif" of root, once every node
 * is known. */
void mesh_i_json_read_scenarios(struct reader *r, const cJSON *root);

#endif
