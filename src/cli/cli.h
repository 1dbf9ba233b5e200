/* cli.h: what the command-line tool's files share: exit statuses, messages, reports. */
#ifndef MESH_CLI_H
#define MESH_CLI_H

#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include "meshsim/meshsim.h"
#include "meshsim/kubernetes.h"
#include "meshsim/nats.h"

/* Exit statuses: docs/cli.md documents them. */
enum {
	CLI_EXIT_OK = 0,        /* nothing found at the --fail-on level */
	CLI_EXIT_FOUND = 1,     /* something was */
	CLI_EXIT_BAD = 2        /* bad input or usage, or a failure */
};

/* cli_msgs.c: every message to stderr goes through here (the usage and
 * the help through cli_help.c). */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
void cli_note(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/*
 * Text reports: fprintf() and fputs(), but every string of a %s
 * conversion, and s, written with its control characters as visible
 * escapes (\x1b, \n, \u009b: docs/diagnostics.md#control-characters),
 * as cli_error() writes them; the format's own newlines as they are.
 * Text from an input (a name, a host, a file's name, a message that
 * quotes one) goes out through these. Nothing is allocated; a write that
 * fails sets out's error flag, as fprintf()'s would (cli_render() checks
 * it).
 */
void cli_printf(FILE *out, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void cli_vprintf(FILE *out, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;
void cli_puts(FILE *out, const char *s);
/* One diagnostic as a compiler writes it: file:line:column: warning: ... */
void cli_diag_to(FILE *f, const struct mesh_diag *d);
/* Print every diagnostic of at least severity min. */
void cli_diags(const struct mesh_diags *d, enum mesh_severity min);
/* A reader that refused its input (err): its diagnostics, then "who:
 * error" unless they said it already (MESH_EINPUT, MESH_EIO). Returns
 * CLI_EXIT_BAD. */
int cli_read_failed(const char *who, enum mesh_error err,
    const struct mesh_diags *d);

/*
 * cli_progress.c: the progress bar on stderr. cli_progress() is the hook
 * to pass to the library: NULL when stderr is not a terminal or after
 * cli_progress_quiet() (--quiet). cli_progress_clear() erases the line if
 * one is shown: every other write to stderr or stdout calls it first.
 * cli_progress_line() composes one line (no '\r') of at most width
 * characters into buf (size bytes) and returns its length: the phase,
 * a bar, the percentage, and after ETA_AFTER seconds of elapsed the time
 * left at the rate so far.
 */
void cli_progress_quiet(void);
const struct mesh_progress *cli_progress(void);
void cli_progress_clear(void);
size_t cli_progress_line(char *buf, size_t size, const char *phase,
    uint64_t done, uint64_t total, double elapsed, size_t width);

/*
 * Report that the plan has no node named word (given to option opt): with
 * the nodes whose host or zone is word and how to write that (with file,
 * as NODE=file for --apply), else the nearest name if near.
 */
void cli_no_node(const struct mesh_plan *plan, const char *opt,
    const char *word, const char *file);

/* cli_check_text.c: check's text report for people; _hazards adds the restart
 * hazards of the mesh model (both return 0, or -1 when out of memory). */
int cli_report_text(FILE *out, const struct mesh_analysis *a,
    const struct mesh_diags *diags);
int cli_report_text_hazards(FILE *out, const struct mesh_analysis *a,
    const struct mesh_diags *diags);
/* ... and _replication the replication model's verdicts and join
 * dependencies (r: the same plan and down nodes as a). */
int cli_report_text_replication(FILE *out, const struct mesh_analysis *a,
    const struct mesh_replication *r, const struct mesh_diags *diags);

/* cli_replication.c: the replication model's lines of the text report.
 * cli_replication_verdicts() returns 0, or -1 when out of memory. */
int cli_replication_verdicts(FILE *out, const struct mesh_replication *r);
void cli_replication_section(FILE *out, const struct mesh_analysis *a,
    const struct mesh_replication *r);
/* For a plan whose "cluster" is harper-replication, a note that the
 * command (what) answers for the route graph; nothing otherwise. */
void cli_replication_note(FILE *out, const struct mesh_plan *p,
    const char *what);

/* cli_words.c: words the text reports share. */
#define CLI_LIST_MAX 25         /* at most this many entries in a list */
const char *cli_plural(size_t n, const char *one, const char *many);
/* The names of plan nodes v[0..n), at most CLI_LIST_MAX of them, then
 * "... and K more" where total (the list's whole length) is larger. */
void cli_names(FILE *out, const struct mesh_plan *p, const int *v, size_t n,
    size_t total);

/* cli_check_text.c: the warnings section that ends every text report. */
void cli_report_warnings(FILE *out, const struct mesh_diags *diags);

/* cli_output.c: write a report to stdout or, atomically, to a file. */
/* Whether paths a and b name the same existing file. */
int cli_same_file(const char *a, const char *b);
int cli_write_output(const char *path, const char *text, size_t len,
    const char *input);
/* Remember the command line: cli_write_output() never writes over a file
 * that one of its arguments names. */
void cli_output_args(int argc, char *const *argv);

/* cli_options.c: the options, one getopt loop for every subcommand. */

/*
 * The arguments of an option given again and again (--down, --apply,
 * --env), in order; the strings are argv's own. The caller frees v.
 */
struct cli_list {
	char **v;
	size_t n;
};

/* Append s to l. Returns 0, or -1 after reporting that memory ran out
 * (l is left as it was). */
int cli_list_add(struct cli_list *l, char *s);

struct cli_harper;
struct cli_nats;

/* The options every subcommand has, and its plan. */
struct cli_common {
	int json;                       /* --format json */
	enum mesh_format input_format;  /* --input-format */
	const char *output;             /* -o FILE */
	const char *plan;
	int format_given;               /* --format, either way */
	struct cli_list downs;          /* --down, for cli_input_load(); the
					 * caller frees downs.v */
	const struct cli_harper *harper;        /* Harper configs to read as
						 * the plan, or NULL */
	const struct cli_nats *nats;    /* NATS configs, or NULL */
	char *const *manifests;         /* several Kubernetes manifests to
					 * read as the plan, or NULL */
	size_t nmanifests;
};

/* The subcommands, as the table of options knows them. */
enum cli_command {
	CLI_CHECK = 1 << 0,
	CLI_SWEEP = 1 << 1,
	CLI_AVAILABILITY = 1 << 2,
	CLI_MERGE = 1 << 3,
	CLI_SIMULATE = 1 << 4,
	CLI_REPORT = 1 << 5,
	CLI_DIFF = 1 << 6,
	CLI_SUGGEST = 1 << 7,
	CLI_EXPORT = 1 << 8,
	CLI_IMPORT_HARPER = 1 << 9,
	CLI_IMPORT_NETWORK = 1 << 10,
	CLI_IMPORT_ROUTES = 1 << 11,
	CLI_IMPORT_KUBERNETES = 1 << 12,
	CLI_IMPORT_COMPOSE = 1 << 13,
	CLI_IMPORT_NATS = 1 << 14,
	CLI_IMPORT_ROUTEZ = 1 << 15,
	CLI_IMPORT_STATUS = 1 << 16,    /* import harper-cluster-status */
	CLI_IMPORT = 1 << 17            /* import, before its kind is known */
};

/* Sets of subcommands: the imports; those that read plans (and take the
 * input limits), all but merge; all. */
#define CLI_IMPORTS (CLI_IMPORT_HARPER | CLI_IMPORT_NETWORK | \
	CLI_IMPORT_ROUTES | CLI_IMPORT_KUBERNETES | CLI_IMPORT_COMPOSE | \
	CLI_IMPORT_NATS | CLI_IMPORT_ROUTEZ | CLI_IMPORT_STATUS)
#define CLI_READERS (CLI_CHECK | CLI_SWEEP | CLI_AVAILABILITY | \
	CLI_SIMULATE | CLI_REPORT | CLI_DIFF | CLI_SUGGEST | CLI_EXPORT | \
	CLI_IMPORTS)
#define CLI_ALL (CLI_READERS | CLI_MERGE)

/* What getopt_long returns for a long option with no short form (those
 * with one, -b -d -f -h -i -j -k -o -q -t, return their letter). */
enum {
	CLI_OPT_APPLY = 0x100,
	CLI_OPT_CONFIGURED,
	CLI_OPT_CONNECTIVITY_LIMIT,
	CLI_OPT_ENV,
	CLI_OPT_ARGS,
	CLI_OPT_EXPLAIN,
	CLI_OPT_FAIL_BELOW,
	CLI_OPT_FAIL_ON,
	CLI_OPT_FAIL_ON_DRIFT,
	CLI_OPT_FORCE,
	CLI_OPT_GENERATION,
	CLI_OPT_INVENTORY,
	CLI_OPT_MODEL,
	CLI_OPT_NODE_AVAILABILITY,
	CLI_OPT_SEED,
	CLI_OPT_SHARD,
	CLI_OPT_TRIALS,
	CLI_OPT_LOOPBACK,
	CLI_OPT_NATS_ARGS,
	CLI_OPT_MAX_INPUT_SIZE,         /* the limits: cli_common_option() */
	CLI_OPT_MAX_NODES,
	CLI_OPT_MAX_ROUTES,
	CLI_OPT_MAX_NAME_LENGTH,
	CLI_OPT_MAX_DEPTH
};

/* cli_parse.c: the getopt_long loop (cli_parse_options()) and the one
 * plan operand (cli_common_plan()); the table holds at most
 * CLI_OPTIONS_MAX options. */
#define CLI_OPTIONS_MAX 64

/*
 * The one getopt_long loop of every subcommand: the long options of
 * command (the table in cli_options.c, which lists every option of the
 * tool and who takes it), and the short form of those whose value is a
 * letter. -h (--help) prints the command's help and exits 0. Each other
 * option goes first to own_option(ctx, c, arg), when there is one, which
 * returns 1 when it took it, 0 when not, or -1 after reporting a bad
 * value; then to cli_common_option() into o. Makes
 * command the one cli_usage() is about. Returns 0, the operands left
 * from optind on, or CLI_EXIT_BAD after reporting (an unknown option:
 * one line on what was wrong and the command's synopsis). What o holds
 * then is the caller's to free, as after success.
 */
int cli_parse_options(int argc, char **argv, enum cli_command command,
    struct cli_common *o, int (*own_option)(void *ctx, int c, char *arg),
    void *ctx);

/* The i-th long option of the table (from 0) with the commands that
 * take it in *commands, or NULL past the end: for the help. */
const struct option *cli_option_at(size_t i, unsigned *commands);

/*
 * cli_help.c: the one source of help. Each command's synopsis and
 * purpose and each option's argument and one-line description; --help,
 * `meshsim help`, usage errors, the man pages (help --mdoc) and the
 * shell completions (help --bash, help --zsh) are written from it.
 */
/* Make command (an enum cli_command bit, CLI_IMPORT for the group, 0
 * for none) the one usage errors and -h are about; and which that is. */
void cli_usage_command(unsigned command);
unsigned cli_usage_current(void);
/* A usage error's end, on f: the synopsis of the current command and
 * "Try 'meshsim help CMD'"; with none, the commands' names. */
void cli_usage(FILE *f);
/* The whole help of command on f: synopsis, purpose, every option it
 * takes with its description; 0: the list of commands. */
void cli_help(FILE *f, unsigned command);
/* The name of command ("import harper"), or "meshsim". */
const char *cli_help_name(unsigned command);
/* The argument of option name ("format") of command as the help shows
 * it ("text|json"), built in buf (size bytes) when need be; NULL when it
 * takes none or command has no such option. */
const char *cli_help_arg(const char *name, unsigned command, char *buf,
    size_t size);
/* `meshsim help [--mdoc|--bash|--zsh] [COMMAND [KIND]]`; argv[0] is
 * "help". Returns the exit status. */
int cli_help_main(int argc, char **argv);
/* Check the help against the table of options: each option of each
 * command described once, no text for an option a command does not
 * take. Writes a line per problem to out; returns how many. */
int cli_help_lint(FILE *out);
/* Say in one line why getopt_long refused an option (c: '?' or ':', with
 * optind and optopt as it left them) of command, whose options table
 * holds (ending in a zeroed entry). */
void cli_option_error(int c, char **argv, const struct option *table,
    unsigned command);

/*
 * Handle option c of getopt_long if it is a common one: 'd' (--down),
 * 'f' (--format text|json), 'i'
 * (--input-format), 'o' (--output), 'q' (--quiet: no progress bar), or a
 * limit (limits.h, for every reader that runs after). Returns 1 when it
 * was, 0 when c is another option, or -1 after reporting a bad value.
 */
int cli_common_option(struct cli_common *o, int c, char *arg);

/* --by KEY (sweep, suggest, report): set *by to arg and return 1, or
 * return -1 after saying arg is no label key (empty, or holds '='). */
int cli_label_key(const char *arg, const char **by);

/* Which of words (a list that ends in NULL) the value arg of option opt
 * ("--format") is: its index, or -1 after saying arg is not expected
 * ("text or json"). */
int cli_option_word(const char *opt, const char *arg,
    const char *const *words, const char *expected);

/* After getopt_long: take the one plan argument. Returns 0, or
 * CLI_EXIT_BAD after printing the usage. */
int cli_common_plan(struct cli_common *o, int argc, char **argv);

/* A decimal whole number from lo to hi: the whole string, no sign, no
 * white space. Returns 0 with *out set, or -1. */
int cli_parse_count(const char *s, uint64_t lo, uint64_t hi, uint64_t *out);

/* The same for the value arg of option opt ("--seed"): returns 0 with
 * *out set, or -1 after saying arg is not a number from lo to hi. */
int cli_option_count(const char *opt, const char *arg, uint64_t lo,
    uint64_t hi, uint64_t *out);

/* --seed (0 to 2^64 - 1) and --trials (1 to MESH_AVAIL_TRIALS_MAX) of
 * the Monte Carlo commands, an own_option's way: returns 1 when c was
 * one of them, 0 when not, -1 after reporting a bad value. */
int cli_monte_carlo_option(int c, const char *arg, uint64_t *seed,
    uint64_t *trials);

/* --shard I/N: shard I of N, 1 <= I <= N <= MESH_SHARDS_MAX, digits
 * only. Returns 0 with *index and *count set, or -1 after reporting. */
int cli_parse_shard(const char *arg, int *index, int *count);

/* A shard (shards > 0) writes no report, so --format is refused: it
 * belongs to meshsim merge. Returns 0, or CLI_EXIT_BAD after saying so. */
int cli_shard_format(const struct cli_common *o, int shards);

/* cli_common.c: what every subcommand shares. */

/*
 * The plan a subcommand reads, as its arguments name it. cli_input_init()
 * makes it empty; cli_input_load() fills it; cli_input_free() frees what
 * it holds, loaded, half loaded or empty.
 */
struct cli_input {
	struct mesh_diags diags;        /* the plan's diagnostics */
	struct mesh_plan *plan;
	int *down;                      /* the nodes --down names */
	/* For mesh_analyze(): .down and .ndown are those nodes, the rest
	 * 0. */
	struct mesh_analysis_options analysis;
};

void cli_input_init(struct cli_input *in);

/*
 * Load the plan the operands argv[optind ..] name: the one plan, whose
 * path becomes o->plan (cli_common_plan()), read as o->input_format; or,
 * with o->harper set, its configs as one plan (cli_harper_configs() took
 * them). With the progress bar. Then resolve o->downs
 * (cli_resolve_nodes(), which may modify those arguments). Returns 0, or
 * CLI_EXIT_BAD after printing the usage, the diagnostics or the error;
 * in holds what was loaded either way.
 */
int cli_input_load(struct cli_input *in, struct cli_common *o, int argc,
    char **argv);
void cli_input_free(struct cli_input *in);

/* The processors online, from 1 to max. */
unsigned cli_default_jobs(unsigned max);

/*
 * Write s whole (a report, a shard's partial, a plan: consumed, freed
 * here; NULL means out of memory) to path, or stdout when NULL, as
 * cli_write_output() does. Returns 0, or CLI_EXIT_BAD after reporting.
 */
int cli_write_string(const char *path, char *s, const char *input);

/* Whether -o output (NULL: none) is the file input, which what describes
 * ("the report over a config"); if so, say that writing it is refused. */
int cli_refuse_over(const char *output, const char *input, const char *what);

/*
 * Write the report to -o FILE or stdout: json when the format is JSON
 * (consumed; NULL means out of memory), else what text() writes with ctx
 * (returning 0, or -1 when out of memory). Returns 0, or CLI_EXIT_BAD
 * after reporting.
 */
int cli_emit(const struct cli_common *o, char *json,
    int (*text)(FILE *, const void *), const void *ctx);

/* The report cli_emit() writes, as a malloc'd string of *len bytes (the
 * caller frees it), or NULL after reporting that memory ran out. */
char *cli_render(const struct cli_common *o, char *json,
    int (*text)(FILE *, const void *), const void *ctx, size_t *len);

/* Write plan in the plan format (export.h) to output (stdout when NULL)
 * as cli_write_output() does. Returns 0, or CLI_EXIT_BAD after
 * reporting. */
int cli_write_plan(const struct mesh_plan *plan, const char *output,
    const char *input);

/*
 * The end of every import (cli_import_*.c): with err MESH_OK, the reader's
 * diagnostics and plan written as JSON to output (stdout when NULL) as
 * cli_write_plan() does; else cli_read_failed(kind, ...). Returns 0, or
 * CLI_EXIT_BAD after reporting.
 */
int cli_import_write(const char *kind, enum mesh_error err,
    const struct mesh_diags *diags, const struct mesh_plan *plan,
    const char *output, const char *input);

/* The format of the file at path by its name and first bytes
 * (mesh_format_sniff()); by its name alone when it cannot be read. */
enum mesh_format cli_sniff(const char *path);

/*
 * When the operands argv[optind ..] are Kubernetes manifests (all of
 * them by content, or --input-format kubernetes), set o->manifests (and
 * o->plan, the first) for cli_input_load(). Returns 0 (o untouched when
 * they are not), or CLI_EXIT_BAD (reported) when -o names one of them.
 */
int cli_manifests(struct cli_common *o, int argc, char **argv);

/* Before reading the file at path: for a large one, the memory policy of
 * cli_memory.c (reuse freed memory, huge pages); nothing for small. */
void cli_memory_for(const char *path);

/* Load a plan, with the progress bar, printing its diagnostics when it
 * is refused (cli_read_failed()); returns 0, or CLI_EXIT_BAD. */
int cli_load_plan(const char *path, enum mesh_format format,
    struct mesh_diags *diags, struct mesh_plan **plan);

/*
 * Resolve node arguments of option opt ("--down"): names separated by
 * commas, or key=value for a failure domain (zone=us-east-1a, host=H).
 * Sets *out (the caller frees it) and *nout; returns 0, or CLI_EXIT_BAD
 * after reporting an unknown name. The arguments may be modified.
 */
int cli_resolve_nodes(const struct mesh_plan *plan, const char *opt,
    char **args, size_t nargs, int **out, size_t *nout);

/* cli_sweep.c, cli_availability.c: write the report of a sweep or an
 * availability run (merged from shards, say) as o asks. Return the
 * command's exit status: CLI_EXIT_OK, CLI_EXIT_FOUND (a set hits; the
 * estimate is below fail_below), or CLI_EXIT_BAD after reporting. */
int cli_sweep_emit(const struct cli_common *o, const struct mesh_sweep *sw,
    const struct mesh_diags *diags);
int cli_availability_emit(const struct cli_common *o,
    const struct mesh_availability *a, const struct mesh_diags *diags,
    int from_option, double fail_below);

/* cli_import_harper.c: Harper config files on the command line
 * (`meshsim check` and `meshsim import harper`). */
struct cli_harper {
	/* --generation, --inventory, --env (opts.envs is envs.v), --args
	 * (opts.argfiles is argfiles.v) */
	struct mesh_harper_options opts;
	struct cli_list envs;
	struct cli_list argfiles;
	char **configs;                 /* the [HOST=]CONFIG.yaml arguments */
	size_t nconfigs;
};

/* --env, --generation and --inventory into harper, a
 * struct cli_harper: an own_option of cli_parse_options(). Returns 1
 * when c was one of them, 0 when not, -1 after reporting. */
int cli_harper_option(void *harper, int c, char *arg);

/*
 * Take the operands argv[optind ..] as h's configs, and the first one's
 * path as o->plan (that cli_write_output() never writes over). -o may
 * name none of the others (what: "the plan over a config"). Returns 0,
 * or CLI_EXIT_BAD after reporting.
 */
int cli_harper_configs(struct cli_harper *h, struct cli_common *o,
    int argc, char **argv, const char *what);

/* Free what h holds (not h). */
void cli_harper_free(struct cli_harper *h);

/* cli_import_nats.c: nats-server configs and command lines on the
 * command line (`meshsim check`, `meshsim import nats`), and /routez
 * answers (`meshsim import nats-routez`). */
struct cli_nats {
	struct mesh_nats_options opts;  /* opts.args is args.v */
	struct cli_list args;           /* --nats-args NODE=FILE */
	char **configs;                 /* the [HOST=]CONFIG.conf arguments */
	size_t nconfigs;
};

/* --nats-args into nats, a struct cli_nats: an own_option. Returns 1
 * when c was it, 0 when not, -1 after reporting. */
int cli_nats_option(void *nats, int c, char *arg);

/* Take the operands argv[optind ..] (none, with --nats-args) as n's
 * configs, and the first file as o->plan; as cli_harper_configs(). */
int cli_nats_configs(struct cli_nats *n, struct cli_common *o, int argc,
    char **argv, const char *what);

void cli_nats_free(struct cli_nats *n);

/* The subcommands, each in cli_NAME.c; argv[0] is the subcommand. */
int cli_availability(int argc, char **argv);
int cli_check(int argc, char **argv);
int cli_diff(int argc, char **argv);
int cli_export(int argc, char **argv);
/* cli_export_nats.c: plan as nats-server configs to output (stdout when
 * NULL or "-"; else a new directory, written whole), loopback the base
 * port or 0. Returns 0, or CLI_EXIT_BAD after reporting. */
int cli_export_nats(const struct mesh_plan *plan, const char *output,
    int loopback, const char *input);
int cli_import(int argc, char **argv);
/* The kinds of `meshsim import`, each in cli_import_KIND.c; argv[0] is the
 * kind. */
int cli_import_harper(int argc, char **argv);
int cli_import_network(int argc, char **argv);
int cli_import_routes(int argc, char **argv);
int cli_import_nats(int argc, char **argv);
int cli_import_routez(int argc, char **argv);
int cli_import_status(int argc, char **argv);
int cli_merge(int argc, char **argv);
int cli_report(int argc, char **argv);
int cli_simulate(int argc, char **argv);
int cli_suggest(int argc, char **argv);
int cli_sweep(int argc, char **argv);

/*
 * check's JSON report json (taken: freed here) with the member
 * "route_sources" (every route with its source and the sources it
 * overrode; "routes" is the count already) before
 * "diagnostics", when some route of p names its source; else json as
 * it is. Returns the new text (the caller frees it), or NULL when out of
 * memory.
 */
char *cli_sources_json(const struct mesh_plan *p, char *json);

/* check --explain: the section "where the routes come from" of p, nodes
 * by name. Returns 0, or -1 when out of memory or on a write error. */
int cli_sources_text(FILE *out, const struct mesh_plan *p);

#endif
