/* cli_import_status.c: `meshsim import harper-cluster-status [NODE=]ANSWER.json...`: a plan of the live connections of Harper 4.4+ cluster_status answers, and their drift from the configured routes. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_apply.h"

/* The options of its own. */
struct status_opts {
	const char *configured;         /* --configured PLAN */
	int fail_on_drift;              /* --fail-on-drift */
};

/* An own_option of cli_parse_options(). */
static int
status_option(void *ctx, int c, char *arg)
{
	struct status_opts *o = ctx;

	if (c == CLI_OPT_FAIL_ON_DRIFT)
		o->fail_on_drift = 1;
	else if (c == CLI_OPT_CONFIGURED)
		o->configured = arg;
	else
		return 0;
	return 1;
}

/* How many diagnostics of d say the live state differs from the
 * configured one. */
static size_t
count_drift(const struct mesh_diags *d)
{
	static const char *const codes[] = { "gossip-link", "route-not-live",
		"not-connected", "partial-connection", NULL };
	size_t i, j, n = 0;

	for (i = 0; i < d->n; i++)
		for (j = 0; codes[j] != NULL; j++)
			n += strcmp(d->v[i].code, codes[j]) == 0;
	return n;
}

/*
 * Read the answers argv[0 .. n-1], [NODE=]ANSWER.json each (NODE= when
 * the text before the first '=' holds no '/'): names[i] (into argv's
 * text; NULL: none) and answers[i] (the caller frees both lists). Returns
 * MESH_OK, MESH_EINPUT or MESH_EIO after reporting to diags (every answer
 * is read), or MESH_ENOMEM.
 */
static enum mesh_error
read_answers(char **argv, size_t n, const char **names,
    struct mesh_ops_status **answers, struct mesh_diags *diags)
{
	enum mesh_error err = MESH_OK, e;
	size_t i, len;
	char *buf;

	for (i = 0; i < n; i++) {
		char *eq = strchr(argv[i], '='), *file = argv[i];

		if (eq != NULL && memchr(argv[i], '/',
		    (size_t)(eq - argv[i])) == NULL) {
			*eq = '\0';
			names[i] = argv[i];
			file = eq + 1;
		}
		e = mesh_ops_read_file(file, diags, &buf, &len);
		if (e == MESH_OK) {
			e = mesh_ops_status_parse(buf, len, file, diags,
			    &answers[i]);
			free(buf);
		}
		if (e == MESH_ENOMEM)
			return e;
		if (e != MESH_OK)
			err = e;
	}
	return err;
}

int
cli_import_status(int argc, char **argv)
{
	struct status_opts so = { NULL, 0 };
	struct mesh_ops_status **answers = NULL;
	struct mesh_plan *plan = NULL, *configured = NULL;
	struct mesh_diags diags;
	struct cli_common o;
	const char **names = NULL;
	enum mesh_error err;
	size_t i, n = 0;
	int status;

	memset(&o, 0, sizeof(o));
	mesh_diags_init(&diags);
	if ((status = cli_parse_options(argc, argv, CLI_IMPORT_STATUS,
	    &o, status_option, &so)) != 0)
		goto done;
	status = CLI_EXIT_BAD;
	if (argc - optind < 1) {
		cli_error("import harper-cluster-status: no answer given");
		cli_usage(stderr);
		goto done;
	}
	n = (size_t)(argc - optind);
	if ((names = calloc(n, sizeof(*names))) == NULL ||
	    (answers = calloc(n, sizeof(*answers))) == NULL) {
		cli_error("out of memory");
		goto done;
	}
	if (so.configured != NULL && cli_load_plan(so.configured,
	    MESH_FORMAT_AUTO, &diags, &configured) != 0)
		goto done;
	err = read_answers(argv + optind, n, names, answers, &diags);
	if (err == MESH_OK)
		err = mesh_ops_status_plan(names,
		    (const struct mesh_ops_status *const *)answers, n,
		    configured, &diags, &plan);
	if ((status = cli_import_write("import harper-cluster-status", err,
	    &diags, plan, o.output, n == 1 ? argv[optind] : NULL)) == 0 &&
	    so.fail_on_drift && count_drift(&diags) > 0)
		status = CLI_EXIT_FOUND;
done:
	for (i = 0; answers != NULL && i < n; i++)
		mesh_ops_status_free(answers[i]);
	free(answers);
	free(names);
	mesh_plan_free(plan);
	mesh_plan_free(configured);
	mesh_diags_clear(&diags);
	return status;
}
