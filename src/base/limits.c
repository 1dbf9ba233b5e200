/* limits.c: the readers' limits in force for the process. */
#include "meshsim/meshsim.h"

static struct mesh_limits in_force = {
	MESH_LIMIT_INPUT_BYTES, MESH_LIMIT_NODES, MESH_LIMIT_ROUTES,
	MESH_LIMIT_NAME_BYTES, MESH_LIMIT_DEPTH
};

void
mesh_limits_default(struct mesh_limits *l)
{
	l->input_bytes = MESH_LIMIT_INPUT_BYTES;
	l->nodes = MESH_LIMIT_NODES;
	l->routes = MESH_LIMIT_ROUTES;
	l->name_bytes = MESH_LIMIT_NAME_BYTES;
	l->depth = MESH_LIMIT_DEPTH;
}

enum mesh_error
mesh_limits_set(const struct mesh_limits *l)
{
	if (l == NULL) {
		mesh_limits_default(&in_force);
		return MESH_OK;
	}
	if (l->input_bytes == 0 || l->nodes == 0 || l->routes == 0 ||
	    l->name_bytes == 0 || l->depth == 0 ||
	    l->depth > MESH_LIMIT_DEPTH_MAX)
		return MESH_EINVAL;
	in_force = *l;
	return MESH_OK;
}

const struct mesh_limits *
mesh_limits_get(void)
{
	return &in_force;
}
