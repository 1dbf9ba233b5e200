/* cli.h: what the command-line tool's files share: exit statuses, messages, reports. */
#ifndef MESH_CLI_H
#define MESH_CLI_H

#include <stdio.h>

#include "meshsim/meshsim.h"

/* Exit statuses: the README documents them. */
enum {
	CLI_EXIT_OK = 0,        /* nothing found at the --fail-on level */
	CLI_EXIT_FOUND = 1,     /* something was */
	CLI_EXIT_BAD = 2        /* bad input or usage, or a failure */
};

/* cli_msgs.c: every message to stderr goes through here. */
void cli_usage(FILE *f);
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* One diagnostic as a compiler writes it: file:line:column: warning: ... */
void cli_diag_to(FILE *f, const struct mesh_diag *d);
/* Print every diagnostic of at least severity min. */
void cli_diags(const struct mesh_diags *d, enum mesh_severity min);

/* cli_report.c: the text report for people; _hazards adds the restart
 * hazards of the mesh model (returns 0, or -1 when out of memory). */
void cli_report_text(FILE *out, const struct mesh_analysis *a,
    const struct mesh_diags *diags);
int cli_report_text_hazards(FILE *out, const struct mesh_analysis *a,
    const struct mesh_diags *diags);

/* cli_output.c: write a report to stdout or, atomically, to a file. */
int cli_write_output(const char *path, const char *text, size_t len,
    const char *input);

/*
 * cli_plan.c: load a plan, printing its diagnostics when it is refused;
 * returns 0, or CLI_EXIT_BAD.
 */
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

/* The subcommands, each in cli_NAME.c; argv[0] is the subcommand. */
int cli_availability(int argc, char **argv);
int cli_check(int argc, char **argv);
int cli_simulate(int argc, char **argv);
int cli_sweep(int argc, char **argv);

#endif
