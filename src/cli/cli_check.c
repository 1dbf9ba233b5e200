/* cli_check.c: `meshsim check`: load a plan, analyse it, report, and set the exit status. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "meshsim/harper.h"
#include "meshsim/mesh.h"
#include "meshsim/picture.h"
#include "cli/cli_apply.h"


enum fail_on { FAIL_NEVER, FAIL_PARTITION, FAIL_SPOF, FAIL_BRIDGE };

struct check_opts {
	struct cli_common c;
	char **downs;           /* --down arguments */
	size_t ndowns;
	char **applies;         /* --apply NODE=REQUEST.json, in order */
	size_t napplies;
	int mesh_model;         /* --model mesh: add restart hazards */
	int model_set;          /* --model given */
	int replication;        /* the replication model (docs/replication.md):
				 * --model replication, or a plan whose
				 * "cluster" is harper-replication */
	int picture;            /* --format dot (1) or svg (2): the picture */
	enum fail_on fail_on;
	size_t connectivity_limit;
	struct mesh_harper_options harper;      /* --generation, --inventory,
						 * --env */
	const char **envs;
	char **configs;         /* Harper configs: several PLAN arguments */
	size_t nconfigs;
};

/* What the text report needs. */
struct check_report {
	const struct mesh_analysis *a;
	const struct mesh_diags *diags;
	int mesh_model;
	const struct mesh_replication *repl;    /* the replication model */
	const struct cli_apply *apply;  /* --apply: the what-if, or NULL */
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

/* The plan arguments: Harper configs (--input-format harper, or all
 * ending in .yaml or .yml) are several; any other plan is one. */
static int
take_plans(struct check_opts *o, int argc, char **argv)
{
	int i, harper = o->c.input_format == MESH_FORMAT_HARPER;

	if (o->c.input_format == MESH_FORMAT_AUTO && optind < argc) {
		for (i = optind; i < argc && mesh_format_of_file(argv[i]) ==
		    MESH_FORMAT_HARPER; i++)
			continue;
		harper = i == argc;
	}
	if (!harper || optind == argc) {
		if (o->harper.generation != MESH_HARPER_AUTO ||
		    o->harper.inventory != NULL || o->harper.nenvs > 0) {
			cli_error("--generation, --inventory and --env are "
			    "for Harper configs");
			return CLI_EXIT_BAD;
		}
		return cli_common_plan(&o->c, argc, argv);
	}
	o->configs = argv + optind;
	o->nconfigs = (size_t)(argc - optind);
	o->c.plan = cli_config_path(argv[optind]);
	/* -o is never written over a config (cli_emit() guards only
	 * c.plan). */
	for (i = optind + 1; o->c.output != NULL && i < argc; i++)
		if (cli_same_file(o->c.output, cli_config_path(argv[i]))) {
			cli_error("%s: refusing to write the report over a "
			    "config", o->c.output);
			return CLI_EXIT_BAD;
		}
	return 0;
}

/* Load the plan, or the Harper configs as one; returns 0, or CLI_EXIT_BAD
 * after printing the diagnostics. */
static int
load_plan(const struct check_opts *o, struct mesh_diags *diags,
    struct mesh_plan **plan)
{
	enum mesh_error err;

	if (o->configs == NULL)
		return cli_load_plan(o->c.plan, o->c.input_format, diags,
		    plan);
	err = mesh_harper_load((const char *const *)o->configs, o->nconfigs,
	    &o->harper, diags, plan);
	if (err == MESH_OK)
		return 0;
	cli_diags(diags, MESH_NOTE);
	if (err != MESH_EINPUT && err != MESH_EIO)
		cli_error("%s: %s", o->c.plan, mesh_strerror(err));
	return CLI_EXIT_BAD;
}

static int
parse_args(int argc, char **argv, struct check_opts *o)
{
	static const struct option longopts[] = {
		{ "apply", required_argument, NULL, 'A' },
		{ "connectivity-limit", required_argument, NULL, 'L' },
		{ "down", required_argument, NULL, 'd' },
		{ "env", required_argument, NULL, 'E' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "format", required_argument, NULL, 'f' },
		{ "generation", required_argument, NULL, 'G' },
		{ "help", no_argument, NULL, 'h' },
		{ "input-format", required_argument, NULL, 'i' },
		{ "inventory", required_argument, NULL, 'I' },
		{ "model", required_argument, NULL, 'M' },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		CLI_LIMIT_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	uint64_t n;
	char **p;
	int c, r;

	o->fail_on = FAIL_SPOF;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:f:ho:q", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'A':
			p = realloc(o->applies, (o->napplies + 1) *
			    sizeof(*p));
			if (p == NULL) {
				cli_error("out of memory");
				return CLI_EXIT_BAD;
			}
			o->applies = p;
			o->applies[o->napplies++] = optarg;
			break;
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
			o->model_set = 1;
			o->replication = strcmp(optarg, "replication") == 0;
			o->mesh_model = 0;
			if (!o->replication && strcmp(optarg, "graph") != 0 &&
			    strcmp(optarg, "mesh") != 0) {
				cli_error("--model: '%s' is not graph, mesh or "
				    "replication", optarg);
				return CLI_EXIT_BAD;
			}
			if (!o->replication && cli_parse_model(optarg,
			    &o->mesh_model) != 0)
				return CLI_EXIT_BAD;
			break;
		case 'E':
		case 'G':
		case 'I':
			if (cli_harper_option(&o->harper, &o->envs, c,
			    optarg) < 0)
				return CLI_EXIT_BAD;
			break;
		case 'f':
			/* dot and svg are check's own; text and json common. */
			o->picture = strcmp(optarg, "dot") == 0 ? 1 :
			    strcmp(optarg, "svg") == 0 ? 2 : 0;
			if (o->picture != 0) {
				o->c.json = 0;
				break;
			}
			if (strcmp(optarg, "text") != 0 &&
			    strcmp(optarg, "json") != 0) {
				cli_error("--format: '%s' is not text, json, "
				    "dot or svg", optarg);
				return CLI_EXIT_BAD;
			}
			/* FALLTHROUGH */
		default:
			if ((r = cli_common_option(&o->c, c, optarg)) == 0)
				cli_usage(stderr);
			if (r <= 0)
				return CLI_EXIT_BAD;
			break;
		}
	}
	return take_plans(o, argc, argv);
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

/*
 * The same for the replication model: partition when the running cluster
 * is split; spof also when a node cannot join now or some node's loss
 * keeps others from joining; bridge also on the route graph's bridges.
 */
static int
found_replication(const struct mesh_analysis *a,
    const struct mesh_replication *r, enum fail_on level)
{
	switch (level) {
	case FAIL_NEVER:
		return 0;
	case FAIL_PARTITION:
		return !mesh_replication_running_ok(r);
	case FAIL_SPOF:
		return !mesh_replication_running_ok(r) ||
		    !mesh_replication_joining_ok(r);
	case FAIL_BRIDGE:
		return !mesh_replication_running_ok(r) ||
		    !mesh_replication_joining_ok(r) || a->nbridges > 0;
	}
	return 0;
}

/* The text report, for cli_emit(). */
static int
text_report(FILE *out, const void *ctx)
{
	const struct check_report *r = ctx;

	if (r->apply != NULL && cli_apply_text(out, r->apply, r->a) != 0)
		return -1;
	if (r->repl != NULL)
		return cli_report_text_replication(out, r->a, r->repl,
		    r->diags);
	if (r->mesh_model)
		return cli_report_text_hazards(out, r->a, r->diags);
	return cli_report_text(out, r->a, r->diags);
}

int
cli_check(int argc, char **argv)
{
	struct check_opts o;
	struct mesh_diags diags;
	struct mesh_analysis_options aopts;
	struct mesh_plan *plan = NULL;
	struct mesh_analysis *a = NULL;
	struct cli_apply *ap = NULL;
	struct mesh_replication *repl = NULL;
	char *json = NULL;
	struct check_report r;
	enum mesh_error err;
	int *down = NULL, status;
	size_t ndown = 0;

	memset(&o, 0, sizeof(o));
	mesh_diags_init(&diags);
	if ((status = parse_args(argc, argv, &o)) != 0)
		goto done;
	status = CLI_EXIT_BAD;
	if (load_plan(&o, &diags, &plan) != 0 ||
	    cli_resolve_nodes(plan, "--down", o.downs, o.ndowns, &down,
	    &ndown) != 0)
		goto done;
	memset(&aopts, 0, sizeof(aopts));
	aopts.down = down;
	aopts.ndown = ndown;
	aopts.connectivity_limit = o.connectivity_limit;
	/* --apply: the report describes the plan after the requests. */
	if (o.napplies > 0 && cli_apply_run(plan, o.applies, o.napplies,
	    &aopts, &diags, &ap) != 0)
		goto done;
	if ((err = mesh_analyze(ap ? cli_apply_plan(ap) : plan, &aopts,
	    &a)) != MESH_OK) {
		cli_error("%s: %s", o.c.plan, mesh_strerror(err));
		goto done;
	}
	/* A replication plan answers in the replication model unless
	 * --model says otherwise. */
	if (!o.model_set)
		o.replication = plan->cluster ==
		    MESH_CLUSTER_HARPER_REPLICATION;
	if (o.replication && (err = mesh_replication_analyze(a->plan,
	    a->is_down, &repl)) != MESH_OK) {
		cli_error("%s: %s", o.c.plan, mesh_strerror(err));
		goto done;
	}
	r.a = a;
	r.diags = &diags;
	r.repl = repl;
	r.mesh_model = o.mesh_model;
	r.apply = ap;
	if (o.picture != 0) {
		if ((err = o.picture == 1 ? mesh_picture_dot(a, &json) :
		    mesh_picture_svg(a, &json)) != MESH_OK) {
			cli_error("%s: %s", o.c.plan, mesh_strerror(err));
			goto done;
		}
		if (cli_write_output(o.c.output, json, strlen(json),
		    o.c.plan) != 0) {
			free(json);
			goto done;
		}
		free(json);
		status = (repl ? found_replication(a, repl, o.fail_on) :
		    found(a, o.fail_on)) ? CLI_EXIT_FOUND : CLI_EXIT_OK;
		goto done;
	}
	if (o.c.json) {
		json = repl ? mesh_replication_json(a, repl, &diags) :
		    o.mesh_model ? mesh_analysis_json_hazards(a, &diags) :
		    mesh_analysis_json(a, &diags);
		if (ap != NULL)
			json = cli_apply_json(ap, a, json);
	}
	if (cli_emit(&o.c, json, text_report, &r) != 0)
		goto done;
	status = (repl ? found_replication(a, repl, o.fail_on) :
	    found(a, o.fail_on)) ? CLI_EXIT_FOUND : CLI_EXIT_OK;
done:
	mesh_replication_free(repl);
	free(down);
	free(o.downs);
	free(o.applies);
	cli_apply_free(ap);
	free(o.envs);
	mesh_analysis_free(a);
	mesh_plan_free(plan);
	mesh_diags_clear(&diags);
	return status;
}
