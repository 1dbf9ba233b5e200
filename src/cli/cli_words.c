/* cli_words.c: the words the text reports share: plurals and lists of node names. */
#include <stdio.h>

#include "cli/cli.h"

void
cli_names(FILE *out, const struct mesh_plan *p, const int *v, size_t n,
    size_t total)
{
	size_t i;

	for (i = 0; i < n && i < CLI_LIST_MAX; i++)
		cli_printf(out, "%s%s", i ? ", " : "", p->nodes[v[i]].name);
	if (total > i)
		cli_printf(out, "%s... and %zu more", i ? ", " : "", total - i);
}

const char *
cli_plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}
