/* cli_options.c: the command line's options: the table of every option and who takes it, the options they share, and the values options take. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"


/*
 * Every long option of the tool and the subcommands that take it: by
 * name, but the limits last; those whose value is a letter have that
 * short form (cli_parse.c). Each has its help text in cli_help.c
 * (tests/unit/cli/test_cli_help.c checks).
 */
static const struct {
	struct option opt;
	unsigned commands;      /* enum cli_command bits */
} options[] = {
	{ { "apply", required_argument, NULL, CLI_OPT_APPLY }, CLI_CHECK },
	{ { "args", required_argument, NULL, CLI_OPT_ARGS },
	    CLI_CHECK | CLI_IMPORT_HARPER },
	{ { "by", required_argument, NULL, 'b' }, CLI_SWEEP | CLI_SUGGEST |
	    CLI_REPORT },
	{ { "configured", required_argument, NULL, CLI_OPT_CONFIGURED },
	    CLI_IMPORT_STATUS },
	{ { "connectivity-limit", required_argument, NULL,
	    CLI_OPT_CONNECTIVITY_LIMIT }, CLI_CHECK },
	{ { "down", required_argument, NULL, 'd' }, CLI_CHECK | CLI_REPORT },
	{ { "env", required_argument, NULL, CLI_OPT_ENV },
	    CLI_CHECK | CLI_IMPORT_HARPER },
	{ { "explain", no_argument, NULL, CLI_OPT_EXPLAIN }, CLI_CHECK },
	{ { "fail-below", required_argument, NULL, CLI_OPT_FAIL_BELOW },
	    CLI_AVAILABILITY },
	{ { "fail-on", required_argument, NULL, CLI_OPT_FAIL_ON }, CLI_CHECK },
	{ { "fail-on-drift", no_argument, NULL, CLI_OPT_FAIL_ON_DRIFT },
	    CLI_IMPORT_NETWORK | CLI_IMPORT_ROUTEZ | CLI_IMPORT_STATUS },
	{ { "force", no_argument, NULL, CLI_OPT_FORCE },
	    CLI_SWEEP | CLI_AVAILABILITY },
	{ { "format", required_argument, NULL, 'f' }, CLI_ALL & ~CLI_IMPORTS },
	{ { "generation", required_argument, NULL, CLI_OPT_GENERATION },
	    CLI_CHECK | CLI_IMPORT_HARPER },
	{ { "help", no_argument, NULL, 'h' }, CLI_ALL },
	{ { "input-format", required_argument, NULL, 'i' },
	    CLI_READERS & ~(CLI_SIMULATE | CLI_IMPORTS) },
	{ { "inventory", required_argument, NULL, CLI_OPT_INVENTORY },
	    CLI_CHECK | CLI_IMPORT_HARPER | CLI_IMPORT_NETWORK |
	    CLI_IMPORT_ROUTES | CLI_IMPORT_NATS },
	{ { "jobs", required_argument, NULL, 'j' },
	    CLI_SWEEP | CLI_AVAILABILITY },
	{ { "k", required_argument, NULL, 'k' }, CLI_SWEEP },
	{ { "loopback", required_argument, NULL, CLI_OPT_LOOPBACK },
	    CLI_EXPORT },
	{ { "model", required_argument, NULL, CLI_OPT_MODEL },
	    CLI_CHECK | CLI_SWEEP },
	{ { "nats-args", required_argument, NULL, CLI_OPT_NATS_ARGS },
	    CLI_CHECK | CLI_IMPORT_NATS },
	{ { "node-availability", required_argument, NULL,
	    CLI_OPT_NODE_AVAILABILITY }, CLI_AVAILABILITY },
	{ { "output", required_argument, NULL, 'o' }, CLI_ALL },
	{ { "quiet", no_argument, NULL, 'q' }, CLI_ALL },
	{ { "seed", required_argument, NULL, CLI_OPT_SEED },
	    CLI_AVAILABILITY | CLI_DIFF },
	{ { "shard", required_argument, NULL, CLI_OPT_SHARD },
	    CLI_SWEEP | CLI_AVAILABILITY },
	{ { "target", required_argument, NULL, 't' }, CLI_SUGGEST },
	{ { "trials", required_argument, NULL, CLI_OPT_TRIALS },
	    CLI_AVAILABILITY | CLI_DIFF },
	{ { "max-input-size", required_argument, NULL,
	    CLI_OPT_MAX_INPUT_SIZE }, CLI_READERS },
	{ { "max-nodes", required_argument, NULL, CLI_OPT_MAX_NODES },
	    CLI_READERS },
	{ { "max-routes", required_argument, NULL, CLI_OPT_MAX_ROUTES },
	    CLI_READERS },
	{ { "max-name-length", required_argument, NULL,
	    CLI_OPT_MAX_NAME_LENGTH }, CLI_READERS },
	{ { "max-depth", required_argument, NULL, CLI_OPT_MAX_DEPTH },
	    CLI_READERS },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

int
cli_list_add(struct cli_list *l, char *s)
{
	char **p = realloc(l->v, (l->n + 1) * sizeof(*p));

	if (p == NULL) {
		cli_error("out of memory");
		return -1;
	}
	l->v = p;
	l->v[l->n++] = s;
	return 0;
}

const struct option *
cli_option_at(size_t i, unsigned *commands)
{
	if (i >= NELEM(options))
		return NULL;
	*commands = options[i].commands;
	return &options[i].opt;
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

int
cli_option_count(const char *opt, const char *arg, uint64_t lo,
    uint64_t hi, uint64_t *out)
{
	if (cli_parse_count(arg, lo, hi, out) == 0)
		return 0;
	cli_error("%s: '%s' is not a number from %llu to %llu", opt, arg,
	    (unsigned long long)lo, (unsigned long long)hi);
	return -1;
}

int
cli_monte_carlo_option(int c, const char *arg, uint64_t *seed,
    uint64_t *trials)
{
	if (c == CLI_OPT_SEED)
		return cli_option_count("--seed", arg, 0, UINT64_MAX, seed) ==
		    0 ? 1 : -1;
	if (c == CLI_OPT_TRIALS)
		return cli_option_count("--trials", arg, 1,
		    MESH_AVAIL_TRIALS_MAX, trials) == 0 ? 1 : -1;
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

/*
 * A size: a whole number of bytes, or of KiB, MiB, GiB or TiB with the
 * suffix K, M, G or T (KiB... and KB... mean the same; any case). Returns
 * 0 with *out set (from 1 to max), or -1.
 */
static int
parse_size(const char *s, uint64_t max, uint64_t *out)
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

/*
 * Set the limit that option c names to arg, for every reader that runs
 * after. Returns 1 when c was one of them, 0 when not, -1 after
 * reporting a bad value.
 */
static int
limit_option(int c, const char *arg)
{
	struct mesh_limits l = *mesh_limits_get();
	uint64_t n;

	switch (c) {
	case CLI_OPT_MAX_INPUT_SIZE:
		if (parse_size(arg, INT64_MAX, &n) != 0) {
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
		if (cli_option_count("--max-depth", arg, 1,
		    MESH_LIMIT_DEPTH_MAX, &n) != 0)
			return -1;
		l.depth = (size_t)n;
		break;
	default:
		return 0;
	}
	return mesh_limits_set(&l) == MESH_OK ? 1 : -1;
}

int
cli_label_key(const char *arg, const char **by)
{
	if (*arg == '\0' || strchr(arg, '=') != NULL) {
		cli_error("--by: '%s' is not a label key (such as zone, rack "
		    "or host)", arg);
		return -1;
	}
	*by = arg;
	return 1;
}

int
cli_option_word(const char *opt, const char *arg, const char *const *words,
    const char *expected)
{
	int i;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(arg, words[i]) == 0)
			return i;
	cli_error("%s: '%s' is not %s", opt, arg, expected);
	return -1;
}

int
cli_common_option(struct cli_common *o, int c, char *arg)
{
	static const char *const formats[] = { "text", "json", NULL };
	int fmt;

	switch (c) {
	case 'd':
		return cli_list_add(&o->downs, arg) == 0 ? 1 : -1;
	case 'f':
		if ((fmt = cli_option_word("--format", arg, formats,
		    "text or json")) < 0)
			return -1;
		o->format_given = 1;
		o->json = fmt;
		return 1;
	case 'i':
		if ((fmt = mesh_format_from_name(arg)) < 0) {
			cli_error("--input-format: '%s' is not one of auto, "
			    "json, gml, graphml, edgelist, ncol, harper, "
			    "kubernetes, compose, nats", arg);
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
	return limit_option(c, arg);
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

int
cli_shard_format(const struct cli_common *o, int shards)
{
	if (shards == 0 || !o->format_given)
		return 0;
	cli_error("--format is for meshsim merge: a shard writes a partial "
	    "result (JSON, docs/shard.md)");
	return CLI_EXIT_BAD;
}
