/* cli_help.c: the one source of help: each command's synopsis and purpose, each option's argument and description; --help, usage errors, the man pages and the shell completions are written from it. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "cli/cli.h"

#define WIDTH 80                /* no line of help is longer */
#define DESC_COLUMN 30          /* where option descriptions start */
/* The date of the man pages: change it when their text changes. */
#define MAN_DATE "December 3, 2026"

/*
 * The commands, by name ("import" is the group of its kinds, each a
 * command of its own here). purpose is one line, lower case and without
 * a full stop (it is the man page's .Nd); exit1 says when the status is
 * 1 (NULL: never); example is a command line on the repository's files,
 * lines separated by '\n'.
 */
static const struct help_cmd {
	const char *name;
	unsigned command;               /* enum cli_command */
	const char *operands;           /* after the options */
	const char *purpose;
	const char *doc;                /* its page, under docs/ */
	const char *exit1;
	const char *example;
} cmds[] = {
	{ "availability", CLI_AVAILABILITY, "PLAN",
	    "estimate how likely the up nodes are all connected when nodes "
	    "fail at random", "availability.md",
	    "--fail-below P was given and the estimate is below P",
	    "meshsim availability --trials 10000 scenarios/figure1.json" },
	{ "check", CLI_CHECK,
	    "PLAN | [HOST=]CONFIG.yaml ... | [HOST=]CONFIG.conf ...",
	    "is the cluster connected, which node or link splits it, what if "
	    "nodes drop", "check.md",
	    "something is found at the --fail-on level (default spof)",
	    "meshsim check scenarios/figure1.json\n"
	    "meshsim check --down node1 --format json scenarios/figure1.json" },
	{ "diff", CLI_DIFF, "OLD NEW",
	    "what a topology change does, and whether it is worse", "diff.md",
	    "NEW is worse than OLD",
	    "meshsim diff scenarios/ring.json scenarios/chain.json" },
	{ "export", CLI_EXPORT, "PLAN",
	    "write a plan as JSON, GraphML, GML, DOT or nats-server configs",
	    "formats.md", NULL,
	    "meshsim export --format graphml scenarios/figure1.json" },
	{ "import", CLI_IMPORT, "KIND [OPTION]... INPUT ...",
	    "turn cluster configs or live answers into a plan", "index.md",
	    "a kind that compares with --fail-on-drift finds drift",
	    "meshsim import compose scenarios/compose/docker-compose.yml" },
	{ "import compose", CLI_IMPORT_COMPOSE, "COMPOSE.yml",
	    "a plan from a docker compose file", "compose.md", NULL,
	    "meshsim import compose scenarios/compose/docker-compose.yml" },
	{ "import harper", CLI_IMPORT_HARPER, "[HOST=]CONFIG.yaml ...",
	    "a plan from Harper config files", "harper.md", NULL,
	    "meshsim import harper --inventory scenarios/harper-nats/"
	    "inventory.json \\\n    scenarios/harper-nats/node1.yaml "
	    "scenarios/harper-nats/node2.yaml \\\n"
	    "    scenarios/harper-nats/node3.yaml" },
	{ "import harper-cluster-status", CLI_IMPORT_STATUS,
	    "[NODE=]ANSWER.json ...",
	    "a plan of the live connections in Harper 4.4+ cluster_status "
	    "answers, and their drift", "harper-ops.md",
	    "--fail-on-drift was given and there is drift",
	    "meshsim import harper-cluster-status --configured "
	    "tests/ops/status-plan.json \\\n    tests/ops/status-one.json "
	    "tests/ops/status-two.json" },
	{ "import harper-network", CLI_IMPORT_NETWORK, "ANSWER.json",
	    "a plan from a Harper cluster_network answer, and the drift of its "
	    "connections", "harper-ops.md",
	    "--fail-on-drift was given and there is drift",
	    "meshsim import harper-network --inventory "
	    "tests/ops/inventory.json \\\n    tests/ops/network-in-sync.json" },
	{ "import harper-routes", CLI_IMPORT_ROUTES, "NODE=ANSWER.json ...",
	    "a plan from Harper cluster_get_routes answers", "harper-ops.md",
	    NULL,
	    "meshsim import harper-routes node1=tests/ops/routes-node1.json "
	    "\\\n    node2=tests/ops/routes-node2.json" },
	{ "import kubernetes", CLI_IMPORT_KUBERNETES, "MANIFEST.yaml ...",
	    "a plan from the Kubernetes manifests of a Harper cluster",
	    "kubernetes.md", NULL,
	    "meshsim import kubernetes scenarios/kubernetes/statefulset.yaml" },
	{ "import nats", CLI_IMPORT_NATS, "[HOST=]CONFIG.conf ...",
	    "a plan from nats-server configs and command lines", "nats.md",
	    NULL,
	    "meshsim import nats tests/nats/fig1-node1.conf "
	    "tests/nats/fig1-node2.conf \\\n    tests/nats/fig1-node3.conf" },
	{ "import nats-routez", CLI_IMPORT_ROUTEZ, "NODE=ANSWER.json ...",
	    "a plan from nats-server /routez answers, and their drift",
	    "nats.md", "--fail-on-drift was given and there is drift",
	    "meshsim import nats-routez node1=tests/nats/routez-node1.json "
	    "\\\n    node2=tests/nats/routez-node2.json "
	    "node3=tests/nats/routez-node3.json" },
	{ "merge", CLI_MERGE, "PARTIAL ...",
	    "put the partial results of a sharded sweep or availability run "
	    "together", "shard.md", "the whole run's would be 1",
	    "meshsim sweep --shard 1/2 -o part1 scenarios/zones.json\n"
	    "meshsim sweep --shard 2/2 -o part2 scenarios/zones.json\n"
	    "meshsim merge part1 part2" },
	{ "report", CLI_REPORT, "PLAN",
	    "the design-review report of a plan, in HTML or Markdown",
	    "report.md", NULL,
	    "meshsim report -o review.html scenarios/zones.json" },
	{ "simulate", CLI_SIMULATE, "PLAN",
	    "run the live mesh through a plan's timeline and what-ifs",
	    "simulate.md", "an expectation of the timeline or a what-if failed",
	    "meshsim simulate scenarios/restart-hazard.json" },
	{ "suggest", CLI_SUGGEST, "PLAN",
	    "the fewest routes to add so that no node (or domain) failure "
	    "splits the cluster", "suggest.md", "routes are suggested",
	    "meshsim suggest scenarios/chain.json" },
	{ "sweep", CLI_SWEEP, "PLAN",
	    "every set of up to k nodes, zones or hosts failing together: the "
	    "sets that split", "sweep.md",
	    "some set splits (under --model mesh: strands) a node, or the plan "
	    "is split already",
	    "meshsim sweep --k 2 scenarios/zones.json" },
};

/*
 * What each option means to the commands that take it: one entry per
 * option and meaning (an option means different things to different
 * commands: --format, --output, --by). arg is the argument's name in
 * help, NULL for none or for values shown as they are ("text|json");
 * values are the fixed values, separated by spaces, for completion too.
 * brief: left out of the synopsis (help and the shared options).
 */
static const struct help_opt {
	const char *name;
	unsigned commands;
	const char *arg;
	const char *values;
	int again;                      /* may be given again */
	int brief;
	const char *text;
} opts[] = {
	{ "apply", CLI_CHECK, "NODE=REQUEST.json", NULL, 1, 0,
	    "apply an operations API request to NODE first; report before and "
	    "after" },
	{ "args", CLI_CHECK | CLI_IMPORT_HARPER, "NODE=FILE", NULL, 1, 0,
	    "the command line a Harper node runs with, from FILE" },
	{ "by", CLI_SWEEP, "KEY", NULL, 0, 0,
	    "sweep failure domains, not nodes: host, or a label key such as "
	    "zone" },
	{ "by", CLI_SUGGEST, "KEY", NULL, 0, 0,
	    "also survive the loss of any one failure domain: host, or a "
	    "label key" },
	{ "by", CLI_REPORT, "LABEL", NULL, 0, 0,
	    "the failure-domain key of the picture and its section (default "
	    "zone)" },
	{ "configured", CLI_IMPORT_STATUS, "PLAN", NULL, 0, 0,
	    "the configured plan to compare the live connections with" },
	{ "connectivity-limit", CLI_CHECK, "N", NULL, 0, 0,
	    "compute connectivity above 1 for at most N surviving nodes "
	    "(default 20000)" },
	{ "down", CLI_CHECK | CLI_REPORT, "NODES", NULL, 1, 0,
	    "these nodes down: names separated by commas, or KEY=VALUE for a "
	    "domain (zone=a, host=h)" },
	{ "env", CLI_CHECK | CLI_IMPORT_HARPER, "NODE=FILE", NULL, 1, 0,
	    "a Harper node's environment overrides, from a KEY=VALUE file" },
	{ "explain", CLI_CHECK, NULL, NULL, 0, 0,
	    "also say where each route comes from: file, line, column and "
	    "mechanism" },
	{ "fail-below", CLI_AVAILABILITY, "P", NULL, 0, 0,
	    "exit 1 when the estimated P(all up nodes connected) is below P" },
	{ "fail-on", CLI_CHECK, NULL, "never partition spof bridge", 0, 0,
	    "what makes the exit status 1 (default spof)" },
	{ "fail-on-drift", CLI_IMPORT_NETWORK | CLI_IMPORT_ROUTEZ |
	    CLI_IMPORT_STATUS, NULL, NULL, 0, 0,
	    "exit 1 when the live connections drift from the routes" },
	{ "force", CLI_SWEEP | CLI_AVAILABILITY, NULL, NULL, 0, 0,
	    "run even above the work budget" },
	{ "format", CLI_CHECK, NULL, "text json dot svg sarif", 0, 0,
	    "a text report (default), JSON, the picture as DOT or SVG, or "
	    "SARIF 2.1.0 for code scanning" },
	{ "format", CLI_SWEEP | CLI_AVAILABILITY | CLI_MERGE | CLI_SUGGEST,
	    NULL, "text json", 0, 0, "a text report (default) or JSON" },
	{ "format", CLI_SIMULATE, NULL, "text json junit", 0, 0,
	    "a text report (default), JSON, or JUnit XML (each expectation a "
	    "test case)" },
	{ "format", CLI_REPORT, NULL, "html md markdown", 0, 0,
	    "HTML or Markdown (default: md when -o ends in .md, else html)" },
	{ "format", CLI_DIFF, NULL, "text json markdown", 0, 0,
	    "a text report (default), JSON, or Markdown for a review comment" },
	{ "format", CLI_EXPORT, NULL, "json graphml gml dot nats", 0, 0,
	    "the plan as JSON (default), GraphML, GML, DOT or nats-server "
	    "configs" },
	{ "generation", CLI_CHECK | CLI_IMPORT_HARPER, NULL, "nats replication",
	    0, 0, "Harper's clustering: NATS (4.0-4.3) or native replication "
	    "(4.4+); default by the configs" },
	{ "help", CLI_ALL, NULL, NULL, 0, 1, "print this help and exit" },
	{ "input-format", CLI_READERS & ~(CLI_SIMULATE | CLI_IMPORTS),
	    "FORMAT",
	    "auto json gml graphml edgelist ncol harper kubernetes compose "
	    "nats",
	    0, 0, "the plan's format: auto (default: by the file's ending), "
	    "json, gml, graphml, edgelist, ncol, harper, kubernetes, compose, "
	    "nats" },
	{ "inventory", CLI_CHECK | CLI_IMPORT_HARPER | CLI_IMPORT_NETWORK |
	    CLI_IMPORT_ROUTES | CLI_IMPORT_NATS, "FILE", NULL, 0, 0,
	    "the nodes' hosts and ports, from a JSON inventory" },
	{ "jobs", CLI_SWEEP | CLI_AVAILABILITY, "N", NULL, 0, 0,
	    "processes to use (default: the processors online); the result "
	    "is the same" },
	{ "k", CLI_SWEEP, "N", NULL, 0, 0,
	    "the largest set of units failing together (default 2)" },
	{ "loopback", CLI_EXPORT, "BASEPORT", NULL, 0, 0,
	    "with --format nats: every server on 127.0.0.1, ports from "
	    "BASEPORT up" },
	{ "model", CLI_CHECK, NULL, "graph mesh replication", 0, 0,
	    "the route graph (default), also the live mesh's restart hazards, "
	    "or Harper 4.4+ replication" },
	{ "model", CLI_SWEEP, NULL, "graph mesh", 0, 0,
	    "sets that split the route graph (default), or that strand live "
	    "nodes" },
	{ "nats-args", CLI_CHECK | CLI_IMPORT_NATS, "NODE=FILE", NULL, 1, 0,
	    "the nats-server command line of NODE, from FILE" },
	{ "node-availability", CLI_AVAILABILITY, "P", NULL, 0, 0,
	    "the availability of nodes that set none, 0 to 1 (default 0.999)" },
	{ "output", CLI_CHECK | CLI_SWEEP | CLI_AVAILABILITY | CLI_MERGE |
	    CLI_SIMULATE | CLI_REPORT | CLI_DIFF, "FILE", NULL, 0, 0,
	    "write to FILE (whole or not at all, never over an input), not "
	    "stdout" },
	{ "output", CLI_SUGGEST, "PLAN", NULL, 0, 0,
	    "also write the plan with the routes added; the report goes to "
	    "stdout" },
	{ "output", CLI_EXPORT, "FILE|DIR", NULL, 0, 0,
	    "write to FILE, not stdout (with --format nats: a new directory "
	    "DIR)" },
	{ "output", CLI_IMPORTS, "PLAN", NULL, 0, 0,
	    "write the plan to PLAN (whole or not at all), not stdout" },
	{ "quiet", CLI_ALL, NULL, NULL, 0, 1,
	    "no progress bar (drawn on stderr when it is a terminal)" },
	{ "seed", CLI_AVAILABILITY | CLI_DIFF, "S", NULL, 0, 0,
	    "the seed of the trials, 0 to 2^64-1 (default 1)" },
	{ "shard", CLI_SWEEP | CLI_AVAILABILITY, "I/N", NULL, 0, 0,
	    "run shard I of N only: its partial result, for meshsim merge" },
	{ "target", CLI_SUGGEST, NULL, "2 3", 0, 0,
	    "survive any one node's loss (2, default) or any two nodes' (3)" },
	{ "trials", CLI_AVAILABILITY | CLI_DIFF, "N", NULL, 0, 0,
	    "Monte Carlo trials, 1 to 10^12 (default 100000)" },
	{ "max-input-size", CLI_READERS, "SIZE", NULL, 0, 1,
	    "the largest input read: bytes, or K, M, G, T (default 1G)" },
	{ "max-nodes", CLI_READERS, "N", NULL, 0, 1,
	    "the most nodes a plan may have; k, M, G multiply (default 2M)" },
	{ "max-routes", CLI_READERS, "N", NULL, 0, 1,
	    "the most routes a plan may have; k, M, G multiply (default 10M)" },
	{ "max-name-length", CLI_READERS, "N", NULL, 0, 1,
	    "the longest name, in bytes (default 1024)" },
	{ "max-depth", CLI_READERS, "N", NULL, 0, 1,
	    "the deepest nesting of an input (default 64)" },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The command usage errors and -h are about; 0: none yet. */
static unsigned usage_command;

void
cli_usage_command(unsigned command)
{
	usage_command = command;
}

unsigned
cli_usage_current(void)
{
	return usage_command;
}

/* The command of that bit, or NULL. */
static const struct help_cmd *
find_cmd(unsigned command)
{
	size_t i;

	for (i = 0; i < NELEM(cmds); i++)
		if (cmds[i].command == command)
			return &cmds[i];
	return NULL;
}

/* The command named name ("check", "import harper"), or NULL. */
static const struct help_cmd *
find_cmd_named(const char *name)
{
	size_t i;

	for (i = 0; i < NELEM(cmds); i++)
		if (strcmp(cmds[i].name, name) == 0)
			return &cmds[i];
	return NULL;
}

const char *
cli_help_name(unsigned command)
{
	const struct help_cmd *c = find_cmd(command);

	return c != NULL ? c->name : "meshsim";
}

/* What option name means to command, or NULL when nothing says. */
static const struct help_opt *
find_opt(const char *name, unsigned command)
{
	size_t i;

	for (i = 0; i < NELEM(opts); i++)
		if ((opts[i].commands & command) &&
		    strcmp(opts[i].name, name) == 0)
			return &opts[i];
	return NULL;
}

/* The options of command, as the table of cli_options.c has them:
 * their long options in v[0 .. return), sorted by name. */
static size_t
command_options(unsigned command, const struct option **v, size_t max)
{
	const struct option *o;
	unsigned commands;
	size_t i, j, n = 0;

	for (i = 0; (o = cli_option_at(i, &commands)) != NULL; i++) {
		if (!(commands & command) || n == max)
			continue;
		for (j = n; j > 0 && strcmp(v[j - 1]->name, o->name) > 0; j--)
			v[j] = v[j - 1];
		v[j] = o;
		n++;
	}
	return n;
}

#define MAX_OPTS 64

/* The argument of option o as help shows it ("FILE", "text|json"), or
 * NULL when it takes none; into buf of size bytes. */
static const char *
arg_shown(const struct option *o, const struct help_opt *h, char *buf,
    size_t size)
{
	size_t i;

	if (o->has_arg == no_argument)
		return NULL;
	if (h == NULL)
		return "ARG";
	if (h->arg != NULL || h->values == NULL)
		return h->arg != NULL ? h->arg : "ARG";
	snprintf(buf, size, "%s", h->values);
	for (i = 0; buf[i] != '\0'; i++)
		if (buf[i] == ' ')
			buf[i] = '|';
	return buf;
}

const char *
cli_help_arg(const char *name, unsigned command, char *buf, size_t size)
{
	const struct option *v[MAX_OPTS];
	size_t i, n = command_options(command, v, MAX_OPTS);

	for (i = 0; i < n; i++)
		if (strcmp(v[i]->name, name) == 0)
			return arg_shown(v[i], find_opt(name, command), buf,
			    size);
	return NULL;
}

/* The short form of o: its letter, or 0. */
static int
short_of(const struct option *o)
{
	return o->val < 0x100 && o->val != 0 && strlen(o->name) > 0 ?
	    o->val : 0;
}

/*
 * Write words to f from column col, breaking lines before WIDTH and
 * starting each new one at column indent; a space before the first word
 * when space. Words are separated by spaces; a bracketed one is kept
 * whole: "[-o FILE]". Returns the column after.
 */
static size_t
wrap(FILE *f, const char *s, size_t col, size_t indent, int space)
{
	const char *p = s, *end;
	size_t len;
	int depth;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		/* One word: to the next space outside brackets. */
		for (end = p, depth = 0; *end != '\0' &&
		    (*end != ' ' || depth > 0); end++) {
			if (*end == '[')
				depth++;
			else if (*end == ']' && depth > 0)
				depth--;
		}
		if (strncmp(end, " ...", 4) == 0 && (end[4] == '\0' ||
		    end[4] == ' '))
			end += 4;       /* "FILE ..." stays whole */
		len = (size_t)(end - p);
		if (col > indent && col + 1 + len > WIDTH) {
			fprintf(f, "\n%*s", (int)indent, "");
			col = indent;
		} else if (space) {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, len, f);
		col += len;
		p = end;
		space = 1;
	}
	return col;
}

/* The synopsis of c: "meshsim NAME [options] OPERANDS", each option
 * bracketed, as one string of items; into buf. */
static void
synopsis_text(const struct help_cmd *c, char *buf, size_t size)
{
	const struct option *v[MAX_OPTS];
	const struct help_opt *h;
	char val[128];
	const char *arg;
	size_t i, n, len = 0;
	int letter;

	buf[0] = '\0';
	n = c->command == CLI_IMPORT ? 0 :
	    command_options(c->command, v, MAX_OPTS);
	for (i = 0; i < n && len < size; i++) {
		h = find_opt(v[i]->name, c->command);
		if (h != NULL && h->brief)
			continue;
		arg = arg_shown(v[i], h, val, sizeof(val));
		letter = short_of(v[i]);
		if (letter != 0)
			len += (size_t)snprintf(buf + len, size - len,
			    "[-%c%s%s]%s ", letter, arg ? " " : "",
			    arg ? arg : "", h != NULL && h->again ? "..." : "");
		else
			len += (size_t)snprintf(buf + len, size - len,
			    "[--%s%s%s]%s ", v[i]->name, arg ? " " : "",
			    arg ? arg : "", h != NULL && h->again ? "..." : "");
	}
	if (len < size)
		snprintf(buf + len, size - len, "%s", c->operands);
}

/* "usage: meshsim NAME ..." and the synopsis, wrapped: each line after
 * the first starts under the first item after NAME, as a man page's
 * SYNOPSIS and OpenBSD's usage() align them. */
static void
print_synopsis(FILE *f, const struct help_cmd *c, const char *lead)
{
	char buf[2048];
	size_t col;

	synopsis_text(c, buf, sizeof(buf));
	col = (size_t)fprintf(f, "%smeshsim %s", lead, c->name);
	wrap(f, buf, col, col + 1, 1);
	fputc('\n', f);
}

/* The names of the kinds of import, or of the commands, on one wrapped
 * line after lead. */
static void
print_names(FILE *f, const char *lead, int kinds)
{
	size_t i, col = (size_t)fprintf(f, "%s", lead);
	int space = 0;

	for (i = 0; i < NELEM(cmds); i++) {
		const char *name = cmds[i].name;
		int is_kind = strncmp(name, "import ", 7) == 0;

		if (kinds != is_kind)
			continue;
		col = wrap(f, kinds ? name + 7 : name, col, strlen(lead),
		    space);
		space = 1;
	}
	if (!kinds)
		wrap(f, "help", col, strlen(lead), 1);
	fputc('\n', f);
}

void
cli_usage(FILE *f)
{
	const struct help_cmd *c = find_cmd(usage_command);

	cli_progress_clear();
	if (c == NULL) {
		fputs("usage: meshsim COMMAND [OPTION]... ARGUMENT...\n", f);
		print_names(f, "commands: ", 0);
		fputs("Try 'meshsim help' for what each does.\n", f);
		return;
	}
	print_synopsis(f, c, "usage: ");
	if (c->command == CLI_IMPORT)
		print_names(f, "kinds: ", 1);
	fprintf(f, "Try 'meshsim help %s' for %s.\n", c->name,
	    c->command == CLI_IMPORT ? "each kind" : "every option");
}

/* One option of the help: "  -f, --format text|json" and its text from
 * DESC_COLUMN, wrapped. */
static void
print_option(FILE *f, const struct option *o, const struct help_opt *h)
{
	char val[128];
	const char *arg = arg_shown(o, h, val, sizeof(val));
	int letter = short_of(o);
	size_t col;

	if (letter != 0)
		col = (size_t)fprintf(f, "  -%c, --%s", letter, o->name);
	else
		col = (size_t)fprintf(f, "  --%s", o->name);
	if (arg != NULL)
		col += (size_t)fprintf(f, " %s", arg);
	if (col + 2 > DESC_COLUMN) {
		fputc('\n', f);
		col = 0;
	}
	fprintf(f, "%*s", (int)(DESC_COLUMN - col), "");
	col = wrap(f, h != NULL ? h->text : "(not described)", DESC_COLUMN,
	    DESC_COLUMN, 0);
	if (h != NULL && h->again)
		wrap(f, "(repeatable)", col, DESC_COLUMN, 1);
	fputc('\n', f);
}

static void roff_text(FILE *, const char *);

/* The list of commands with a line each: meshsim --help. */
static void
print_commands(FILE *f)
{
	size_t i, col;

	fputs("usage: meshsim COMMAND [OPTION]... ARGUMENT...\n"
	    "       meshsim help [COMMAND] | --help | --version\n\n"
	    "Commands:\n", f);
	for (i = 0; i < NELEM(cmds); i++) {
		if (strncmp(cmds[i].name, "import ", 7) == 0)
			continue;
		col = (size_t)fprintf(f, "  %s", cmds[i].command ==
		    CLI_IMPORT ? "import KIND" : cmds[i].name);
		fprintf(f, "%*s", (int)(16 - col), "");
		wrap(f, cmds[i].purpose, 16, 16, 0);
		fputc('\n', f);
	}
	fputs("\n'meshsim help COMMAND' (or 'meshsim COMMAND --help') gives a "
	    "command's\noptions; 'meshsim help import' the kinds of import. "
	    "The manual: docs/index.md,\nman meshsim.\n", f);
}

/* A purpose as a sentence: its first letter a capital and a full stop,
 * wrapped (roff: escaped as roff_text() does). */
static void
capital(FILE *f, const char *s, int roff)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s.", s);
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	if (roff)
		roff_text(f, buf);
	else
		wrap(f, buf, 0, 0, 0);
}

void
cli_help(FILE *f, unsigned command)
{
	const struct option *v[MAX_OPTS];
	const struct help_cmd *c = find_cmd(command);
	size_t i, n, col;

	if (c == NULL) {
		print_commands(f);
		return;
	}
	print_synopsis(f, c, "usage: ");
	fputc('\n', f);
	capital(f, c->purpose, 0);
	fputc('\n', f);
	if (c->command == CLI_IMPORT) {
		fputs("\nKinds:\n", f);
		for (i = 0; i < NELEM(cmds); i++) {
			if (strncmp(cmds[i].name, "import ", 7) != 0)
				continue;
			col = (size_t)fprintf(f, "  %s", cmds[i].name + 7);
			if (col + 2 > DESC_COLUMN) {
				fputc('\n', f);
				col = 0;
			}
			fprintf(f, "%*s", (int)(DESC_COLUMN - col), "");
			wrap(f, cmds[i].purpose, DESC_COLUMN, DESC_COLUMN, 0);
			fputc('\n', f);
		}
		fputs("\n'meshsim help import KIND' (or 'meshsim import KIND "
		    "--help') gives a kind's\noptions.\n", f);
		return;
	}
	fputs("\nOptions:\n", f);
	n = command_options(c->command, v, MAX_OPTS);
	for (i = 0; i < n; i++)
		print_option(f, v[i], find_opt(v[i]->name, c->command));
	fprintf(f, "\nThe manual: docs/%s, man meshsim-", c->doc);
	for (i = 0; c->name[i] != '\0'; i++)
		fputc(c->name[i] == ' ' ? '-' : c->name[i], f);
	fputs(".\n", f);
}

/* Text for roff from the start of a line (wrap: broken into lines of
 * at most 80 bytes, at spaces): backslashes escaped, and no line that
 * starts with a control character. */
static void
roff_words(FILE *f, const char *s, int wrap_lines)
{
	size_t col = 0, len;
	const char *end;

	while (*s != '\0') {
		if ((end = strchr(s, ' ')) == NULL)
			end = s + strlen(s);
		len = (size_t)(end - s);
		if (wrap_lines && col > 0 && col + 1 + len > WIDTH) {
			fputc('\n', f);
			col = 0;
		} else if (col > 0) {
			fputc(' ', f);
			col++;
		}
		if (col == 0 && (*s == '.' || *s == '\'')) {
			fputs("\\&", f);
			col += 2;
		}
		for (; s < end; s++, col++) {
			if (*s == '\\') {
				fputs("\\e", f);
				col++;
			} else {
				fputc(*s, f);
			}
		}
		while (*s == ' ')
			s++;
	}
}

/* s as roff text lines of at most 80 bytes (roff_words()). */
static void
roff_text(FILE *f, const char *s)
{
	roff_words(f, s, 1);
}

/* A purpose in a list of pages: the text and a colon, wrapped. */
static void
roff_item(FILE *f, const char *purpose)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s:", purpose);
	roff_text(f, buf);
}

/* The page name of c: "meshsim-import-harper". */
static void
page_name(FILE *f, const struct help_cmd *c)
{
	const char *p;

	fputs("meshsim-", f);
	for (p = c->name; *p != '\0'; p++)
		fputc(*p == ' ' ? '-' : *p, f);
}

/* The EXAMPLES of a page: a literal display, each command after "$ ",
 * its continued lines (after a backslash, written \e) as they are. */
static void
mdoc_example(FILE *f, const char *example)
{
	const char *p;

	fputs(".Bd -literal -offset indent\n$ ", f);
	for (p = example; *p != '\0'; p++) {
		if (*p == '\\')
			fputs("\\e", f);
		else if (*p == '\n' && p[1] != ' ')
			fputs("\n$ ", f);
		else
			fputc(*p, f);
	}
	fputs("\n.Ed\n", f);
}

/* One option of the SYNOPSIS or of OPTIONS, mdoc macros without the
 * leading one. */
static void
mdoc_option(FILE *f, const struct option *o, const struct help_opt *h,
    int both)
{
	char val[128];
	const char *arg = arg_shown(o, h, val, sizeof(val));
	int letter = short_of(o);

	if (letter != 0 && both)
		fprintf(f, "Fl %c , Fl -%s", letter, o->name);
	else if (letter != 0)
		fprintf(f, "Fl %c", letter);
	else
		fprintf(f, "Fl -%s", o->name);
	if (arg != NULL)
		fprintf(f, " Ar %s", arg);
}

/* The page meshsim(1). */
static void
mdoc_main(FILE *f)
{
	size_t i, n = 0;

	fprintf(f, ".\\\" meshsim.1: written by 'meshsim help --mdoc' "
	    "(tools/gen-help.sh); do not edit.\n"
	    ".Dd %s\n.Dt MESHSIM 1\n.Os\n.Sh NAME\n.Nm meshsim\n"
	    ".Nd validate and simulate the route mesh of a cluster\n"
	    ".Sh SYNOPSIS\n.Nm\n.Ar command\n.Op Ar option ...\n"
	    ".Op Ar argument ...\n.Nm\n.Cm help\n.Op Ar command\n"
	    ".Nm\n.Fl -help | -version\n"
	    ".Sh DESCRIPTION\n.Nm\n"
	    "reads node and route definitions (its JSON plan format, Harper, "
	    "NATS, Kubernetes\nand docker compose configs, live answers), "
	    "builds the route graph and answers:\nis it connected, which "
	    "single points of failure does it have, what if these\n"
	    "nodes drop.\nEach command has its page:\n.Bl -tag -width "
	    "Ds\n", MAN_DATE);
	for (i = 0; i < NELEM(cmds); i++) {
		fprintf(f, ".It Cm %s\n", cmds[i].command == CLI_IMPORT ?
		    "import Ar kind" : cmds[i].name);
		roff_item(f, cmds[i].purpose);
		fputs("\n.Xr ", f);
		page_name(f, &cmds[i]);
		fputs(" 1 .\n", f);
	}
	fputs(".It Cm help Op Ar command\na command's synopsis and "
	    "options, as\n.Ar command\n.Fl -help\nprints them.\n.El\n"
	    ".Pp\nThe full manual is docs/index.md in the meshsim sources.\n"
	    ".Sh EXIT STATUS\n.Bl -tag -width Ds\n.It 0\nnothing was found "
	    "that makes the status 1\n.It 1\nsomething was found, as each "
	    "command's page says\n.It 2\nbad input, bad usage, or a failure "
	    "such as an unwritable output\n.El\n"
	    ".Sh EXAMPLES\n", f);
	mdoc_example(f, "meshsim check scenarios/figure1.json\n"
	    "meshsim help check");
	fputs(".Sh SEE ALSO\n", f);
	for (i = 0; i < NELEM(cmds); i++) {
		fputs(".Xr ", f);
		page_name(f, &cmds[i]);
		fputs(++n < NELEM(cmds) ? " 1 ,\n" : " 1\n", f);
	}
}

/* The page meshsim-NAME(1) of c. */
static void
mdoc_command(FILE *f, const struct help_cmd *c)
{
	const struct option *v[MAX_OPTS];
	const struct help_opt *h;
	size_t i, n;
	const char *p;

	fputs(".\\\" ", f);
	page_name(f, c);
	fprintf(f, ".1: written by 'meshsim help --mdoc %s' "
	    "(tools/gen-help.sh); do not edit.\n.Dd %s\n.Dt ", c->name,
	    MAN_DATE);
	fputs("MESHSIM-", f);
	for (p = c->name; *p != '\0'; p++)
		fputc(*p == ' ' ? '-' : *p >= 'a' && *p <= 'z' ?
		    *p - 'a' + 'A' : *p, f);
	fputs(" 1\n.Os\n.Sh NAME\n.Nm ", f);
	page_name(f, c);
	fputs("\n.Nd ", f);
	roff_words(f, c->purpose, 0);
	fprintf(f, "\n.Sh SYNOPSIS\n.Nm meshsim %s\n", c->name);
	n = c->command == CLI_IMPORT ? 0 :
	    command_options(c->command, v, MAX_OPTS);
	for (i = 0; i < n; i++) {
		h = find_opt(v[i]->name, c->command);
		if (h != NULL && h->brief)
			continue;
		fputs(".Op ", f);
		mdoc_option(f, v[i], h, 0);
		fputc('\n', f);
	}
	fputs(".Ar ", f);
	roff_words(f, c->operands, 0);
	fputs("\n.Sh DESCRIPTION\n", f);
	capital(f, c->purpose, 1);
	fprintf(f, "\n.Pp\nThe full manual is docs/%s in the meshsim "
	    "sources.\n", c->doc);
	if (c->command == CLI_IMPORT) {
		fputs(".Ar kind\nis one of:\n.Bl -tag -width Ds\n", f);
		for (i = 0; i < NELEM(cmds); i++) {
			if (strncmp(cmds[i].name, "import ", 7) != 0)
				continue;
			fprintf(f, ".It Cm %s\n", cmds[i].name + 7);
			roff_item(f, cmds[i].purpose);
			fputs("\n.Xr ", f);
			page_name(f, &cmds[i]);
			fputs(" 1 .\n", f);
		}
		fputs(".El\n", f);
	} else {
		fputs(".Sh OPTIONS\n.Bl -tag -width Ds\n", f);
		for (i = 0; i < n; i++) {
			h = find_opt(v[i]->name, c->command);
			fputs(".It ", f);
			mdoc_option(f, v[i], h, 1);
			fputc('\n', f);
			roff_text(f, h != NULL ? h->text : "(not described)");
			fputs(h != NULL && h->again ?
			    ";\nmay be given again.\n" : ".\n", f);
		}
		fputs(".El\n", f);
	}
	fputs(".Sh EXIT STATUS\n.Bl -tag -width Ds\n.It 0\nthe output was "
	    "written", f);
	if (c->exit1 != NULL) {
		fputs(", and status 1 does not apply\n.It 1\n", f);
		roff_text(f, c->exit1);
	}
	fputs("\n.It 2\nbad input, bad usage, or a failure such as an "
	    "unwritable output\n.El\n.Sh EXAMPLES\n"
	    "From the top of the meshsim sources:\n", f);
	mdoc_example(f, c->example);
	fputs(".Sh SEE ALSO\n.Xr meshsim 1", f);
	if (strncmp(c->name, "import ", 7) == 0)
		fputs(" ,\n.Xr meshsim-import 1", f);
	fputc('\n', f);
}

/* Whether option h's argument is a file (FILE, PLAN, DIR, a .json). */
static int
takes_file(const struct option *o, const struct help_opt *h)
{
	if (o->has_arg == no_argument || h == NULL || h->values != NULL)
		return 0;
	return strstr(h->arg, "FILE") != NULL ||
	    strstr(h->arg, "PLAN") != NULL || strstr(h->arg, ".json") != NULL;
}

/* The bash completion: completions/meshsim.bash. */
static void
bash_completion(FILE *f)
{
	const struct option *v[MAX_OPTS];
	const struct help_opt *h;
	size_t i, j, n;
	int letter;

	fputs("# meshsim.bash: bash completion of meshsim: written by "
	    "'meshsim help --bash'\n# (tools/gen-help.sh); do not edit.\n"
	    "_meshsim()\n{\n\tlocal cur prev cmd first=2 opts IFS=$'\\n'\n"
	    "\tcur=${COMP_WORDS[COMP_CWORD]}\n"
	    "\tprev=${COMP_WORDS[COMP_CWORD-1]}\n\tCOMPREPLY=()\n"
	    "\t# --opt=value: bash splits it at the '=' (COMP_WORDBREAKS).\n"
	    "\tif [ \"$cur\" = = ]; then\n\t\tcur=\n"
	    "\telif [ \"$prev\" = = ]; then\n"
	    "\t\tprev=${COMP_WORDS[COMP_CWORD-2]}\n\tfi\n"
	    "\tif [ \"$COMP_CWORD\" -eq 1 ]; then\n"
	    "\t\tCOMPREPLY=($(compgen -W \"$(printf '%s\\n' ", f);
	for (i = 0; i < NELEM(cmds); i++)
		if (strncmp(cmds[i].name, "import ", 7) != 0)
			fprintf(f, "%s ", cmds[i].name);
	fputs("help \\\n\t\t    --help --version)\" -- \"$cur\"))\n"
	    "\t\treturn\n\tfi\n\tcmd=${COMP_WORDS[1]}\n"
	    "\tcase $cmd in\n\timport|help)\n"
	    "\t\tif [ \"$COMP_CWORD\" -eq 2 ]; then\n"
	    "\t\t\tif [ \"$cmd\" = import ]; then\n"
	    "\t\t\t\topts=$(printf '%s\\n' ", f);
	for (i = 0; i < NELEM(cmds); i++)
		if (strncmp(cmds[i].name, "import ", 7) == 0)
			fprintf(f, "%s ", cmds[i].name + 7);
	fputs("--help)\n\t\t\telse\n\t\t\t\topts=$(printf '%s\\n'", f);
	for (i = 0; i < NELEM(cmds); i++)
		if (strncmp(cmds[i].name, "import ", 7) != 0)
			fprintf(f, " %s", cmds[i].name);
	fputs(")\n\t\t\tfi\n"
	    "\t\t\tCOMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
	    "\t\t\treturn\n\t\tfi\n"
	    "\t\t[ \"$cmd\" = import ] || return\n"
	    "\t\tcmd=\"import ${COMP_WORDS[2]}\"\n\t\tfirst=3\n\t\t;;\n"
	    "\tesac\n"
	    "\t# The value of an option: its fixed values, files, or "
	    "nothing to offer.\n"
	    "\tif [ \"$COMP_CWORD\" -gt \"$first\" ]; then\n"
	    "\t\tcase \"$cmd $prev\" in\n", f);
	for (i = 0; i < NELEM(cmds); i++) {
		if (cmds[i].command == CLI_IMPORT)
			continue;
		n = command_options(cmds[i].command, v, MAX_OPTS);
		for (j = 0; j < n; j++) {
			if (v[j]->has_arg == no_argument)
				continue;
			h = find_opt(v[j]->name, cmds[i].command);
			letter = short_of(v[j]);
			fprintf(f, "\t\t\"%s --%s\"", cmds[i].name,
			    v[j]->name);
			if (letter != 0)
				fprintf(f, "|\"%s -%c\"", cmds[i].name, letter);
			if (h != NULL && h->values != NULL)
				fprintf(f, ")\n\t\t\tCOMPREPLY=($(compgen -W "
				    "\"$(printf '%%s\\n' %s)\" -- \"$cur\"))\n"
				    "\t\t\treturn ;;\n", h->values);
			else if (takes_file(v[j], h))
				fputs(")\n\t\t\tCOMPREPLY=($(compgen -f -- "
				    "\"$cur\"))\n\t\t\treturn ;;\n", f);
			else
				fputs(")\n\t\t\treturn ;;\n", f);
		}
	}
	fputs("\t\tesac\n\tfi\n\tcase $cmd in\n", f);
	for (i = 0; i < NELEM(cmds); i++) {
		if (cmds[i].command == CLI_IMPORT)
			continue;
		fprintf(f, "\t\"%s\")\n\t\topts=$(printf '%%s\\n'",
		    cmds[i].name);
		n = command_options(cmds[i].command, v, MAX_OPTS);
		for (j = 0; j < n; j++) {
			if (j % 4 == 3)
				fputs(" \\\n\t\t   ", f);
			fprintf(f, " --%s", v[j]->name);
		}
		fputs(") ;;\n", f);
	}
	fputs("\t*)\n\t\treturn ;;\n\tesac\n"
	    "\tif [ \"${cur#-}\" != \"$cur\" ]; then\n"
	    "\t\tCOMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
	    "\telse\n\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n\tfi\n}\n"
	    "complete -o filenames -F _meshsim meshsim\n", f);
}

/* s for zsh, inside single quotes and brackets: quotes closed around an
 * escaped one, brackets as parentheses (a colon is taken as it is in a
 * description: only a name's first one ends it). */
static void
zsh_text(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else if (*s == '[')
			fputc('(', f);
		else if (*s == ']')
			fputc(')', f);
		else
			fputc(*s, f);
	}
}

/* The zsh completion: completions/_meshsim. */
static void
zsh_completion(FILE *f)
{
	const struct option *v[MAX_OPTS];
	const struct help_opt *h;
	size_t i, j, n;
	int letter, kinds;

	fputs("#compdef meshsim\n# _meshsim: zsh completion of meshsim: "
	    "written by 'meshsim help --zsh'\n# (tools/gen-help.sh); do not "
	    "edit.\n\n_meshsim() {\n\tlocal cmd\n\tlocal -a cmds kinds\n",
	    f);
	for (kinds = 0; kinds <= 1; kinds++) {
		fprintf(f, "\t%s=(\n", kinds ? "kinds" : "cmds");
		for (i = 0; i < NELEM(cmds); i++) {
			if (kinds != (strncmp(cmds[i].name, "import ", 7) == 0))
				continue;
			fprintf(f, "\t\t'%s:", cmds[i].name + (kinds ? 7 : 0));
			zsh_text(f, cmds[i].purpose);
			fputs("'\n", f);
		}
		if (!kinds)
			fputs("\t\t'help:a command'\\''s synopsis and "
			    "options'\n", f);
		fputs("\t)\n", f);
	}
	fputs("\tif (( CURRENT == 2 )); then\n"
	    "\t\t_describe -t commands 'meshsim command' cmds\n"
	    "\t\t_arguments '(- *)--help' '(- *)--version'\n"
	    "\t\treturn\n\tfi\n\tcmd=${words[2]}\n"
	    "\tcase $cmd in\n\thelp)\n"
	    "\t\t(( CURRENT == 3 )) && _describe -t commands command cmds\n"
	    "\t\treturn ;;\n\timport)\n\t\tif (( CURRENT == 3 )); then\n"
	    "\t\t\t_describe -t kinds 'import kind' kinds\n\t\t\treturn\n"
	    "\t\tfi\n\t\tcmd=\"import ${words[3]}\"\n"
	    "\t\tshift 2 words\n\t\t(( CURRENT -= 2 ))\n\t\t;;\n"
	    "\t*)\n\t\tshift words\n\t\t(( CURRENT-- ))\n\t\t;;\n\tesac\n"
	    "\tcase $cmd in\n", f);
	for (i = 0; i < NELEM(cmds); i++) {
		if (cmds[i].command == CLI_IMPORT)
			continue;
		fprintf(f, "\t'%s')\n\t\t_arguments -s", cmds[i].name);
		n = command_options(cmds[i].command, v, MAX_OPTS);
		for (j = 0; j < n; j++) {
			h = find_opt(v[j]->name, cmds[i].command);
			letter = short_of(v[j]);
			fputs(" \\\n\t\t    ", f);
			if (letter != 0)
				fprintf(f, "'(-%c --%s)'{-%c%s,--%s%s}'",
				    letter, v[j]->name, letter,
				    v[j]->has_arg ? "+" : "", v[j]->name,
				    v[j]->has_arg ? "=" : "");
			else
				fprintf(f, "'%s--%s%s", h != NULL && h->again ?
				    "*" : "", v[j]->name,
				    v[j]->has_arg ? "=" : "");
			fputc('[', f);
			zsh_text(f, h != NULL ? h->text : "");
			fputc(']', f);
			if (v[j]->has_arg != no_argument) {
				fputc(':', f);
				zsh_text(f, h != NULL && h->arg != NULL ?
				    h->arg : "value");
				if (h != NULL && h->values != NULL)
					fprintf(f, ":(%s)", h->values);
				else if (takes_file(v[j], h))
					fputs(":_files", f);
				else
					fputs(": ", f);
			}
			fputc('\'', f);
		}
		fputs(" \\\n\t\t    '*:", f);
		zsh_text(f, cmds[i].operands);
		fputs(":_files' ;;\n", f);
	}
	fputs("\tesac\n}\n\n_meshsim \"$@\"\n", f);
}

int
cli_help_main(int argc, char **argv)
{
	const struct help_cmd *c;
	char name[128];
	const char *mode = NULL;
	int i = 1;

	if (i < argc && (strcmp(argv[i], "--mdoc") == 0 ||
	    strcmp(argv[i], "--bash") == 0 || strcmp(argv[i], "--zsh") == 0))
		mode = argv[i++];
	if (i == argc) {
		if (mode == NULL)
			print_commands(stdout);
		else if (strcmp(mode, "--mdoc") == 0)
			mdoc_main(stdout);
		else if (strcmp(mode, "--bash") == 0)
			bash_completion(stdout);
		else
			zsh_completion(stdout);
		return CLI_EXIT_OK;
	}
	if (mode != NULL && strcmp(mode, "--mdoc") != 0) {
		cli_error("help %s takes no command", mode);
		cli_usage(stderr);
		return CLI_EXIT_BAD;
	}
	if (argc - i > 2 || (argc - i == 2 && strcmp(argv[i], "import") != 0)) {
		cli_error("help: one command at a time");
		cli_usage(stderr);
		return CLI_EXIT_BAD;
	}
	snprintf(name, sizeof(name), "%s%s%s", argv[i], argc - i == 2 ?
	    " " : "", argc - i == 2 ? argv[i + 1] : "");
	if ((c = find_cmd_named(name)) == NULL) {
		cli_error("help: no command '%s'", name);
		cli_usage(stderr);
		return CLI_EXIT_BAD;
	}
	if (mode != NULL)
		mdoc_command(stdout, c);
	else
		cli_help(stdout, c->command);
	return CLI_EXIT_OK;
}

/*
 * Say why getopt_long refused an option of command (c: '?' or ':', with
 * optopt and optind as it left them; table: the command's options,
 * NULL-terminated), in one line: unknown (with the nearest option when
 * near), ambiguous, another command's, without its value or with one it
 * does not take.
 */
void
cli_option_error(int c, char **argv, const struct option *table,
    unsigned command)
{
	const char *given = argv[optind - 1], *eq, *near;
	const struct option *o;
	char val[128], names[256];
	const char *arg;
	size_t len, n = 0, at = 0, i, d, best = SIZE_MAX;
	unsigned commands;

	if (strncmp(given, "--", 2) != 0 || optopt > 0) {
		/* A short option, or a long one getopt_long knew. */
		for (o = table; o->name != NULL; o++)
			if (o->val == optopt)
				break;
		if (strncmp(given, "--", 2) == 0 && o->name != NULL &&
		    c == '?') {
			cli_error("option '--%s' takes no value", o->name);
			return;
		}
		if (c == ':' && o->name != NULL) {
			arg = cli_help_arg(o->name, command, val, sizeof(val));
			if (strncmp(given, "--", 2) == 0)
				cli_error("option '--%s' needs a value: %s",
				    o->name, arg != NULL ? arg : "");
			else
				cli_error("option '-%c' needs a value: %s",
				    optopt, arg != NULL ? arg : "");
			return;
		}
		cli_error("unknown option '-%c'", optopt > 0 && optopt < 0x100 ?
		    optopt : '?');
		return;
	}
	/* A long option getopt_long did not take: unknown, or ambiguous. */
	given += 2;
	len = (eq = strchr(given, '=')) != NULL ? (size_t)(eq - given) :
	    strlen(given);
	names[0] = '\0';
	for (o = table; o->name != NULL; o++) {
		if (strncmp(o->name, given, len) != 0)
			continue;
		n++;
		if (at < sizeof(names))
			at += (size_t)snprintf(names + at, sizeof(names) - at,
			    "%s--%s", at ? ", " : "", o->name);
	}
	if (n > 1) {
		cli_error("option '--%.*s' is ambiguous: %s", (int)len, given,
		    names);
		return;
	}
	/* An option of other commands: which. */
	for (i = 0; (o = cli_option_at(i, &commands)) != NULL; i++)
		if (strlen(o->name) == len &&
		    strncmp(o->name, given, len) == 0)
			break;
	at = 0;
	for (i = 0; o != NULL && i < NELEM(cmds); i++)
		if ((cmds[i].command & commands) && at < sizeof(names))
			at += (size_t)snprintf(names + at, sizeof(names) - at,
			    "%s%s", at ? ", " : "", cmds[i].name);
	if (at > 0) {
		cli_error("option '--%.*s' belongs to %s, not to %s", (int)len,
		    given, names, cli_help_name(command));
		return;
	}
	/* The nearest option of the command, when near: at most a third
	 * of the name wrong. */
	snprintf(val, sizeof(val), "%.*s", (int)len, given);
	for (near = NULL, o = table; o->name != NULL; o++) {
		d = mesh_i_edit_distance(val, o->name, MESH_I_EDIT_MAX,
		    MESH_I_EDIT_SWAP);
		if (d < best) {
			best = d;
			near = o->name;
		}
	}
	if (near != NULL && best <= 1 + len / 3)
		cli_error("unknown option '--%s' (did you mean '--%s'?)", val,
		    near);
	else
		cli_error("unknown option '--%.*s'", (int)len, given);
}

int
cli_help_lint(FILE *out)
{
	const struct option *o;
	const struct help_opt *h;
	unsigned commands, bit;
	size_t i, j, k, problems = 0, matches;

	/* Every option of every command has one text. */
	for (i = 0; (o = cli_option_at(i, &commands)) != NULL; i++)
		for (bit = 1; bit != 0 && bit <= CLI_IMPORT; bit <<= 1) {
			if (!(commands & bit))
				continue;
			for (matches = 0, j = 0; j < NELEM(opts); j++)
				if ((opts[j].commands & bit) &&
				    strcmp(opts[j].name, o->name) == 0)
					matches++;
			if (matches != 1) {
				fprintf(out, "--%s of %s: %zu texts\n",
				    o->name, cli_help_name(bit), matches);
				problems++;
			}
			if (find_cmd(bit) == NULL) {
				fprintf(out, "command %#x: no help\n", bit);
				problems++;
			}
		}
	/* Every text is for an option of those commands, and says what
	 * its argument is when it takes one. */
	for (j = 0; j < NELEM(opts); j++) {
		h = &opts[j];
		for (i = 0; (o = cli_option_at(i, &commands)) != NULL; i++)
			if (strcmp(o->name, h->name) == 0)
				break;
		if (o == NULL || (h->commands & ~commands) != 0) {
			fprintf(out, "text of --%s: for commands that do not "
			    "take it\n", h->name);
			problems++;
			continue;
		}
		if ((o->has_arg != no_argument) !=
		    (h->arg != NULL || h->values != NULL) ||
		    h->text[0] == '\0' || strchr(h->text, '\n') != NULL) {
			fprintf(out, "text of --%s: argument or text wrong\n",
			    h->name);
			problems++;
		}
	}
	/* Every command has its parts, and the kinds of import are named
	 * "import KIND". */
	for (k = 0; k < NELEM(cmds); k++)
		if (cmds[k].purpose[0] == '\0' || cmds[k].example == NULL ||
		    cmds[k].operands == NULL || cmds[k].doc == NULL ||
		    cmds[k].purpose[strlen(cmds[k].purpose) - 1] == '.') {
			fprintf(out, "command %s: a part missing\n",
			    cmds[k].name);
			problems++;
		}
	return (int)problems;
}
