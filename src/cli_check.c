/* cli_check.c: `meshsim check`: load a plan, analyse it, report, and set the exit status. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "meshsim/mesh.h"


enum fail_on { FAIL_NEVER, FAIL_PARTITION, FAIL_SPOF, FAIL_BRIDGE };

struct check_opts {
	char **downs;           /* --down arguments */
	size_t ndowns;
	int json;
	int mesh_model;         /* --model mesh: add restart hazards */
	enum fail_on fail_on;
	enum mesh_format input_format;
	size_t connectivity_limit;
	const char *output;
	const char *plan;
};

static int
parse_fail_on(const char *s, enum fail_on *out)
{
	static const char *const names[] = { "never", "partition", "spof",
		"bridge" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum fail_on)i;
			return 0;
		}
	return -1;
}

static int
parse_args(int argc, char **argv, struct check_opts *o)
{
	static const struct option longopts[] = {
		{ "connectivity-limit", required_argument, NULL, 'L' },
		{ "down", required_argument, NULL, 'd' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "input-format", required_argument, NULL, 'i' },
		{ "model", required_argument, NULL, 'M' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	char *end, **p;
	unsigned long long n;
	int c, fmt;

	o->fail_on = FAIL_SPOF;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:f:ho:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'd':
			p = realloc(o->downs, (o->ndowns + 1) * sizeof(*p));
			if (p == NULL) {
				cli_error("out of memory");
				return CLI_EXIT_BAD;
			}
			o->downs = p;
			o->downs[o->ndowns++] = optarg;
			break;
		case 'F':
			if (parse_fail_on(optarg, &o->fail_on) != 0) {
				cli_error("--fail-on: '%s' is not one of "
				    "never, partition, spof, bridge", optarg);
				return CLI_EXIT_BAD;
			}
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				o->json = 0;
			else if (strcmp(optarg, "json") == 0)
				o->json = 1;
			else {
				cli_error("--format: '%s' is not text or json",
				    optarg);
				return CLI_EXIT_BAD;
			}
			break;
		case 'h':
			cli_usage(stdout);
			exit(CLI_EXIT_OK);
		case 'i':
			if ((fmt = mesh_format_from_name(optarg)) < 0) {
				cli_error("--input-format: '%s' is not auto, "
				    "json or gml", optarg);
				return CLI_EXIT_BAD;
			}
			o->input_format = (enum mesh_format)fmt;
			break;
		case 'L':
			errno = 0;
			n = strtoull(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    n == 0 || n > 1000000000ULL || *optarg == '-') {
				cli_error("--connectivity-limit: '%s' is not a "
				    "number from 1 to 1000000000", optarg);
				return CLI_EXIT_BAD;
			}
			o->connectivity_limit = (size_t)n;
			break;
		case 'M':
			if (strcmp(optarg, "graph") == 0)
				o->mesh_model = 0;
			else if (strcmp(optarg, "mesh") == 0)
				o->mesh_model = 1;
			else {
				cli_error("--model: '%s' is not graph or mesh",
				    optarg);
				return CLI_EXIT_BAD;
			}
			break;
		case 'o':
			o->output = optarg;
			break;
		default:
			cli_usage(stderr);
			return CLI_EXIT_BAD;
		}
	}
	if (argc - optind != 1) {
		cli_error(argc - optind ? "one plan at a time" :
		    "no plan given");
		cli_usage(stderr);
		return CLI_EXIT_BAD;
	}
	o->plan = argv[optind];
	return 0;
}

/* Whether the analysis finds something at the --fail-on level. */
static int
found(const struct mesh_analysis *a, enum fail_on level)
{
	switch (level) {
	case FAIL_NEVER:
		return 0;
	case FAIL_PARTITION:
		return !a->connected;
	case FAIL_SPOF:
		return !a->connected || a->ncutpoints > 0;
	case FAIL_BRIDGE:
		return !a->connected || a->ncutpoints > 0 || a->nbridges > 0;
	}
	return 0;
}

/* The report as text or JSON, in memory; with mesh_model, the restart
 * hazards too. Returns NULL when out of memory. */
static char *
render(const struct mesh_analysis *a, const struct mesh_diags *diags,
    int json, int mesh_model, size_t *len)
{
	char *text = NULL;
	FILE *f;
	int rc = 0;

	if (json) {
		text = mesh_model ? mesh_analysis_json_hazards(a, diags) :
		    mesh_analysis_json(a, diags);
		*len = text ? strlen(text) : 0;
		return text;
	}
	if ((f = open_memstream(&text, len)) == NULL)
		return NULL;
	if (mesh_model)
		rc = cli_report_text_hazards(f, a, diags);
	else
		cli_report_text(f, a, diags);
	if (fclose(f) != 0 || rc != 0) {
		free(text);
		return NULL;
	}
	return text;
}

int
cli_check(int argc, char **argv)
{
	struct check_opts o;
	struct mesh_diags diags;
	struct mesh_analysis_options aopts;
	struct mesh_plan *plan = NULL;
	struct mesh_analysis *a = NULL;
	enum mesh_error err;
	int *down = NULL, status;
	size_t ndown = 0, len = 0;
	char *text = NULL;

	memset(&o, 0, sizeof(o));
	mesh_diags_init(&diags);
	if ((status = parse_args(argc, argv, &o)) != 0)
		goto done;
	status = CLI_EXIT_BAD;
	if (cli_load_plan(o.plan, o.input_format, &diags, &plan) != 0 ||
	    cli_resolve_nodes(plan, "--down", o.downs, o.ndowns, &down,
	    &ndown) != 0)
		goto done;
	memset(&aopts, 0, sizeof(aopts));
	aopts.down = down;
	aopts.ndown = ndown;
	aopts.connectivity_limit = o.connectivity_limit;
	if ((err = mesh_analyze(plan, &aopts, &a)) != MESH_OK) {
		cli_error("%s: %s", o.plan, mesh_strerror(err));
		goto done;
	}
	if ((text = render(a, &diags, o.json, o.mesh_model, &len)) == NULL) {
		cli_error("out of memory");
		goto done;
	}
	if (cli_write_output(o.output, text, len, o.plan) != 0)
		goto done;
	status = found(a, o.fail_on) ? CLI_EXIT_FOUND : CLI_EXIT_OK;
done:
	free(text);
	free(down);
	free(o.downs);
	mesh_analysis_free(a);
	mesh_plan_free(plan);
	mesh_diags_clear(&diags);
	return status;
}
