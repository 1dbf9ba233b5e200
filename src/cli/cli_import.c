/* cli_import.c: `meshsim import KIND ...`: turn real cluster configuration into a plan. */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"

/* `meshsim import KIND [-o PLAN] FILE` for the kinds that are plan
 * formats of their own (kubernetes, compose): load FILE as FORMAT and write
 * its plan; several Kubernetes manifests are read as one set of objects.
 * Returns the exit status; everything it allocated is freed. */
static int
import_format(int argc, char **argv, unsigned kind, enum mesh_format format,
    const char *what)
{
	struct mesh_plan *plan = NULL;
	struct mesh_diags diags;
	struct cli_common o;
	enum mesh_error err;
	int status;

	memset(&o, 0, sizeof(o));
	mesh_diags_init(&diags);
	o.input_format = format;
	if ((status = cli_parse_options(argc, argv, kind, &o, NULL,
	    NULL)) != 0)
		goto done;
	if (format == MESH_FORMAT_KUBERNETES && argc - optind > 1) {
		if ((status = cli_manifests(&o, argc, argv)) != 0)
			goto done;
		err = mesh_kubernetes_load((const char *const *)o.manifests,
		    o.nmanifests, &diags, &plan);
	} else if ((status = cli_common_plan(&o, argc, argv)) == 0) {
		err = mesh_plan_load_progress(o.plan, format, cli_progress(),
		    &diags, &plan);
	} else {
		goto done;
	}
	status = cli_import_write(what, err, &diags, plan, o.output, o.plan);
done:
	mesh_plan_free(plan);
	mesh_diags_clear(&diags);
	return status;
}

/* `meshsim import kubernetes [-o PLAN] MANIFEST.yaml ...`: the plan of
 * Kubernetes manifests, in one file or several (docs/kubernetes.md). */
static int
import_kubernetes(int argc, char **argv)
{
	return import_format(argc, argv, CLI_IMPORT_KUBERNETES,
	    MESH_FORMAT_KUBERNETES, "import kubernetes");
}

/* `meshsim import compose [-o PLAN] COMPOSE.yml`: the plan of a docker
 * compose file (docs/compose.md). */
static int
import_compose(int argc, char **argv)
{
	return import_format(argc, argv, CLI_IMPORT_COMPOSE,
	    MESH_FORMAT_COMPOSE, "import compose");
}

int
cli_import(int argc, char **argv)
{
	static const struct {
		const char *kind;
		int (*run)(int, char **);
	} kinds[] = {
		{ "harper", cli_import_harper },
		{ "harper-cluster-status", cli_import_status },
		{ "harper-network", cli_import_network },
		{ "harper-routes", cli_import_routes },
		{ "kubernetes", import_kubernetes },
		{ "compose", import_compose },
		{ "nats", cli_import_nats },
		{ "nats-routez", cli_import_routez },
	};
	size_t i;

	cli_usage_command(CLI_IMPORT);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		cli_help(stdout, CLI_IMPORT);
		return CLI_EXIT_OK;
	}
	if (argc < 2) {
		cli_error("import: which kind? harper, harper-cluster-status, "
		    "harper-network, harper-routes, kubernetes, compose, nats or "
		    "nats-routez");
		cli_usage(stderr);
		return CLI_EXIT_BAD;
	}
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(argv[1], kinds[i].kind) == 0)
			return kinds[i].run(argc - 1, argv + 1);
	cli_error("import: unknown kind '%s' (harper, "
	    "harper-cluster-status, harper-network, harper-routes, kubernetes, "
	    "compose, nats or nats-routez)", argv[1]);
	cli_usage(stderr);
	return CLI_EXIT_BAD;
}
