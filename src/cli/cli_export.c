/* cli_export.c: `meshsim export`: write a plan as JSON, GraphML, GML or Graphviz DOT. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "meshsim/export.h"

/* --format, export's own (json|graphml|gml|dot): an own_option of
 * cli_parse_options() that sets *(enum mesh_export_format *)format. */
static int
export_option(void *format, int c, char *arg)
{
	int fmt;

	if (c != 'f')
		return 0;
	if ((fmt = mesh_export_format_from_name(arg)) < 0) {
		cli_error("--format: '%s' is not json, graphml, gml or dot",
		    arg);
		return -1;
	}
	*(enum mesh_export_format *)format = (enum mesh_export_format)fmt;
	return 1;
}

int
cli_export(int argc, char **argv)
{
	enum mesh_export_format format = MESH_EXPORT_JSON;
	struct cli_common o;
	struct cli_input in;
	enum mesh_error err;
	char *text = NULL;
	int rc;

	memset(&o, 0, sizeof(o));
	cli_input_init(&in);
	if ((rc = cli_parse_options(argc, argv, CLI_EXPORT, "f:hi:o:q", &o,
	    export_option, &format)) != 0 ||
	    (rc = cli_input_load(&in, &o, argc, argv)) != 0)
		goto done;
	/* Warnings go to stderr: stdout holds the plan alone. */
	cli_diags(&in.diags, MESH_WARNING);
	if ((err = mesh_plan_export(in.plan, format, &text)) != MESH_OK) {
		cli_error("export: %s", mesh_strerror(err));
		rc = CLI_EXIT_BAD;
		goto done;
	}
	rc = cli_write_string(o.output, text, o.plan);
done:
	cli_input_free(&in);
	return rc;
}
