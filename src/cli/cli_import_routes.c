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

int
cli_import_routes(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "inventory", required_argument, NULL, 'I' },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		CLI_LIMIT_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct mesh_ops_get_routes **answers = NULL;
	struct mesh_ops_inventory *inv = NULL;
	struct mesh_plan *plan = NULL;
	struct mesh_diags diags;
	const char *inventory = NULL, *output = NULL, **names = NULL;
	enum mesh_error err;
	size_t i, n = 0;
	int c, r, status = CLI_EXIT_BAD;

	mesh_diags_init(&diags);
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:q", longopts, NULL)) != -1) {
		switch (c) {
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
	if (optind == argc) {
		cli_error("import harper-routes: no NODE=ANSWER.json given");
		cli_usage(stderr);
		goto done;
	}
	n = (size_t)(argc - optind);
	/* -o is never written over an answer (NODE=ANSWER.json). */
	for (i = 0; output != NULL && i < n; i++) {
		const char *eq = strchr(argv[optind + (int)i], '=');

		if (cli_same_file(output, eq ? eq + 1 : argv[optind + (int)i])) {
			cli_error("%s: refusing to write the plan over an "
			    "answer", output);
			goto done;
		}
	}
	if ((names = calloc(n, sizeof(*names))) == NULL ||
	    (answers = calloc(n, sizeof(*answers))) == NULL) {
		cli_error("out of memory");
		goto done;
	}
	if (read_answers(argv + optind, n, &diags, names, answers) != 0 ||
	    cli_ops_inventory(inventory, &diags, &inv) != 0)
		goto done;
	err = mesh_ops_routes_plan(names,
	    (const struct mesh_ops_get_routes *const *)answers, n, inv,
	    &diags, &plan);
	cli_diags(&diags, MESH_NOTE);
	if (err != MESH_OK) {
		if (err != MESH_EINPUT)
			cli_error("import harper-routes: %s",
			    mesh_strerror(err));
		goto done;
	}
	status = cli_write_plan(plan, output, NULL);
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
