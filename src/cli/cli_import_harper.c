/* cli_import_harper.c: `meshsim import harper`: harperdb-config.yaml files (one per node) to a plan. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "meshsim/harper.h"

const char *
cli_config_path(const char *arg)
{
	const char *eq = strchr(arg, '=');

	if (eq != NULL && eq > arg && memchr(arg, '/', (size_t)(eq - arg)) ==
	    NULL)
		return eq + 1;
	return arg;
}

int
cli_harper_option(struct mesh_harper_options *h, const char ***envs, int c,
    const char *arg)
{
	const char **p;
	int g;

	switch (c) {
	case 'E':
		p = realloc(*envs, (h->nenvs + 1) * sizeof(*p));
		if (p == NULL) {
			cli_error("out of memory");
			return -1;
		}
		*envs = p;
		p[h->nenvs++] = arg;
		h->envs = p;
		return 1;
	case 'G':
		if ((g = mesh_harper_generation_from_name(arg)) < 0) {
			cli_error("--generation: '%s' is not nats or "
			    "replication", arg);
			return -1;
		}
		h->generation = (enum mesh_harper_generation)g;
		return 1;
	case 'I':
		h->inventory = arg;
		return 1;
	}
	return 0;
}

int
cli_import_harper(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "env", required_argument, NULL, 'E' },
		{ "generation", required_argument, NULL, 'G' },
		{ "help", no_argument, NULL, 'h' },
		{ "inventory", required_argument, NULL, 'I' },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		CLI_LIMIT_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct mesh_harper_options hopts;
	struct mesh_diags diags;
	struct mesh_plan *plan = NULL;
	struct cli_common o;
	enum mesh_error err;
	const char **envs = NULL;
	int c, r, status = CLI_EXIT_BAD;

	memset(&o, 0, sizeof(o));
	memset(&hopts, 0, sizeof(hopts));
	mesh_diags_init(&diags);
	o.json = 1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'E':
		case 'G':
		case 'I':
			if (cli_harper_option(&hopts, &envs, c, optarg) < 0)
				goto done;
			break;
		case 'h':
		case 'o':
		case 'q':
			cli_common_option(&o, c, optarg);
			break;
		default:
			if ((r = cli_limit_option(c, optarg)) > 0)
				break;
			if (r == 0)
				cli_usage(stderr);
			goto done;
		}
	}
	if (optind == argc) {
		cli_error("import harper: no config given");
		cli_usage(stderr);
		goto done;
	}
	/* -o is never written over a config. */
	o.plan = cli_config_path(argv[optind]);
	for (c = optind + 1; o.output != NULL && c < argc; c++)
		if (cli_same_file(o.output, cli_config_path(argv[c]))) {
			cli_error("%s: refusing to write the plan over a "
			    "config", o.output);
			goto done;
		}
	err = mesh_harper_load((const char *const *)(argv + optind),
	    (size_t)(argc - optind), &hopts, &diags, &plan);
	if (err != MESH_OK) {
		cli_diags(&diags, MESH_NOTE);
		if (err != MESH_EINPUT && err != MESH_EIO)
			cli_error("import harper: %s", mesh_strerror(err));
		goto done;
	}
	cli_diags(&diags, MESH_NOTE);
	if (cli_write_plan(plan, o.output, o.plan) != 0)
		goto done;
	status = CLI_EXIT_OK;
done:
	free(envs);
	mesh_plan_free(plan);
	mesh_diags_clear(&diags);
	return status;
}
