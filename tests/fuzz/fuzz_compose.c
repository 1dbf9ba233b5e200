/* fuzz_compose.c: libFuzzer harness for the docker compose reader (and the Harper reader it feeds), then the analyses on each plan it reads. */
#include <string.h>
#include <strings.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mesh_plan *plan = NULL;
	struct mesh_diags d;
	enum mesh_error err;
	size_t i, k, n = 0;

	/* Env files and configs it names are read relative to the folder
	 * the harness runs in (the repository's top: tests/compose/...). */
	mesh_diags_init(&d);
	err = mesh_plan_parse((const char *)data, size, "docker-compose.yml",
	    MESH_FORMAT_COMPOSE, &d, &plan);
	fuzz_check_result(err, plan, &d);
	/*
	 * The GML and GraphML exports do not keep aliases yet, so a plan
	 * whose routes reach a node by an alias does not read back with
	 * the same links from them: such plans get the reader's checks
	 * alone until they do.
	 */
	for (i = 0; plan != NULL && i < plan->nnodes; i++)
		for (k = 0; k < plan->nodes[i].nroutes; k++) {
			const struct mesh_route *r = &plan->nodes[i].routes[k];

			n += r->target >= 0 && strcasecmp(r->host,
			    plan->nodes[r->target].host) != 0;
		}
	if (err == MESH_OK && n == 0)
		fuzz_exercise(plan, &d);
	mesh_plan_free(plan);
	mesh_diags_clear(&d);
	return 0;
}
