/* test_split.c: a plan's nodes read in two parts on two threads give what one thread gives: nodes, routes, links, diagnostics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "meshsim/meshsim.h"
#include "read/jsonpos.h"
#include "read/readers.h"
#include "base/util.h"

/* A small generator, so that each seed gives the same text everywhere. */
static uint64_t
next(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

/* Whether to put a fault in, one time in every (out of 1000). */
static int
chance(uint64_t *s, int every)
{
	return (int)(next(s) % 1000) < every;
}

/* White space between tokens: none, a blank, or a newline and a tab. */
static const char *
gap(uint64_t *s, int one_line)
{
	static const char *const g[] = { "", " ", "\n\t", "  ", "\n" };

	return g[one_line ? next(s) % 2 : next(s) % 5];
}

/*
 * A JSON plan of n nodes from seed: hosts in capitals and with a trailing
 * dot, names with two-byte characters, routes by host and port, by host
 * alone, by node name, labels; each fault (unknown keys, ports out of range or
 * of the wrong type, duplicate names, routes to nobody, aliases) one time
 * in faults per thousand nodes. With one_line, the whole text is on one
 * line; with bom, it starts with a byte order mark.
 */
static void
make_plan(struct mesh_i_buf *b, uint64_t seed, int n, int faults,
    int one_line, int bom)
{
	uint64_t s = seed;
	int i, k;

	mesh_i_buf_printf(b, "%s{\"name\": \"split %llu\",%s\"nodes\": [",
	    bom ? "\xef\xbb\xbf" : "", (unsigned long long)seed,
	    gap(&s, one_line));
	for (i = 0; i < n; i++) {
		int nr = (int)(next(&s) % 4);

		mesh_i_buf_printf(b, "%s%s{\"name\": \"n\xc3\xa9%d\",%s",
		    i ? "," : "", gap(&s, one_line), chance(&s, faults) &&
		    i > 0 ? (int)(next(&s) % (unsigned)i) : i,
		    gap(&s, one_line));
		if (!chance(&s, faults))
			mesh_i_buf_printf(b, "\"host\": \"%s%d.example%s\", ",
			    i % 3 ? "h" : "H", i, i % 4 ? "" : ".");
		if (chance(&s, faults))
			mesh_i_buf_printf(b, "\"prot\": 1, ");
		mesh_i_buf_printf(b, "\"port\": %s, ", chance(&s, faults) ?
		    "\"9932\"" : chance(&s, faults) ? "70000" :
		    i % 5 ? "9932" : "9933");
		if (chance(&s, faults))
			mesh_i_buf_printf(b, "\"aliases\": [\"a%d\"], ", i);
		mesh_i_buf_printf(b, "\"labels\": {\"zone\": \"z%d\"},%s"
		    "\"routes\": [", i % 3, gap(&s, one_line));
		for (k = 0; k < nr; k++) {
			int t = (int)(next(&s) % (unsigned)n), to;

			if (k)
				mesh_i_buf_printf(b, ",%s", gap(&s, one_line));
			to = chance(&s, faults) ? n + t : t;
			if (t % 17 == 0)
				mesh_i_buf_printf(b, "{\"node\": "
				    "\"n\xc3\xa9%d\"}", to);
			else if (t % 7 == 0)    /* the default port */
				mesh_i_buf_printf(b, "{\"host\": "
				    "\"h%d.example\"}", to);
			else
				mesh_i_buf_printf(b, "{\"host\": "
				    "\"h%d.example\", \"port\": %d}", to,
				    t % 5 ? 9932 : 9933);
		}
		mesh_i_buf_printf(b, "]}");
	}
	mesh_i_buf_printf(b, "],%s\"cluster\": \"harper-nats\"%s}\n",
	    gap(&s, one_line), chance(&s, faults * 50) ? ", \"after\": 1" :
	    "");
}

/* Everything a read gives, as text: the diagnostics, then the plan. */
static void
dump(struct mesh_i_buf *o, enum mesh_error err, const struct mesh_plan *p,
    const struct mesh_diags *d)
{
	size_t i, j;

	mesh_i_buf_printf(o, "err %d, %zu diagnostics\n", (int)err, d->n);
	for (i = 0; i < d->n; i++)
		mesh_i_buf_printf(o, "%d %s %d:%d %s %s\n",
		    (int)d->v[i].severity, d->v[i].code, d->v[i].line,
		    d->v[i].column,
		    d->v[i].node ? d->v[i].node : "-", d->v[i].message);
	if (p == NULL)
		return;
	for (i = 0; i < p->nnodes; i++) {
		const struct mesh_node *n = &p->nodes[i];
		const char *const *al;
		size_t na = mesh_plan_aliases(p, (int)i, &al);

		mesh_i_buf_printf(o, "%s %s:%d @%d:%d %g %d [", n->name,
		    n->host, n->port, n->line, n->column, n->availability,
		    n->no_cluster);
		for (j = 0; j < n->nroutes; j++)
			mesh_i_buf_printf(o, " %s:%d@%d:%d>%d",
			    n->routes[j].host, n->routes[j].port,
			    n->routes[j].line, n->routes[j].column,
			    n->routes[j].target);
		mesh_i_buf_printf(o, " ]");
		for (j = 0; j < n->nlabels; j++)
			mesh_i_buf_printf(o, " %s=%s", n->labels[j].key,
			    n->labels[j].value);
		for (j = 0; j < na; j++)
			mesh_i_buf_printf(o, " alias %s", al[j]);
		mesh_i_buf_printf(o, "\n");
	}
	for (i = 0; i < p->nlinks; i++)
		mesh_i_buf_printf(o, "%d-%d ", p->links[2 * i],
		    p->links[2 * i + 1]);
	mesh_i_buf_printf(o, "\n");
}

/* Read text on one thread, then in two parts; the two dumps must be
 * equal. Returns whether the text was read without an error. */
static int
same_both_ways(const char *text)
{
	struct mesh_i_buf one, two;
	int way, ok = 0;

	mesh_i_buf_init(&one);
	mesh_i_buf_init(&two);
	for (way = 0; way < 2; way++) {
		struct mesh_diags d;
		struct mesh_plan *p = NULL;
		enum mesh_error err;

		mesh_diags_init(&d);
		mesh_i_jdoc_two_threads(way ? 0 : (size_t)-1);
		err = mesh_plan_parse(text, strlen(text), "s.json",
		    MESH_FORMAT_JSON, &d, &p);
		mesh_i_jdoc_two_threads((size_t)1 << 20);
		dump(way ? &two : &one, err, p, &d);
		ok = err == MESH_OK;
		mesh_plan_free(p);
		mesh_diags_clear(&d);
	}
	assert_non_null(one.data);
	assert_non_null(two.data);
	assert_string_equal(one.data, two.data);
	mesh_i_buf_free(&one);
	mesh_i_buf_free(&two);
	return ok;
}

/* Plans without faults (the second part is taken as read) and with
 * faults (it is read again by the calling thread), on many lines, on one
 * line, after a byte order mark: the same nodes, routes, links and
 * diagnostics as one thread. */
static void
split_read_should_match_one_thread(void **state)
{
	uint64_t seed;
	int clean = 0, faulty = 0;

	(void)state;
	for (seed = 1; seed <= 120; seed++) {
		struct mesh_i_buf text;

		mesh_i_buf_init(&text);
		make_plan(&text, seed, 50 + (int)(seed * 7 % 400),
		    seed % 3 == 0 ? 0 : (int)(seed % 4) * 3, seed % 5 == 0,
		    seed % 7 == 0);
		assert_non_null(text.data);
		if (same_both_ways(text.data))
			clean++;
		else
			faulty++;
		mesh_i_buf_free(&text);
	}
	/* Both kinds were met. */
	assert_true(clean > 10);
	assert_true(faulty > 10);
}

/* Limits crossed in the second part (too many nodes, routes, a name too
 * long) are reported where one thread reports them. */
static void
split_read_should_cross_limits_where_one_thread_does(void **state)
{
	struct mesh_limits l;
	struct mesh_i_buf text;
	int which;

	(void)state;
	for (which = 0; which < 3; which++) {
		mesh_i_buf_init(&text);
		/* 400 nodes, about 600 routes; 1,500 nodes, whose hosts
		 * are 13 bytes or less up to node 1000's "h1000.example." */
		make_plan(&text, 99, which == 2 ? 1500 : 400, 0, 0, 0);
		assert_non_null(text.data);
		mesh_limits_default(&l);
		if (which == 0)
			l.nodes = 300;
		else if (which == 1)
			l.routes = 500;
		else
			l.name_bytes = 13;
		assert_int_equal(mesh_limits_set(&l), MESH_OK);
		assert_false(same_both_ways(text.data));
		assert_int_equal(mesh_limits_set(NULL), MESH_OK);
		mesh_i_buf_free(&text);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(split_read_should_match_one_thread),
		cmocka_unit_test(
		    split_read_should_cross_limits_where_one_thread_does),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
