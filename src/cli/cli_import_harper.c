/* cli_import_harper.c: `meshsim import harper`: harperdb-config.yaml files (one per node) to a plan; and Harper config arguments, which `meshsim check` takes too. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "meshsim/harper.h"

/* The path of a "[HOST=]PATH" Harper config argument, as
 * mesh_harper_load() splits it. */
static const char *
config_path(const char *arg)
{
	const char *eq = strchr(arg, '=');

	if (eq != NULL && eq > arg && memchr(arg, '/', (size_t)(eq - arg)) ==
	    NULL)
		return eq + 1;
	return arg;
}

int
cli_harper_option(void *harper, int c, char *arg)
{
	struct cli_harper *h = harper;
	int g;

	switch (c) {
	case CLI_OPT_ENV:
		if (cli_list_add(&h->envs, arg) != 0)
			return -1;
		h->opts.envs = (const char *const *)h->envs.v;
		h->opts.nenvs = h->envs.n;
		return 1;
	case CLI_OPT_ARGS:
		if (cli_list_add(&h->argfiles, arg) != 0)
			return -1;
		h->opts.argfiles = (const char *const *)h->argfiles.v;
		h->opts.nargfiles = h->argfiles.n;
		return 1;
	case CLI_OPT_GENERATION:
		if ((g = mesh_harper_generation_from_name(arg)) < 0) {
			cli_error("--generation: '%s' is not nats or "
			    "replication", arg);
			return -1;
		}
		h->opts.generation = (enum mesh_harper_generation)g;
		return 1;
	case CLI_OPT_INVENTORY:
		h->opts.inventory = arg;
		return 1;
	}
	return 0;
}

int
cli_harper_configs(struct cli_harper *h, struct cli_common *o, int argc,
    char **argv, const char *what)
{
	int i;

	h->configs = argv + optind;
	h->nconfigs = (size_t)(argc - optind);
	o->plan = config_path(argv[optind]);
	for (i = optind + 1; i < argc; i++)
		if (cli_refuse_over(o->output, config_path(argv[i]), what))
			return CLI_EXIT_BAD;
	return 0;
}

void
cli_harper_free(struct cli_harper *h)
{
	free(h->envs.v);
	free(h->argfiles.v);
}

int
cli_import_harper(int argc, char **argv)
{
	struct cli_harper h;
	struct cli_common o;
	struct mesh_diags diags;
	struct mesh_plan *plan = NULL;
	enum mesh_error err;
	int status;

	memset(&o, 0, sizeof(o));
	memset(&h, 0, sizeof(h));
	mesh_diags_init(&diags);
	if ((status = cli_parse_options(argc, argv, CLI_IMPORT_HARPER,
	    &o, cli_harper_option, &h)) != 0)
		goto done;
	status = CLI_EXIT_BAD;
	if (optind == argc) {
		cli_error("import harper: no config given");
		cli_usage(stderr);
		goto done;
	}
	if (cli_harper_configs(&h, &o, argc, argv,
	    "the plan over a config") != 0)
		goto done;
	err = mesh_harper_load((const char *const *)h.configs, h.nconfigs,
	    &h.opts, &diags, &plan);
	status = cli_import_write("import harper", err, &diags, plan,
	    o.output, o.plan);
done:
	cli_harper_free(&h);
	mesh_plan_free(plan);
	mesh_diags_clear(&diags);
	return status;
}
