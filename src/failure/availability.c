/* availability.c: the probability that the up nodes are all connected: Monte Carlo over union-find, in parallel blocks, and exact enumeration for small plans. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "meshsim/meshsim.h"
#include "meshsim/availability.h"
#include "base/rng.h"
#include "base/pool.h"
#include "base/progress.h"
#include "base/util.h"

struct mesh_avail_model {
	const struct mesh_plan *plan;
	size_t n;
	size_t m;                       /* links: plan->links */
	double *p;                      /* per node */
	uint64_t *thresh;               /* up when the top 53 bits are below */
	int connected;                  /* with every node up */
	uint64_t cut_off;               /* with every node up */
	double default_availability;
	size_t nusing_default;
	double min_own, max_own;        /* -1 when no node has its own */
};

/* A union-find over the up nodes of one trial. */
struct uf {
	unsigned char *up;
	int *parent;
	int *size;
	int *live;              /* links between up nodes */
};

static void
uf_free(struct uf *w)
{
	free(w->up);
	free(w->parent);
	free(w->size);
	free(w->live);
}

/* For n nodes and m links. Returns 0, or -1 when out of memory (w then
 * holds nothing). */
static int
uf_init(struct uf *w, size_t n, size_t m)
{
	w->up = malloc(n + 1);
	w->parent = malloc((n + 1) * sizeof(*w->parent));
	w->size = malloc((n + 1) * sizeof(*w->size));
	w->live = malloc((m + 1) * sizeof(*w->live));
	if (w->up == NULL || w->parent == NULL || w->size == NULL ||
	    w->live == NULL) {
		uf_free(w);
		memset(w, 0, sizeof(*w));
		return -1;
	}
	return 0;
}

static int
uf_find(int *parent, int x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

/*
 * The up nodes (w->up) outside the largest group that the links between
 * them make; nup of them are up. 0 means connected. Branches on random
 * states mispredict, so the links between up nodes are first gathered
 * without branching; down nodes stay singletons that no link touches.
 */
static uint64_t
cut_off_of(const struct mesh_avail_model *m, struct uf *w, size_t nup)
{
	const int *links = m->plan->links;
	const unsigned char *up = w->up;
	int *parent = w->parent, *size = w->size, *live = w->live;
	int largest = 1;
	size_t i, k = 0;

	if (nup <= 1)
		return 0;
	for (i = 0; i < m->n; i++) {
		parent[i] = (int)i;
		size[i] = 1;
	}
	for (i = 0; i < m->m; i++) {
		live[k] = (int)i;
		k += up[links[2 * i]] & up[links[2 * i + 1]];
	}
	for (i = 0; i < k; i++) {
		int a = uf_find(parent, links[2 * live[i]]);
		int b = uf_find(parent, links[2 * live[i] + 1]);

		if (a == b)
			continue;
		if (size[a] < size[b]) {
			int t = a;

			a = b;
			b = t;
		}
		parent[b] = a;
		size[a] += size[b];
		if (size[a] > largest) {
			largest = size[a];
			if ((size_t)largest == nup)
				return 0;
		}
	}
	return nup - (size_t)largest;
}

/* Add x to the 128-bit sum (*hi, *lo). */
static void
add128(uint64_t *hi, uint64_t *lo, uint64_t x)
{
	*lo += x;
	*hi += *lo < x;
}

void
mesh_avail_sums_add(struct mesh_avail_sums *into,
    const struct mesh_avail_sums *from)
{
	into->trials += from->trials;
	into->connected += from->connected;
	into->whole += from->whole;
	into->cut_off += from->cut_off;
	add128(&into->cut_off_sq_hi, &into->cut_off_sq_lo,
	    from->cut_off_sq_lo);
	into->cut_off_sq_hi += from->cut_off_sq_hi;
}

uint64_t
mesh_avail_nblocks(uint64_t trials)
{
	return trials / MESH_AVAIL_BLOCK + (trials % MESH_AVAIL_BLOCK != 0);
}

double
mesh_avail_cost(const struct mesh_plan *plan, uint64_t trials)
{
	return (double)trials * ((double)plan->nnodes + (double)plan->nlinks);
}

/* How many of the trials fall in block b. */
static uint64_t
block_trials(uint64_t trials, uint64_t b)
{
	uint64_t start = b * MESH_AVAIL_BLOCK;

	return trials - start < MESH_AVAIL_BLOCK ? trials - start :
	    MESH_AVAIL_BLOCK;
}

/* Run block b of a run of trials trials and add its counts to *s. */
static void
run_block(const struct mesh_avail_model *m, struct uf *w, uint64_t seed,
    uint64_t trials, uint64_t b, struct mesh_avail_sums *s)
{
	const uint64_t *thresh = m->thresh;
	unsigned char *up = w->up;
	uint64_t t, count = block_trials(trials, b), c;
	struct mesh_i_rng r, seeded;
	size_t i, n = m->n, nup;

	/* Seeded apart, so that r stays in registers. */
	mesh_i_rng_seed_stream(&seeded, seed, b);
	r = seeded;
	for (t = 0; t < count; t++) {
		nup = 0;
		for (i = 0; i < n; i++) {
			up[i] = (mesh_i_rng_next(&r) >> 11) < thresh[i];
			nup += up[i];
		}
		if (nup == n) {
			c = m->cut_off;
			s->whole += (uint64_t)m->connected;
		} else {
			c = cut_off_of(m, w, nup);
		}
		s->connected += c == 0;
		s->cut_off += c;
		add128(&s->cut_off_sq_hi, &s->cut_off_sq_lo, c * c);
	}
	s->trials += count;
}

/* Run blocks first, first + step, ... below nb; add to *s, and count
 * their trials on meter (NULL: none). */
static void
run_blocks(const struct mesh_avail_model *m, struct uf *w, uint64_t seed,
    uint64_t trials, uint64_t first, uint64_t step,
    struct mesh_avail_sums *s, struct mesh_i_meter *meter)
{
	uint64_t nb = mesh_avail_nblocks(trials), b;

	for (b = first; b < nb; b += step) {
		run_block(m, w, seed, trials, b, s);
		if (meter != NULL)
			mesh_i_meter_add(meter, block_trials(trials, b));
		if (nb - b <= step)
			break;
	}
}

uint64_t
mesh_avail_share_trials(uint64_t trials, uint64_t first, uint64_t step)
{
	uint64_t nb = mesh_avail_nblocks(trials), b, sum = 0;

	for (b = first; b < nb; b += step) {
		sum += block_trials(trials, b);
		if (nb - b <= step)
			break;
	}
	return sum;
}

/*
 * The blocks of a run shared among processes (base/pool.h): share j runs
 * blocks first + step * (j + nshares * i), adding its counts to total
 * (in the process that runs it) and keeping them in part.
 */
struct avail_pool {
	const struct mesh_avail_model *m;
	struct uf *w;
	struct mesh_i_meter *meter;     /* NULL: no progress reported */
	uint64_t seed, trials, first, step;
	unsigned nshares;
	struct mesh_avail_sums part;    /* the last share run here */
	struct mesh_avail_sums total;
};

/* Run a share of an avail_pool. Returns 0. */
static int
blocks_run(void *ctx, int share)
{
	struct avail_pool *ap = ctx;

	memset(&ap->part, 0, sizeof(ap->part));
	run_blocks(ap->m, ap->w, ap->seed, ap->trials, ap->first + ap->step *
	    (uint64_t)share, ap->step * ap->nshares, &ap->part, ap->meter);
	mesh_avail_sums_add(&ap->total, &ap->part);
	return 0;
}

/* A worker's counts, as bytes. */
static void
blocks_put(void *ctx, int share, struct mesh_i_buf *out)
{
	struct avail_pool *ap = ctx;

	(void)share;
	mesh_i_buf_add(out, (const char *)&ap->part, sizeof(ap->part));
}

/* A worker's counts, from its bytes, added to total when they are all
 * of its share's trials. Returns 0, or -1 (total unaltered). */
static int
blocks_get(void *ctx, int share, const char *bytes, size_t len)
{
	struct avail_pool *ap = ctx;
	struct mesh_avail_sums s;

	if (len != sizeof(s))
		return -1;
	memcpy(&s, bytes, sizeof(s));
	if (s.trials != mesh_avail_share_trials(ap->trials, ap->first +
	    ap->step * (uint64_t)share, ap->step * ap->nshares))
		return -1;
	mesh_avail_sums_add(&ap->total, &s);
	return 0;
}

static const struct mesh_i_pool_work blocks_work = {
	blocks_run, blocks_put, blocks_get
};

/*
 * mesh_avail_run(), reporting the trials run as phase "availability"
 * through progress (NULL: none), the workers counting theirs to it.
 */
static enum mesh_error
avail_run(const struct mesh_avail_model *m, uint64_t seed, uint64_t trials,
    uint64_t first, uint64_t step, unsigned jobs,
    const struct mesh_progress *progress, struct mesh_avail_sums *sums)
{
	struct avail_pool ap;
	struct mesh_i_meter mt;
	struct uf w;
	uint64_t nb = mesh_avail_nblocks(trials), nshare;

	if (trials == 0 || trials > MESH_AVAIL_TRIALS_MAX || step == 0 ||
	    m->n > UINT64_MAX / trials)
		return MESH_EINVAL;
	if (first >= nb)
		return MESH_OK;
	nshare = (nb - first - 1) / step + 1;
	if (jobs < 1)
		jobs = 1;
	if (jobs > nshare)
		jobs = (unsigned)nshare;
	if (uf_init(&w, m->n, m->m) != 0)
		return MESH_ENOMEM;
	memset(&ap, 0, sizeof(ap));
	ap.m = m;
	ap.w = &w;
	ap.seed = seed;
	ap.trials = trials;
	ap.first = first;
	ap.step = step;
	ap.nshares = jobs;
	memset(&mt, 0, sizeof(mt));
	mesh_i_tick_start(&mt.tick, progress, "availability",
	    mesh_avail_share_trials(trials, first, step));
	if (mesh_i_tick_on(&mt.tick)) {
		ap.meter = &mt;
		mt.weight = 1;
		/* Every block here; workers send their counts about
		 * MESH_I_METER_SENDS times. */
		mesh_i_meter_share(&mt, 1);
	}
	/* jobs <= nshare < 2^24 blocks. */
	mesh_i_pool_run((int)jobs, &blocks_work, &ap, ap.meter, nshare);
	mesh_avail_sums_add(sums, &ap.total);
	mesh_i_tick_end(&mt.tick);
	uf_free(&w);
	return MESH_OK;
}

enum mesh_error
mesh_avail_run(const struct mesh_avail_model *m, uint64_t seed,
    uint64_t trials, uint64_t first, uint64_t step, unsigned jobs,
    struct mesh_avail_sums *sums)
{
	return avail_run(m, seed, trials, first, step, jobs, NULL, sums);
}

enum mesh_error
mesh_avail_run_progress(const struct mesh_avail_model *m, uint64_t seed,
    uint64_t trials, uint64_t first, uint64_t step, unsigned jobs,
    const struct mesh_progress *progress, struct mesh_avail_sums *sums)
{
	return avail_run(m, seed, trials, first, step, jobs, progress, sums);
}

void
mesh_avail_model_free(struct mesh_avail_model *m)
{
	if (m == NULL)
		return;
	free(m->p);
	free(m->thresh);
	free(m);
}

static int
is_probability(double p)
{
	return p >= 0 && p <= 1;        /* false for NaN */
}

enum mesh_error
mesh_avail_model_new(const struct mesh_plan *plan,
    double default_availability, struct mesh_avail_model **out)
{
	struct mesh_avail_model *m;
	enum mesh_error err = MESH_ENOMEM;
	struct uf w;
	size_t i;

	*out = NULL;
	if (!is_probability(default_availability) ||
	    plan->nnodes > INT32_MAX || plan->nlinks > INT32_MAX)
		return MESH_EINVAL;
	if ((m = calloc(1, sizeof(*m))) == NULL)
		return MESH_ENOMEM;
	memset(&w, 0, sizeof(w));
	m->plan = plan;
	m->n = plan->nnodes;
	m->m = plan->nlinks;
	m->default_availability = default_availability;
	m->min_own = m->max_own = -1;
	m->p = malloc((m->n + 1) * sizeof(*m->p));
	m->thresh = malloc((m->n + 1) * sizeof(*m->thresh));
	if (m->p == NULL || m->thresh == NULL || uf_init(&w, m->n, m->m) != 0)
		goto fail;
	for (i = 0; i < m->n; i++) {
		double p = plan->nodes[i].availability;

		if (p == -1) {
			p = default_availability;
			m->nusing_default++;
		} else if (!is_probability(p)) {
			err = MESH_EINVAL;
			goto fail;
		} else {
			if (m->min_own < 0 || p < m->min_own)
				m->min_own = p;
			if (p > m->max_own)
				m->max_own = p;
		}
		m->p[i] = p;
		/* Exact: scaling by a power of two; truncation then. */
		m->thresh[i] = (uint64_t)(p * 0x1.0p53);
	}
	/* The plan with every node up. */
	memset(w.up, 1, m->n);
	m->cut_off = cut_off_of(m, &w, m->n);
	m->connected = m->cut_off == 0;
	uf_free(&w);
	*out = m;
	return MESH_OK;
fail:
	uf_free(&w);
	mesh_avail_model_free(m);
	return err;
}

static int
popcount32(uint32_t x)
{
	int n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

static int
lowest_bit(uint32_t x)
{
	int i = 0;

	while (!(x & 1)) {
		x >>= 1;
		i++;
	}
	return i;
}

/* The nodes of S that start reaches through nodes of S (start in S). */
static uint32_t
component(const uint32_t *adj, uint32_t s, uint32_t start)
{
	uint32_t comp = start, frontier = start;

	while (frontier) {
		int v = lowest_bit(frontier);
		uint32_t more = adj[v] & s & ~comp;

		frontier &= frontier - 1;
		comp |= more;
		frontier |= more;
	}
	return comp;
}

/* Probabilities of every up/down state of nodes base .. base + k - 1:
 * bit i of a state set means node base + i is up. */
static void
state_table(const double *p, int base, int k, double *t)
{
	uint32_t size = 1, s;
	int i;

	t[0] = 1;
	for (i = 0; i < k; i++, size <<= 1)
		for (s = 0; s < size; s++) {
			t[s | size] = t[s] * p[base + i];
			t[s] *= 1 - p[base + i];
		}
}

/* A compensated (Neumaier) sum: a million terms lose no more than a few
 * units in the last place. */
struct ksum {
	double s, c;
};

static void
ksum_add(struct ksum *k, double x)
{
	double t = k->s + x;

	if (fabs(k->s) >= fabs(x))
		k->c += (k->s - t) + x;
	else
		k->c += (x - t) + k->s;
	k->s = t;
}

enum mesh_error
mesh_avail_exact(const struct mesh_avail_model *m,
    struct mesh_avail_exact *out)
{
	const int *links = m->plan->links;
	double lo[1 << (MESH_AVAIL_EXACT_MAX / 2)];
	double hi[1 << (MESH_AVAIL_EXACT_MAX - MESH_AVAIL_EXACT_MAX / 2)];
	struct ksum split = { 0, 0 }, cut = { 0, 0 };
	double whole = 1;
	uint32_t adj[MESH_AVAIL_EXACT_MAX], s, rest, c, lomask;
	int n = (int)m->n, h = n / 2, nup, largest, size;
	size_t i;

	if (m->n > MESH_AVAIL_EXACT_MAX)
		return MESH_EINVAL;
	memset(adj, 0, sizeof(adj));
	for (i = 0; i < m->m; i++) {
		adj[links[2 * i]] |= UINT32_C(1) << links[2 * i + 1];
		adj[links[2 * i + 1]] |= UINT32_C(1) << links[2 * i];
	}
	state_table(m->p, 0, h, lo);
	state_table(m->p, h, n - h, hi);
	lomask = (UINT32_C(1) << h) - 1;
	for (s = 0; s < (UINT32_C(1) << n); s++) {
		double pr;

		if ((nup = popcount32(s)) <= 1)
			continue;
		c = component(adj, s, s & (~s + 1));
		if (c == s)
			continue;
		if ((pr = lo[s & lomask] * hi[s >> h]) == 0)
			continue;
		/* Split: find the largest group. */
		largest = popcount32(c);
		for (rest = s & ~c; rest; rest &= ~c) {
			c = component(adj, s, rest & (~rest + 1));
			if ((size = popcount32(c)) > largest)
				largest = size;
		}
		ksum_add(&split, pr);
		ksum_add(&cut, pr * (nup - largest));
	}
	for (i = 0; i < m->n; i++)
		whole *= m->p[i];
	out->probability_connected = 1 - (split.s + split.c);
	out->expected_cut_off = cut.s + cut.c;
	out->probability_whole = m->connected ? whole : 0;
	return MESH_OK;
}

void
mesh_wilson(uint64_t k, uint64_t n, double z, double *low, double *high)
{
	double nn = (double)n, ph, z2n, den, centre, half;

	if (n == 0) {
		*low = 0;
		*high = 1;
		return;
	}
	ph = (double)k / nn;
	z2n = z * z / nn;
	den = 1 + z2n;
	centre = (ph + z2n / 2) / den;
	half = z * sqrt(ph * (1 - ph) / nn + z2n / (4 * nn)) / den;
	*low = k == 0 ? 0 : fmax(0, centre - half);
	*high = k == n ? 1 : fmin(1, centre + half);
}

enum mesh_error
mesh_availability_from_sums(const struct mesh_avail_model *m, uint64_t seed,
    const struct mesh_avail_sums *sums, struct mesh_availability **out)
{
	struct mesh_availability *a;
	double n = (double)sums->trials, sum, sq;

	*out = NULL;
	if (sums->trials == 0 || sums->trials > MESH_AVAIL_TRIALS_MAX)
		return MESH_EINVAL;
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return MESH_ENOMEM;
	a->plan = m->plan;
	a->nnodes = m->n;
	a->nlinks = m->m;
	a->plan_connected = m->connected;
	a->default_availability = m->default_availability;
	a->nusing_default = m->nusing_default;
	a->min_own = m->min_own;
	a->max_own = m->max_own;
	a->trials = sums->trials;
	a->seed = seed;
	a->sums = *sums;
	a->probability_connected = (double)sums->connected / n;
	mesh_wilson(sums->connected, sums->trials, MESH_Z95, &a->ci95_low,
	    &a->ci95_high);
	a->expected_cut_off = (double)sums->cut_off / n;
	a->expected_cut_off_stderr = -1;
	if (sums->trials >= 2) {
		sum = (double)sums->cut_off;
		sq = (double)sums->cut_off_sq_hi * 0x1.0p64 +
		    (double)sums->cut_off_sq_lo;
		/* The sample variance, over n: the mean's variance. */
		a->expected_cut_off_stderr = sqrt(fmax(0,
		    (sq - sum * sum / n) / (n - 1)) / n);
	}
	a->probability_whole = (double)sums->whole / n;
	a->has_exact = mesh_avail_exact(m, &a->exact) == MESH_OK;
	*out = a;
	return MESH_OK;
}

enum mesh_error
mesh_availability(const struct mesh_plan *plan,
    const struct mesh_avail_options *opts, struct mesh_availability **out)
{
	struct mesh_avail_options o;
	struct mesh_avail_model *m = NULL;
	struct mesh_avail_sums sums;
	enum mesh_error err;

	*out = NULL;
	memset(&o, 0, sizeof(o));
	o.node_availability = -1;
	o.seed = MESH_AVAIL_SEED_DEFAULT;
	if (opts != NULL)
		o = *opts;
	if (o.node_availability < 0)
		o.node_availability = MESH_AVAIL_DEFAULT;
	if (o.trials == 0)
		o.trials = MESH_AVAIL_TRIALS_DEFAULT;
	memset(&sums, 0, sizeof(sums));
	if ((err = mesh_avail_model_new(plan, o.node_availability,
	    &m)) != MESH_OK)
		goto done;
	if ((err = avail_run(m, o.seed, o.trials, 0, 1, o.jobs, o.progress,
	    &sums)) != MESH_OK)
		goto done;
	err = mesh_availability_from_sums(m, o.seed, &sums, out);
done:
	mesh_avail_model_free(m);
	return err;
}

void
mesh_availability_free(struct mesh_availability *a)
{
	free(a);
}
