/* hazards.c: restart hazards of the live mesh: nodes that could not rejoin if they restarted now. */
#include <stdlib.h>
#include <string.h>

#include "meshsim/meshsim.h"

/* Per node: how many of its route neighbours are up, and one of them
 * (any, when the count is 1, it is that one). */
struct up_neighbours {
	int *count;
	int *one;
	int *degree;
};

static int
count_up(const struct mesh_plan *p, const bool *is_down,
    struct up_neighbours *u)
{
	size_t i;

	u->count = calloc(p->nnodes + 1, sizeof(int));
	u->one = malloc((p->nnodes + 1) * sizeof(int));
	u->degree = calloc(p->nnodes + 1, sizeof(int));
	if (u->count == NULL || u->one == NULL || u->degree == NULL)
		return -1;
	for (i = 0; i < p->nlinks; i++) {
		int a = p->links[2 * i], b = p->links[2 * i + 1];

		u->degree[a]++;
		u->degree[b]++;
		if (is_down == NULL || !is_down[b]) {
			u->count[a]++;
			u->one[a] = b;
		}
		if (is_down == NULL || !is_down[a]) {
			u->count[b]++;
			u->one[b] = a;
		}
	}
	return 0;
}

static void
free_up(struct up_neighbours *u)
{
	free(u->count);
	free(u->one);
	free(u->degree);
}


enum mesh_error
mesh_stranded(const struct mesh_plan *p, const bool *is_down, int **out,
    size_t *n)
{
	struct up_neighbours u;
	enum mesh_error err = MESH_ENOMEM;
	size_t i;
	int *v = NULL;

	*out = NULL;
	*n = 0;
	if (count_up(p, is_down, &u) != 0 ||
	    (v = malloc((p->nnodes + 1) * sizeof(*v))) == NULL)
		goto done;
	for (i = 0; i < p->nnodes; i++)
		if (!is_down[i] && u.degree[i] > 0 && u.count[i] == 0)
			v[(*n)++] = (int)i;
	if (mesh_plan_sort_nodes(p, v, *n) != 0)
		goto done;
	if (*n > 0) {
		*out = v;
		v = NULL;
	}
	err = MESH_OK;
done:
	free(v);
	free_up(&u);
	return err;
}

enum mesh_error
mesh_restart_hazards(const struct mesh_plan *p, const bool *is_down,
    size_t **first, int **strands)
{
	struct up_neighbours u;
	enum mesh_error err = MESH_ENOMEM;
	size_t *f = NULL, *fill = NULL, i, total = 0;
	int *s = NULL, *order = NULL;

	*first = NULL;
	*strands = NULL;
	/* Y is stranded by X when X is Y's one up route neighbour. */
	if (count_up(p, is_down, &u) != 0 ||
	    (f = calloc(p->nnodes + 2, sizeof(*f))) == NULL ||
	    (fill = calloc(p->nnodes + 1, sizeof(*fill))) == NULL ||
	    (order = malloc((p->nnodes + 1) * sizeof(*order))) == NULL)
		goto done;
	for (i = 0; i < p->nnodes; i++)
		order[i] = (int)i;
	if (mesh_plan_sort_nodes(p, order, p->nnodes) != 0)
		goto done;
	for (i = 0; i < p->nnodes; i++)
		if ((is_down == NULL || !is_down[i]) && u.count[i] == 1) {
			f[u.one[i] + 1]++;
			total++;
		}
	for (i = 0; i < p->nnodes; i++)
		f[i + 1] += f[i];
	if ((s = malloc((total + 1) * sizeof(*s))) == NULL)
		goto done;
	/* Placing Y in name order keeps every list sorted. */
	for (i = 0; i < p->nnodes; i++) {
		int y = order[i];

		if ((is_down == NULL || !is_down[y]) && u.count[y] == 1)
			s[f[u.one[y]] + fill[u.one[y]]++] = y;
	}
	*first = f;
	*strands = s;
	f = NULL;
	s = NULL;
	err = MESH_OK;
done:
	free(f);
	free(s);
	free(fill);
	free(order);
	free_up(&u);
	return err;
}
