/* cli_common.c: what every subcommand shares: loading the plan, node names on the command line, writing the report. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/text.h"
#include "cli/cli.h"

int
cli_load_plan(const char *path, enum mesh_format format,
    struct mesh_diags *diags, struct mesh_plan **plan)
{
	enum mesh_error err;

	cli_memory_for(path);
	err = mesh_plan_load_progress(path, format, cli_progress(), diags,
	    plan);

	return err == MESH_OK ? 0 : cli_read_failed(path, err, diags);
}

enum mesh_format
cli_sniff(const char *path)
{
	static char buf[65536];
	enum mesh_format f = mesh_format_of_file(path);
	FILE *fp;
	size_t n;

	if ((fp = fopen(path, "rb")) == NULL)
		return f;
	n = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	return mesh_format_sniff(path, buf, n);
}

void
cli_input_init(struct cli_input *in)
{
	memset(in, 0, sizeof(*in));
	mesh_diags_init(&in->diags);
}

int
cli_manifests(struct cli_common *o, int argc, char **argv)
{
	int i;

	if (o->input_format != MESH_FORMAT_KUBERNETES &&
	    o->input_format != MESH_FORMAT_AUTO)
		return 0;
	for (i = optind; o->input_format == MESH_FORMAT_AUTO && i < argc; i++)
		if (cli_sniff(argv[i]) != MESH_FORMAT_KUBERNETES)
			return 0;
	for (i = optind; i < argc; i++)
		if (cli_refuse_over(o->output, argv[i], "the output over a "
		    "manifest"))
			return CLI_EXIT_BAD;
	o->manifests = argv + optind;
	o->nmanifests = (size_t)(argc - optind);
	o->plan = argv[optind];
	return 0;
}

int
cli_input_load(struct cli_input *in, struct cli_common *o, int argc,
    char **argv)
{
	const struct cli_harper *h = o->harper;
	enum mesh_error err;

	if (o->nats != NULL) {
		if ((err = mesh_nats_load((const char *const *)
		    o->nats->configs, o->nats->nconfigs, &o->nats->opts,
		    &in->diags, &in->plan)) != MESH_OK)
			return cli_read_failed(o->plan, err, &in->diags);
	} else if (o->manifests != NULL) {
		if ((err = mesh_kubernetes_load((const char *const *)
		    o->manifests, o->nmanifests, &in->diags, &in->plan)) !=
		    MESH_OK)
			return cli_read_failed(o->plan, err, &in->diags);
	} else if (h == NULL) {
		if (cli_common_plan(o, argc, argv) != 0 ||
		    cli_load_plan(o->plan, o->input_format, &in->diags,
		    &in->plan) != 0)
			return CLI_EXIT_BAD;
	} else if ((err = mesh_harper_load((const char *const *)h->configs,
	    h->nconfigs, &h->opts, &in->diags, &in->plan)) != MESH_OK) {
		return cli_read_failed(o->plan, err, &in->diags);
	}
	if (cli_resolve_nodes(in->plan, "--down", o->downs.v, o->downs.n,
	    &in->down, &in->analysis.ndown) != 0)
		return CLI_EXIT_BAD;
	in->analysis.down = in->down;
	return 0;
}

void
cli_input_free(struct cli_input *in)
{
	free(in->down);
	mesh_plan_free(in->plan);
	mesh_diags_clear(&in->diags);
	cli_input_init(in);
}

/* Append n indices to the growing list *v. Returns 0 or -1. */
static int
append(int **v, size_t *len, size_t *cap, const int *add, size_t n)
{
	if (*len + n > *cap) {
		size_t c = *cap ? *cap : 8;
		int *p;

		while (c < *len + n)
			c *= 2;
		if ((p = realloc(*v, c * sizeof(*p))) == NULL)
			return -1;
		*v = p;
		*cap = c;
	}
	memcpy(*v + *len, add, n * sizeof(*add));
	*len += n;
	return 0;
}

/* The nodes of domain key=value (host or zone), or none; *n 0 when
 * none or out of memory (the hint is then left out). */
static int *
domain_nodes(const struct mesh_plan *plan, const char *key,
    const char *value, size_t *n)
{
	int *sel = NULL;

	*n = 0;
	if (mesh_domain_select(plan, key, value, &sel, n) != MESH_OK) {
		free(sel);
		*n = 0;
		return NULL;
	}
	return sel;
}

/* Up to 3 names of nodes v[0 .. n-1] into buf, "a, b, c and 2 more". */
static void
some_names(const struct mesh_plan *plan, const int *v, size_t n, char *buf,
    size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n && i < 3 && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    i == 0 ? "" : i + 1 == n ? " and " : ", ",
		    plan->nodes[v[i]].name);
	if (i < n && len < size)
		snprintf(buf + len, size - len, " and %zu more", n - i);
}

void
cli_no_node(const struct mesh_plan *plan, const char *opt, const char *word,
    const char *file)
{
	static const char *const keys[] = { "host", "zone" };
	struct mesh_i_near nr;
	char who[400];
	size_t n, i, best = SIZE_MAX, max = 1 + strlen(word) / 3;
	int *v, near = -1;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if ((v = domain_nodes(plan, keys[i], word, &n)) == NULL)
			continue;
		some_names(plan, v, n, who, sizeof(who));
		if (file != NULL && n == 1)
			cli_error("%s: the plan has no node named '%s'; %s has "
			    "that %s: write %s=%s", opt, word, who, keys[i],
			    who, file);
		else if (file != NULL)
			cli_error("%s: the plan has no node named '%s'; %zu "
			    "nodes have that %s (%s): write NODE=%s for each",
			    opt, word, n, keys[i], who, file);
		else if (n == 1)
			cli_error("%s: the plan has no node named '%s'; %s has "
			    "that %s: write %s %s=%s (or %s)", opt, word, who,
			    keys[i], opt, keys[i], word, who);
		else
			cli_error("%s: the plan has no node named '%s'; %zu "
			    "nodes have that %s (%s): write %s %s=%s for all "
			    "of them", opt, word, n, keys[i], who, opt, keys[i],
			    word);
		free(v);
		return;
	}
	/* The nearest name (case ignored; the first in the plan on a tie),
	 * when it is near: at most a third of it. Linear in the names, a
	 * cheap test each (mesh_i_nearer()). */
	mesh_i_near_init(&nr, word, strlen(word));
	for (i = 0; i < plan->nnodes; i++)
		if (mesh_i_nearer(&nr, word, plan->nodes[i].name, max, &best))
			near = (int)i;
	if (near >= 0)
		cli_error("%s: the plan has no node named '%s' (did you mean "
		    "'%s'?)%s", opt, word, plan->nodes[near].name, file ?
		    "" : "; it also takes host=HOST and zone=ZONE");
	else if (file != NULL)
		cli_error("%s: the plan has no node named '%s', and no node "
		    "has that host or zone", opt, word);
	else
		cli_error("%s: the plan has no node named '%s', and no node "
		    "has that host or zone; it takes node names, host=HOST "
		    "and zone=ZONE", opt, word);
}

/* One item: a node name, or key=value for a failure domain. */
static int
resolve_one(const struct mesh_plan *plan, const char *opt, char *item,
    int **v, size_t *len, size_t *cap)
{
	char *eq = strchr(item, '=');
	enum mesh_error err;
	int *sel = NULL, k;
	size_t nsel;

	if ((k = mesh_plan_find(plan, item)) >= 0 || eq == NULL) {
		if (k < 0) {
			cli_no_node(plan, opt, item, NULL);
			return CLI_EXIT_BAD;
		}
		if (append(v, len, cap, &k, 1) != 0) {
			cli_error("out of memory");
			return CLI_EXIT_BAD;
		}
		return 0;
	}
	*eq = '\0';
	err = mesh_domain_select(plan, item, eq + 1, &sel, &nsel);
	if (err == MESH_ENOTFOUND)
		cli_error("%s: no node has %s=%s", opt, item, eq + 1);
	else if (err != MESH_OK)
		cli_error("%s: %s", opt, mesh_strerror(err));
	else if (append(v, len, cap, sel, nsel) != 0)
		err = MESH_ENOMEM, cli_error("out of memory");
	*eq = '=';
	free(sel);
	return err == MESH_OK ? 0 : CLI_EXIT_BAD;
}

int
cli_resolve_nodes(const struct mesh_plan *plan, const char *opt,
    char **args, size_t nargs, int **out, size_t *nout)
{
	size_t cap = 0, i;
	int *v = NULL;

	*out = NULL;
	*nout = 0;
	for (i = 0; i < nargs; i++) {
		char *s = args[i], *tok, *save = NULL;

		/* An argument that names a node as a whole is that node,
		 * commas and all; otherwise it is split at commas. */
		if (mesh_plan_find(plan, s) >= 0) {
			if (resolve_one(plan, opt, s, &v, nout, &cap) != 0)
				goto fail;
			continue;
		}
		for (tok = strtok_r(s, ",", &save); tok != NULL;
		    tok = strtok_r(NULL, ",", &save))
			if (resolve_one(plan, opt, tok, &v, nout, &cap) != 0)
				goto fail;
	}
	*out = v;
	return 0;
fail:
	free(v);
	*nout = 0;
	return CLI_EXIT_BAD;
}

unsigned
cli_default_jobs(unsigned max)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : (unsigned long)n > max ? max : (unsigned)n;
}

char *
cli_render(const struct cli_common *o, char *json,
    int (*text)(FILE *, const void *), const void *ctx, size_t *len)
{
	FILE *f;

	*len = 0;
	if (!o->json) {
		/* A write that failed for want of memory sets the error
		 * flag: the text would be cut short. */
		if ((f = open_memstream(&json, len)) == NULL ||
		    text(f, ctx) != 0 || ferror(f)) {
			if (f != NULL)
				fclose(f);
			free(json);
			json = NULL;
		} else if (fclose(f) != 0) {
			free(json);
			json = NULL;
		}
	} else if (json != NULL) {
		*len = strlen(json);
	}
	if (json == NULL)
		cli_error("out of memory");
	return json;
}

int
cli_emit(const struct cli_common *o, char *json,
    int (*text)(FILE *, const void *), const void *ctx)
{
	size_t len;
	int rc;

	if ((json = cli_render(o, json, text, ctx, &len)) == NULL)
		return CLI_EXIT_BAD;
	rc = cli_write_output(o->output, json, len, o->plan);
	free(json);
	return rc;
}

int
cli_write_string(const char *path, char *s, const char *input)
{
	int rc;

	if (s == NULL) {
		cli_error("out of memory");
		return CLI_EXIT_BAD;
	}
	rc = cli_write_output(path, s, strlen(s), input);
	free(s);
	return rc;
}

int
cli_refuse_over(const char *output, const char *input, const char *what)
{
	if (output == NULL || !cli_same_file(output, input))
		return 0;
	cli_error("%s: refusing to write %s", output, what);
	return 1;
}

int
cli_write_plan(const struct mesh_plan *plan, const char *output,
    const char *input)
{
	char *json = NULL;

	/* The JSON export fails only for want of memory. */
	if (mesh_plan_export(plan, MESH_EXPORT_JSON, &json) != MESH_OK)
		json = NULL;
	return cli_write_string(output, json, input);
}

int
cli_import_write(const char *kind, enum mesh_error err,
    const struct mesh_diags *diags, const struct mesh_plan *plan,
    const char *output, const char *input)
{
	if (err != MESH_OK)
		return cli_read_failed(kind, err, diags);
	cli_diags(diags, MESH_NOTE);
	return cli_write_plan(plan, output, input);
}
