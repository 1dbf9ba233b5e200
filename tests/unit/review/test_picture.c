/* test_picture.c: the review picture: labels that never overlap (the placer, and the boxes the SVG gives them), failure domains in colours and the legend, the condensed picture above MESH_PICTURE_NODES_MAX nodes, suggested routes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "meshsim/meshsim.h"
#include "meshsim/picture.h"
#include "review/placer.h"

/* xorshift64, for boxes: deterministic. */
static uint64_t
next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static double
uniform(uint64_t *s, double hi)
{
	return (double)(next(s) % 100000) / 100000.0 * hi;
}

static int
boxes_overlap(const struct mesh_i_box *a, const struct mesh_i_box *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 &&
	    b->y0 < a->y1;
}

static void
placer_should_agree_with_checking_every_box(void **state)
{
	struct mesh_i_placer pl;
	struct mesh_i_box taken[400], b;
	uint64_t seed = 88172645463325252ULL;
	size_t n = 0, i, q, yes = 0, no = 0;

	(void)state;
	assert_int_equal(mesh_i_placer_init(&pl, 700, 500, 40), 0);
	for (q = 0; q < 5000; q++) {
		int want = 1;

		b.x0 = uniform(&seed, 720) - 10;
		b.y0 = uniform(&seed, 520) - 10;
		b.x1 = b.x0 + 1 + uniform(&seed, 90);
		b.y1 = b.y0 + 1 + uniform(&seed, 30);
		if (b.x0 < 0 || b.y0 < 0 || b.x1 > 700 || b.y1 > 500)
			want = 0;
		for (i = 0; i < n && want; i++)
			want = !boxes_overlap(&b, &taken[i]);
		assert_int_equal(mesh_i_placer_free_at(&pl, &b), want);
		if (want && n < 400) {
			assert_int_equal(mesh_i_placer_take(&pl, &b), 0);
			taken[n++] = b;
		}
		want ? yes++ : no++;
	}
	/* Both answers were exercised. */
	assert_true(yes > 50 && no > 50);
	/* Boxes that only touch do not overlap. */
	b = taken[0];
	b.x0 = taken[0].x1;
	b.x1 = b.x0 + 0.5;
	for (i = 1; i < n; i++)
		if (boxes_overlap(&b, &taken[i]))
			break;
	if (i == n && b.x1 <= 700)
		assert_int_equal(mesh_i_placer_free_at(&pl, &b), 1);
	mesh_i_placer_free(&pl);
	mesh_i_placer_free(&pl);
}

static void
text_width_should_grow_with_text_and_size(void **state)
{
	(void)state;
	assert_true(mesh_i_text_width("", 13) == 0);
	assert_true(mesh_i_text_width("mm", 13) > mesh_i_text_width("ii", 13));
	assert_true(mesh_i_text_width("abc", 26) ==
	    2 * mesh_i_text_width("abc", 13));
	/* A code point beyond ASCII counts once, however many bytes. */
	assert_true(mesh_i_text_width("\xc3\xa9", 10) ==
	    mesh_i_text_width("W", 10));
}

/* A plan of n nodes n000, n001, ... in a ring with chords every 7, with
 * zone z<i % zones> (none when zones is 0). */
static struct mesh_plan *
ring_plan(size_t n, unsigned zones)
{
	const char **names = calloc(n, sizeof(*names));
	char *buf = calloc(n, 24), *links = calloc(2 * n + 1, 56);
	struct mesh_plan *p;
	size_t i, len = 0;

	assert_non_null(names);
	assert_non_null(buf);
	assert_non_null(links);
	for (i = 0; i < n; i++) {
		snprintf(buf + 24 * i, 24, "n%03zu", i);
		names[i] = buf + 24 * i;
	}
	for (i = 0; i < n; i++) {
		len += (size_t)sprintf(links + len, "%s%s-%s", len ? " " : "",
		    names[i], names[(i + 1) % n]);
		if (i % 7 == 0 && n > 10)
			len += (size_t)sprintf(links + len, " %s-%s", names[i],
			    names[(i + n / 2) % n]);
	}
	p = plan_of(names, n, links);
	for (i = 0; zones > 0 && i < n; i++) {
		char z[16];

		snprintf(z, sizeof(z), "z%zu", i % zones);
		assert_int_equal(mesh_plan_set_label(p, (int)i, "zone", z), 0);
	}
	free(names);
	free(buf);
	free(links);
	return p;
}

static struct mesh_analysis *
analyse(const struct mesh_plan *p)
{
	struct mesh_analysis *a = NULL;

	assert_int_equal(mesh_analyze(p, NULL, &a), MESH_OK);
	return a;
}

/* The group of svg that opens with start, up to its "</g>". Returns a
 * string the caller frees. */
static char *
group(const char *svg, const char *start)
{
	const char *s = strstr(svg, start), *e;
	char *g;

	assert_non_null(s);
	e = strstr(s, "</g>\n");
	assert_non_null(e);
	g = calloc((size_t)(e - s) + 1, 1);
	assert_non_null(g);
	memcpy(g, s, (size_t)(e - s));
	return g;
}

/* The boxes of the labels of svg (as the placer measures them), their
 * texts into texts (n strings, freed by the caller). Returns how many. */
static size_t
label_boxes(const char *svg, struct mesh_i_box *boxes, char **texts,
    size_t max)
{
	char *g = group(svg, "<g class=\"labels\""), *s = g, *q;
	double fs = 0, x, y;
	size_t n = 0;

	assert_int_equal(sscanf(strstr(g, "font-size=\"") + 11, "%lf", &fs),
	    1);
	while ((s = strstr(s, "<text ")) != NULL) {
		int bold = strstr(s, "font-weight=\"bold\"") != NULL &&
		    strstr(s, "font-weight=\"bold\"") < strchr(s, '>');
		char *end;
		double w;

		assert_true(n < max);
		q = strstr(s, " x=\"");
		assert_int_equal(sscanf(q, " x=\"%lf\" y=\"%lf\"", &x, &y), 2);
		s = strchr(q, '>') + 1;
		end = strstr(s, "</text>");
		texts[n] = calloc((size_t)(end - s) + 1, 1);
		memcpy(texts[n], s, (size_t)(end - s));
		w = mesh_i_text_width(texts[n], fs) * (bold ? 1.12 : 1);
		/* The box the placer gave it, less its padding. */
		boxes[n].x0 = x - w / 2;
		boxes[n].x1 = x + w / 2;
		boxes[n].y0 = y - MESH_I_TEXT_ASCENT * fs;
		boxes[n].y1 = y + MESH_I_TEXT_DESCENT * fs;
		n++;
		s = end;
	}
	free(g);
	return n;
}

static void
zoned_picture_should_name_every_zone_and_overlap_no_label(void **state)
{
	struct mesh_plan *p = ring_plan(60, 3);
	struct mesh_analysis *a = analyse(p);
	struct mesh_picture_notes notes;
	struct mesh_i_box boxes[200];
	char *texts[200], *svg = NULL, *again = NULL, *legend;
	size_t n, i, j, named = 0;

	(void)state;
	assert_int_equal(mesh_picture_draw(a, NULL, &svg, &notes), MESH_OK);
	assert_int_equal(mesh_picture_svg(a, &again), MESH_OK);
	assert_string_equal(svg, again);
	assert_string_equal(notes.by, "zone");
	assert_int_equal(notes.ndomains, 3);
	assert_false(notes.condensed);
	n = label_boxes(svg, boxes, texts, 200);
	assert_int_equal(n, notes.nlabels);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (boxes_overlap(&boxes[i], &boxes[j]))
				fail_msg("labels %s and %s overlap", texts[i],
				    texts[j]);
	/* Every node is labelled or listed as left out, never both. */
	for (i = 0; i < p->nnodes; i++) {
		int in = 0;

		for (j = 0; j < n; j++)
			in += strcmp(texts[j], p->nodes[i].name) == 0;
		for (j = 0; j < notes.ndropped; j++)
			in += notes.dropped[j] == (int)i;
		assert_int_equal(in, 1);
	}
	for (j = 1; j < notes.ndropped; j++)
		assert_true(strcmp(p->nodes[notes.dropped[j - 1]].name,
		    p->nodes[notes.dropped[j]].name) < 0);
	/* The legend is last; its marks hold groups of their own. */
	legend = strdup(strstr(svg, "<g class=\"legend\""));
	assert_non_null(legend);
	for (i = 0; i < 3; i++) {
		char want[32];

		snprintf(want, sizeof(want), ">z%zu</text>", i);
		named += strstr(legend, want) != NULL;
	}
	assert_int_equal(named, 3);
	/* Filled by domain: the first colour is on the nodes. */
	assert_non_null(strstr(svg, "class=\"node\""));
	assert_non_null(strstr(svg, "fill=\"#E69F00\""));
	for (i = 0; i < n; i++)
		free(texts[i]);
	free(legend);
	free(svg);
	free(again);
	mesh_picture_notes_free(&notes);
	mesh_picture_notes_free(&notes);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

static void
picture_should_draw_suggested_routes_dashed_with_a_legend(void **state)
{
	static const char *const names[] = { "hub", "a", "b", "c" };
	struct mesh_plan *p = plan_of(names, 4, "hub-a hub-b hub-c");
	struct mesh_analysis *a = analyse(p);
	struct mesh_picture_options o;
	int fix[] = { 1, 2, 2, 3 };
	char *svg = NULL, *plain = NULL;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.fix = fix;
	o.nfix = 2;
	assert_int_equal(mesh_picture_draw(a, &o, &svg, NULL), MESH_OK);
	assert_int_equal(mesh_picture_svg(a, &plain), MESH_OK);
	/* Two in the picture, one in the legend; none without the fix. */
	assert_int_equal(strstr(svg, "class=\"fix\"") != NULL, 1);
	{
		size_t k = 0;
		const char *s = svg;

		while ((s = strstr(s, "class=\"fix\"")) != NULL) {
			k++;
			s++;
		}
		assert_int_equal(k, 3);
	}
	assert_null(strstr(plain, "class=\"fix\""));
	assert_non_null(strstr(svg, "suggested route"));
	/* No zone label: nodes keep their kinds' colours, no domain. */
	assert_null(strstr(svg, "class=\"domain\""));
	free(svg);
	free(plain);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

static void
large_plans_should_be_condensed_into_domains_or_pieces(void **state)
{
	struct mesh_plan *p = ring_plan(MESH_PICTURE_NODES_MAX + 1, 4);
	struct mesh_plan *q = ring_plan(MESH_PICTURE_NODES_MAX, 4);
	struct mesh_plan *u = ring_plan(MESH_PICTURE_NODES_MAX + 1, 0);
	struct mesh_analysis *a = analyse(p), *b = analyse(q), *c = analyse(u);
	struct mesh_picture_notes notes;
	struct mesh_picture_options o;
	char *svg = NULL;

	(void)state;
	assert_int_equal(mesh_picture_draw(a, NULL, &svg, &notes), MESH_OK);
	assert_true(notes.condensed);
	assert_false(notes.by_pieces);
	assert_int_equal(notes.ndomains, 4);
	assert_int_equal(notes.ndropped, 0);
	assert_null(strstr(svg, "class=\"node-name\""));
	assert_non_null(strstr(svg, "class=\"cluster\""));
	/* The links between zones, counted: the ring crosses zones at
	 * every step. */
	assert_non_null(strstr(svg, "class=\"link-count\""));
	assert_non_null(strstr(svg, ">38 nodes</tspan>"));
	free(svg);
	mesh_picture_notes_free(&notes);
	/* One node fewer: drawn node by node. */
	assert_int_equal(mesh_picture_draw(b, NULL, &svg, &notes), MESH_OK);
	assert_false(notes.condensed);
	assert_non_null(strstr(svg, "class=\"node-name\""));
	free(svg);
	mesh_picture_notes_free(&notes);
	/* No label: the pieces. */
	assert_int_equal(mesh_picture_draw(c, NULL, &svg, &notes), MESH_OK);
	assert_true(notes.condensed);
	assert_true(notes.by_pieces);
	assert_int_equal(notes.ndomains, 1);
	assert_non_null(strstr(svg, ">piece 1</tspan>"));
	free(svg);
	mesh_picture_notes_free(&notes);
	/* "": no domains even where zones are; by host: every node its
	 * own host here, so as many domains as nodes. */
	memset(&o, 0, sizeof(o));
	o.by = "";
	assert_int_equal(mesh_picture_draw(b, &o, &svg, &notes), MESH_OK);
	assert_int_equal(notes.ndomains, 0);
	assert_null(notes.by);
	free(svg);
	mesh_picture_notes_free(&notes);
	o.by = "host";
	assert_int_equal(mesh_picture_draw(b, &o, &svg, &notes), MESH_OK);
	assert_string_equal(notes.by, "host");
	assert_int_equal(notes.ndomains, MESH_PICTURE_NODES_MAX);
	free(svg);
	mesh_picture_notes_free(&notes);
	/* Condensed, 151 hosts: the 39 largest (all of one node: the
	 * first by name) kept, the other 112 merged into one disc. */
	assert_int_equal(mesh_picture_draw(a, &o, &svg, &notes), MESH_OK);
	assert_true(notes.condensed);
	assert_int_equal(notes.ndomains, 40);
	assert_int_equal(notes.merged, MESH_PICTURE_NODES_MAX + 1 - 39);
	assert_non_null(strstr(svg, ">112 more (merged)</tspan>"));
	assert_non_null(strstr(svg, ">112 nodes</tspan>"));
	free(svg);
	mesh_picture_notes_free(&notes);
	mesh_analysis_free(a);
	mesh_analysis_free(b);
	mesh_analysis_free(c);
	mesh_plan_free(p);
	mesh_plan_free(q);
	mesh_plan_free(u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(placer_should_agree_with_checking_every_box),
		cmocka_unit_test(text_width_should_grow_with_text_and_size),
		cmocka_unit_test(zoned_picture_should_name_every_zone_and_overlap_no_label),
		cmocka_unit_test(picture_should_draw_suggested_routes_dashed_with_a_legend),
		cmocka_unit_test(large_plans_should_be_condensed_into_domains_or_pieces),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
