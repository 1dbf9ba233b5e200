/* cli_export.c: `meshsim export`: write a plan as JSON, GraphML, GML or Graphviz DOT. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "meshsim/export.h"

struct export_opts {
	struct cli_common c;
	enum mesh_export_format format;
};

/* The options; --format is export's own (json|graphml|gml|dot). Returns
 * 0, or CLI_EXIT_BAD after reporting. */
static int
parse_args(int argc, char **argv, struct export_opts *o)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "input-format", required_argument, NULL, 'i' },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		CLI_LIMIT_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	int c, r, fmt;

	optind = 1;
	while ((c = getopt_long(argc, argv, "f:hi:o:q", longopts, NULL)) != -1) {
		if (c == 'f') {
			if ((fmt = mesh_export_format_from_name(optarg)) < 0) {
				cli_error("--format: '%s' is not json, graphml, "
				    "gml or dot", optarg);
				return CLI_EXIT_BAD;
			}
			o->format = (enum mesh_export_format)fmt;
			continue;
		}
		if ((r = cli_common_option(&o->c, c, optarg)) <= 0) {
			if (r == 0)
				cli_usage(stderr);
			return CLI_EXIT_BAD;
		}
	}
	return cli_common_plan(&o->c, argc, argv);
}

int
cli_export(int argc, char **argv)
{
	struct export_opts o = { { 1, MESH_FORMAT_AUTO, NULL, NULL, 0 },
	    MESH_EXPORT_JSON };
	struct mesh_plan *plan = NULL;
	struct mesh_diags diags;
	enum mesh_error err;
	char *text = NULL;
	int rc;

	mesh_diags_init(&diags);
	if ((rc = parse_args(argc, argv, &o)) != 0)
		goto done;
	if ((rc = cli_load_plan(o.c.plan, o.c.input_format, &diags,
	    &plan)) != 0)
		goto done;
	/* Warnings go to stderr: stdout holds the plan alone. */
	cli_diags(&diags, MESH_WARNING);
	o.c.json = 1;   /* cli_emit: write text as it is */
	if ((err = mesh_plan_export(plan, o.format, &text)) != MESH_OK) {
		cli_error("export: %s", mesh_strerror(err));
		rc = CLI_EXIT_BAD;
		goto done;
	}
	rc = cli_emit(&o.c, text, NULL, NULL);
done:
	mesh_plan_free(plan);
	mesh_diags_clear(&diags);
	return rc;
}
