/* cli_import_routes.c: `meshsim import harper-routes NODE=ANSWER.json ...`: a plan from cluster_get_routes answers, one per node. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_apply.h"

/* Read the answer of each NODE=ANSWER.json argument into answers[i] and
 * names[i] (the argument, cut at its first '='). Returns 0, or
 * CLI_EXIT_BAD after reporting (all answers are read first, so that all
 * their errors show). */
static int
read_answers(char **args, size_t n, struct mesh_diags *diags,
    const char **names, struct mesh_ops_get_routes **answers)
{
	enum mesh_error err = MESH_OK, e;
	size_t i, len;
	char *buf, *eq;

	for (i = 0; i < n; i++) {
		if ((eq = strchr(args[i], '=')) == NULL || eq == args[i] ||
		    eq[1] == '\0') {
			cli_error("import harper-routes: '%s' is not "
			    "NODE=ANSWER.json", args[i]);
			return CLI_EXIT_BAD;
		}
		*eq = '\0';
		names[i] = args[i];
		e = mesh_ops_read_file(eq + 1, diags, &buf, &len);
		if (e == MESH_OK) {
			e = mesh_ops_get_routes_parse(buf, len, eq + 1, diags,
			    &answers[i]);
			free(buf);
		}
		if (e != MESH_OK)
			err = e;
		if (e == MESH_ENOMEM)
			break;
	}
	if (err == MESH_OK)
		return 0;
	mesh_diags_sort(diags);
	cli_diags(diags, MESH_NOTE);
	if (err == MESH_ENOMEM)
		cli_error("out of memory");
	return CLI_EXIT_BAD;
}

/* --inventory, its one option of its own: an own_option of
 * cli_parse_options() that sets *(const char **)inventory. */
static int
routes_option(void *inventory, int c, char *arg)
{
	if (c != CLI_OPT_INVENTORY)
		return 0;
	*(const char **)inventory = arg;
	return 1;
}

int
cli_import_routes(int argc, char **argv)
{
	struct mesh_ops_get_routes **answers = NULL;
	struct mesh_ops_inventory *inv = NULL;
	struct mesh_plan *plan = NULL;
	struct mesh_diags diags;
	struct cli_common o;
	const char *inventory = NULL, **names = NULL, *eq;
	enum mesh_error err;
	size_t i, n = 0;
	int status;

	memset(&o, 0, sizeof(o));
	mesh_diags_init(&diags);
	if ((status = cli_parse_options(argc, argv, CLI_IMPORT_ROUTES,
	    &o, routes_option, &inventory)) != 0)
		goto done;
	status = CLI_EXIT_BAD;
	if (optind == argc) {
		cli_error("import harper-routes: no NODE=ANSWER.json given");
		cli_usage(stderr);
		goto done;
	}
	n = (size_t)(argc - optind);
	/* -o is never written over an answer (NODE=ANSWER.json). */
	for (i = 0; i < n; i++) {
		eq = strchr(argv[optind + (int)i], '=');
		if (cli_refuse_over(o.output, eq ? eq + 1 :
		    argv[optind + (int)i], "the plan over an answer"))
			goto done;
	}
	if ((names = calloc(n, sizeof(*names))) == NULL ||
	    (answers = calloc(n, sizeof(*answers))) == NULL) {
		cli_error("out of memory");
		goto done;
	}
	if (read_answers(argv + optind, n, &diags, names, answers) != 0 ||
	    cli_ops_inventory(inventory, &diags, &inv) != 0)
		goto done;
	/* mesh_ops_routes_plan() reads no file: no MESH_EIO. */
	err = mesh_ops_routes_plan(names,
	    (const struct mesh_ops_get_routes *const *)answers, n, inv,
	    &diags, &plan);
	status = cli_import_write("import harper-routes", err, &diags, plan,
	    o.output, NULL);
done:
	for (i = 0; answers != NULL && i < n; i++)
		mesh_ops_get_routes_free(answers[i]);
	free(answers);
	free(names);
	mesh_ops_inventory_free(inv);
	mesh_plan_free(plan);
	mesh_diags_clear(&diags);
	return status;
}
