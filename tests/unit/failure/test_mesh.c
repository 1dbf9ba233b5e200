/* test_mesh.c: the live mesh step by step on hand-worked timelines, against a naive model on random ones; restart hazards; simulate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "meshsim/meshsim.h"
#include "meshsim/mesh.h"

static const char *const letters[] = { "a", "b", "c", "d", "e", "f", "g",
	"h", "i" };
#define NMAX 9

/* Figure 1 of the documentation: node1 stores the routes to the others. */
static struct mesh_plan *
figure1(void)
{
	static const char *const names[] = { "node1", "node2", "node3" };

	return plan_of(names, 3, "node1-node2 node1-node3");
}

static struct mesh_live *
live_of(const struct mesh_plan *p)
{
	struct mesh_live *m = NULL;

	assert_int_equal(mesh_live_new(p, &m), MESH_OK);
	assert_non_null(m);
	mesh_live_start_all(m);
	return m;
}

/* Apply ev to the nodes named in "a,b". */
static void
apply(struct mesh_live *m, const struct mesh_plan *p, enum mesh_event ev,
    const char *nodes)
{
	char buf[256], *tok, *save = NULL;
	int idx[16];
	size_t n = 0;

	snprintf(buf, sizeof(buf), "%s", nodes);
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		idx[n] = mesh_plan_find(p, tok);
		assert_true(idx[n] >= 0);
		n++;
	}
	assert_int_equal(mesh_live_apply(m, ev, idx, n), MESH_OK);
}

/* Append to a fixed buffer. */
static void put(char *buf, size_t cap, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void
put(char *buf, size_t cap, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + len, cap - len, fmt, ap);
	va_end(ap);
}

/*
 * A snapshot in one line: the groups in order, "{a b} {c}", then
 * " apart: a-b" (pairs of up nodes not connected), " down: x", and
 * " cut: a-b" (faults), each only when not empty.
 */
static const char *
describe(const struct mesh_plan *p, const struct mesh_snapshot *s)
{
	static char buf[2048];
	size_t g, i;

	buf[0] = '\0';
	for (g = 0; g < s->ngroups; g++) {
		put(buf, sizeof(buf), "%s{", g ? " " : "");
		for (i = s->group_start[g]; i < s->group_start[g + 1]; i++)
			put(buf, sizeof(buf), "%s%s",
			    i > s->group_start[g] ? " " : "",
			    p->nodes[s->group_nodes[i]].name);
		put(buf, sizeof(buf), "}");
	}
	if (s->napart > 0)
		put(buf, sizeof(buf), " apart:");
	for (i = 0; i < s->napart; i++)
		put(buf, sizeof(buf), " %s-%s", p->nodes[s->apart[2 * i]].name,
		    p->nodes[s->apart[2 * i + 1]].name);
	if (s->ndown > 0)
		put(buf, sizeof(buf), " down:");
	for (i = 0; i < s->ndown; i++)
		put(buf, sizeof(buf), " %s", p->nodes[s->down[i]].name);
	if (s->nfaults > 0)
		put(buf, sizeof(buf), " cut:");
	for (i = 0; i < s->nfaults; i++)
		put(buf, sizeof(buf), " %s-%s",
		    p->nodes[s->faults[2 * i]].name,
		    p->nodes[s->faults[2 * i + 1]].name);
	return buf;
}

/* Assert that m now looks like want (as describe() writes it). */
static void
expect_state(const struct mesh_live *m, const struct mesh_plan *p,
    const char *want)
{
	struct mesh_snapshot *s = NULL;

	assert_int_equal(mesh_live_snapshot(m, &s), MESH_OK);
	assert_string_equal(describe(p, s), want);
	mesh_snapshot_free(s);
}

static enum mesh_conn
conn(const struct mesh_live *m, const struct mesh_plan *p, const char *a,
    const char *b)
{
	return mesh_live_conn(m, mesh_plan_find(p, a), mesh_plan_find(p, b));
}

/* Hand-worked timelines. */

static void
figure1_node_restarting_while_hub_is_down_should_stay_alone_until_it_returns(
    void **state)
{
	struct mesh_plan *p = figure1();
	struct mesh_live *m = live_of(p);

	(void)state;
	expect_state(m, p, "{node1 node2 node3}");
	assert_int_equal(conn(m, p, "node1", "node2"), MESH_CONN_CONFIGURED);
	assert_int_equal(conn(m, p, "node2", "node3"), MESH_CONN_GOSSIP);
	/* node1 goes: the connection gossip made between the leaves
	 * stays. */
	apply(m, p, MESH_EVENT_STOP, "node1");
	expect_state(m, p, "{node2 node3} down: node1");
	assert_int_equal(conn(m, p, "node2", "node3"), MESH_CONN_GOSSIP);
	/* node2 restarts: it has no route to dial, node3 none naming it;
	 * node3 loses its only connection too. */
	apply(m, p, MESH_EVENT_RESTART, "node2");
	expect_state(m, p, "{node2} {node3} apart: node2-node3 down: node1");
	/* node1 returns and dials both; gossip meshes the leaves again. */
	apply(m, p, MESH_EVENT_START, "node1");
	expect_state(m, p, "{node1 node2 node3}");
	assert_int_equal(conn(m, p, "node1", "node3"), MESH_CONN_CONFIGURED);
	assert_int_equal(conn(m, p, "node2", "node3"), MESH_CONN_GOSSIP);
	mesh_live_free(m);
	mesh_plan_free(p);
}

static void
cut_gossip_pair_should_stay_apart_after_heal(void **state)
{
	static const char *const names[] = { "app1", "app2", "seed" };
	struct mesh_plan *p = plan_of(names, 3, "seed-app1 seed-app2");
	struct mesh_live *m = live_of(p);

	(void)state;
	apply(m, p, MESH_EVENT_CUT, "app1,app2");
	expect_state(m, p, "{app1 app2 seed} apart: app1-app2 cut: "
	    "app1-app2");
	assert_true(mesh_live_is_cut(m, 0, 1));
	assert_true(mesh_live_is_cut(m, 1, 0));
	apply(m, p, MESH_EVENT_HEAL, "app1,app2");
	/* Nobody redials a gossip connection. */
	expect_state(m, p, "{app1 app2 seed} apart: app1-app2");
	assert_false(mesh_live_is_cut(m, 0, 1));
	/* A new connection in the group makes gossip run again. */
	apply(m, p, MESH_EVENT_CUT, "seed,app1");
	expect_state(m, p, "{app2 seed} {app1} apart: app1-app2 app1-seed "
	    "cut: app1-seed");
	apply(m, p, MESH_EVENT_HEAL, "seed,app1");
	expect_state(m, p, "{app1 app2 seed}");
	mesh_live_free(m);
	mesh_plan_free(p);
}

static void
cut_configured_pair_should_be_redialled_by_its_owner_after_heal(
    void **state)
{
	struct mesh_plan *p = plan_of(letters, 2, "a-b");
	struct mesh_live *m = live_of(p);

	(void)state;
	assert_int_equal(mesh_live_dialers(m, 0, 1), 1);
	assert_int_equal(mesh_live_dialers(m, 1, 0), 2);
	apply(m, p, MESH_EVENT_CUT, "a,b");
	expect_state(m, p, "{a} {b} apart: a-b cut: a-b");
	/* The fault holds across restarts... */
	apply(m, p, MESH_EVENT_RESTART, "a");
	expect_state(m, p, "{a} {b} apart: a-b cut: a-b");
	/* ...and ends with heal: a redials. */
	apply(m, p, MESH_EVENT_HEAL, "a,b");
	expect_state(m, p, "{a b}");
	assert_int_equal(conn(m, p, "a", "b"), MESH_CONN_CONFIGURED);
	mesh_live_free(m);
	mesh_plan_free(p);
}

static void
cut_of_a_down_node_should_hold_until_healed(void **state)
{
	struct mesh_plan *p = plan_of(letters, 2, "a-b");
	struct mesh_live *m = live_of(p);

	(void)state;
	apply(m, p, MESH_EVENT_STOP, "b");
	apply(m, p, MESH_EVENT_CUT, "a,b");
	apply(m, p, MESH_EVENT_START, "b");
	expect_state(m, p, "{a} {b} apart: a-b cut: a-b");
	apply(m, p, MESH_EVENT_HEAL, "b,a");
	expect_state(m, p, "{a b}");
	/* Healing with an end down ends the fault; the start redials. */
	apply(m, p, MESH_EVENT_CUT, "a,b");
	apply(m, p, MESH_EVENT_STOP, "a");
	apply(m, p, MESH_EVENT_HEAL, "a,b");
	expect_state(m, p, "{b} down: a");
	apply(m, p, MESH_EVENT_START, "a");
	expect_state(m, p, "{a b}");
	mesh_live_free(m);
	mesh_plan_free(p);
}

static void
node_restarted_while_its_only_neighbour_is_down_should_rejoin_when_it_returns(
    void **state)
{
	/* a-b-c: a's only route neighbour is b. */
	struct mesh_plan *p = plan_of(letters, 3, "a-b b-c");
	struct mesh_live *m = live_of(p);

	(void)state;
	apply(m, p, MESH_EVENT_STOP, "b");
	expect_state(m, p, "{a c} down: b");
	apply(m, p, MESH_EVENT_RESTART, "a");
	expect_state(m, p, "{a} {c} apart: a-c down: b");
	/* b returns: a dials b (a stores a-b), b dials c. */
	apply(m, p, MESH_EVENT_START, "b");
	expect_state(m, p, "{a b c}");
	assert_int_equal(conn(m, p, "a", "c"), MESH_CONN_GOSSIP);
	mesh_live_free(m);
	mesh_plan_free(p);
}

static void
chain_middle_restart_should_rejoin_both_sides(void **state)
{
	struct mesh_plan *p = plan_of(letters, 5, "a-b b-c c-d d-e");
	struct mesh_live *m = live_of(p);

	(void)state;
	expect_state(m, p, "{a b c d e}");
	apply(m, p, MESH_EVENT_STOP, "c");
	/* The running mesh does not split: gossip joined b and d. */
	expect_state(m, p, "{a b d e} down: c");
	apply(m, p, MESH_EVENT_START, "c");
	expect_state(m, p, "{a b c d e}");
	apply(m, p, MESH_EVENT_RESTART, "c");
	expect_state(m, p, "{a b c d e}");
	/* Restarting b and d together while c is down: a dials b, d
	 * dials e, and a and e kept the connection gossip made, so the
	 * four mesh again. */
	apply(m, p, MESH_EVENT_STOP, "c");
	apply(m, p, MESH_EVENT_RESTART, "b,d");
	expect_state(m, p, "{a b d e} down: c");
	/* Without that connection, the two sides stay apart. */
	apply(m, p, MESH_EVENT_CUT, "a,e");
	apply(m, p, MESH_EVENT_RESTART, "b,d");
	expect_state(m, p, "{a b} {d e} apart: a-d a-e b-d b-e down: c "
	    "cut: a-e");
	apply(m, p, MESH_EVENT_START, "c");
	expect_state(m, p, "{a b c d e} apart: a-e cut: a-e");
	/* The fault ends, but nobody redials a-e: gossip made it... */
	apply(m, p, MESH_EVENT_HEAL, "a,e");
	expect_state(m, p, "{a b c d e} apart: a-e");
	/* ...until a new connection in the group makes gossip run. */
	apply(m, p, MESH_EVENT_RESTART, "c");
	expect_state(m, p, "{a b c d e}");
	mesh_live_free(m);
	mesh_plan_free(p);
}

static void
gossip_should_not_close_gaps_in_groups_the_event_did_not_touch(void **state)
{
	/* Two groups: s routes to a and b; t routes to x. */
	static const char *const names[] = { "a", "b", "s", "t", "x" };
	struct mesh_plan *p = plan_of(names, 5, "s-a s-b t-x");
	struct mesh_live *m = live_of(p);

	(void)state;
	apply(m, p, MESH_EVENT_CUT, "a,b");
	apply(m, p, MESH_EVENT_HEAL, "a,b");
	apply(m, p, MESH_EVENT_RESTART, "x");
	expect_state(m, p, "{a b s} {t x} apart: a-b a-t a-x b-t b-x s-t "
	    "s-x");
	/* A restart in the group re-announces everyone. */
	apply(m, p, MESH_EVENT_RESTART, "b");
	expect_state(m, p, "{a b s} {t x} apart: a-t a-x b-t b-x s-t s-x");
	mesh_live_free(m);
	mesh_plan_free(p);
}

/*
 * The live suite's seed 272456, plan 14 (docs/simulate.md, "Gossip and
 * gaps"): a chain a-b-c-d stored at both ends. After cut a d, cut b c,
 * heal a d, heal b c, the servers connect b-c again, but nobody announces
 * a to d: a's neighbours (b, c) already know d. The gap a-d stays.
 */
static void
heal_should_leave_a_gap_no_announcement_reaches(void **state)
{
	struct mesh_plan *p = plan_of(letters, 4,
	    "a-b b-a b-c c-b c-d d-c");
	struct mesh_live *m = live_of(p);

	(void)state;
	expect_state(m, p, "{a b c d}");
	apply(m, p, MESH_EVENT_CUT, "a,d");
	apply(m, p, MESH_EVENT_CUT, "b,c");
	apply(m, p, MESH_EVENT_HEAL, "a,d");
	expect_state(m, p, "{a b c d} apart: a-d b-c cut: b-c");
	apply(m, p, MESH_EVENT_HEAL, "b,c");
	expect_state(m, p, "{a b c d} apart: a-d");
	mesh_live_free(m);
	mesh_plan_free(p);
}

/*
 * Two groups {a b} and {c d} with faults a-d and b-c: a new connection
 * a-c is announced to b (which cannot dial c) and to d (which cannot
 * dial a), so b and d never hear of each other.
 */
static void
merge_should_stop_where_faults_block_every_announcement(void **state)
{
	struct mesh_plan *p = plan_of(letters, 4, "a-b c-d a-c");
	struct mesh_live *m = live_of(p);

	(void)state;
	apply(m, p, MESH_EVENT_CUT, "a,c");
	apply(m, p, MESH_EVENT_CUT, "a,d");
	apply(m, p, MESH_EVENT_CUT, "b,c");
	apply(m, p, MESH_EVENT_RESTART, "b,d");
	expect_state(m, p, "{a b} {c d} apart: a-c a-d b-c b-d cut: a-c a-d "
	    "b-c");
	apply(m, p, MESH_EVENT_HEAL, "a,c");
	expect_state(m, p, "{a b c d} apart: a-d b-c b-d cut: a-d b-c");
	mesh_live_free(m);
	mesh_plan_free(p);
}

static void
link_listed_from_both_ends_should_have_two_dialers(void **state)
{
	struct mesh_plan *p = plan_of(letters, 3, "a-b b-a");
	struct mesh_live *m = live_of(p);

	(void)state;
	assert_int_equal(mesh_live_dialers(m, 0, 1), 3);
	assert_int_equal(mesh_live_dialers(m, 0, 2), 0);
	assert_int_equal(conn(m, p, "a", "c"), MESH_CONN_NONE);
	assert_int_equal(conn(m, p, "a", "a"), MESH_CONN_NONE);
	/* c has no route: alone from the start. */
	expect_state(m, p, "{a b} {c} apart: a-c b-c");
	mesh_live_free(m);
	mesh_plan_free(p);
}

static void
redundant_events_should_change_nothing(void **state)
{
	struct mesh_plan *p = plan_of(letters, 3, "a-b b-c");
	struct mesh_live *m = live_of(p);

	(void)state;
	apply(m, p, MESH_EVENT_START, "a,b,c");
	apply(m, p, MESH_EVENT_HEAL, "a,c");
	expect_state(m, p, "{a b c}");
	apply(m, p, MESH_EVENT_STOP, "a");
	apply(m, p, MESH_EVENT_STOP, "a");
	expect_state(m, p, "{b c} down: a");
	apply(m, p, MESH_EVENT_CUT, "b,c");
	apply(m, p, MESH_EVENT_CUT, "c,b");
	expect_state(m, p, "{b} {c} apart: b-c down: a cut: b-c");
	/* Restarting a down node starts it. */
	apply(m, p, MESH_EVENT_RESTART, "a");
	expect_state(m, p, "{a b} {c} apart: a-c b-c cut: b-c");
	mesh_live_free(m);
	mesh_plan_free(p);
}

static void
bad_events_should_be_refused_and_change_nothing(void **state)
{
	struct mesh_plan *p = plan_of(letters, 3, "a-b b-c");
	struct mesh_live *m = live_of(p);
	int v[3] = { 0, 1, 2 }, bad[2] = { 0, 3 }, same[2] = { 1, 1 };

	(void)state;
	assert_int_equal(mesh_live_apply(m, MESH_EVENT_STOP, bad, 2),
	    MESH_EINVAL);
	assert_int_equal(mesh_live_apply(m, MESH_EVENT_CUT, v, 3),
	    MESH_EINVAL);
	assert_int_equal(mesh_live_apply(m, MESH_EVENT_CUT, v, 1),
	    MESH_EINVAL);
	assert_int_equal(mesh_live_apply(m, MESH_EVENT_HEAL, same, 2),
	    MESH_EINVAL);
	assert_int_equal(mesh_live_apply(m, (enum mesh_event)42, v, 1),
	    MESH_EINVAL);
	assert_int_equal(mesh_live_apply(m, MESH_EVENT_STOP, NULL, 0),
	    MESH_OK);
	expect_state(m, p, "{a b c}");
	mesh_live_free(m);
	mesh_live_free(NULL);
	mesh_plan_free(p);
}

static void
plan_above_the_node_limit_should_be_refused(void **state)
{
	struct mesh_plan *p = mesh_plan_new("big", NULL);
	char sentinel;          /* out pointers must be reset to NULL */
	struct mesh_live *m = (void *)&sentinel;
	struct mesh_simulation *sim = (void *)&sentinel;
	struct mesh_diags d;
	char name[16];
	int i;

	(void)state;
	assert_non_null(p);
	for (i = 0; i <= MESH_LIVE_MAX_NODES; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		assert_int_equal(mesh_plan_add_node(p, name, NULL, 9932, 0, 0),
		    i);
	}
	mesh_diags_init(&d);
	assert_int_equal(mesh_plan_resolve(p, &d), MESH_OK);
	assert_int_equal(mesh_live_new(p, &m), MESH_EINVAL);
	assert_null(m);
	assert_int_equal(mesh_simulate(p, &sim), MESH_EINVAL);
	assert_null(sim);
	mesh_diags_clear(&d);
	mesh_plan_free(p);
}

static void
snapshot_should_order_groups_and_list_isolated_and_cut_off(void **state)
{
	/* Groups {d e f} {a b} {c} {g}: sizes 3, 2, then 1 by name. */
	struct mesh_plan *p = plan_of(letters, 7, "d-e e-f a-b");
	struct mesh_live *m = live_of(p);
	struct mesh_snapshot *s = NULL;

	(void)state;
	assert_int_equal(mesh_live_snapshot(m, &s), MESH_OK);
	assert_string_equal(describe(p, s), "{d e f} {a b} {c} {g} apart: "
	    "a-c a-d a-e a-f a-g b-c b-d b-e b-f b-g c-d c-e c-f c-g d-g "
	    "e-g f-g");
	assert_false(s->connected);
	assert_int_equal(s->nisolated, 2);
	assert_int_equal(s->isolated[0], 2);
	assert_int_equal(s->isolated[1], 6);
	assert_int_equal(s->ncut_off, 4);
	assert_int_equal(s->cut_off[0], 0);
	assert_int_equal(s->cut_off[1], 1);
	assert_int_equal(s->cut_off[2], 2);
	assert_int_equal(s->cut_off[3], 6);
	mesh_snapshot_free(s);
	mesh_snapshot_free(NULL);
	/* Everything down counts as connected. */
	apply(m, p, MESH_EVENT_STOP, "a,b,c,d,e,f,g");
	assert_int_equal(mesh_live_snapshot(m, &s), MESH_OK);
	assert_true(s->connected);
	assert_int_equal(s->ngroups, 0);
	assert_int_equal(s->nup, 0);
	mesh_snapshot_free(s);
	mesh_live_free(m);
	mesh_plan_free(p);
}

static void
expect_failures_should_name_each_part_that_differs(void **state)
{
	int iso[2] = { 1, 2 }, cut[1] = { 2 };
	struct mesh_expect e;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_int_equal(mesh_expect_failures(&e, false, NULL, 0, NULL, 0),
	    0);
	e.has_connected = 1;
	e.connected = 1;
	e.has_isolated = 1;
	e.isolated = iso;
	e.nisolated = 2;
	e.has_cut_off = 1;
	e.cut_off = cut;
	e.ncut_off = 1;
	assert_int_equal(mesh_expect_failures(&e, true, iso, 2, cut, 1), 0);
	assert_int_equal(mesh_expect_failures(&e, false, iso, 1, cut, 1),
	    MESH_EXPECT_CONNECTED | MESH_EXPECT_ISOLATED);
	assert_int_equal(mesh_expect_failures(&e, true, iso, 2, NULL, 0),
	    MESH_EXPECT_CUT_OFF);
	assert_int_equal(mesh_expect_failures(&e, true, iso + 1, 1, iso, 1),
	    MESH_EXPECT_ISOLATED | MESH_EXPECT_CUT_OFF);
}

/* Restart hazards (hazards.c). */

/* The names node x strands, as "b c", from mesh_restart_hazards. */
static const char *
strands_of(const struct mesh_plan *p, const size_t *first, const int *s,
    int x)
{
	static char buf[256];
	size_t i;

	buf[0] = '\0';
	for (i = first[x]; i < first[x + 1]; i++)
		put(buf, sizeof(buf), "%s%s", i > first[x] ? " " : "",
		    p->nodes[s[i]].name);
	return buf;
}

static void
figure1_hub_should_strand_both_leaves(void **state)
{
	struct mesh_plan *p = figure1();
	bool down[3] = { false, false, false };
	size_t *first = NULL, n = 0;
	int *s = NULL, *stranded = NULL;

	(void)state;
	assert_int_equal(mesh_restart_hazards(p, NULL, &first, &s), MESH_OK);
	assert_string_equal(strands_of(p, first, s, 0), "node2 node3");
	assert_string_equal(strands_of(p, first, s, 1), "");
	assert_string_equal(strands_of(p, first, s, 2), "");
	free(first);
	free(s);
	assert_int_equal(mesh_stranded(p, down, &stranded, &n), MESH_OK);
	assert_int_equal(n, 0);
	assert_null(stranded);
	/* node1 down: both leaves are stranded, and no one strands. */
	down[0] = true;
	assert_int_equal(mesh_stranded(p, down, &stranded, &n), MESH_OK);
	assert_int_equal(n, 2);
	assert_int_equal(stranded[0], 1);
	assert_int_equal(stranded[1], 2);
	free(stranded);
	assert_int_equal(mesh_restart_hazards(p, down, &first, &s), MESH_OK);
	assert_int_equal(first[3], 0);
	free(first);
	free(s);
	/* node2 down: node1 and node3 strand each other. */
	down[0] = false;
	down[1] = true;
	assert_int_equal(mesh_restart_hazards(p, down, &first, &s), MESH_OK);
	assert_string_equal(strands_of(p, first, s, 0), "node3");
	assert_string_equal(strands_of(p, first, s, 1), "");
	assert_string_equal(strands_of(p, first, s, 2), "node1");
	free(first);
	free(s);
	mesh_plan_free(p);
}

static void
ring_and_lone_nodes_should_have_no_hazard(void **state)
{
	/* A ring a-b-c-d and e with no route at all. */
	struct mesh_plan *p = plan_of(letters, 5, "a-b b-c c-d d-a");
	bool down[5] = { false, false, false, false, false };
	size_t *first = NULL, n = 0;
	int *s = NULL, *stranded = NULL;

	(void)state;
	assert_int_equal(mesh_restart_hazards(p, down, &first, &s), MESH_OK);
	assert_int_equal(first[5], 0);
	free(first);
	free(s);
	/* b and d down: a and c have no route neighbour up; e is alone
	 * anyway and never counted. */
	down[1] = down[3] = true;
	assert_int_equal(mesh_stranded(p, down, &stranded, &n), MESH_OK);
	assert_int_equal(n, 2);
	assert_int_equal(stranded[0], 0);
	assert_int_equal(stranded[1], 2);
	free(stranded);
	mesh_plan_free(p);
}

static void
route_stored_by_either_end_should_count_for_hazards(void **state)
{
	/* b stores b-a, c stores a-c as c-a: a's neighbours are b and c
	 * though a stores nothing; d hangs on c. */
	struct mesh_plan *p = plan_of(letters, 4, "b-a c-a c-d");
	size_t *first = NULL;
	int *s = NULL;

	(void)state;
	assert_int_equal(mesh_restart_hazards(p, NULL, &first, &s), MESH_OK);
	assert_string_equal(strands_of(p, first, s, 0), "b");
	assert_string_equal(strands_of(p, first, s, 1), "");
	assert_string_equal(strands_of(p, first, s, 2), "d");
	assert_string_equal(strands_of(p, first, s, 3), "");
	free(first);
	free(s);
	mesh_plan_free(p);
}

/* A random plan over n letters: each ordered pair a route with
 * probability pct percent. */
static struct mesh_plan *
random_plan(uint64_t *seed, size_t n, unsigned pct)
{
	char links[1024] = "";
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			if (i != j && next_random(seed) % 100 < pct)
				put(links, sizeof(links), "%s-%s ", letters[i],
				    letters[j]);
	return plan_of(letters, n, links);
}

static void
hazards_should_agree_with_restarts_on_the_live_mesh(void **state)
{
	uint64_t seed = 7;
	int round;

	(void)state;
	for (round = 0; round < 100; round++) {
		size_t n = 2 + next_random(&seed) % 6, *first = NULL;
		struct mesh_plan *p = random_plan(&seed, n, 20);
		int *s = NULL, x, y;

		assert_int_equal(mesh_restart_hazards(p, NULL, &first, &s),
		    MESH_OK);
		for (x = 0; (size_t)x < n; x++)
			for (y = 0; (size_t)y < n; y++) {
				struct mesh_live *m = live_of(p);
				bool alone = true, listed = false, routed = false;
				size_t i;
				int z;

				if (x == y) {
					mesh_live_free(m);
					continue;
				}
				assert_int_equal(mesh_live_apply(m,
				    MESH_EVENT_STOP, &x, 1), MESH_OK);
				assert_int_equal(mesh_live_apply(m,
				    MESH_EVENT_RESTART, &y, 1), MESH_OK);
				for (z = 0; (size_t)z < n; z++) {
					alone &= mesh_live_conn(m, y, z) ==
					    MESH_CONN_NONE;
					routed |= mesh_live_dialers(m, y, z) != 0;
				}
				for (i = first[x]; i < first[x + 1]; i++)
					listed |= s[i] == y;
				/* Alone after the restart exactly when
				 * listed, or with no route at all. */
				assert_int_equal(alone, listed || !routed);
				mesh_live_free(m);
			}
		free(first);
		free(s);
		mesh_plan_free(p);
	}
}

/*
 * The naive model: the rules read literally, everything recomputed from
 * scratch with explicit loops. Nodes are letters, so index order is name
 * order.
 */
struct naive {
	int n;
	bool up[NMAX];
	bool conn[NMAX][NMAX];
	bool cut[NMAX][NMAX];
	bool route[NMAX][NMAX];         /* either end stores a route */
};

/* reach[a][b]: a and b up and joined by a path of connections. */
static void
naive_reach(const struct naive *v, bool reach[NMAX][NMAX])
{
	int a, b, k;

	for (a = 0; a < v->n; a++)
		for (b = 0; b < v->n; b++)
			reach[a][b] = v->up[a] && v->up[b] &&
			    (a == b || v->conn[a][b]);
	for (k = 0; k < v->n; k++)
		for (a = 0; a < v->n; a++)
			for (b = 0; b < v->n; b++)
				if (reach[a][k] && reach[k][b])
					reach[a][b] = true;
}

/*
 * Gossip as nats-server does it, read literally: while some node w is
 * connected to x, x to y, one of the two connections is new (made by this
 * event), and w and y are neither connected nor cut, connect w and y (a
 * new connection too). fresh[a][b] marks the event's new connections.
 */
static void
naive_gossip(struct naive *v, bool fresh[NMAX][NMAX])
{
	bool changed = true;
	int w, x, y;

	while (changed) {
		changed = false;
		for (w = 0; w < v->n; w++)
			for (x = 0; x < v->n; x++)
				for (y = 0; y < v->n; y++)
					if (w != y && v->conn[w][x] &&
					    v->conn[x][y] && (fresh[w][x] ||
					    fresh[x][y]) && !v->conn[w][y] &&
					    !v->cut[w][y]) {
						v->conn[w][y] = true;
						v->conn[y][w] = true;
						fresh[w][y] = fresh[y][w] = true;
						changed = true;
					}
	}
}

/* Start one node, as the issue says. */
static void
naive_start(struct naive *v, int x)
{
	bool fresh[NMAX][NMAX];
	int y;

	if (v->up[x])
		return;
	memset(fresh, 0, sizeof(fresh));
	v->up[x] = true;
	for (y = 0; y < v->n; y++)
		if (y != x && v->up[y] && v->route[x][y] && !v->cut[x][y]) {
			v->conn[x][y] = v->conn[y][x] = true;
			fresh[x][y] = fresh[y][x] = true;
		}
	naive_gossip(v, fresh);
}

static void
naive_stop(struct naive *v, int x)
{
	int y;

	v->up[x] = false;
	for (y = 0; y < v->n; y++)
		v->conn[x][y] = v->conn[y][x] = false;
}

/* The naive model of p with every node started one by one, by name. */
static void
naive_init(struct naive *v, const struct mesh_plan *p)
{
	size_t i, j;
	int x;

	memset(v, 0, sizeof(*v));
	v->n = (int)p->nnodes;
	for (i = 0; i < p->nnodes; i++)
		for (j = 0; j < p->nodes[i].nroutes; j++) {
			int t = p->nodes[i].routes[j].target;

			if (t >= 0)
				v->route[i][t] = v->route[t][i] = true;
		}
	for (x = 0; x < v->n; x++)
		naive_start(v, x);
}

static void
naive_apply(struct naive *v, enum mesh_event ev, const int *nodes, size_t n)
{
	bool fresh[NMAX][NMAX];
	int a = nodes[0], b = n > 1 ? nodes[1] : 0;
	size_t i;

	switch (ev) {
	case MESH_EVENT_START:
		for (i = 0; i < n; i++)
			naive_start(v, nodes[i]);
		break;
	case MESH_EVENT_STOP:
		for (i = 0; i < n; i++)
			naive_stop(v, nodes[i]);
		break;
	case MESH_EVENT_RESTART:
		for (i = 0; i < n; i++)
			naive_stop(v, nodes[i]);
		for (i = 0; i < n; i++)
			naive_start(v, nodes[i]);
		break;
	case MESH_EVENT_CUT:
		v->cut[a][b] = v->cut[b][a] = true;
		v->conn[a][b] = v->conn[b][a] = false;
		break;
	case MESH_EVENT_HEAL:
		if (!v->cut[a][b])
			break;
		v->cut[a][b] = v->cut[b][a] = false;
		if (v->route[a][b] && v->up[a] && v->up[b]) {
			memset(fresh, 0, sizeof(fresh));
			v->conn[a][b] = v->conn[b][a] = true;
			fresh[a][b] = fresh[b][a] = true;
			naive_gossip(v, fresh);
		}
		break;
	}
}

/* The naive model in describe()'s words, with its isolated and cut-off
 * nodes and whether it is one full mesh. */
static const char *
naive_describe(const struct naive *v, char *isolated, char *cut_off,
    bool *connected)
{
	static char buf[2048];
	bool reach[NMAX][NMAX], done[NMAX] = { false };
	int group[NMAX][NMAX], size[NMAX], order[NMAX], ng = 0, a, b, g, i;

	naive_reach(v, reach);
	buf[0] = isolated[0] = cut_off[0] = '\0';
	for (a = 0; a < v->n; a++) {
		if (!v->up[a] || done[a])
			continue;
		size[ng] = 0;
		for (b = 0; b < v->n; b++)
			if (reach[a][b]) {
				done[b] = true;
				group[ng][size[ng]++] = b;
			}
		order[ng] = ng;
		ng++;
	}
	/* Largest first; ties keep name order (a stable insertion). */
	for (g = 1; g < ng; g++)
		for (i = g; i > 0 && size[order[i - 1]] < size[order[i]]; i--) {
			int t = order[i];

			order[i] = order[i - 1];
			order[i - 1] = t;
		}
	for (g = 0; g < ng; g++) {
		put(buf, 2048, "%s{", g ? " " : "");
		for (i = 0; i < size[order[g]]; i++)
			put(buf, 2048, "%s%s", i ? " " : "",
			    letters[group[order[g]][i]]);
		put(buf, 2048, "}");
	}
	*connected = true;
	for (a = 0; a < v->n; a++)
		for (b = a + 1; b < v->n; b++)
			if (v->up[a] && v->up[b] && !v->conn[a][b]) {
				if (*connected)
					put(buf, 2048, " apart:");
				*connected = false;
				put(buf, 2048, " %s-%s", letters[a], letters[b]);
			}
	for (a = i = 0; a < v->n; a++)
		if (!v->up[a])
			put(buf, 2048, "%s %s", i++ ? "" : " down:", letters[a]);
	for (a = i = 0; a < v->n; a++)
		for (b = a + 1; b < v->n; b++)
			if (v->cut[a][b])
				put(buf, 2048, "%s %s-%s", i++ ? "" : " cut:",
				    letters[a], letters[b]);
	for (a = 0; a < v->n; a++) {
		bool alone = v->up[a], outside = v->up[a];

		for (b = 0; b < v->n; b++)
			alone &= !v->conn[a][b];
		for (i = 0; ng > 0 && i < size[order[0]]; i++)
			outside &= group[order[0]][i] != a;
		if (alone)
			put(isolated, 64, "%s ", letters[a]);
		if (outside)
			put(cut_off, 64, "%s ", letters[a]);
	}
	return buf;
}

static void
names_of(const int *v, size_t n, char *out)
{
	size_t i;

	out[0] = '\0';
	for (i = 0; i < n; i++)
		put(out, 64, "%s ", letters[v[i]]);
}

/* Compare the model with the naive one, and check the invariants: a cut
 * pair is never connected; a route between two up nodes that no fault
 * cuts is always connected. */
static void
compare(const struct mesh_live *m, const struct mesh_plan *p,
    const struct naive *v, int round, int step)
{
	char iso[64], cut[64], got_iso[64], got_cut[64];
	struct mesh_snapshot *s = NULL;
	const char *want;
	bool connected;
	int a, b;

	want = naive_describe(v, iso, cut, &connected);
	assert_int_equal(mesh_live_snapshot(m, &s), MESH_OK);
	if (strcmp(describe(p, s), want) != 0)
		fail_msg("round %d step %d: got '%s', naive '%s'", round, step,
		    describe(p, s), want);
	names_of(s->isolated, s->nisolated, got_iso);
	names_of(s->cut_off, s->ncut_off, got_cut);
	assert_string_equal(got_iso, iso);
	assert_string_equal(got_cut, cut);
	assert_int_equal(s->connected, connected);
	for (a = 0; a < v->n; a++)
		for (b = 0; b < v->n; b++) {
			enum mesh_conn c = mesh_live_conn(m, a, b);

			assert_int_equal(c != MESH_CONN_NONE, v->conn[a][b]);
			if (c != MESH_CONN_NONE)
				assert_int_equal(c == MESH_CONN_CONFIGURED,
				    v->route[a][b]);
			if (v->cut[a][b])
				assert_false(v->conn[a][b]);
			if (a != b && v->route[a][b] && v->up[a] &&
			    v->up[b] && !v->cut[a][b])
				assert_true(v->conn[a][b]);
		}
	mesh_snapshot_free(s);
}

/* Set nodes[0], nodes[1] to a pair the naive model has cut, if any. */
static void
pick_cut(const struct naive *v, int *nodes)
{
	int a, b;

	for (a = 0; a < v->n; a++)
		for (b = a + 1; b < v->n; b++)
			if (v->cut[a][b] && (a + b + nodes[0]) % 2 == 0) {
				nodes[0] = a;
				nodes[1] = b;
				return;
			}
}

static void
random_timelines_should_match_the_naive_model(void **state)
{
	uint64_t seed = 2024;
	int round;

	(void)state;
	for (round = 0; round < 300; round++) {
		size_t n = 2 + next_random(&seed) % 7,
		    nsteps = 1 + next_random(&seed) % 14;
		struct mesh_plan *p = random_plan(&seed, n,
		    5 + next_random(&seed) % 30);
		struct mesh_live *m = live_of(p);
		struct naive v;
		size_t k;

		naive_init(&v, p);
		compare(m, p, &v, round, 0);
		for (k = 0; k < nsteps; k++) {
			enum mesh_event ev =
			    (enum mesh_event)(next_random(&seed) % 5);
			int nodes[3];
			size_t nn = 1 + next_random(&seed) % 3, i;

			for (i = 0; i < nn; i++)
				nodes[i] = (int)(next_random(&seed) % n);
			if (ev == MESH_EVENT_CUT || ev == MESH_EVENT_HEAL) {
				nn = 2;
				nodes[1] = (nodes[0] + 1 +
				    (int)(next_random(&seed) % (n - 1))) %
				    (int)n;
			}
			/* Heal mostly a pair that is cut, or it is a no-op. */
			if (ev == MESH_EVENT_HEAL &&
			    next_random(&seed) % 4 != 0)
				pick_cut(&v, nodes);
			assert_int_equal(mesh_live_apply(m, ev, nodes, nn),
			    MESH_OK);
			naive_apply(&v, ev, nodes, nn);
			compare(m, p, &v, round, (int)k + 1);
		}
		mesh_live_free(m);
		mesh_plan_free(p);
	}
}

/* Simulations from plans in JSON. */

static const char figure1_timeline[] =
    "{\"name\": \"f1\", \"nodes\": ["
    " {\"name\": \"node1\", \"routes\": [{\"host\": \"node2\"},"
    "  {\"host\": \"node3\"}]},"
    " {\"name\": \"node2\"}, {\"name\": \"node3\"}],"
    " \"timeline\": ["
    "  {\"stop\": [\"node1\"], \"expect\": {\"connected\": true}},"
    "  {\"restart\": [\"node2\"], \"expect\": {\"isolated\": [\"node2\"]}},"
    "  {\"start\": [\"node1\"]},"
    "  {\"cut\": [\"node2\", \"node3\"], \"expect\": {\"connected\": false,"
    "   \"cut_off\": []}}],"
    " \"whatif\": ["
    "  {\"name\": \"lose the hub\", \"down\": [\"node1\"],"
    "   \"expect\": {\"connected\": false, \"isolated\": [\"node2\","
    "   \"node3\"], \"cut_off\": [\"node3\"]}},"
    "  {\"name\": \"lose a leaf\", \"down\": [\"node2\"],"
    "   \"expect\": {\"connected\": false}},"
    "  {\"name\": \"nothing\"}]}";

static void
simulate_should_check_every_expectation_and_count_failures(void **state)
{
	struct mesh_plan *p = plan_from_text(figure1_timeline,
	    "t.json", MESH_FORMAT_JSON);
	struct mesh_simulation *s = NULL;

	(void)state;
	assert_int_equal(mesh_simulate(p, &s), MESH_OK);
	assert_string_equal(describe(p, s->initial), "{node1 node2 node3}");
	assert_string_equal(describe(p, s->steps[1]),
	    "{node2} {node3} apart: node2-node3 down: node1");
	assert_string_equal(describe(p, s->steps[3]),
	    "{node1 node2 node3} apart: node2-node3 cut: node2-node3");
	assert_int_equal(s->step_failed[0], 0);
	/* node3 is isolated too: the expectation names exactly the set. */
	assert_int_equal(s->step_failed[1], MESH_EXPECT_ISOLATED);
	assert_int_equal(s->step_failed[2], 0);
	assert_int_equal(s->step_failed[3], 0);
	assert_int_equal(s->whatifs[0].failed, 0);
	assert_false(s->whatifs[0].connected);
	assert_int_equal(s->whatifs[0].ngroups, 2);
	assert_int_equal(s->whatifs[1].failed, MESH_EXPECT_CONNECTED);
	assert_int_equal(s->whatifs[1].nisolated, 0);
	assert_int_equal(s->whatifs[2].failed, 0);
	assert_true(s->whatifs[2].connected);
	assert_int_equal(s->nexpect, 5);
	assert_int_equal(s->nfailed, 2);
	mesh_simulation_free(s);
	mesh_simulation_free(NULL);
	mesh_plan_free(p);
}

static void
simulation_json_should_hold_each_step_and_be_the_same_bytes_every_time(
    void **state)
{
	struct mesh_plan *p = plan_from_text(figure1_timeline,
	    "t.json", MESH_FORMAT_JSON);
	struct mesh_simulation *s1 = NULL, *s2 = NULL;
	char *j1, *j2;

	(void)state;
	assert_int_equal(mesh_simulate(p, &s1), MESH_OK);
	assert_int_equal(mesh_simulate(p, &s2), MESH_OK);
	j1 = mesh_simulation_json(s1, NULL);
	j2 = mesh_simulation_json(s2, NULL);
	assert_non_null(j1);
	assert_non_null(j2);
	assert_string_equal(j1, j2);
	assert_non_null(strstr(j1, "\"model\": \"mesh\""));
	assert_non_null(strstr(j1, "\"step\": 2,\n      \"event\": "
	    "\"restart\",\n      \"nodes\": [\"node2\"],\n      \"up\": "
	    "[\"node2\", \"node3\"],\n      \"connected\": false,\n"
	    "      \"groups\": [[\"node2\"], [\"node3\"]],\n"
	    "      \"isolated\": [\"node2\", \"node3\"],\n"
	    "      \"cut_off\": [\"node3\"],\n"
	    "      \"cannot_talk\": [[\"node2\", \"node3\"]],\n"
	    "      \"faults\": [],\n"
	    "      \"expect\": {\"isolated\": [\"node2\"]},\n"
	    "      \"ok\": false\n"));
	assert_non_null(strstr(j1, "\"expect\": null,\n      \"ok\": null"));
	assert_non_null(strstr(j1, "\n  \"ok\": false,\n"));
	free(j1);
	free(j2);
	mesh_simulation_free(s1);
	mesh_simulation_free(s2);
	mesh_plan_free(p);
}

static void
analysis_json_with_hazards_should_add_keys_after_route_storage(void **state)
{
	struct mesh_plan *p = figure1();
	struct mesh_analysis *a = NULL;
	char *plain, *mesh;
	const char *at;

	(void)state;
	assert_int_equal(mesh_analyze(p, NULL, &a), MESH_OK);
	plain = mesh_analysis_json(a, NULL);
	mesh = mesh_analysis_json_hazards(a, NULL);
	assert_non_null(plain);
	assert_non_null(mesh);
	at = strstr(mesh, "  \"restart_hazards\": {\n    \"node1\": "
	    "[\"node2\", \"node3\"]\n  },\n  \"stranded\": [],\n"
	    "  \"diagnostics\"");
	assert_non_null(at);
	/* The rest is the graph model's object, byte for byte. */
	assert_memory_equal(plain, mesh, (size_t)(at - mesh));
	assert_string_equal(strstr(plain, "  \"diagnostics\""),
	    strstr(mesh, "  \"diagnostics\""));
	free(plain);
	free(mesh);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(figure1_node_restarting_while_hub_is_down_should_stay_alone_until_it_returns),
		cmocka_unit_test(cut_gossip_pair_should_stay_apart_after_heal),
		cmocka_unit_test(cut_configured_pair_should_be_redialled_by_its_owner_after_heal),
		cmocka_unit_test(cut_of_a_down_node_should_hold_until_healed),
		cmocka_unit_test(node_restarted_while_its_only_neighbour_is_down_should_rejoin_when_it_returns),
		cmocka_unit_test(chain_middle_restart_should_rejoin_both_sides),
		cmocka_unit_test(gossip_should_not_close_gaps_in_groups_the_event_did_not_touch),
		cmocka_unit_test(heal_should_leave_a_gap_no_announcement_reaches),
		cmocka_unit_test(merge_should_stop_where_faults_block_every_announcement),
		cmocka_unit_test(link_listed_from_both_ends_should_have_two_dialers),
		cmocka_unit_test(redundant_events_should_change_nothing),
		cmocka_unit_test(bad_events_should_be_refused_and_change_nothing),
		cmocka_unit_test(plan_above_the_node_limit_should_be_refused),
		cmocka_unit_test(snapshot_should_order_groups_and_list_isolated_and_cut_off),
		cmocka_unit_test(expect_failures_should_name_each_part_that_differs),
		cmocka_unit_test(figure1_hub_should_strand_both_leaves),
		cmocka_unit_test(ring_and_lone_nodes_should_have_no_hazard),
		cmocka_unit_test(route_stored_by_either_end_should_count_for_hazards),
		cmocka_unit_test(hazards_should_agree_with_restarts_on_the_live_mesh),
		cmocka_unit_test(random_timelines_should_match_the_naive_model),
		cmocka_unit_test(simulate_should_check_every_expectation_and_count_failures),
		cmocka_unit_test(simulation_json_should_hold_each_step_and_be_the_same_bytes_every_time),
		cmocka_unit_test(analysis_json_with_hazards_should_add_keys_after_route_storage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
