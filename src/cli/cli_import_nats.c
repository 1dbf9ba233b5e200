/* cli_import_nats.c: `meshsim import nats` (nats-server configs and command lines to a plan), `meshsim import nats-routez` (live routes and their drift); NATS config arguments, which `meshsim check` takes too. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "meshsim/nats.h"

/* The path of a "[HOST=]PATH" config argument, as mesh_nats_load()
 * splits it. */
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
cli_nats_option(void *nats, int c, char *arg)
{
	struct cli_nats *n = nats;

	if (c != CLI_OPT_NATS_ARGS)
		return 0;
	if (cli_list_add(&n->args, arg) != 0)
		return -1;
	n->opts.args = (const char *const *)n->args.v;
	n->opts.nargs = n->args.n;
	return 1;
}

int
cli_nats_configs(struct cli_nats *n, struct cli_common *o, int argc,
    char **argv, const char *what)
{
	const char *eq;
	int i;

	n->configs = argv + optind;
	n->nconfigs = (size_t)(argc - optind);
	if (optind < argc) {
		o->plan = config_path(argv[optind]);
	} else if (n->args.n > 0) {
		eq = strchr(n->args.v[0], '=');
		o->plan = eq != NULL ? eq + 1 : n->args.v[0];
	} else {
		cli_error("no config given");
		cli_usage(stderr);
		return CLI_EXIT_BAD;
	}
	for (i = optind + 1; i < argc; i++)
		if (cli_refuse_over(o->output, config_path(argv[i]), what))
			return CLI_EXIT_BAD;
	for (i = 0; (size_t)i < n->args.n; i++)
		if ((eq = strchr(n->args.v[i], '=')) != NULL &&
		    cli_refuse_over(o->output, eq + 1, what))
			return CLI_EXIT_BAD;
	return 0;
}

void
cli_nats_free(struct cli_nats *n)
{
	free(n->args.v);
}

/* import nats's options: --nats-args, --inventory. */
static int
import_option(void *ctx, int c, char *arg)
{
	struct cli_nats *n = ctx;

	if (c == CLI_OPT_INVENTORY) {
		n->opts.inventory = arg;
		return 1;
	}
	return cli_nats_option(ctx, c, arg);
}

int
cli_import_nats(int argc, char **argv)
{
	struct cli_nats n;
	struct cli_common o;
	struct mesh_diags diags;
	struct mesh_plan *plan = NULL;
	enum mesh_error err;
	int status;

	memset(&o, 0, sizeof(o));
	memset(&n, 0, sizeof(n));
	mesh_diags_init(&diags);
	if ((status = cli_parse_options(argc, argv, CLI_IMPORT_NATS,
	    &o, import_option, &n)) != 0)
		goto done;
	status = CLI_EXIT_BAD;
	if (cli_nats_configs(&n, &o, argc, argv, "the plan over a config") !=
	    0)
		goto done;
	err = mesh_nats_load((const char *const *)n.configs, n.nconfigs,
	    &n.opts, &diags, &plan);
	status = cli_import_write("import nats", err, &diags, plan, o.output,
	    o.plan);
done:
	cli_nats_free(&n);
	mesh_plan_free(plan);
	mesh_diags_clear(&diags);
	return status;
}

/* import nats-routez's own option. */
static int
routez_option(void *ctx, int c, char *arg)
{
	(void)arg;
	if (c != CLI_OPT_FAIL_ON_DRIFT)
		return 0;
	*(int *)ctx = 1;
	return 1;
}

int
cli_import_routez(int argc, char **argv)
{
	struct cli_common o;
	struct mesh_diags diags;
	struct mesh_plan *plan = NULL;
	enum mesh_error err;
	size_t i;
	int status, fail_on_drift = 0;
	const char *eq;

	memset(&o, 0, sizeof(o));
	mesh_diags_init(&diags);
	if ((status = cli_parse_options(argc, argv, CLI_IMPORT_ROUTEZ,
	    &o, routez_option, &fail_on_drift)) != 0)
		goto done;
	status = CLI_EXIT_BAD;
	if (optind == argc) {
		cli_error("import nats-routez: no answer given "
		    "(NODE=ANSWER.json, one per server)");
		cli_usage(stderr);
		goto done;
	}
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		eq = strchr(argv[i], '=');
		if (cli_refuse_over(o.output, eq != NULL ? eq + 1 : argv[i],
		    "the plan over an answer"))
			goto done;
	}
	eq = strchr(argv[optind], '=');
	o.plan = eq != NULL ? eq + 1 : argv[optind];
	err = mesh_nats_routez_load((const char *const *)argv + optind,
	    (size_t)(argc - optind), &diags, &plan);
	status = cli_import_write("import nats-routez", err, &diags, plan,
	    o.output, o.plan);
	if (status == 0 && fail_on_drift)
		for (i = 0; i < diags.n; i++)
			if (strcmp(diags.v[i].code, "gossip-link") == 0)
				status = CLI_EXIT_FOUND;
done:
	mesh_plan_free(plan);
	mesh_diags_clear(&diags);
	return status;
}
