/* error.c: descriptions of the library's error codes. */
#include "meshsim/meshsim.h"
#include "base/igraph_glue.h"

const char *
mesh_strerror(enum mesh_error err)
{
	switch (err) {
	case MESH_OK:           return "success";
	case MESH_ENOMEM:       return "out of memory";
	case MESH_EINPUT:       return "the input was refused";
	case MESH_EIO:          return "a file could not be read";
	case MESH_ENOTFOUND:    return "no such node";
	case MESH_EINVAL:       return "invalid argument";
	case MESH_EGRAPH:       return "graph library failure";
	case MESH_ENOIGRAPH:    return mesh_i_igraph_missing();
	}
	return "unknown error";
}
