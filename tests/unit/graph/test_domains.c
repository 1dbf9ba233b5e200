/* test_domains.c: failure domains, and the timeline and what-if runs a plan may carry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "meshsim/meshsim.h"

static const char plan_text[] =
    "{\"nodes\": [\n"
    " {\"name\": \"a1\", \"host\": \"m1\", \"port\": 1, \"labels\": {\"zone\": \"a\"}},\n"
    " {\"name\": \"a2\", \"host\": \"M1.\", \"port\": 2, \"labels\": {\"zone\": \"b\"}},\n"
    " {\"name\": \"b1\", \"host\": \"m2\", \"labels\": {\"zone\": \"b\", \"rack\": \"r1\"}},\n"
    " {\"name\": \"c1\", \"host\": \"m3\", \"availability\": 0.5},\n"
    " {\"name\": \"d1\", \"host\": \"m4\", \"labels\": {\"zone\": \"d\"}}],\n"
    " \"timeline\": [{\"stop\": [\"b1\", \"a1\"]},\n"
    "  {\"cut\": [\"c1\", \"d1\"], \"expect\": {\"connected\": false,\n"
    "   \"isolated\": [\"d1\", \"c1\"]}}],\n"
    " \"whatif\": [{\"name\": \"lose m1\", \"down\": [\"a2\", \"a1\"],\n"
    "   \"expect\": {\"cut_off\": []}}]}\n";

static struct mesh_plan *
load(void)
{
	return plan_from_text(plan_text, "t.json", MESH_FORMAT_JSON);
}

static const char *
member(const struct mesh_plan *p, const struct mesh_domains *d, size_t dom,
    size_t i)
{
	return p->nodes[d->nodes[d->start[dom] + i]].name;
}

static void
domains_by_zone_should_merge_nodes_that_share_a_host(void **state)
{
	struct mesh_plan *p = load();
	struct mesh_domains *d = NULL;

	(void)state;
	assert_int_equal(mesh_domains_new(p, "zone", &d), MESH_OK);
	assert_non_null(d);
	if (d == NULL)
		return;
	/* a1 (zone a) and a2 (zone b) share machine m1, so zones a and b
	 * are one domain; c1 has no zone: its host's domain. */
	assert_int_equal(d->n, 3);
	assert_string_equal(d->names[0], "host=m3");
	assert_string_equal(d->names[1], "zone=a+zone=b");
	assert_string_equal(d->names[2], "zone=d");
	assert_int_equal(d->start[2] - d->start[1], 3);
	assert_string_equal(member(p, d, 1, 0), "a1");
	assert_string_equal(member(p, d, 1, 1), "a2");
	assert_string_equal(member(p, d, 1, 2), "b1");
	assert_int_equal(d->of[mesh_plan_find(p, "b1")], 1);
	mesh_domains_free(d);
	mesh_domains_free(NULL);
	mesh_plan_free(p);
}

static void
domains_by_host_should_group_machines(void **state)
{
	struct mesh_plan *p = load();
	struct mesh_domains *d = NULL;

	(void)state;
	assert_int_equal(mesh_domains_new(p, "host", &d), MESH_OK);
	assert_non_null(d);
	if (d == NULL)
		return;
	assert_int_equal(d->n, 4);
	assert_string_equal(d->names[0], "host=m1");
	assert_int_equal(d->start[1] - d->start[0], 2);
	mesh_domains_free(d);
	assert_int_equal(mesh_domains_new(p, NULL, &d), MESH_OK);
	assert_non_null(d);
	if (d == NULL)
		return;
	assert_int_equal(d->n, 5);
	assert_string_equal(d->names[4], "d1");
	mesh_domains_free(d);
	mesh_plan_free(p);
}

static void
domain_select_should_take_whole_machines(void **state)
{
	struct mesh_plan *p = load();
	int *v = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(mesh_domain_select(p, "zone", "a", &v, &n), MESH_OK);
	assert_int_equal(n, 3);         /* a1, and a2 and b1 with it */
	free(v);
	assert_int_equal(mesh_domain_select(p, "host", "m1.", &v, &n),
	    MESH_OK);
	assert_int_equal(n, 2);
	free(v);
	assert_int_equal(mesh_domain_select(p, "rack", "r9", &v, &n),
	    MESH_ENOTFOUND);
	assert_null(v);
	mesh_plan_free(p);
}

static void
labels_and_availability_should_be_read(void **state)
{
	struct mesh_plan *p = load();
	const struct mesh_node *b1 = &p->nodes[mesh_plan_find(p, "b1")];

	(void)state;
	assert_int_equal(b1->nlabels, 2);
	assert_string_equal(b1->labels[0].key, "rack");    /* sorted */
	assert_string_equal(mesh_node_label(b1, "zone"), "b");
	assert_null(mesh_node_label(b1, "row"));
	assert_true(p->nodes[mesh_plan_find(p, "c1")].availability == 0.5);
	assert_true(b1->availability < 0);
	mesh_plan_free(p);
}

static void
timeline_and_whatif_should_resolve_names_sorted(void **state)
{
	struct mesh_plan *p = load();
	const struct mesh_step *s;

	(void)state;
	assert_int_equal(p->nsteps, 2);
	s = &p->steps[0];
	assert_int_equal(s->event, MESH_EVENT_STOP);
	assert_int_equal(s->nnodes, 2);
	assert_string_equal(p->nodes[s->nodes[0]].name, "a1");
	assert_false(s->has_expect);
	s = &p->steps[1];
	assert_int_equal(s->event, MESH_EVENT_CUT);
	assert_true(s->has_expect);
	assert_true(s->expect.has_connected);
	assert_false(s->expect.connected);
	assert_true(s->expect.has_isolated);
	assert_int_equal(s->expect.nisolated, 2);
	assert_string_equal(p->nodes[s->expect.isolated[0]].name, "c1");
	assert_false(s->expect.has_cut_off);
	assert_int_equal(p->nwhatifs, 1);
	assert_string_equal(p->whatifs[0].name, "lose m1");
	assert_int_equal(p->whatifs[0].ndown, 2);
	assert_true(p->whatifs[0].expect.has_cut_off);
	assert_int_equal(p->whatifs[0].expect.ncut_off, 0);
	assert_string_equal(mesh_event_name(MESH_EVENT_HEAL), "heal");
	mesh_plan_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(domains_by_zone_should_merge_nodes_that_share_a_host),
		cmocka_unit_test(domains_by_host_should_group_machines),
		cmocka_unit_test(domain_select_should_take_whole_machines),
		cmocka_unit_test(labels_and_availability_should_be_read),
		cmocka_unit_test(timeline_and_whatif_should_resolve_names_sorted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
