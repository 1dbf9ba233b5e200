/* fuzz_nats.c: libFuzzer harness for the nats-server config, command-line and inventory readers (nats_conf.c, nats.c): each input read as a nats-server.conf, as a node's command line beside a fixed config and, when it starts with '{', as the inventory; then the reader harnesses' checks on each plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "meshsim/nats.h"

/* The config the command line goes with: node1 routes to node2, which
 * exists only as the command line. */
static const char node1[] =
    "server_name: node1\n"
    "cluster {\n"
    "  name: fig1\n"
    "  listen: 127.0.0.1:26221\n"
    "  routes: [nats-route://127.0.0.1:26222]\n"
    "}\n";

static char *config;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	config = fuzz_write("node1.conf", node1, strlen(node1));
	return 0;
}

/* The fixed config with opts, checked as a reader's result. */
static void
load(const struct mesh_nats_options *opts)
{
	struct mesh_diags d;
	struct mesh_plan *plan = NULL;
	enum mesh_error err;

	mesh_diags_init(&d);
	err = mesh_nats_load((const char *const *)&config, 1, opts, &d,
	    &plan);
	fuzz_check_result(err, plan, &d);
	if (plan != NULL)
		fuzz_exercise(plan, &d);
	mesh_plan_free(plan);
	mesh_diags_clear(&d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mesh_nats_options opts;
	const char *args[1];
	char *path, *arg;
	size_t len;

	/* As a config, from memory (check --input-format nats). */
	fuzz_plan(data, size, "node.conf", MESH_FORMAT_NATS);

	/* As node2's command line (--nats-args node2=FILE). */
	path = fuzz_write("node2.args", data, size);
	len = strlen(path) + sizeof("node2=");
	if ((arg = malloc(len)) == NULL)
		abort();
	snprintf(arg, len, "node2=%s", path);
	memset(&opts, 0, sizeof(opts));
	args[0] = arg;
	opts.args = args;
	opts.nargs = 1;
	load(&opts);
	/* As the inventory (--inventory), when it starts as JSON does. */
	if (size > 0 && data[0] == '{') {
		memset(&opts, 0, sizeof(opts));
		opts.inventory = path;
		load(&opts);
	}
	free(arg);
	free(path);
	return 0;
}
