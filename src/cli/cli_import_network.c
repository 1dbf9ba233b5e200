/* cli_import_network.c: `meshsim import harper-network ANSWER.json`: a plan from a cluster_network answer, and its drift from the live connections. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_apply.h"

/* How many diagnostics of d have code. */
static size_t
count_code(const struct mesh_diags *d, const char *code)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		n += strcmp(d->v[i].code, code) == 0;
	return n;
}

/* The options of its own. */
struct network_opts {
	const char *inventory;          /* --inventory */
	int fail_on_drift;              /* --fail-on-drift */
};

/* An own_option of cli_parse_options(). */
static int
network_option(void *ctx, int c, char *arg)
{
	struct network_opts *o = ctx;

	if (c == CLI_OPT_FAIL_ON_DRIFT)
		o->fail_on_drift = 1;
	else if (c == CLI_OPT_INVENTORY)
		o->inventory = arg;
	else
		return 0;
	return 1;
}

int
cli_import_network(int argc, char **argv)
{
	struct network_opts no = { NULL, 0 };
	struct mesh_ops_inventory *inv = NULL;
	struct mesh_plan *plan = NULL;
	struct mesh_diags diags;
	struct cli_common o;
	const char *file;
	enum mesh_error err;
	size_t len;
	char *buf = NULL;
	int status;

	memset(&o, 0, sizeof(o));
	mesh_diags_init(&diags);
	if ((status = cli_parse_options(argc, argv, CLI_IMPORT_NETWORK,
	    &o, network_option, &no)) != 0)
		goto done;
	status = CLI_EXIT_BAD;
	if (argc - optind != 1) {
		cli_error(argc - optind ? "import harper-network: one answer "
		    "at a time" : "import harper-network: no answer given");
		cli_usage(stderr);
		goto done;
	}
	file = argv[optind];
	if (cli_ops_inventory(no.inventory, &diags, &inv) != 0)
		goto done;
	err = mesh_ops_read_file(file, &diags, &buf, &len);
	if (err == MESH_OK)
		err = mesh_ops_network_parse(buf, len, file, inv, &diags,
		    &plan);
	if ((status = cli_import_write("import harper-network", err, &diags,
	    plan, o.output, file)) == 0 && no.fail_on_drift &&
	    count_code(&diags, "gossip-link") +
	    count_code(&diags, "route-not-live") > 0)
		status = CLI_EXIT_FOUND;
done:
	free(buf);
	mesh_ops_inventory_free(inv);
	mesh_plan_free(plan);
	mesh_diags_clear(&diags);
	return status;
}
