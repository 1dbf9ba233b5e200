/* cli_common.c: what every subcommand shares: its common options, loading the plan, node names on the command line, writing the report. */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/text.h"
#include "cli/cli.h"

int
cli_load_plan(const char *path, enum mesh_format format,
    struct mesh_diags *diags, struct mesh_plan **plan)
{
	enum mesh_error err = mesh_plan_load_progress(path, format,
	    cli_progress(), diags, plan);

	if (err == MESH_OK)
		return 0;
	cli_diags(diags, MESH_NOTE);
	if (err != MESH_EINPUT && err != MESH_EIO)
		cli_error("%s: %s", path, mesh_strerror(err));
	return CLI_EXIT_BAD;
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
	char who[400];
	size_t n, i, best = SIZE_MAX, d;
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
	/* The nearest name, when it is near: at most a third of it. */
	for (i = 0; i < plan->nnodes; i++) {
		d = mesh_i_edit_distance(word, plan->nodes[i].name, 64, 1);
		if (d < best) {
			best = d;
			near = (int)i;
		}
	}
	if (near >= 0 && best <= 1 + strlen(word) / 3)
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

int
cli_common_option(struct cli_common *o, int c, const char *arg)
{
	int fmt;

	switch (c) {
	case CLI_OPT_MAX_INPUT_SIZE:
	case CLI_OPT_MAX_NODES:
	case CLI_OPT_MAX_ROUTES:
	case CLI_OPT_MAX_NAME_LENGTH:
	case CLI_OPT_MAX_DEPTH:
		return cli_limit_option(c, arg);
	case 'f':
		o->format_given = 1;
		if (strcmp(arg, "text") == 0)
			o->json = 0;
		else if (strcmp(arg, "json") == 0)
			o->json = 1;
		else {
			cli_error("--format: '%s' is not text or json", arg);
			return -1;
		}
		return 1;
	case 'h':
		cli_usage(stdout);
		exit(CLI_EXIT_OK);
	case 'i':
		if ((fmt = mesh_format_from_name(arg)) < 0) {
			cli_error("--input-format: '%s' is not one of auto, "
			    "json, gml, graphml, edgelist, ncol, harper", arg);
			return -1;
		}
		o->input_format = (enum mesh_format)fmt;
		return 1;
	case 'o':
		o->output = arg;
		return 1;
	case 'q':
		cli_progress_quiet();
		return 1;
	}
	return 0;
}

int
cli_parse_model(const char *arg, int *mesh)
{
	if (strcmp(arg, "graph") == 0)
		*mesh = 0;
	else if (strcmp(arg, "mesh") == 0)
		*mesh = 1;
	else {
		cli_error("--model: '%s' is not graph or mesh", arg);
		return -1;
	}
	return 0;
}

int
cli_common_plan(struct cli_common *o, int argc, char **argv)
{
	if (argc - optind != 1) {
		cli_error(argc - optind ? "one plan at a time" :
		    "no plan given");
		cli_usage(stderr);
		return CLI_EXIT_BAD;
	}
	o->plan = argv[optind];
	return 0;
}

int
cli_parse_count(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
	unsigned long long n;
	char *end;

	if (*s < '0' || *s > '9')       /* no sign, no white space */
		return -1;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || n < lo || n > hi)
		return -1;
	*out = n;
	return 0;
}

/* The power of 1024 that a size suffix stands for ("", "K", "KiB",
 * "kb", ...), or -1. */
static int
size_suffix(const char *s)
{
	static const char units[] = "KMGT";
	const char *u;

	if (*s == '\0')
		return 0;
	if ((u = strchr(units, toupper((unsigned char)*s))) == NULL)
		return -1;
	s++;
	if (strcasecmp(s, "") == 0 || strcasecmp(s, "b") == 0 ||
	    strcasecmp(s, "ib") == 0)
		return (int)(u - units) + 1;
	return -1;
}

int
cli_parse_size(const char *s, uint64_t max, uint64_t *out)
{
	unsigned long long n;
	char *end;
	int power;

	if (*s < '0' || *s > '9')       /* no sign, no white space */
		return -1;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno != 0 || (power = size_suffix(end)) < 0)
		return -1;
	for (; power > 0; power--) {
		if (n > max / 1024)
			return -1;
		n *= 1024;
	}
	if (n < 1 || n > max)
		return -1;
	*out = n;
	return 0;
}

/* A count with an optional decimal suffix: k (10^3), M (10^6), G (10^9).
 * Returns 0 with *out set (1 to max), or -1. */
static int
parse_big_count(const char *s, uint64_t max, uint64_t *out)
{
	unsigned long long n, mul = 1;
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno != 0)
		return -1;
	if (strcmp(end, "k") == 0 || strcmp(end, "K") == 0)
		mul = 1000;
	else if (strcmp(end, "M") == 0)
		mul = 1000000;
	else if (strcmp(end, "G") == 0)
		mul = 1000000000;
	else if (*end != '\0')
		return -1;
	if (n > max / mul || n * mul < 1)
		return -1;
	*out = n * mul;
	return 0;
}

int
cli_limit_option(int c, const char *arg)
{
	struct mesh_limits l = *mesh_limits_get();
	uint64_t n;

	switch (c) {
	case CLI_OPT_MAX_INPUT_SIZE:
		if (cli_parse_size(arg, INT64_MAX, &n) != 0) {
			cli_error("--max-input-size: '%s' is not a size such "
			    "as 1073741824, 512M or 2G", arg);
			return -1;
		}
		l.input_bytes = n;
		break;
	case CLI_OPT_MAX_NODES:
	case CLI_OPT_MAX_ROUTES:
		/* Node indices are ints. */
		if (parse_big_count(arg, INT32_MAX - 1, &n) != 0) {
			cli_error("%s: '%s' is not a number from 1 to %ld "
			    "(k, M and G multiply by 10^3, 10^6, 10^9)",
			    c == CLI_OPT_MAX_NODES ? "--max-nodes" :
			    "--max-routes", arg, (long)INT32_MAX - 1);
			return -1;
		}
		if (c == CLI_OPT_MAX_NODES)
			l.nodes = (size_t)n;
		else
			l.routes = (size_t)n;
		break;
	case CLI_OPT_MAX_NAME_LENGTH:
		if (cli_parse_count(arg, 1, INT32_MAX, &n) != 0) {
			cli_error("--max-name-length: '%s' is not a number of "
			    "bytes from 1 to %ld", arg, (long)INT32_MAX);
			return -1;
		}
		l.name_bytes = (size_t)n;
		break;
	case CLI_OPT_MAX_DEPTH:
		if (cli_parse_count(arg, 1, MESH_LIMIT_DEPTH_MAX, &n) != 0) {
			cli_error("--max-depth: '%s' is not a number from 1 to "
			    "%d", arg, MESH_LIMIT_DEPTH_MAX);
			return -1;
		}
		l.depth = (size_t)n;
		break;
	default:
		return 0;
	}
	return mesh_limits_set(&l) == MESH_OK ? 1 : -1;
}

int
cli_parse_seed(const char *arg, uint64_t *out)
{
	if (cli_parse_count(arg, 0, UINT64_MAX, out) == 0)
		return 0;
	cli_error("--seed: '%s' is not a number from 0 to %llu", arg,
	    (unsigned long long)UINT64_MAX);
	return -1;
}

int
cli_parse_trials(const char *arg, uint64_t *out)
{
	if (cli_parse_count(arg, 1, MESH_AVAIL_TRIALS_MAX, out) == 0)
		return 0;
	cli_error("--trials: '%s' is not a number from 1 to %llu", arg,
	    (unsigned long long)MESH_AVAIL_TRIALS_MAX);
	return -1;
}

int
cli_parse_shard(const char *arg, int *index, int *count)
{
	unsigned long i = 0, n = 0;
	char *end = NULL;

	/* I, a slash, N: digits only, read with end pointers. */
	errno = 0;
	if (*arg >= '0' && *arg <= '9')
		i = strtoul(arg, &end, 10);
	if (end != NULL && *end == '/' && end[1] >= '0' && end[1] <= '9' &&
	    errno == 0) {
		n = strtoul(end + 1, &end, 10);
		if (errno == 0 && *end == '\0' && n >= 1 &&
		    n <= MESH_SHARDS_MAX && i >= 1 && i <= n) {
			*index = (int)i;
			*count = (int)n;
			return 0;
		}
	}
	cli_error("--shard: '%s' is not I/N, shard I of N, with 1 <= I <= N "
	    "<= %d", arg, MESH_SHARDS_MAX);
	return -1;
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
cli_emit_partial(const struct cli_common *o, char *json)
{
	int rc;

	if (json == NULL) {
		cli_error("out of memory");
		return CLI_EXIT_BAD;
	}
	rc = cli_write_output(o->output, json, strlen(json), o->plan);
	free(json);
	return rc;
}

int
cli_write_plan(const struct mesh_plan *plan, const char *output,
    const char *input)
{
	char *json = NULL;
	int rc;

	if (mesh_plan_export(plan, MESH_EXPORT_JSON, &json) != MESH_OK) {
		cli_error("out of memory");
		return CLI_EXIT_BAD;
	}
	rc = cli_write_output(output, json, strlen(json), input);
	free(json);
	return rc;
}
