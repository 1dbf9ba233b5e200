/* fuzz_env.c: libFuzzer harness for the env-file and command-line readers of --env NODE=FILE and --args NODE=FILE (harper.c): the input is the env file, or (when it holds "--") the command line, of one node of a NATS and of a replication cluster; then the reader harnesses' checks on each plan read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* Two small clusters, one of each generation; the env file applies to
 * the first node of each (server-three, that no config has, is a route
 * outside). */
static const char nats1[] =
    "clustering:\n"
    "  enabled: true\n"
    "  nodeName: node1\n"
    "  hubServer:\n"
    "    cluster:\n"
    "      network:\n"
    "        port: 9932\n"
    "        routes:\n"
    "          - host: node2\n"
    "            port: 9932\n";
static const char nats2[] =
    "clustering:\n"
    "  enabled: true\n"
    "  nodeName: node2\n"
    "  leafServer:\n"
    "    network:\n"
    "      routes:\n"
    "        - host: node1\n"
    "          port: 9931\n";
static const char repl1[] =
    "replication:\n"
    "  hostname: server-one\n"
    "  routes:\n"
    "    - server-two\n"
    "    - hostname: server-three\n"
    "      port: 9933\n";
static const char repl2[] =
    "replication:\n"
    "  url: wss://server-two:9933\n";

static char *configs[4];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	configs[0] = fuzz_write("node1.yaml", nats1, strlen(nats1));
	configs[1] = fuzz_write("node2.yaml", nats2, strlen(nats2));
	configs[2] = fuzz_write("server-one.yaml", repl1, strlen(repl1));
	configs[3] = fuzz_write("server-two.yaml", repl2, strlen(repl2));
	return 0;
}

/* Load n configs with env (a "NODE=FILE" argument) applied as an env
 * file, or with as_args set as a command line. */
static void
load(char *const *args, size_t n, const char *env, int as_args)
{
	struct mesh_harper_options opts;
	struct mesh_diags d;
	struct mesh_plan *plan = NULL;
	enum mesh_error err;

	memset(&opts, 0, sizeof(opts));
	if (as_args) {
		opts.argfiles = &env;
		opts.nargfiles = 1;
	} else {
		opts.envs = &env;
		opts.nenvs = 1;
	}
	mesh_diags_init(&d);
	err = mesh_harper_load((const char *const *)args, n, &opts, &d, &plan);
	fuzz_check_result(err, plan, &d);
	if (plan != NULL) {
		FUZZ_CHECK(plan->nnodes == n, "a node per config");
		fuzz_exercise(plan, &d);
	}
	mesh_plan_free(plan);
	mesh_diags_clear(&d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = fuzz_write("fuzz.env", data, size);
	size_t len = strlen(path) + sizeof("server-one=");
	char *env = malloc(len);
	size_t i;
	int as_args;

	if (env == NULL)
		abort();
	/* A command line gives flags; an env file none (and reads one as a
	 * bad line): each input is read as the one it looks like. */
	as_args = 0;
	for (i = 0; i + 1 < size && !as_args; i++)
		as_args = data[i] == '-' && data[i + 1] == '-';
	snprintf(env, len, "node1=%s", path);
	load(configs, 2, env, as_args);
	snprintf(env, len, "server-one=%s", path);
	load(configs + 2, 2, env, as_args);
	free(env);
	free(path);
	return 0;
}
