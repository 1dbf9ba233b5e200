/* test_jsonpos.c: the JSON parser into an arena: values, positions, decoding, streaming, the arena. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "read/json_check.h"
#include "read/json_kit.h"
#include "read/jsonpos.h"
#include "base/util.h"

/* Parse text, which must be valid JSON, without streaming. */
static cJSON *
parse(const char *text, struct mesh_i_jdoc **doc)
{
	size_t bad;
	const char *what;
	cJSON *root = NULL;

	assert_int_equal(mesh_i_json_check(text, strlen(text), &bad, &what), 0);
	assert_int_equal(mesh_i_jdoc_parse(text, strlen(text), NULL, doc,
	    &root), 0);
	assert_non_null(root);
	return root;
}

static void
parse_should_give_each_value_and_key_its_line_and_column(void **state)
{
	/* "é" is two bytes and one column; a tab is one column. */
	const char *text = "{\"é\": 1,\n\t\"b\" : [true, null,\n  \"x\"]}";
	struct mesh_i_jdoc *doc;
	cJSON *root = parse(text, &doc), *a, *b;
	const struct mesh_i_jpos *p;

	(void)state;
	p = mesh_i_jpos_of(root);
	assert_int_equal(p->line, 1);
	assert_int_equal(p->column, 1);
	assert_int_equal(p->key_line, 0);
	a = cJSON_GetObjectItemCaseSensitive(root, "é");
	assert_true(cJSON_IsNumber(a));
	p = mesh_i_jpos_of(a);
	assert_int_equal(p->key_line, 1);
	assert_int_equal(p->key_column, 2);
	assert_int_equal(p->line, 1);
	assert_int_equal(p->column, 7);
	b = cJSON_GetObjectItemCaseSensitive(root, "b");
	assert_true(cJSON_IsArray(b));
	p = mesh_i_jpos_of(b);
	assert_int_equal(p->key_line, 2);
	assert_int_equal(p->key_column, 2);
	assert_int_equal(p->column, 8);
	assert_int_equal(cJSON_GetArraySize(b), 3);
	p = mesh_i_jpos_of(cJSON_GetArrayItem(b, 1));
	assert_int_equal(p->line, 2);
	assert_int_equal(p->column, 15);
	assert_int_equal(p->key_line, 0);
	p = mesh_i_jpos_of(cJSON_GetArrayItem(b, 2));
	assert_int_equal(p->line, 3);
	assert_int_equal(p->column, 3);
	assert_string_equal(cJSON_GetArrayItem(b, 2)->valuestring, "x");
	/* cJSON's list convention: the first child's prev is the last. */
	assert_ptr_equal(b->child->prev, cJSON_GetArrayItem(b, 2));
	mesh_i_jdoc_free(doc);
}

static void
parse_should_decode_escapes_and_surrogates(void **state)
{
	const char *text = "[\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"\\u00e9\\u20ac\","
	    " \"\\ud83d\\ude00\", \"x\\ud800y\", \"\\udc00\", \"a\\u0000b\"]";
	struct mesh_i_jdoc *doc;
	cJSON *root = parse(text, &doc);

	(void)state;
	assert_string_equal(cJSON_GetArrayItem(root, 0)->valuestring,
	    "a\"\\/\b\f\n\r\t");
	assert_string_equal(cJSON_GetArrayItem(root, 1)->valuestring,
	    "\xc3\xa9\xe2\x82\xac");
	assert_string_equal(cJSON_GetArrayItem(root, 2)->valuestring,
	    "\xf0\x9f\x98\x80");
	/* A lone surrogate is no character: U+FFFD stands for it. */
	assert_string_equal(cJSON_GetArrayItem(root, 3)->valuestring,
	    "x\xef\xbf\xbdy");
	assert_string_equal(cJSON_GetArrayItem(root, 4)->valuestring,
	    "\xef\xbf\xbd");
	assert_false(mesh_i_jpos_of(cJSON_GetArrayItem(root, 4))->has_nul);
	assert_true(mesh_i_jpos_of(cJSON_GetArrayItem(root, 5))->has_nul);
	mesh_i_jdoc_free(doc);
}

static void
parse_should_read_numbers_as_cjson_does(void **state)
{
	const char *text = "[0, 9932, -1, 1.5e3, 12345678901, -0.25, 1E2,"
	    " 123456789]";
	static const double want[] = { 0, 9932, -1, 1500, 12345678901.0,
		-0.25, 100, 123456789 };
	struct mesh_i_jdoc *doc;
	cJSON *root = parse(text, &doc), *v;
	size_t i = 0;

	(void)state;
	cJSON_ArrayForEach(v, root) {
		assert_true(cJSON_IsNumber(v));
		assert_true(v->valuedouble == want[i]);
		i++;
	}
	assert_int_equal(i, 8);
	/* valueint saturates as cJSON's does. */
	assert_int_equal(cJSON_GetArrayItem(root, 4)->valueint, INT32_MAX);
	mesh_i_jdoc_free(doc);
}

static void
parse_should_skip_a_byte_order_mark(void **state)
{
	const char *text = "\xef\xbb\xbf{\"a\": \"b\"}";
	struct mesh_i_jdoc *doc;
	cJSON *root = parse(text, &doc);

	(void)state;
	assert_true(cJSON_IsObject(root));
	assert_int_equal(mesh_i_jpos_of(root)->column, 1);
	assert_int_equal(mesh_i_jpos_of(root->child)->column, 7);
	mesh_i_jdoc_free(doc);
}

struct seen {
	int calls;
	int stop_at;
	char names[8][8];
	int lines[8];
	size_t last_end;        /* rises with each element */
};

static int
count_element(void *ctx, const cJSON *elem, size_t end)
{
	struct seen *s = ctx;
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(elem, "n");

	assert_true(s->calls < 8);
	assert_non_null(n);
	snprintf(s->names[s->calls], sizeof(s->names[0]), "%s",
	    n->valuestring);
	s->lines[s->calls] = mesh_i_jpos_of(elem)->line;
	assert_true(end > s->last_end);
	s->last_end = end;
	s->calls++;
	return s->calls == s->stop_at;
}

static void
parse_should_stream_the_first_array_under_the_key(void **state)
{
	const char *text = "{\"name\": \"p\", \"nodes\": [{\"n\": \"a\"},\n"
	    "{\"n\": \"b\"}, {\"n\": \"c\"}],\n\"nodes\": [{\"n\": \"d\"}],"
	    " \"x\": {\"nodes\": [1]}}";
	struct seen s;
	struct mesh_i_jstream st = { "nodes", count_element, &s, NULL, NULL,
	    NULL };
	struct mesh_i_jdoc *doc;
	cJSON *root = NULL, *nodes;

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(mesh_i_jdoc_parse(text, strlen(text), &st, &doc,
	    &root), 0);
	assert_int_equal(s.calls, 3);
	assert_string_equal(s.names[0], "a");
	assert_string_equal(s.names[2], "c");
	assert_int_equal(s.lines[0], 1);
	assert_int_equal(s.lines[1], 2);
	/* The streamed array stays, empty, where it was. */
	nodes = cJSON_GetObjectItemCaseSensitive(root, "nodes");
	assert_true(cJSON_IsArray(nodes));
	assert_int_equal(cJSON_GetArraySize(nodes), 0);
	assert_int_equal(mesh_i_jpos_of(nodes)->column, 24);
	/* A repeated key and deeper arrays are parsed as usual. */
	assert_int_equal(cJSON_GetArraySize(nodes->next), 1);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(root, "x"), "nodes")), 1);
	mesh_i_jdoc_free(doc);
}

static void
parse_should_stop_when_the_stream_asks(void **state)
{
	const char *text = "{\"nodes\": [{\"n\": \"a\"}, {\"n\": \"b\"},"
	    " {\"n\": \"c\"}]}";
	struct seen s;
	struct mesh_i_jstream st = { "nodes", count_element, &s, NULL, NULL,
	    NULL };
	struct mesh_i_jdoc *doc = NULL;
	cJSON *root = NULL;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.stop_at = 2;
	assert_int_equal(mesh_i_jdoc_parse(text, strlen(text), &st, &doc,
	    &root), -1);
	assert_int_equal(s.calls, 2);
	assert_null(doc);
	assert_null(root);
}

/* What a stream saw, in full: each element's text form, positions and
 * end, and what follows the array. A trace forked for the second part of
 * a split array counts from base, the elements before the split; join
 * takes it unless refuse is set. */
struct trace {
	struct mesh_i_buf out;
	int calls, stop_at, base, forks, refuse;
	int split;              /* the elements before the split */
};

static int
trace_element(void *ctx, const cJSON *elem, size_t end)
{
	struct trace *t = ctx;
	const struct mesh_i_jpos *p = mesh_i_jpos_of(elem);
	const cJSON *c;
	char *text = cJSON_PrintUnformatted(elem);

	assert_non_null(text);
	mesh_i_buf_printf(&t->out, "%d:%d %zu %s", p->line, p->column, end,
	    text);
	cJSON_free(text);
	for (c = elem->child; c != NULL; c = c->next) {
		p = mesh_i_jpos_of(c);
		mesh_i_buf_printf(&t->out, " %d:%d/%d:%d", p->key_line,
		    p->key_column, p->line, p->column);
	}
	mesh_i_buf_printf(&t->out, "\n");
	return t->base + ++t->calls == t->stop_at;
}

static int
trace_sized(void *ctx, const struct mesh_i_json_counts *c)
{
	(void)ctx;
	(void)c;
	return 0;
}

static void *
trace_fork(void *ctx, const struct mesh_i_json_counts *c)
{
	struct trace *t = ctx, *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	t->forks++;
	t->split = (int)c->before_split.elements;
	mesh_i_buf_init(&f->out);
	f->stop_at = t->stop_at;
	f->base = (int)c->before_split.elements;
	return f;
}

static int
trace_join(void *ctx, void *forked, size_t end, int ok)
{
	struct trace *t = ctx, *f = forked;
	int take = ok && !t->refuse;

	(void)end;
	/* The first part was read whole: exactly the elements before. */
	if (ok)
		assert_int_equal(t->calls, f->base);
	if (take) {
		mesh_i_buf_add(&t->out, f->out.data, f->out.len);
		t->calls += f->calls;
	}
	mesh_i_buf_free(&f->out);
	free(f);
	return !take;
}

/* Read text, split in two parts from threshold bytes on; the trace is in
 * t (free t->out). Returns what mesh_i_jdoc_load returned. */
static int
stream_with(const char *text, size_t threshold, struct trace *t)
{
	struct mesh_i_jstream st = { "nodes", trace_element, t, trace_sized,
	    trace_fork, trace_join };
	struct mesh_i_jdoc *doc = NULL;
	struct mesh_diags d;
	cJSON *root = NULL, *rest;
	int rc;

	mesh_diags_init(&d);
	mesh_i_buf_init(&t->out);
	t->calls = 0;
	mesh_i_jdoc_two_threads(threshold);
	rc = mesh_i_jdoc_load(text, strlen(text), "s.json", &d, &st, &doc,
	    &root);
	mesh_i_jdoc_two_threads((size_t)1 << 20);
	if (rc == MESH_OK) {
		rest = cJSON_GetObjectItemCaseSensitive(root, "after");
		assert_non_null(rest);
		mesh_i_buf_printf(&t->out, "after %d:%d %d\n",
		    mesh_i_jpos_of(rest)->line, mesh_i_jpos_of(rest)->column,
		    rest->valueint);
	}
	mesh_i_jdoc_free(doc);
	mesh_diags_clear(&d);
	return rc;
}

/* A long streamed array (many small elements with two-byte characters,
 * then long ones) split in two parts gives the callbacks the same
 * elements, positions and ends, in the same order, as one thread: when
 * join takes the second part, when it refuses it (the first thread reads
 * it again), and when a stop is asked in either part. */
static void
split_stream_should_match_one_thread(void **state)
{
	struct mesh_i_buf text;
	struct trace one, two;
	int i, k;

	(void)state;
	mesh_i_buf_init(&text);
	mesh_i_buf_printf(&text, "{\"name\": \"p\",\n \"nodes\": [\n");
	for (i = 0; i < 9000; i++)
		mesh_i_buf_printf(&text, "%s{\"name\": \"n\\u00e9%d\", "
		    "\"port\": %d,\n\t\"routes\": [{\"host\": "
		    "\"h\xc3\xa9%d\"}]}", i ? ",\n  " : "", i, 9000 + i,
		    i + 1);
	for (i = 0; i < 40; i++)
		mesh_i_buf_printf(&text, ", {\"name\": \"long%d\", \"pad\": "
		    "\"%0*d\"}", i, 20000, i);
	mesh_i_buf_printf(&text, "],\n \"after\": 7}");
	assert_non_null(text.data);

	memset(&one, 0, sizeof(one));
	assert_int_equal(stream_with(text.data, (size_t)-1, &one), MESH_OK);
	assert_int_equal(one.calls, 9040);
	assert_int_equal(one.forks, 0);
	for (k = 0; k < 2; k++) {
		memset(&two, 0, sizeof(two));
		two.refuse = k;
		assert_int_equal(stream_with(text.data, 0, &two), MESH_OK);
		assert_int_equal(two.forks, 1);
		assert_int_equal(two.calls, 9040);
		assert_string_equal(one.out.data, two.out.data);
		mesh_i_buf_free(&two.out);
	}
	mesh_i_buf_free(&one.out);

	/* Stops in the first part and in the second: the split falls in
	 * the long elements, the first to start in the second half. */
	for (k = 0; k < 2; k++) {
		memset(&one, 0, sizeof(one));
		memset(&two, 0, sizeof(two));
		one.stop_at = two.stop_at = k ? 9030 : 700;
		assert_int_equal(stream_with(text.data, (size_t)-1, &one),
		    MESH_ENOMEM);
		assert_int_equal(stream_with(text.data, 0, &two),
		    MESH_ENOMEM);
		assert_int_equal(two.calls, one.stop_at);
		assert_int_equal(two.forks, 1);
		assert_true(two.split > 9000 && two.split < 9030);
		assert_string_equal(one.out.data, two.out.data);
		mesh_i_buf_free(&one.out);
		mesh_i_buf_free(&two.out);
	}
	mesh_i_buf_free(&text);
}

/* A NUL byte among white space is no white space (it was taken for one:
 * "the file holds only white space"; found by fuzzing). */
static void
load_should_refuse_a_nul_byte_among_white_space(void **state)
{
	static const char text[] = "\n\0 ";
	struct mesh_i_jdoc *doc = NULL;
	struct mesh_diags d;
	cJSON *root = NULL;

	(void)state;
	mesh_diags_init(&d);
	assert_int_equal(mesh_i_jdoc_load(text, sizeof(text) - 1, "r.json", &d,
	    NULL, &doc, &root), MESH_EINPUT);
	assert_null(doc);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].code, "invalid-json");
	assert_string_equal(d.v[0].message, "invalid JSON: a NUL byte");
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[0].column, 1);
	mesh_diags_clear(&d);
}

/* With the UTF-8 check on a second thread beside the syntax check, its
 * fault is still the one reported, and a good text still loads. */
static void
load_on_two_threads_should_report_as_one(void **state)
{
	static const char bad[] = "{\"a\": \"\xff\", }";
	static const char good[] = "{\"a\": [1, 2]}";
	struct mesh_i_jdoc *doc = NULL;
	struct mesh_diags d;
	cJSON *root = NULL;

	(void)state;
	mesh_diags_init(&d);
	mesh_i_jdoc_two_threads(0);
	assert_int_equal(mesh_i_jdoc_load(bad, sizeof(bad) - 1, "r.json", &d,
	    NULL, &doc, &root), MESH_EINPUT);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].code, "invalid-utf8");
	assert_int_equal(d.v[0].column, 8);
	/* With its NUL: the UTF-8 fault, before the NUL, is still the one. */
	assert_int_equal(mesh_i_jdoc_load(bad, sizeof(bad), "r.json", &d, NULL,
	    &doc, &root), MESH_EINPUT);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[1].code, "invalid-utf8");
	assert_int_equal(mesh_i_jdoc_load(good, sizeof(good) - 1, "r.json", &d,
	    NULL, &doc, &root), MESH_OK);
	mesh_i_jdoc_two_threads((size_t)1 << 20);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
	    root, "a")), 2);
	mesh_i_jdoc_free(doc);
	mesh_diags_clear(&d);
}

static void
arena_should_roll_back_to_a_mark_and_reuse_memory(void **state)
{
	struct mesh_i_arena a;
	struct mesh_i_arena_mark m;
	char *s, *big;
	void *p;

	(void)state;
	mesh_i_arena_init(&a);
	s = mesh_i_arena_strdup(&a, "kept");
	m = mesh_i_arena_mark(&a);
	big = mesh_i_arena_alloc(&a, 1 << 20);        /* its own chunk */
	assert_non_null(big);
	memset(big, 'x', 1 << 20);
	p = mesh_i_arena_alloc(&a, 24);
	assert_non_null(p);
	assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
	mesh_i_arena_release(&a, m);
	assert_string_equal(s, "kept");
	/* The released chunk is kept and handed out again. */
	assert_ptr_equal(mesh_i_arena_alloc(&a, 1 << 20), big);
	/* Text is packed: no alignment between strings. */
	s = mesh_i_arena_text(&a, 3);
	assert_ptr_equal(mesh_i_arena_text(&a, 1), s + 3);
	mesh_i_arena_free(&a);
	mesh_i_arena_free(&a);            /* an empty arena frees again */
}

/* A known-key list longer than any held on the stack: each key still
 * found, a repeat of the last an error at the repeat, an unknown key a
 * warning (issue 16: mesh_i_json_check_keys() held only 8). */
static void
check_keys_should_take_a_list_of_any_length(void **state)
{
	static const char *const known[] = { "k00", "k01", "k02", "k03",
	    "k04", "k05", "k06", "k07", "k08", "k09", "k10", "k11", "k12",
	    "k13", "k14", "k15", "k16", "k17", "k18", "key19", NULL };
	const char *text = "{\"k00\": 1, \"key19\": 2,\n\"k17\": 3, "
	    "\"key19\": 4, \"zzz\": 5}";
	const cJSON *seen[MESH_I_JSON_ROOM(known)];
	struct mesh_diags d;
	struct mesh_i_reader r = { &d, "t.json", 0, 0 };
	struct mesh_i_jdoc *doc;
	cJSON *root = parse(text, &doc);

	(void)state;
	mesh_diags_init(&d);
	mesh_i_json_check_keys(&r, root, known, "the plan", NULL);
	assert_int_equal(r.nomem, 0);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[0].code, "duplicate-key");
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[0].column, 11);
	assert_string_equal(d.v[1].code, "unknown-key");
	mesh_diags_clear(&d);

	mesh_diags_init(&d);
	mesh_i_json_members(&r, root, known, "the plan", NULL, seen);
	assert_int_equal(d.n, 2);
	assert_int_equal(seen[0]->valueint, 1);
	assert_int_equal(seen[17]->valueint, 3);
	assert_int_equal(seen[19]->valueint, 2);
	assert_null(seen[18]);
	mesh_diags_clear(&d);
	mesh_i_jdoc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    parse_should_give_each_value_and_key_its_line_and_column),
		cmocka_unit_test(parse_should_decode_escapes_and_surrogates),
		cmocka_unit_test(parse_should_read_numbers_as_cjson_does),
		cmocka_unit_test(parse_should_skip_a_byte_order_mark),
		cmocka_unit_test(check_keys_should_take_a_list_of_any_length),
		cmocka_unit_test(
		    parse_should_stream_the_first_array_under_the_key),
		cmocka_unit_test(parse_should_stop_when_the_stream_asks),
		cmocka_unit_test(split_stream_should_match_one_thread),
		cmocka_unit_test(load_on_two_threads_should_report_as_one),
		cmocka_unit_test(
		    load_should_refuse_a_nul_byte_among_white_space),
		cmocka_unit_test(
		    arena_should_roll_back_to_a_mark_and_reuse_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
