/* cli_plan.c: what every subcommand does with a plan: load it, and resolve node names given on the command line. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int
cli_load_plan(const char *path, enum mesh_format format,
    struct mesh_diags *diags, struct mesh_plan **plan)
{
	enum mesh_error err = mesh_plan_load(path, format, diags, plan);

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
			cli_error("%s: the plan has no node named '%s'", opt,
			    item);
			return CLI_EXIT_BAD;
		}
		return append(v, len, cap, &k, 1) ? CLI_EXIT_BAD : 0;
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
