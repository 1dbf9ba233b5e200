/* analysis_text.c: clauses for people shared by the text and HTML/Markdown reports: how a plan is split, what a single point of failure's loss leaves, what the route count holds. */
#include <stdlib.h>

#include "meshsim/meshsim.h"
#include "base/util.h"

/* One piece: "{a, b, ... and N more}", then " (S nodes)" above one node. */
static void
put_piece(struct mesh_i_buf *b, const struct mesh_analysis *a,
    const struct mesh_group *g)
{
	size_t i;

	mesh_i_buf_puts(b, "{");
	for (i = 0; i < g->nlisted; i++) {
		mesh_i_buf_puts(b, i ? ", " : "");
		mesh_i_buf_puts(b, a->plan->nodes[a->group_nodes[g->first +
		    i]].name);
	}
	if (g->size > g->nlisted)
		mesh_i_buf_printf(b, "%s... and %zu more", i ? ", " : "",
		    g->size - g->nlisted);
	mesh_i_buf_puts(b, "}");
	if (g->size > 1)
		mesh_i_buf_printf(b, " (%zu nodes)", g->size);
}

/* Pieces p[0 .. n-1] of at most MESH_PIECES_LISTED_MAX, joined by ", " and
 * a last " and "; then the pieces left out, of the total. */
static void
put_pieces(struct mesh_i_buf *b, const struct mesh_analysis *a,
    const struct mesh_group *const *p, size_t n)
{
	size_t i, shown = n > MESH_PIECES_LISTED_MAX ?
	    MESH_PIECES_LISTED_MAX : n, rest = 0;

	for (i = 0; i < shown; i++) {
		if (i > 0)
			mesh_i_buf_puts(b, i + 1 == n ? " and " : ", ");
		put_piece(b, a, p[i]);
	}
	if (shown < n) {
		for (i = shown; i < n; i++)
			rest += p[i]->size;
		mesh_i_buf_printf(b, " and %zu more %s (%zu %s)", n - shown,
		    n - shown == 1 ? "piece" : "pieces", rest,
		    rest == 1 ? "node" : "nodes");
	}
}

char *
mesh_cutpoint_text(const struct mesh_analysis *a,
    const struct mesh_cutpoint *cp)
{
	const struct mesh_group **p;
	struct mesh_i_buf b;
	size_t n = cp->ngroups + 1, i;

	if ((p = malloc(n * sizeof(*p))) == NULL)
		return NULL;
	p[0] = &cp->largest;
	for (i = 0; i < cp->ngroups; i++)
		p[i + 1] = &a->groups[cp->first + i];
	mesh_i_buf_init(&b);
	mesh_i_buf_printf(&b, "splits the rest into %zu pieces: ", n);
	if (cp->nlargest == 1 && cp->largest.size > cp->largest.nlisted) {
		/* Too big to name and no tie: the rest is told apart. */
		mesh_i_buf_printf(&b, "the largest (%zu nodes) and %zu smaller: ",
		    cp->largest.size, cp->ngroups);
		put_pieces(&b, a, p + 1, n - 1);
	} else {
		put_pieces(&b, a, p, n);
	}
	free(p);
	return mesh_i_buf_take(&b);
}

char *
mesh_routes_text(const struct mesh_analysis *a)
{
	struct mesh_i_buf b;
	size_t none = a->nroutes - a->stored_total - a->nroutes_to_down;
	const char *sep = " (";

	mesh_i_buf_init(&b);
	if (a->stored_total != a->nroutes) {
		mesh_i_buf_printf(&b, "%s%zu %s", sep, a->stored_total,
		    a->stored_total == 1 ? "makes a link" : "make links");
		sep = ", ";
	}
	if (a->nroutes_to_down > 0) {
		mesh_i_buf_printf(&b, "%s%zu %s", sep, a->nroutes_to_down,
		    a->nroutes_to_down == 1 ? "leads to a down node" :
		    "lead to down nodes");
		sep = ", ";
	}
	if (none > 0) {
		mesh_i_buf_printf(&b, "%s%zu %s none: see the warnings", sep, none,
		    none == 1 ? "makes" : "make");
		sep = ", ";
	}
	if (a->nroutes_of_down > 0) {
		mesh_i_buf_printf(&b, "%snot counted: %zu stored by down nodes",
		    *sep == ',' ? "; " : sep, a->nroutes_of_down);
		sep = ", ";
	}
	if (*sep == ',')
		mesh_i_buf_puts(&b, ")");
	return mesh_i_buf_take(&b);
}

char *
mesh_split_text(const struct mesh_analysis *a)
{
	struct mesh_i_buf b;
	size_t big = a->ncomponents ? a->comp_start[1] - a->comp_start[0] : 0;
	size_t tied = 0, rest;

	while (tied < a->ncomponents && a->comp_start[tied + 1] -
	    a->comp_start[tied] == big)
		tied++;
	rest = a->nnodes - tied * big;
	mesh_i_buf_init(&b);
	if (tied <= 1)
		mesh_i_buf_printf(&b, "%zu groups; %zu %s cut off from the "
		    "largest group", a->ncomponents, a->ncut_off,
		    a->ncut_off == 1 ? "node is" : "nodes are");
	else if (tied == a->ncomponents)
		mesh_i_buf_printf(&b, "%zu groups of %zu %s each: none is the "
		    "largest", a->ncomponents, big, big == 1 ? "node" : "nodes");
	else
		mesh_i_buf_printf(&b, "%zu groups; the %zu largest have %zu %s "
		    "each, %zu %s in smaller groups", a->ncomponents, tied, big,
		    big == 1 ? "node" : "nodes", rest, rest == 1 ? "node is" :
		    "nodes are");
	return mesh_i_buf_take(&b);
}
