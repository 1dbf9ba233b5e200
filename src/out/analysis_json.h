/* analysis_json.h: the analysis's members, for the documents that hold them. */
#ifndef MESH_ANALYSIS_JSON_H
#define MESH_ANALYSIS_JSON_H

#include "meshsim/meshsim.h"
#include "out/json_writer.h"

/* The members of mesh_analysis_json() from "nodes" to "route_storage"
 * (docs/json.md), into the report object open in w (json_out.h,
 * mesh_i_jw_report_begin(), in MESH_I_JW_FIXED4); a failure marks w's
 * buffer failed. */
void mesh_i_jw_analysis(struct mesh_i_jw *w, const struct mesh_analysis *a);

/* a's articulation points, then its bridges (pairs of names), each an
 * array on one line under its key: what the analysis and check --apply's
 * before and after states share; a failure marks w's buffer failed. */
void mesh_i_jw_cuts(struct mesh_i_jw *w, const struct mesh_analysis *a);

#endif
