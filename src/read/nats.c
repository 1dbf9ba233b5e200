/* nats.c: read a nats input into a plan (to be built: issue 13). */
#include "meshsim/meshsim.h"
#include "read/readers.h"

enum mesh_error
mesh_i_read_nats(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, struct mesh_plan **out)
{
	(void)buf;
	(void)len;
	*out = NULL;
	mesh_diags_add(diags, MESH_ERROR, "unsupported-format", file, 0, 0,
	    NULL, "this format cannot be read yet");
	return MESH_EINPUT;
}
