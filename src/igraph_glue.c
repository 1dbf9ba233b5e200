/* igraph_glue.c: calling igraph safely: handlers that neither abort nor print, and error conversion. */
#include <stdio.h>

#include "igraph_glue.h"

/* igraph 0.10.2 is not thread-safe, and neither is this message. */
static char last_message[512];

static void
record_error(const char *reason, const char *file, int line,
    igraph_error_t err)
{
	(void)file;
	(void)line;
	(void)err;
	snprintf(last_message, sizeof(last_message), "%s", reason);
	IGRAPH_FINALLY_FREE();
}

static void
drop_warning(const char *reason, const char *file, int line)
{
	(void)reason;
	(void)file;
	(void)line;
}

void
mesh_igraph_enter(struct mesh_igraph_saved *saved)
{
	last_message[0] = '\0';
	saved->error = igraph_set_error_handler(record_error);
	saved->warning = igraph_set_warning_handler(drop_warning);
}

void
mesh_igraph_leave(const struct mesh_igraph_saved *saved)
{
	igraph_set_error_handler(saved->error);
	igraph_set_warning_handler(saved->warning);
}

const char *
mesh_igraph_message(void)
{
	return last_message;
}

enum mesh_error
mesh_igraph_error(igraph_error_t e)
{
	switch (e) {
	case IGRAPH_SUCCESS:
		return MESH_OK;
	case IGRAPH_ENOMEM:
		return MESH_ENOMEM;
	case IGRAPH_PARSEERROR:
		return MESH_EINPUT;
	default:
		return MESH_EGRAPH;
	}
}
