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

int
cli_import_network(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "fail-on-drift", no_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ "inventory", required_argument, NULL, 'I' },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		CLI_LIMIT_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct mesh_ops_inventory *inv = NULL;
	struct mesh_plan *plan = NULL;
	struct mesh_diags diags;
	const char *inventory = NULL, *output = NULL, *file;
	enum mesh_error err;
	size_t len, gossip, dead;
	char *buf = NULL;
	int c, r, fail_on_drift = 0, status = CLI_EXIT_BAD;

	mesh_diags_init(&diags);
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'D':
			fail_on_drift = 1;
			break;
		case 'h':
			cli_usage(stdout);
			status = CLI_EXIT_OK;
			goto done;
		case 'I':
			inventory = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'q':
			cli_progress_quiet();   /* no bar here: accepted alike */
			break;
		default:
			if ((r = cli_limit_option(c, optarg)) > 0)
				break;
			if (r == 0)
				cli_usage(stderr);
			goto done;
		}
	}
	if (argc - optind != 1) {
		cli_error(argc - optind ? "import harper-network: one answer "
		    "at a time" : "import harper-network: no answer given");
		cli_usage(stderr);
		goto done;
	}
	file = argv[optind];
	if (cli_ops_inventory(inventory, &diags, &inv) != 0)
		goto done;
	err = mesh_ops_read_file(file, &diags, &buf, &len);
	if (err == MESH_OK)
		err = mesh_ops_network_parse(buf, len, file, inv, &diags,
		    &plan);
	cli_diags(&diags, MESH_NOTE);
	if (err != MESH_OK) {
		if (err != MESH_EINPUT && err != MESH_EIO)
			cli_error("import harper-network: %s",
			    mesh_strerror(err));
		goto done;
	}
	gossip = count_code(&diags, "gossip-link");
	dead = count_code(&diags, "route-not-live");
	if ((status = cli_write_plan(plan, output, file)) == 0 &&
	    fail_on_drift && gossip + dead > 0)
		status = CLI_EXIT_FOUND;
done:
	free(buf);
	mesh_ops_inventory_free(inv);
	mesh_plan_free(plan);
	mesh_diags_clear(&diags);
	return status;
}
