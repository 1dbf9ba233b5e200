/* fixture.c: what the unit tests share: plans, parsing, diagnostics
 * (fixture.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"

struct mesh_plan *
plan_of(const char *const *names, size_t n, const char *links)
{
	struct mesh_plan *p = mesh_plan_new("t", NULL);
	char a[32], b[32];
	int used;
	size_t i;

	assert_non_null(p);
	for (i = 0; i < n; i++)
		assert_int_equal(mesh_plan_add_node(p, names[i], NULL, 9932, 0,
		    0), (int)i);
	while (sscanf(links, " %31[^-]-%31s%n", a, b, &used) == 2) {
		int from = mesh_plan_find(p, a);

		assert_true(from >= 0);
		assert_int_equal(mesh_plan_add_route(p, from, b, 9932, 0, 0),
		    0);
		links += used;
	}
	resolve_plan(p);
	return p;
}

void
resolve_plan(struct mesh_plan *p)
{
	struct mesh_diags d;

	mesh_diags_init(&d);
	assert_int_equal(mesh_plan_resolve(p, &d), MESH_OK);
	mesh_diags_clear(&d);
}

int *
add_random_nodes(struct mesh_plan *p, uint64_t *state, int n,
    int own_hosts, unsigned zones)
{
	int *hostof = malloc(((size_t)n + 1) * sizeof(int));
	char name[16], host[16];
	int nhosts, i;

	assert_non_null(hostof);
	nhosts = own_hosts ? n : 1 + (int)(next_random(state) % (uint32_t)n);
	for (i = 0; i < n; i++) {
		hostof[i] = own_hosts ? i :
		    (int)(next_random(state) % (uint32_t)nhosts);
		snprintf(name, sizeof(name), "n%02d", i);
		snprintf(host, sizeof(host), "h%d", hostof[i]);
		assert_int_equal(mesh_plan_add_node(p, name, host, 9000 + i,
		    0, 0), i);
		if (next_random(state) % 5 != 0) {
			snprintf(host, sizeof(host), "z%u",
			    next_random(state) % zones);
			assert_int_equal(mesh_plan_set_label(p, i, "zone",
			    host), 0);
		}
	}
	return hostof;
}

void
add_route_to(struct mesh_plan *p, const int *hostof, int a, int b)
{
	char host[16];

	snprintf(host, sizeof(host), "h%d", hostof[b]);
	assert_int_equal(mesh_plan_add_route(p, a, host, 9000 + b, 0, 0), 0);
}

enum mesh_error
parse_text(const char *text, const char *file, enum mesh_format fmt,
    struct mesh_plan **plan, struct mesh_diags *d)
{
	mesh_diags_init(d);
	return mesh_plan_parse(text, strlen(text), file, fmt, d, plan);
}

struct mesh_plan *
plan_from_text(const char *text, const char *file, enum mesh_format fmt)
{
	struct mesh_plan *p = NULL;
	struct mesh_diags d;

	assert_int_equal(parse_text(text, file, fmt, &p, &d), MESH_OK);
	mesh_diags_clear(&d);
	assert_non_null(p);
	return p;
}

char *
plan_json(const struct mesh_plan *p)
{
	char *s = NULL;

	return mesh_plan_export(p, MESH_EXPORT_JSON, &s) == MESH_OK ? s : NULL;
}

const struct mesh_diag *
find_code(const struct mesh_diags *d, const char *code)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].code, code) == 0)
			return &d->v[i];
	return NULL;
}

const struct mesh_diag *
must_find(const struct mesh_diags *d, const char *code)
{
	static const struct mesh_diag none;
	const struct mesh_diag *g = find_code(d, code);

	if (g == NULL)
		fail_msg("no diagnostic '%s'", code);
	return g != NULL ? g : &none;
}

void
expect_error_at(const struct mesh_diags *d, const char *code,
    const char *file, int line, int column)
{
	const struct mesh_diag *g = must_find(d, code);

	assert_int_equal(g->severity, MESH_ERROR);
	assert_string_equal(g->file, file);
	assert_int_equal(g->line, line);
	assert_int_equal(g->column, column);
}

size_t
count_code(const struct mesh_diags *d, const char *code)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		n += strcmp(d->v[i].code, code) == 0;
	return n;
}

int
bit_count(uint32_t x)
{
	int c = 0;

	for (; x != 0; x &= x - 1)
		c++;
	return c;
}

uint32_t
next_random(uint64_t *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(*state >> 33);
}
