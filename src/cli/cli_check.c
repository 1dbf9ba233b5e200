/* cli_check.c: `meshsim check`: load a plan, analyse it, report, and set the exit status. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "meshsim/ci.h"
#include "meshsim/harper.h"
#include "meshsim/mesh.h"
#include "meshsim/picture.h"
#include "cli/cli_apply.h"


enum fail_on { FAIL_NEVER, FAIL_PARTITION, FAIL_SPOF, FAIL_BRIDGE };

struct check_opts {
	struct cli_common c;
	struct cli_list applies;        /* --apply NODE=REQUEST.json */
	int mesh_model;         /* --model mesh: add restart hazards */
	int model_set;          /* --model given */
	int replication;        /* the replication model (docs/replication.md):
				 * --model replication, or a plan whose
				 * "cluster" is harper-replication */
	int picture;            /* --format dot (1) or svg (2): the picture */
	int sarif;              /* --format sarif (docs/ci.md) */
	int explain;            /* --explain: where the routes come from */
	enum fail_on fail_on;
	size_t connectivity_limit;
	struct cli_harper harper;       /* --generation, --inventory, --env;
					 * configs: several PLAN arguments */
	struct cli_nats nats;           /* --nats-args; NATS configs */
};

/* What the text report needs. */
struct check_report {
	const struct mesh_analysis *a;
	const struct mesh_diags *diags;
	int mesh_model;
	const struct mesh_replication *repl;    /* the replication model */
	const struct cli_apply *apply;  /* --apply: the what-if, or NULL */
	const struct mesh_plan *plan;   /* --explain: the plan read, or NULL */
};

/* The plan arguments: Harper configs (--input-format harper, or all
 * ending in .yaml or .yml that are not Kubernetes manifests or compose
 * files by their content), NATS configs and Kubernetes manifests may be
 * several, which cli_input_load() reads as one plan; any other plan is
 * one, which it takes itself. */
static int
take_plans(struct check_opts *o, int argc, char **argv)
{
	int i, harper = o->c.input_format == MESH_FORMAT_HARPER;
	int nats = o->c.input_format == MESH_FORMAT_NATS || o->nats.args.n > 0;

	if (argc - optind > 1 && cli_manifests(&o->c, argc, argv) != 0)
		return CLI_EXIT_BAD;
	if (o->c.input_format == MESH_FORMAT_AUTO && optind < argc && !nats) {
		for (i = optind; i < argc && mesh_format_of_file(argv[i]) ==
		    MESH_FORMAT_NATS; i++)
			continue;
		nats = i == argc;
	}
	if (nats && o->c.input_format == MESH_FORMAT_AUTO) {
		for (i = optind; i < argc; i++)
			if (mesh_format_of_file(argv[i]) != MESH_FORMAT_NATS) {
				cli_error("--nats-args is for nats-server "
				    "configs (.conf, or --input-format nats), "
				    "not %s", argv[i]);
				return CLI_EXIT_BAD;
			}
	}
	if (nats) {
		if (o->harper.opts.generation != MESH_HARPER_AUTO ||
		    o->harper.opts.nenvs > 0) {
			cli_error("--generation and --env are for Harper "
			    "configs");
			return CLI_EXIT_BAD;
		}
		o->nats.opts.inventory = o->harper.opts.inventory;
		o->c.nats = &o->nats;
		return cli_nats_configs(&o->nats, &o->c, argc, argv,
		    "the report over a config");
	}
	if (o->c.input_format == MESH_FORMAT_AUTO && optind < argc &&
	    o->c.manifests == NULL) {
		for (i = optind; i < argc && mesh_format_of_file(argv[i]) ==
		    MESH_FORMAT_HARPER && cli_sniff(argv[i]) ==
		    MESH_FORMAT_HARPER; i++)
			continue;
		harper = i == argc;
	}
	if (!harper || optind == argc) {
		if (o->harper.opts.generation != MESH_HARPER_AUTO ||
		    o->harper.opts.inventory != NULL ||
		    o->harper.opts.nenvs > 0 || o->harper.opts.nargfiles > 0) {
			cli_error("--generation, --inventory, --env and --args "
			    "are for Harper configs");
			return CLI_EXIT_BAD;
		}
		return 0;
	}
	o->c.harper = &o->harper;
	return cli_harper_configs(&o->harper, &o->c, argc, argv,
	    "the report over a config");
}

/* An own_option of cli_parse_options(): check's options into o, a
 * struct check_opts. */
static int
check_option(void *ctx, int c, char *arg)
{
	/* In the order of enum fail_on; --model: graph, mesh (the mesh
	 * model's hazards), replication; --format: text and json, then the
	 * pictures. */
	static const char *const levels[] = { "never", "partition", "spof",
		"bridge", NULL };
	static const char *const models[] = { "graph", "mesh", "replication",
		NULL };
	static const char *const formats[] = { "text", "json", "dot", "svg",
		"sarif", NULL };
	struct check_opts *o = ctx;
	uint64_t n;
	int w;

	switch (c) {
	case CLI_OPT_APPLY:
		return cli_list_add(&o->applies, arg) == 0 ? 1 : -1;
	case CLI_OPT_EXPLAIN:
		o->explain = 1;
		return 1;
	case CLI_OPT_FAIL_ON:
		if ((w = cli_option_word("--fail-on", arg, levels,
		    "one of never, partition, spof, bridge")) < 0)
			return -1;
		o->fail_on = (enum fail_on)w;
		return 1;
	case CLI_OPT_CONNECTIVITY_LIMIT:
		if (cli_option_count("--connectivity-limit", arg, 1,
		    1000000000, &n) != 0)
			return -1;
		o->connectivity_limit = (size_t)n;
		return 1;
	case CLI_OPT_MODEL:
		if ((w = cli_option_word("--model", arg, models,
		    "graph, mesh or replication")) < 0)
			return -1;
		o->model_set = 1;
		o->mesh_model = w == 1;
		o->replication = w == 2;
		return 1;
	case 'f':
		if ((w = cli_option_word("--format", arg, formats,
		    "text, json, dot, svg or sarif")) < 0)
			return -1;
		o->c.format_given = 1;
		o->c.json = w == 1;
		/* The picture: 1 dot, 2 svg. */
		o->picture = w == 2 || w == 3 ? w - 1 : 0;
		o->sarif = w == 4;
		return 1;
	}
	if (c == CLI_OPT_NATS_ARGS)
		return cli_nats_option(&o->nats, c, arg);
	return cli_harper_option(&o->harper, c, arg);
}

/* Fill o from the command line, and load the plan it names into in,
 * which holds what the caller frees whatever is returned. Returns 0, or
 * CLI_EXIT_BAD after saying what is wrong. */
static int
read_args(int argc, char **argv, struct check_opts *o, struct cli_input *in)
{
	memset(o, 0, sizeof(*o));
	cli_input_init(in);
	o->fail_on = FAIL_SPOF;
	if (cli_parse_options(argc, argv, CLI_CHECK, &o->c,
	    check_option, o) != 0)
		return CLI_EXIT_BAD;
	if (take_plans(o, argc, argv) != 0)
		return CLI_EXIT_BAD;
	return cli_input_load(in, &o->c, argc, argv);
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

/* The SARIF log of a (a malloc'd string, or NULL after reporting), paths
 * relative to the working directory. */
static char *
sarif(const struct check_opts *o, const struct mesh_analysis *a,
    const struct mesh_replication *repl, const struct mesh_diags *diags)
{
	struct mesh_sarif_options so;
	char cwd[PATH_MAX], *log;

	memset(&so, 0, sizeof(so));
	so.fail_on = (enum mesh_fail_level)o->fail_on;
	so.input = o->c.plan;
	so.base_dir = getcwd(cwd, sizeof(cwd));
	so.repl = repl;
	if ((log = mesh_check_sarif(a, diags, &so)) == NULL)
		cli_error("out of memory");
	return log;
}

/* The text report, for cli_emit(). */
static int
text_report(FILE *out, const void *ctx)
{
	const struct check_report *r = ctx;

	int rc;

	if (r->apply != NULL && cli_apply_text(out, r->apply, r->a) != 0)
		return -1;
	if (r->repl != NULL)
		rc = cli_report_text_replication(out, r->a, r->repl,
		    r->diags);
	else if (r->mesh_model)
		rc = cli_report_text_hazards(out, r->a, r->diags);
	else
		rc = cli_report_text(out, r->a, r->diags);
	if (rc == 0 && r->plan != NULL)
		rc = cli_sources_text(out, r->plan);
	return rc;
}

int
cli_check(int argc, char **argv)
{
	struct check_opts o;
	struct cli_input in;
	struct mesh_plan *plan;
	struct mesh_analysis *a = NULL;
	struct cli_apply *ap = NULL;
	struct mesh_replication *repl = NULL;
	char *json = NULL;
	struct check_report r;
	enum mesh_error err;
	int status;

	if ((status = read_args(argc, argv, &o, &in)) != 0)
		goto done;
	status = CLI_EXIT_BAD;
	plan = in.plan;
	in.analysis.connectivity_limit = o.connectivity_limit;
	/* --apply: the report describes the plan after the requests, which
	 * must be of the plan's generation. */
	if (o.applies.n > 0 && cli_apply_run(plan, plan->cluster ==
	    MESH_CLUSTER_HARPER_REPLICATION || (o.model_set && o.replication),
	    o.applies.v, o.applies.n, &in.analysis, &in.diags, &ap) != 0)
		goto done;
	if ((err = mesh_analyze(ap ? cli_apply_plan(ap) : plan, &in.analysis,
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
	r.diags = &in.diags;
	r.repl = repl;
	r.mesh_model = o.mesh_model;
	r.apply = ap;
	r.plan = o.explain ? plan : NULL;
	if (o.picture != 0) {
		if ((err = o.picture == 1 ? mesh_picture_dot(a, &json) :
		    mesh_picture_svg(a, &json)) != MESH_OK) {
			cli_error("%s: %s", o.c.plan, mesh_strerror(err));
			goto done;
		}
		if (cli_write_string(o.c.output, json, o.c.plan) != 0)
			goto done;
	} else if (o.sarif) {
		if ((json = sarif(&o, a, repl, &in.diags)) == NULL ||
		    cli_write_string(o.c.output, json, o.c.plan) != 0)
			goto done;
	} else {
		if (o.c.json) {
			json = repl ? mesh_replication_json(a, repl,
			    &in.diags) : o.mesh_model ?
			    mesh_analysis_json_hazards(a, &in.diags) :
			    mesh_analysis_json(a, &in.diags);
			if (ap != NULL)
				json = cli_apply_json(ap, a, json);
			json = cli_sources_json(plan, json);
		}
		if (cli_emit(&o.c, json, text_report, &r) != 0)
			goto done;
	}
	status = (repl ? found_replication(a, repl, o.fail_on) :
	    found(a, o.fail_on)) ? CLI_EXIT_FOUND : CLI_EXIT_OK;
done:
	mesh_replication_free(repl);
	free(o.c.downs.v);
	free(o.applies.v);
	cli_harper_free(&o.harper);
	cli_nats_free(&o.nats);
	cli_apply_free(ap);
	mesh_analysis_free(a);
	cli_input_free(&in);
	return status;
}
