/* cli_check.c: `meshsim check`: load a plan, analyse it, report, and set the exit status. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "meshsim/mesh.h"


enum fail_on { FAIL_NEVER, FAIL_PARTITION, FAIL_SPOF, FAIL_BRIDGE };

struct check_opts {
	struct cli_common c;
	char **downs;           /* --down arguments */
	size_t ndowns;
	int mesh_model;         /* --model mesh: add restart hazards */
	enum fail_on fail_on;
	size_t connectivity_limit;
};

/* What the text report needs. */
struct check_report {
	const struct mesh_analysis *a;
	const struct mesh_diags *diags;
	int mesh_model;
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
	uint64_t n;
	char **p;
	int c, r;

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
		case 'L':
			if (cli_parse_count(optarg, 1, 1000000000, &n) != 0) {
				cli_error("--connectivity-limit: '%s' is not a "
				    "number from 1 to 1000000000", optarg);
				return CLI_EXIT_BAD;
			}
			o->connectivity_limit = (size_t)n;
			break;
		case 'M':
			if (cli_parse_model(optarg, &o->mesh_model) != 0)
				return CLI_EXIT_BAD;
			break;
		default:
			if ((r = cli_common_option(&o->c, c, optarg)) == 0)
				cli_usage(stderr);
			if (r <= 0)
				return CLI_EXIT_BAD;
			break;
		}
	}
	return cli_common_plan(&o->c, argc, argv);
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

/* The text report, for cli_emit(). */
static int
text_report(FILE *out, const void *ctx)
{
	const struct check_report *r = ctx;

	if (r->mesh_model)
		return cli_report_text_hazards(out, r->a, r->diags);
	cli_report_text(out, r->a, r->diags);
	return 0;
}

int
cli_check(int argc, char **argv)
{
	struct check_opts o;
	struct mesh_diags diags;
	struct mesh_analysis_options aopts;
	struct mesh_plan *plan = NULL;
	struct mesh_analysis *a = NULL;
	struct check_report r;
	enum mesh_error err;
	int *down = NULL, status;
	size_t ndown = 0;

	memset(&o, 0, sizeof(o));
	mesh_diags_init(&diags);
	if ((status = parse_args(argc, argv, &o)) != 0)
		goto done;
	status = CLI_EXIT_BAD;
	if (cli_load_plan(o.c.plan, o.c.input_format, &diags, &plan) != 0 ||
	    cli_resolve_nodes(plan, "--down", o.downs, o.ndowns, &down,
	    &ndown) != 0)
		goto done;
	memset(&aopts, 0, sizeof(aopts));
	aopts.down = down;
	aopts.ndown = ndown;
	aopts.connectivity_limit = o.connectivity_limit;
	if ((err = mesh_analyze(plan, &aopts, &a)) != MESH_OK) {
		cli_error("%s: %s", o.c.plan, mesh_strerror(err));
		goto done;
	}
	r.a = a;
	r.diags = &diags;
	r.mesh_model = o.mesh_model;
	if (cli_emit(&o.c, !o.c.json ? NULL : o.mesh_model ?
	    mesh_analysis_json_hazards(a, &diags) :
	    mesh_analysis_json(a, &diags), text_report, &r) != 0)
		goto done;
	status = found(a, o.fail_on) ? CLI_EXIT_FOUND : CLI_EXIT_OK;
done:
	free(down);
	free(o.downs);
	mesh_analysis_free(a);
	mesh_plan_free(plan);
	mesh_diags_clear(&diags);
	return status;
}
