/* live_mesh.c: the live mesh: nodes start, stop and lose connections as in a running NATS or Harper cluster; timelines and what-if runs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "meshsim/mesh.h"
#include "base/util.h"

struct mesh_live {
	const struct mesh_plan *plan;
	size_t n;
	bool *up;
	int *order;             /* the nodes sorted by name */
	/*
	 * The pairs as bit matrices, a row of words words a node: bit b of
	 * row a of live is set when a and b are connected now, of cut when
	 * a fault is between them (both kept the same in (a, b) and
	 * (b, a)), of dials when a's config holds a route to b (not
	 * symmetric). Each fact is kept here only. pend holds the
	 * connections made by the current event that gossip has not
	 * announced yet: bit y of row x is a new connection x-y still to
	 * announce to x's neighbours. Scratch for events, so that they
	 * cannot fail: queue (a ring of n, qlen of them from qhead) holds
	 * the nodes with something in pend (queued marks them), row one
	 * row.
	 */
	size_t words;
	size_t qhead, qlen;
	uint64_t *live;
	uint64_t *cut;
	uint64_t *dials;
	uint64_t *pend;
	uint64_t *row;
	int *queue;
	bool *queued;
	int *fresh;             /* nodes started by the current event */
};

/* Bit b of bit row r of a matrix of m's: test, set, clear. */
static bool
bit_test(const struct mesh_live *m, const uint64_t *mat, int r, int b)
{
	return (mat[(size_t)r * m->words + (size_t)b / 64] >> (b % 64)) & 1;
}

static void
bit_set(const struct mesh_live *m, uint64_t *mat, int r, int b)
{
	mat[(size_t)r * m->words + (size_t)b / 64] |= (uint64_t)1 << (b % 64);
}

static void
bit_clear(const struct mesh_live *m, uint64_t *mat, int r, int b)
{
	mat[(size_t)r * m->words + (size_t)b / 64] &=
	    ~((uint64_t)1 << (b % 64));
}

/* Fill order[0 .. n-1] with the plan's nodes sorted by name. Returns 0,
 * or -1 when out of memory. */
static int
sort_by_name(const struct mesh_plan *p, int *order)
{
	size_t i;

	for (i = 0; i < p->nnodes; i++)
		order[i] = (int)i;
	return mesh_plan_sort_nodes(p, order, p->nnodes);
}

enum mesh_error
mesh_live_new(const struct mesh_plan *plan, struct mesh_live **out)
{
	struct mesh_live *m;
	size_t n = plan->nnodes, i, j;

	*out = NULL;
	if (n > MESH_LIVE_MAX_NODES)
		return MESH_EINVAL;
	if ((m = calloc(1, sizeof(*m))) == NULL)
		return MESH_ENOMEM;
	m->plan = plan;
	m->n = n;
	m->words = (n + 63) / 64;
	if ((m->up = calloc(n + 1, sizeof(*m->up))) == NULL ||
	    (m->order = malloc((n + 1) * sizeof(*m->order))) == NULL ||
	    (m->live = calloc(n * m->words + 1, sizeof(*m->live))) == NULL ||
	    (m->cut = calloc(n * m->words + 1, sizeof(*m->cut))) == NULL ||
	    (m->dials = calloc(n * m->words + 1, sizeof(*m->dials))) == NULL ||
	    (m->pend = calloc(n * m->words + 1, sizeof(*m->pend))) == NULL ||
	    (m->row = calloc(m->words + 1, sizeof(*m->row))) == NULL ||
	    (m->queue = malloc((n + 1) * sizeof(*m->queue))) == NULL ||
	    (m->queued = calloc(n + 1, sizeof(*m->queued))) == NULL ||
	    (m->fresh = malloc((n + 1) * sizeof(*m->fresh))) == NULL ||
	    sort_by_name(plan, m->order) != 0)
		goto fail;
	for (i = 0; i < n; i++)
		for (j = 0; j < plan->nodes[i].nroutes; j++) {
			int t = plan->nodes[i].routes[j].target;

			if (t >= 0 && (size_t)t != i)
				bit_set(m, m->dials, (int)i, t);
		}
	*out = m;
	return MESH_OK;
fail:
	mesh_live_free(m);
	return MESH_ENOMEM;
}

void
mesh_live_free(struct mesh_live *m)
{
	if (m == NULL)
		return;
	free(m->up);
	free(m->order);
	free(m->live);
	free(m->cut);
	free(m->dials);
	free(m->pend);
	free(m->row);
	free(m->queue);
	free(m->queued);
	free(m->fresh);
	free(m);
}

/* The index of the lowest set bit of v (not 0). */
static size_t
lowest_bit(uint64_t v)
{
#if defined(__GNUC__)
	return (size_t)__builtin_ctzll(v);
#else
	size_t i = 0;

	while (!(v & 1)) {
		v >>= 1;
		i++;
	}
	return i;
#endif
}

/* Queue node x for gossip (once). */
static void
enqueue(struct mesh_live *m, int x)
{
	if (!m->queued[x]) {
		m->queued[x] = true;
		m->queue[(m->qhead + m->qlen++) % m->n] = x;
	}
}

/* Connect a and b (up, not cut, not connected): a new connection that
 * gossip() announces. */
static void
join_pair(struct mesh_live *m, int a, int b)
{
	bit_set(m, m->live, a, b);
	bit_set(m, m->live, b, a);
	bit_set(m, m->pend, a, b);
	bit_set(m, m->pend, b, a);
	enqueue(m, a);
	enqueue(m, b);
}

static void
drop_pair(struct mesh_live *m, int a, int b)
{
	bit_clear(m, m->live, a, b);
	bit_clear(m, m->live, b, a);
}

/*
 * Gossip after the connections queued by join_pair(), as nats-server
 * does it (server/route.go: addRoute, forwardNewRouteInfoToKnownServers,
 * processImplicitRoute): a new connection x-y is announced to the
 * neighbours of x, who dial y, and to those of y, who dial x, unless a
 * fault is between them; each connection that makes is announced in
 * turn. Without gaps (pairs of a group left apart by a healed fault)
 * every group holding a new connection ends a full mesh, but for pairs
 * cut by a fault; a gap closes only when a new connection reaches a
 * neighbour of one of its ends. The result does not depend on the order
 * of the announcements. Each new connection costs O(n / 64) words.
 */
static void
gossip(struct mesh_live *m)
{
	size_t k, j, w = m->words;
	uint64_t bits, cand;
	int x, y;

	while (m->qlen > 0) {
		x = m->queue[m->qhead];
		m->qhead = (m->qhead + 1) % m->n;
		m->qlen--;
		m->queued[x] = false;
		/* The new connections x-y to announce to x's neighbours. */
		memcpy(m->row, &m->pend[(size_t)x * w], w * sizeof(*m->row));
		memset(&m->pend[(size_t)x * w], 0, w * sizeof(*m->row));
		for (k = 0; k < w; k++)
			for (bits = m->row[k]; bits != 0; bits &= bits - 1) {
				y = (int)(k * 64 + lowest_bit(bits));
				for (j = 0; j < w; j++) {
					cand = m->live[(size_t)x * w + j] &
					    ~m->live[(size_t)y * w + j] &
					    ~m->cut[(size_t)y * w + j];
					if (j == (size_t)y / 64)
						cand &= ~((uint64_t)1 <<
						    (y % 64));
					for (; cand != 0; cand &= cand - 1)
						join_pair(m, (int)(j * 64 +
						    lowest_bit(cand)), y);
				}
			}
	}
}

/* Whether a route joins a and b (either holds it). */
static bool
routed(const struct mesh_live *m, int a, int b)
{
	return bit_test(m, m->dials, a, b) || bit_test(m, m->dials, b, a);
}

/*
 * Start the down nodes among v[0 .. k-1] together: each dials its routes
 * to up nodes, every up node whose route names it dials it (both among
 * the nodes starting too), then gossip.
 */
static void
start(struct mesh_live *m, const int *v, size_t k)
{
	size_t i, nfresh = 0;
	int w;

	for (i = 0; i < k; i++)
		if (!m->up[v[i]]) {
			m->up[v[i]] = true;
			m->fresh[nfresh++] = v[i];
		}
	for (i = 0; i < nfresh; i++)
		for (w = 0; (size_t)w < m->n; w++) {
			int x = m->fresh[i];

			if (w != x && m->up[w] && routed(m, x, w) &&
			    !bit_test(m, m->live, x, w) &&
			    !bit_test(m, m->cut, x, w))
				join_pair(m, x, w);
		}
	gossip(m);
}

/* Stop the nodes v[0 .. k-1]: their connections drop. */
static void
stop(struct mesh_live *m, const int *v, size_t k)
{
	size_t i;
	int w;

	for (i = 0; i < k; i++) {
		m->up[v[i]] = false;
		for (w = 0; (size_t)w < m->n; w++)
			drop_pair(m, v[i], w);
	}
}

void
mesh_live_start_all(struct mesh_live *m)
{
	/* Together gives the same state as one by one in name order: the
	 * same routes are dialled, and every group they touch ends up a
	 * full mesh either way. */
	start(m, m->order, m->n);
}

enum mesh_error
mesh_live_apply(struct mesh_live *m, enum mesh_event ev, const int *nodes,
    size_t n)
{
	size_t i;
	int a, b;

	for (i = 0; i < n; i++)
		if (nodes[i] < 0 || (size_t)nodes[i] >= m->n)
			return MESH_EINVAL;
	if ((ev == MESH_EVENT_CUT || ev == MESH_EVENT_HEAL) &&
	    (n != 2 || nodes[0] == nodes[1]))
		return MESH_EINVAL;
	switch (ev) {
	case MESH_EVENT_START:
		start(m, nodes, n);
		return MESH_OK;
	case MESH_EVENT_STOP:
		stop(m, nodes, n);
		return MESH_OK;
	case MESH_EVENT_RESTART:
		stop(m, nodes, n);
		start(m, nodes, n);
		return MESH_OK;
	case MESH_EVENT_CUT:
		a = nodes[0];
		b = nodes[1];
		bit_set(m, m->cut, a, b);
		bit_set(m, m->cut, b, a);
		drop_pair(m, a, b);
		return MESH_OK;
	case MESH_EVENT_HEAL:
		a = nodes[0];
		b = nodes[1];
		if (!bit_test(m, m->cut, a, b))
			return MESH_OK;
		bit_clear(m, m->cut, a, b);
		bit_clear(m, m->cut, b, a);
		/* The owner of a route redials it; nobody redials gossip. */
		if (m->up[a] && m->up[b] && routed(m, a, b)) {
			join_pair(m, a, b);
			gossip(m);
		}
		return MESH_OK;
	}
	return MESH_EINVAL;
}

bool
mesh_live_is_up(const struct mesh_live *m, int v)
{
	return m->up[v];
}

enum mesh_conn
mesh_live_conn(const struct mesh_live *m, int a, int b)
{
	if (a == b || !bit_test(m, m->live, a, b))
		return MESH_CONN_NONE;
	return routed(m, a, b) ? MESH_CONN_CONFIGURED : MESH_CONN_GOSSIP;
}

unsigned
mesh_live_dialers(const struct mesh_live *m, int a, int b)
{
	return (bit_test(m, m->dials, a, b) ? 1u : 0u) |
	    (bit_test(m, m->dials, b, a) ? 2u : 0u);
}

bool
mesh_live_is_cut(const struct mesh_live *m, int a, int b)
{
	return bit_test(m, m->cut, a, b);
}

/* Snapshots. */

void
mesh_snapshot_free(struct mesh_snapshot *s)
{
	if (s == NULL)
		return;
	free(s->up);
	free(s->down);
	free(s->group_start);
	free(s->group_nodes);
	free(s->isolated);
	free(s->cut_off);
	free(s->apart);
	free(s->faults);
	free(s);
}

/* A group while sorting: its label, size and first node by name. */
struct group_key {
	size_t label;
	size_t size;
};

/* Largest first; labels follow the name of each group's first node. */
static int
group_cmp(const void *x, const void *y)
{
	const struct group_key *a = x, *b = y;

	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	return a->label < b->label ? -1 : a->label > b->label;
}

/*
 * The groups of s's up nodes: label[v] for each up node (labels in the
 * order of each group's first name), then s->groups sorted. Returns 0,
 * or -1 when out of memory (s's group arrays, set or NULL, are freed
 * with s). O(n + nup * n / 64): each up node's row is read once.
 */
static int
snapshot_groups(const struct mesh_live *m, struct mesh_snapshot *s,
    size_t *label, size_t *place)
{
	struct group_key *keys = NULL;
	size_t *fill = NULL, n = m->n, i, j, head, tail, ng = 0;
	uint64_t *seen = NULL, cand;
	int *queue = NULL, v, rc = -1;

	if ((queue = malloc((n + 1) * sizeof(*queue))) == NULL ||
	    (keys = malloc((n + 1) * sizeof(*keys))) == NULL ||
	    (seen = calloc(m->words + 1, sizeof(*seen))) == NULL)
		goto done;
	for (i = 0; i < n; i++)
		label[i] = (size_t)-1;
	/* In name order, so each search starts at its group's first name;
	 * seen holds the nodes labelled, a word of them at a time. */
	for (i = 0; i < s->nup; i++) {
		if (label[s->up[i]] != (size_t)-1)
			continue;
		head = tail = 0;
		queue[tail++] = s->up[i];
		label[s->up[i]] = ng;
		seen[(size_t)s->up[i] / 64] |= (uint64_t)1 << (s->up[i] % 64);
		while (head < tail) {
			const uint64_t *row =
			    &m->live[(size_t)queue[head++] * m->words];

			for (j = 0; j < m->words; j++)
				for (cand = row[j] & ~seen[j]; cand != 0;
				    cand &= cand - 1) {
					v = (int)(j * 64 + lowest_bit(cand));
					seen[j] |= cand & -cand;
					label[v] = ng;
					queue[tail++] = v;
				}
		}
		keys[ng].label = ng;
		keys[ng].size = tail;
		ng++;
	}
	qsort(keys, ng, sizeof(*keys), group_cmp);
	s->ngroups = ng;
	if ((s->group_start = malloc((ng + 1) * sizeof(size_t))) == NULL ||
	    (s->group_nodes = malloc((s->nup + 1) * sizeof(int))) == NULL ||
	    (fill = malloc((ng + 1) * sizeof(*fill))) == NULL)
		goto done;
	s->group_start[0] = 0;
	for (i = 0; i < ng; i++) {
		place[keys[i].label] = i;
		s->group_start[i + 1] = s->group_start[i] + keys[i].size;
		fill[i] = s->group_start[i];
	}
	for (i = 0; i < s->nup; i++) {
		v = s->up[i];
		s->group_nodes[fill[place[label[v]]]++] = v;
	}
	rc = 0;
done:
	free(queue);
	free(keys);
	free(fill);
	free(seen);
	return rc;
}

/* The count of bits in row r of mat, only those also set in mask when
 * mask is not NULL. O(n / 64). */
static size_t
row_count(const struct mesh_live *m, const uint64_t *mat, int r,
    const uint64_t *mask)
{
	const uint64_t *row = &mat[(size_t)r * m->words];
	size_t j, c = 0;
	uint64_t v;

	for (j = 0; j < m->words; j++) {
		v = mask != NULL ? row[j] & mask[j] : row[j];
#if defined(__GNUC__)
		c += (size_t)__builtin_popcountll(v);
#else
		for (; v != 0; v &= v - 1)
			c++;
#endif
	}
	return c;
}

enum mesh_error
mesh_live_snapshot(const struct mesh_live *m, struct mesh_snapshot **out)
{
	struct mesh_snapshot *s;
	size_t *label = NULL, *place = NULL, n = m->n, i, j, k;
	uint64_t *upbits = NULL;
	enum mesh_error err = MESH_ENOMEM;

	*out = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return MESH_ENOMEM;
	if ((s->up = malloc((n + 1) * sizeof(int))) == NULL ||
	    (s->down = malloc((n + 1) * sizeof(int))) == NULL ||
	    (label = malloc((n + 1) * sizeof(*label))) == NULL ||
	    (place = malloc((n + 1) * sizeof(*place))) == NULL ||
	    (upbits = calloc(m->words + 1, sizeof(*upbits))) == NULL)
		goto done;
	for (i = 0; i < n; i++)
		if (m->up[m->order[i]])
			s->up[s->nup++] = m->order[i];
		else
			s->down[s->ndown++] = m->order[i];
	if (snapshot_groups(m, s, label, place) != 0)
		goto done;

	if ((s->isolated = malloc((s->nup + 1) * sizeof(int))) == NULL ||
	    (s->cut_off = malloc((s->nup + 1) * sizeof(int))) == NULL)
		goto done;
	for (i = 0; i < s->nup; i++) {
		int v = s->up[i];
		size_t g = place[label[v]];

		if (s->group_start[g + 1] - s->group_start[g] == 1)
			s->isolated[s->nisolated++] = v;
		if (g > 0)
			s->cut_off[s->ncut_off++] = v;
	}

	/*
	 * Pairs, counted first: there may be n^2 / 2 of them. Connections
	 * and faults are set in both rows of a pair, so a count over rows
	 * counts each pair twice. A row without a pair is not walked.
	 */
	for (i = 0; i < s->nup; i++)
		upbits[(size_t)s->up[i] / 64] |= (uint64_t)1 << (s->up[i] % 64);
	for (i = 0; i < s->nup; i++)
		s->napart += s->nup - 1 - row_count(m, m->live, s->up[i],
		    upbits);
	s->napart /= 2;
	for (i = 0; i < n; i++)
		s->nfaults += row_count(m, m->cut, (int)i, NULL);
	s->nfaults /= 2;
	if ((s->apart = malloc((2 * s->napart + 1) * sizeof(int))) == NULL ||
	    (s->faults = malloc((2 * s->nfaults + 1) * sizeof(int))) == NULL)
		goto done;
	for (i = k = 0; s->napart > 0 && i < s->nup; i++) {
		if (row_count(m, m->live, s->up[i], upbits) == s->nup - 1)
			continue;
		for (j = i + 1; j < s->nup; j++)
			if (!bit_test(m, m->live, s->up[i], s->up[j])) {
				s->apart[k++] = s->up[i];
				s->apart[k++] = s->up[j];
			}
	}
	for (i = k = 0; s->nfaults > 0 && i < n; i++) {
		if (row_count(m, m->cut, m->order[i], NULL) == 0)
			continue;
		for (j = i + 1; j < n; j++)
			if (bit_test(m, m->cut, m->order[i], m->order[j])) {
				s->faults[k++] = m->order[i];
				s->faults[k++] = m->order[j];
			}
	}
	s->connected = s->napart == 0;
	*out = s;
	s = NULL;
	err = MESH_OK;
done:
	free(label);
	free(place);
	free(upbits);
	mesh_snapshot_free(s);
	return err;
}

/* Expectations. */

static bool
same_nodes(const int *a, size_t na, const int *b, size_t nb)
{
	return na == nb && (na == 0 || memcmp(a, b, na * sizeof(*a)) == 0);
}

unsigned
mesh_expect_failures(const struct mesh_expect *e, bool connected,
    const int *isolated, size_t nisolated, const int *cut_off,
    size_t ncut_off)
{
	unsigned failed = 0;

	/* Both sides are sorted by name and names are unique, so equal
	 * sets are equal arrays. */
	if (e->has_connected && (e->connected != 0) != connected)
		failed |= MESH_EXPECT_CONNECTED;
	if (e->has_isolated && !same_nodes(e->isolated, e->nisolated,
	    isolated, nisolated))
		failed |= MESH_EXPECT_ISOLATED;
	if (e->has_cut_off && !same_nodes(e->cut_off, e->ncut_off, cut_off,
	    ncut_off))
		failed |= MESH_EXPECT_CUT_OFF;
	return failed;
}

/* Simulations. */

static void
whatif_clear(struct mesh_whatif_result *r)
{
	free(r->isolated);
	free(r->cut_off);
}

void
mesh_simulation_free(struct mesh_simulation *s)
{
	size_t i;

	if (s == NULL)
		return;
	mesh_snapshot_free(s->initial);
	for (i = 0; s->steps != NULL && i < s->plan->nsteps; i++)
		mesh_snapshot_free(s->steps[i]);
	for (i = 0; s->whatifs != NULL && i < s->plan->nwhatifs; i++)
		whatif_clear(&s->whatifs[i]);
	free(s->steps);
	free(s->step_failed);
	free(s->whatifs);
	free(s);
}

/* Run what-if w on the route graph into *r. Returns MESH_OK,
 * MESH_ENOMEM, MESH_EINVAL or MESH_EGRAPH (from mesh_analyze). */
static enum mesh_error
run_whatif(const struct mesh_plan *p, const struct mesh_whatif *w,
    struct mesh_whatif_result *r)
{
	struct mesh_analysis_options o;
	struct mesh_analysis *a = NULL;
	enum mesh_error err;
	bool *single = NULL;
	size_t i;

	memset(&o, 0, sizeof(o));
	o.down = w->down;
	o.ndown = w->ndown;
	o.connectivity_limit = 1;       /* components only: skip the flows */
	if ((err = mesh_analyze(p, &o, &a)) != MESH_OK)
		goto done;
	err = MESH_ENOMEM;
	if ((single = calloc(p->nnodes + 1, sizeof(*single))) == NULL ||
	    (r->isolated = malloc((a->nnodes + 1) * sizeof(int))) == NULL ||
	    (r->cut_off = malloc((a->ncut_off + 1) * sizeof(int))) == NULL)
		goto done;
	for (i = 0; i < a->ncomponents; i++)
		if (a->comp_start[i + 1] - a->comp_start[i] == 1)
			single[a->comp_nodes[a->comp_start[i]]] = true;
	for (i = 0; i < a->nnodes; i++)
		if (single[a->by_name[i]])
			r->isolated[r->nisolated++] = a->by_name[i];
	memcpy(r->cut_off, a->cut_off, a->ncut_off * sizeof(int));
	r->ncut_off = a->ncut_off;
	r->connected = a->connected;
	r->ngroups = a->ncomponents;
	if (w->has_expect)
		r->failed = mesh_expect_failures(&w->expect, r->connected,
		    r->isolated, r->nisolated, r->cut_off, r->ncut_off);
	err = MESH_OK;
done:
	free(single);
	mesh_analysis_free(a);
	return err;
}

enum mesh_error
mesh_simulate(const struct mesh_plan *plan, struct mesh_simulation **out)
{
	struct mesh_simulation *s;
	struct mesh_live *m = NULL;
	enum mesh_error err = MESH_ENOMEM;
	size_t i;

	*out = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return MESH_ENOMEM;
	s->plan = plan;
	if ((s->steps = calloc(plan->nsteps + 1, sizeof(*s->steps))) == NULL ||
	    (s->step_failed = calloc(plan->nsteps + 1,
	    sizeof(*s->step_failed))) == NULL ||
	    (s->whatifs = calloc(plan->nwhatifs + 1,
	    sizeof(*s->whatifs))) == NULL)
		goto done;
	if ((err = mesh_live_new(plan, &m)) != MESH_OK)
		goto done;
	mesh_live_start_all(m);
	if ((err = mesh_live_snapshot(m, &s->initial)) != MESH_OK)
		goto done;
	for (i = 0; i < plan->nsteps; i++) {
		const struct mesh_step *st = &plan->steps[i];
		struct mesh_snapshot *sn;

		if ((err = mesh_live_apply(m, st->event, st->nodes,
		    st->nnodes)) != MESH_OK ||
		    (err = mesh_live_snapshot(m, &s->steps[i])) != MESH_OK)
			goto done;
		if (!st->has_expect)
			continue;
		sn = s->steps[i];
		s->nexpect++;
		s->step_failed[i] = mesh_expect_failures(&st->expect,
		    sn->connected, sn->isolated, sn->nisolated, sn->cut_off,
		    sn->ncut_off);
		s->nfailed += s->step_failed[i] != 0;
	}
	for (i = 0; i < plan->nwhatifs; i++) {
		if ((err = run_whatif(plan, &plan->whatifs[i],
		    &s->whatifs[i])) != MESH_OK)
			goto done;
		s->nexpect += plan->whatifs[i].has_expect != 0;
		s->nfailed += s->whatifs[i].failed != 0;
	}
	*out = s;
	s = NULL;
	err = MESH_OK;
done:
	mesh_live_free(m);
	mesh_simulation_free(s);
	return err;
}
