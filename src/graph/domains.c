/* domains.c: failure domains: sets of nodes that fail together (a zone, a machine). */
#include <stdlib.h>
#include <string.h>

#include "meshsim/meshsim.h"
#include "read/readers.h"
#include "base/map.h"
#include "base/util.h"

static int
uf_find(int *parent, int v)
{
	while (parent[v] != v) {
		parent[v] = parent[parent[v]];
		v = parent[v];
	}
	return v;
}

static void
uf_union(int *parent, int a, int b)
{
	a = uf_find(parent, a);
	b = uf_find(parent, b);
	if (a != b)
		parent[a > b ? a : b] = a < b ? a : b;
}

/* Normal forms of every node's host; NULL when out of memory. */
static char **
normal_hosts(const struct mesh_plan *p)
{
	char **h = calloc(p->nnodes + 1, sizeof(*h));
	size_t i;

	if (h == NULL)
		return NULL;
	for (i = 0; i < p->nnodes; i++)
		if ((h[i] = mesh_i_host_normal(p->nodes[i].host)) == NULL) {
			while (i-- > 0)
				free(h[i]);
			free(h);
			return NULL;
		}
	return h;
}

static void
free_hosts(char **h, size_t n)
{
	size_t i;

	for (i = 0; h != NULL && i < n; i++)
		free(h[i]);
	free(h);
}

/* Union the nodes whose (string) keys are equal, through a map. */
static int
union_equal(int *parent, char *const *keys, size_t n)
{
	struct mesh_i_map m;
	size_t i;

	mesh_i_map_init(&m);
	for (i = 0; i < n; i++) {
		int first;

		if (keys[i] == NULL)
			continue;
		if ((first = mesh_i_map_put(&m, keys[i], 0, (int)i)) == -2) {
			mesh_i_map_free(&m);
			return -1;
		}
		if (first >= 0)
			uf_union(parent, first, (int)i);
	}
	mesh_i_map_free(&m);
	return 0;
}

struct named_domain {
	char *name;
	int root;
};

static int
named_domain_cmp(const void *a, const void *b)
{
	return strcmp(((const struct named_domain *)a)->name,
	    ((const struct named_domain *)b)->name);
}

/* The name of the domain whose members (sorted by name) are v[0..n-1]:
 * the distinct "key=value" parts, in byte order, joined by '+'. */
static char *
domain_name(const struct mesh_plan *p, const char *key, char *const *hosts,
    const int *v, size_t n)
{
	struct mesh_i_buf b;
	char **part = calloc(n + 1, sizeof(*part));
	size_t i, j, k = 0;
	char *name;

	if (part == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		const char *val = key == NULL ? NULL :
		    mesh_node_label(&p->nodes[v[i]], key);

		if (key == NULL)
			part[i] = strdup(p->nodes[v[i]].name);
		else if (val != NULL && strcmp(key, "host") != 0)
			part[i] = mesh_i_asprintf("%s=%s", key, val);
		else
			part[i] = mesh_i_asprintf("host=%s", hosts[v[i]]);
		if (part[i] == NULL)
			goto fail;
	}
	/* Sort the parts (few) and drop repeats. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(part[j - 1], part[j]) > 0; j--) {
			char *t = part[j];

			part[j] = part[j - 1];
			part[j - 1] = t;
		}
	mesh_i_buf_init(&b);
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(part[i], part[i - 1]) == 0)
			continue;
		if (k++ > 0)
			mesh_i_buf_puts(&b, "+");
		mesh_i_buf_puts(&b, part[i]);
	}
	name = mesh_i_buf_take(&b);
	for (i = 0; i < n; i++)
		free(part[i]);
	free(part);
	return name;
fail:
	for (i = 0; i < n; i++)
		free(part[i]);
	free(part);
	return NULL;
}

void
mesh_domains_free(struct mesh_domains *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; d->names != NULL && i < d->n; i++)
		free(d->names[i]);
	free(d->names);
	free(d->start);
	free(d->nodes);
	free(d->of);
	free(d);
}

enum mesh_error
mesh_domains_new(const struct mesh_plan *p, const char *key,
    struct mesh_domains **out)
{
	size_t n = p->nnodes, i, nd = 0;
	struct mesh_domains *d = calloc(1, sizeof(*d));
	int *parent = malloc((n + 1) * sizeof(*parent));
	int *order = malloc((n + 1) * sizeof(*order));
	int *root_of = malloc((n + 1) * sizeof(*root_of));
	size_t *count = calloc(n + 1, sizeof(*count));
	struct named_domain *nds = calloc(n + 1, sizeof(*nds));
	char **hosts = normal_hosts(p), **vals = calloc(n + 1, sizeof(*vals));
	int *members = malloc((n + 1) * sizeof(*members));
	enum mesh_error err = MESH_ENOMEM;

	*out = NULL;
	if (!d || !parent || !order || !root_of || !count || !nds || !hosts ||
	    !vals || !members)
		goto done;
	for (i = 0; i < n; i++)
		order[i] = (int)i;
	if (mesh_plan_sort_nodes(p, order, n) != 0)
		goto done;
	for (i = 0; i < n; i++)
		parent[i] = (int)i;
	if (key != NULL) {
		if (union_equal(parent, hosts, n) != 0)
			goto done;
		if (strcmp(key, "host") != 0) {
			for (i = 0; i < n; i++)
				vals[i] = (char *)(uintptr_t)
				    mesh_node_label(&p->nodes[i], key);
			if (union_equal(parent, vals, n) != 0)
				goto done;
		}
	}
	/* Number the domains by their first member in name order, gather
	 * members in name order, then name and sort the domains. */
	for (i = 0; i < n; i++)
		root_of[i] = -1;
	for (i = 0; i < n; i++) {
		int r = uf_find(parent, order[i]);

		if (root_of[r] < 0)
			root_of[r] = (int)nd++;
		count[root_of[r]]++;
	}
	d->n = nd;
	d->names = calloc(nd + 1, sizeof(*d->names));
	d->start = calloc(nd + 2, sizeof(*d->start));
	d->nodes = malloc((n + 1) * sizeof(*d->nodes));
	d->of = malloc((n + 1) * sizeof(*d->of));
	if (!d->names || !d->start || !d->nodes || !d->of)
		goto done;
	{
		size_t *fill = calloc(nd + 1, sizeof(*fill)), k;

		if (fill == NULL)
			goto done;
		for (k = 0; k < nd; k++)
			fill[k + 1] = fill[k] + count[k];
		for (i = 0; i < n; i++) {
			int dom = root_of[uf_find(parent, order[i])];

			members[fill[dom]++] = order[i];
		}
		free(fill);
	}
	for (i = 0, nd = 0; nd < d->n; nd++) {
		nds[nd].name = domain_name(p, key, hosts, members + i,
		    count[nd]);
		nds[nd].root = (int)i;  /* where its members start */
		if (nds[nd].name == NULL)
			goto done;
		i += count[nd];
	}
	/* Sort domains by name; equal names cannot occur (a name is made
	 * of its members' values, which put them in one domain). */
	{
		size_t *old_count = malloc((d->n + 1) * sizeof(*old_count));
		struct named_domain *t = malloc((d->n + 1) * sizeof(*t));
		size_t k, at = 0;

		if (old_count == NULL || t == NULL) {
			free(old_count);
			free(t);
			goto done;
		}
		for (k = 0; k < d->n; k++) {
			t[k] = nds[k];
			t[k].root = (int)k;
			old_count[k] = count[k];
		}
		qsort(t, d->n, sizeof(*t), named_domain_cmp);
		for (k = 0; k < d->n; k++) {
			size_t src = (size_t)nds[t[k].root].root, c;

			d->names[k] = t[k].name;
			nds[t[k].root].name = NULL;
			d->start[k] = at;
			for (c = 0; c < old_count[t[k].root]; c++) {
				d->nodes[at] = members[src + c];
				d->of[members[src + c]] = (int)k;
				at++;
			}
		}
		d->start[d->n] = at;
		free(old_count);
		free(t);
	}
	*out = d;
	d = NULL;
	err = MESH_OK;
done:
	for (i = 0; nds != NULL && i < n; i++)
		free(nds[i].name);
	mesh_domains_free(d);
	free(parent);
	free(order);
	free(root_of);
	free(count);
	free(nds);
	free_hosts(hosts, n);
	free(vals);
	free(members);
	return err;
}

enum mesh_error
mesh_domain_select(const struct mesh_plan *p, const char *key,
    const char *value, int **nodes, size_t *n)
{
	struct mesh_domains *d = NULL;
	enum mesh_error err;
	char *want = NULL;
	size_t i, k, cap = 0;
	int *v = NULL;

	*nodes = NULL;
	*n = 0;
	if ((err = mesh_domains_new(p, key, &d)) != MESH_OK)
		return err;
	err = MESH_ENOMEM;
	if (strcmp(key, "host") == 0) {
		char *h = mesh_i_host_normal(value);

		want = h ? mesh_i_asprintf("host=%s", h) : NULL;
		free(h);
	} else {
		want = mesh_i_asprintf("%s=%s", key, value);
	}
	if (want == NULL)
		goto done;
	/* A domain is selected when one of its '+'-joined parts is want. */
	for (i = 0; i < d->n; i++) {
		const char *s = d->names[i];
		size_t wl = strlen(want);
		int hit = 0;

		while (*s != '\0' && !hit) {
			const char *e = strchr(s, '+');
			size_t l = e ? (size_t)(e - s) : strlen(s);

			hit = l == wl && strncmp(s, want, l) == 0;
			s += l + (e != NULL);
		}
		if (!hit)
			continue;
		for (k = d->start[i]; k < d->start[i + 1]; k++) {
			if (*n == cap) {
				int *t;

				cap = cap ? cap * 2 : 8;
				if ((t = realloc(v, cap * sizeof(*t))) == NULL)
					goto done;
				v = t;
			}
			v[(*n)++] = d->nodes[k];
		}
	}
	if (*n == 0) {
		err = MESH_ENOTFOUND;
		goto done;
	}
	*nodes = v;
	v = NULL;
	err = MESH_OK;
done:
	free(v);
	free(want);
	mesh_domains_free(d);
	return err;
}
