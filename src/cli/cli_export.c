/* cli_export.c: `meshsim export`: write a plan as JSON, GraphML, GML, Graphviz DOT or nats-server configs. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "meshsim/export.h"

/* export's own options. */
struct export_opts {
	enum mesh_export_format format;
	int nats;               /* --format nats */
	int loopback;           /* --loopback BASEPORT, or 0 */
};

/* --format (json|graphml|gml|dot|nats) and --loopback: an own_option of
 * cli_parse_options() into a struct export_opts. */
static int
export_option(void *ctx, int c, char *arg)
{
	struct export_opts *eo = ctx;
	uint64_t port;
	int fmt;

	if (c == CLI_OPT_LOOPBACK) {
		if (cli_option_count("--loopback", arg, 1024, 63535,
		    &port) != 0)
			return -1;
		eo->loopback = (int)port;
		return 1;
	}
	if (c != 'f')
		return 0;
	if ((eo->nats = strcmp(arg, "nats") == 0))
		return 1;
	if ((fmt = mesh_export_format_from_name(arg)) < 0) {
		cli_error("--format: '%s' is not json, graphml, gml, dot or "
		    "nats", arg);
		return -1;
	}
	eo->format = (enum mesh_export_format)fmt;
	return 1;
}

int
cli_export(int argc, char **argv)
{
	struct export_opts eo = { MESH_EXPORT_JSON, 0, 0 };
	struct cli_common o;
	struct cli_input in;
	enum mesh_error err;
	char *text = NULL;
	int rc;

	memset(&o, 0, sizeof(o));
	cli_input_init(&in);
	if ((rc = cli_parse_options(argc, argv, CLI_EXPORT, &o,
	    export_option, &eo)) != 0 ||
	    (rc = cli_input_load(&in, &o, argc, argv)) != 0)
		goto done;
	/* Warnings go to stderr: stdout holds the plan alone. */
	cli_diags(&in.diags, MESH_WARNING);
	if (eo.loopback != 0 && !eo.nats) {
		cli_error("--loopback is for --format nats");
		rc = CLI_EXIT_BAD;
		goto done;
	}
	if (eo.nats) {
		rc = cli_export_nats(in.plan, o.output, eo.loopback, o.plan);
		goto done;
	}
	if ((err = mesh_plan_export(in.plan, eo.format, &text)) != MESH_OK) {
		cli_error("export: %s", mesh_strerror(err));
		rc = CLI_EXIT_BAD;
		goto done;
	}
	rc = cli_write_string(o.output, text, o.plan);
done:
	cli_input_free(&in);
	return rc;
}
