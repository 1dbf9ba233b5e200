/* fuzz_routez.c: libFuzzer harness for the nats-server /routez reader (nats_routez.c): the input is node1's answer, read with a fixed answer of node2; then the reader harnesses' checks on each plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "meshsim/nats.h"

/* node2's answer: one connection, to a server "N1" that it dialled. */
static const char node2[] =
    "{\"server_id\": \"N2\", \"num_routes\": 1, \"routes\": [\n"
    " {\"rid\": 1, \"remote_id\": \"N1\", \"did_solicit\": true,"
    " \"is_configured\": true, \"ip\": \"127.0.0.1\", \"port\": 26221}]}";

static char *arg2;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *path;
	size_t len;

	(void)argc;
	(void)argv;
	path = fuzz_write("routez-node2.json", node2, strlen(node2));
	len = strlen(path) + sizeof("node2=");
	if ((arg2 = malloc(len)) == NULL)
		abort();
	snprintf(arg2, len, "node2=%s", path);
	free(path);
	return 0;
}

/* Load the n answers args, with the checks of a reader's result. */
static void
load(const char *const *args, size_t n)
{
	struct mesh_diags d;
	struct mesh_plan *plan = NULL;
	enum mesh_error err;

	mesh_diags_init(&d);
	err = mesh_nats_routez_load(args, n, &d, &plan);
	fuzz_check_result(err, plan, &d);
	if (plan != NULL) {
		FUZZ_CHECK(plan->nnodes >= n, "a node per answer");
		fuzz_exercise(plan, &d);
	}
	mesh_plan_free(plan);
	mesh_diags_clear(&d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = fuzz_write("routez-node1.json", data, size);
	size_t len = strlen(path) + sizeof("node1=");
	const char *args[2];
	char *arg1 = malloc(len);

	if (arg1 == NULL)
		abort();
	snprintf(arg1, len, "node1=%s", path);
	args[0] = arg1;
	args[1] = arg2;
	load(args, 1);
	load(args, 2);
	free(arg1);
	free(path);
	return 0;
}
