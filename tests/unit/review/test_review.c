/* test_review.c: the pictures (layout, SVG, DOT) and the design-review report (HTML, Markdown). */
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
#include "meshsim/review.h"

static struct mesh_analysis *
analyse(const struct mesh_plan *p)
{
	struct mesh_analysis *a = NULL;

	assert_int_equal(mesh_analyze(p, NULL, &a), MESH_OK);
	return a;
}

/* How many times needle occurs in s. */
static size_t
count(const char *s, const char *needle)
{
	size_t n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

static void
layout_should_be_deterministic_and_in_the_unit_square(void **state)
{
	static const char *const names[] = { "a", "b", "c", "d", "e", "f",
		"g", "h" };
	struct mesh_plan *p;
	double *xy1 = NULL, *xy2 = NULL;
	size_t i, n;

	(void)state;
	for (n = 1; n <= 8; n++) {
		p = plan_of(names, n, n >= 8 ? "a-b b-c c-d d-e e-f f-g g-h h-a "
		    "a-e" : "a-b");
		assert_int_equal(mesh_picture_layout(p, &xy1), MESH_OK);
		assert_int_equal(mesh_picture_layout(p, &xy2), MESH_OK);
		assert_memory_equal(xy1, xy2, 2 * n * sizeof(*xy1));
		for (i = 0; i < 2 * n; i++) {
			assert_true(xy1[i] >= 0 && xy1[i] <= 1);
		}
		free(xy1);
		free(xy2);
		mesh_plan_free(p);
	}
}

static void
svg_should_mark_spofs_bridges_and_storing_ends(void **state)
{
	static const char *const names[] = { "hub", "s1", "s2", "x", "y",
		"z" };
	struct mesh_plan *p = plan_of(names, 6, "hub-s1 hub-s2 x-y y-z z-x");
	struct mesh_analysis *a = analyse(p);
	char *svg = NULL, *again = NULL;

	(void)state;
	assert_int_equal(mesh_picture_svg(a, &svg), MESH_OK);
	assert_int_equal(mesh_picture_svg(a, &again), MESH_OK);
	assert_string_equal(svg, again);
	assert_true(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"",
	    39) == 0);
	/* hub is a diamond (and one in the legend). */
	assert_int_equal(count(svg, "<polygon class=\"spof\""), 2);
	/* Two bridges, plus the legend's sample. */
	assert_int_equal(count(svg, "class=\"bridge\""), 3);
	/* x, y, z are cut off: squares (and one in the legend). */
	assert_int_equal(count(svg, "<rect class=\"cutoff\""), 4);
	/* One dot per stored route, plus the legend's. */
	assert_int_equal(count(svg, "<circle class=\"store\""), 6);
	assert_non_null(strstr(svg, ">hub</text>"));
	assert_non_null(strstr(svg, ">s2</text>"));
	free(svg);
	free(again);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

static void
dot_should_put_the_storing_node_first(void **state)
{
	static const char *const names[] = { "a", "b", "c" };
	struct mesh_plan *p = plan_of(names, 3, "c-a a-b b-a");
	struct mesh_analysis *a = analyse(p);
	char *dot = NULL;

	(void)state;
	assert_int_equal(mesh_picture_dot(a, &dot), MESH_OK);
	assert_non_null(strstr(dot, "\"c\" -- \"a\" [dir=back, arrowtail=dot"));
	assert_non_null(strstr(dot, "\"a\" -- \"b\" [dir=both"));
	assert_non_null(strstr(dot, "\"a\" [shape=diamond"));
	free(dot);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

/* A plan whose names need escaping everywhere. */
static struct mesh_plan *
nasty_plan(void)
{
	struct mesh_plan *p = mesh_plan_new("<b>plan</b> & \"co\"", NULL);

	assert_non_null(p);
	assert_int_equal(mesh_plan_add_node(p, "<x&\"y'>", "h1", 9932, 0, 0),
	    0);
	assert_int_equal(mesh_plan_add_node(p, "n|*_[md]", "h2", 9932, 0, 0),
	    1);
	assert_int_equal(mesh_plan_add_route(p, 0, "h2", 9932, 0, 0), 0);
	assert_int_equal(mesh_plan_add_route(p, 1, "gone", 9932, 0, 0), 0);
	resolve_plan(p);
	return p;
}

static void
names_should_be_escaped_in_every_format(void **state)
{
	struct mesh_plan *p = nasty_plan();
	struct mesh_analysis *a = analyse(p);
	struct mesh_review_parts parts;
	char *svg = NULL, *dot = NULL, *html = NULL, *md = NULL;

	(void)state;
	memset(&parts, 0, sizeof(parts));
	parts.svg_name = "t.svg";
	assert_int_equal(mesh_picture_svg(a, &svg), MESH_OK);
	assert_int_equal(mesh_picture_dot(a, &dot), MESH_OK);
	assert_int_equal(mesh_review_html(a, NULL, &parts, &html), MESH_OK);
	assert_int_equal(mesh_review_markdown(a, NULL, &parts, &md), MESH_OK);
	assert_null(strstr(svg, "<x&"));
	assert_non_null(strstr(svg, "&lt;x&amp;&quot;y&#39;&gt;"));
	assert_null(strstr(html, "<x&"));
	assert_null(strstr(html, "<b>plan"));
	assert_non_null(strstr(html, "&lt;b&gt;plan&lt;/b&gt; &amp;"));
	assert_non_null(strstr(dot, "\"<x&\\\"y'>\""));
	assert_non_null(strstr(md, "n\\|\\*\\_\\[md\\]"));
	assert_non_null(strstr(md, "![topology](t.svg)"));
	free(svg);
	free(dot);
	free(html);
	free(md);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

/* The Markdown's picture is a link: its file's name percent-encoded
 * where a URL path cannot hold it as it is (a space, a parenthesis that
 * would end the link, a control, other UTF-8), the rest as it is. */
static void
markdown_picture_link_should_be_encoded(void **state)
{
	struct mesh_plan *p = nasty_plan();
	struct mesh_analysis *a = analyse(p);
	struct mesh_review_parts parts;
	char *md = NULL;

	(void)state;
	memset(&parts, 0, sizeof(parts));
	parts.svg_name = "my review (v2)\n#1\xc3\xa9_x-y.svg";
	assert_int_equal(mesh_review_markdown(a, NULL, &parts, &md), MESH_OK);
	assert_non_null(strstr(md, "![topology](my%20review%20%28v2%29%0A%231"
	    "%C3%A9_x-y.svg)\n"));
	free(md);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

static void
html_should_be_self_contained_with_sections_in_order(void **state)
{
	static const char *const names[] = { "a", "b", "c", "d" };
	static const char *const order[] = { "id=\"verdict\"",
		"id=\"topology\"", "id=\"spof\"", "id=\"bridges\"",
		"id=\"sweep\"", "id=\"domains\"", "id=\"availability\"",
		"id=\"hazards\"", "id=\"diagnostics\"", "id=\"routes\"" };
	struct mesh_plan *p = plan_of(names, 4, "a-b b-c c-d");
	struct mesh_analysis *a = analyse(p);
	char *html = NULL, *again = NULL;
	const char *at, *prev = NULL;
	size_t i;

	(void)state;
	assert_int_equal(mesh_review_html(a, NULL, NULL, &html), MESH_OK);
	assert_int_equal(mesh_review_html(a, NULL, NULL, &again), MESH_OK);
	assert_string_equal(html, again);
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		at = strstr(html, order[i]);
		assert_non_null(at);
		assert_true(prev == NULL || at > prev);
		prev = at;
	}
	/* Nothing fetched: the only URL is the SVG namespace. */
	assert_int_equal(count(html, "http"), 1);
	assert_null(strstr(html, "src="));
	assert_null(strstr(html, "href"));
	assert_null(strstr(html, "url("));
	assert_null(strstr(html, "@import"));
	assert_non_null(strstr(html, "@media print"));
	assert_non_null(strstr(html, "@media (max-width"));
	free(html);
	free(again);
	mesh_analysis_free(a);
	mesh_plan_free(p);
}

static void
an_empty_plan_should_still_draw(void **state)
{
	struct mesh_plan *p = mesh_plan_new(NULL, NULL);
	struct mesh_diags d;
	struct mesh_analysis *a;
	char *svg = NULL, *dot = NULL, *html = NULL;

	(void)state;
	mesh_diags_init(&d);
	assert_int_equal(mesh_plan_resolve(p, &d), MESH_OK);
	a = analyse(p);
	assert_int_equal(mesh_picture_svg(a, &svg), MESH_OK);
	assert_int_equal(mesh_picture_dot(a, &dot), MESH_OK);
	assert_int_equal(mesh_review_html(a, &d, NULL, &html), MESH_OK);
	assert_non_null(strstr(html, "</html>"));
	free(svg);
	free(dot);
	free(html);
	mesh_analysis_free(a);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(layout_should_be_deterministic_and_in_the_unit_square),
		cmocka_unit_test(svg_should_mark_spofs_bridges_and_storing_ends),
		cmocka_unit_test(dot_should_put_the_storing_node_first),
		cmocka_unit_test(names_should_be_escaped_in_every_format),
		cmocka_unit_test(markdown_picture_link_should_be_encoded),
		cmocka_unit_test(html_should_be_self_contained_with_sections_in_order),
		cmocka_unit_test(an_empty_plan_should_still_draw),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
