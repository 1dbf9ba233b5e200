/* export.h: write a plan as JSON (the plan format), GraphML, GML or Graphviz DOT. */
#ifndef MESHSIM_EXPORT_H
#define MESHSIM_EXPORT_H

#include "meshsim/meshsim.h"
#include "meshsim/visibility.h"

MESH_API_BEGIN

enum mesh_export_format {
	MESH_EXPORT_JSON,       /* the plan format: lossless */
	MESH_EXPORT_GRAPHML,    /* names, hosts, ports and links */
	MESH_EXPORT_GML,        /* names, hosts, ports and links */
	MESH_EXPORT_DOT         /* for Graphviz: names, host:port labels */
};

/* The format named "json", "graphml", "gml" or "dot"; -1 if unknown. */
int mesh_export_format_from_name(const char *name);

/*
 * Write plan (resolved) in format fmt. Nodes come in the plan's order,
 * links as plan->links holds them (sorted), so the same plan gives the
 * same bytes. Returns MESH_OK with *out set to NUL-terminated text that
 * the caller frees with free(), MESH_EINVAL for an unknown format, or
 * MESH_ENOMEM; on failure *out is NULL.
 */
enum mesh_error mesh_plan_export(const struct mesh_plan *plan,
    enum mesh_export_format fmt, char **out);

MESH_API_END

#endif
