/* test_harper_yaml.c: the one-pass YAML loader (harper_yaml.c) against libyaml's yaml_parser_load() and a depth pass before it, on chosen texts and on mutations of them, and its word path against libyaml's documents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <yaml.h>

#include "fixture.h"
#include "base/util.h"
#include "read/harper_yaml.h"

/* Texts that reach every kind of event and composer error. */
static const char *const texts[] = {
	"",
	"# only a comment\n",
	"a: 1\n",
	"plain\n",
	"---\na: 1\n...\n---\nb: [1, 2]\n",
	"--- |\n  literal\n  text\n--- >\n  folded\n  text\n",
	"a: 'single'\nb: \"double \\u00e9 \\x41\"\n"
	    "c: |-\n  keep\nd: >+\n  x\n\n",
	"!!str a: !!int 1\n? [x, y]\n: !custom {p: q}\n! e: f\n",
	"%YAML 1.1\n%TAG !e! tag:example.com,2000:\n---\n!e!thing v\n",
	"base: &b {x: 1, y: [2, 3]}\nuse: *b\n*b : key is an alias\n",
	"- &s scalar\n- *s\n- &q [*s, &m {k: *s}]\n- *q\n- *m\n",
	"list:\n- a\n-\n- - nested\n  - - deeper\n"
	    "empty:\nflow: {a, b: , : c}\n",
	"a: 1\na: 2\n",
	"r: &r [*r]\n",
	"x: *nowhere\n",
	"a: &x 1\nb: &x 2\n",
	"a: &x 1\n---\nb: *x\n",
	"a: [1, 2\n",
	"a:\n  b: 1\n c: 2\n",
	"a: \"\\q\"\n",
	"a: b: c\n",
	"- a\nb: 1\n",
	"a: \xff\n",
	"\xef\xbb\xbf" "bom: 1\n",
	"a: @x\n",
	"[[[[1]]]]\n",
	"{a: {b: {c: {d: 1}}}}\n---\n[[[[[2]]]]]\n",
	"x: *u\ny: [[[[[[deep]]]]]]\n",
	"x: [[[[[[deep]]]]]]\ny: *u\n",
	"x: *u\ny: [1, 2\n[[[[[[[[deep]]]]]]]]\n",
	"a: 1\n---\nx: *u\n---\n[[[[[[[[deep]]]]]]]]\n",
	"a: 1\n---\nx: *u\n---\n[[[[1\n",
	"key: &a v\n--- \n[[[[[[[[deep]]]]]]]]\n",
};

/* Whether the marks are the same. */
static int
same_mark(yaml_mark_t a, yaml_mark_t b)
{
	return a.index == b.index && a.line == b.line && a.column == b.column;
}

/* Assert that documents a (libyaml's) and b (the loader's) are the same,
 * node for node. */
static void
same_doc(const yaml_document_t *a, const yaml_document_t *b)
{
	const yaml_node_t *x, *y;
	size_t n = (size_t)(a->nodes.top - a->nodes.start), i;

	assert_int_equal(n, (size_t)(b->nodes.top - b->nodes.start));
	if (n > 0) {
		assert_int_equal(a->start_implicit, b->start_implicit);
		assert_int_equal(a->end_implicit, b->end_implicit);
		assert_true(same_mark(a->start_mark, b->start_mark));
		assert_true(same_mark(a->end_mark, b->end_mark));
	}
	for (i = 0; i < n; i++) {
		x = &a->nodes.start[i];
		y = &b->nodes.start[i];
		assert_int_equal(x->type, y->type);
		assert_string_equal((const char *)x->tag,
		    (const char *)y->tag);
		assert_true(same_mark(x->start_mark, y->start_mark));
		assert_true(same_mark(x->end_mark, y->end_mark));
		switch (x->type) {
		case YAML_SCALAR_NODE:
			assert_int_equal(x->data.scalar.length,
			    y->data.scalar.length);
			assert_memory_equal(x->data.scalar.value,
			    y->data.scalar.value, x->data.scalar.length + 1);
			assert_int_equal(x->data.scalar.style,
			    y->data.scalar.style);
			break;
		case YAML_SEQUENCE_NODE:
			assert_int_equal(x->data.sequence.style,
			    y->data.sequence.style);
			assert_int_equal(x->data.sequence.items.top -
			    x->data.sequence.items.start,
			    y->data.sequence.items.top -
			    y->data.sequence.items.start);
			assert_memory_equal(x->data.sequence.items.start,
			    y->data.sequence.items.start,
			    (size_t)(x->data.sequence.items.top -
			    x->data.sequence.items.start) *
			    sizeof(yaml_node_item_t));
			break;
		case YAML_MAPPING_NODE:
			assert_int_equal(x->data.mapping.style,
			    y->data.mapping.style);
			assert_int_equal(x->data.mapping.pairs.top -
			    x->data.mapping.pairs.start,
			    y->data.mapping.pairs.top -
			    y->data.mapping.pairs.start);
			assert_memory_equal(x->data.mapping.pairs.start,
			    y->data.mapping.pairs.start,
			    (size_t)(x->data.mapping.pairs.top -
			    x->data.mapping.pairs.start) *
			    sizeof(yaml_node_pair_t));
			break;
		default:
			fail();
		}
	}
}

/* Where the old depth pass found the first collection deeper than max:
 * 1 and *m set, or 0 (none before a syntax error or the end of the
 * stream, or of the first document unless whole). */
static int
depth_pass(const char *text, size_t len, size_t max, int whole,
    yaml_mark_t *m)
{
	yaml_parser_t p;
	yaml_event_t ev;
	size_t depth = 0;
	int found = 0, done = 0;

	assert_true(yaml_parser_initialize(&p));
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done && yaml_parser_parse(&p, &ev)) {
		switch (ev.type) {
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++depth > max) {
				*m = ev.start_mark;
				found = done = 1;
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_DOCUMENT_END_EVENT:
			done = !whole;
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return found;
}

/* Assert that the loader reads text (len bytes) as the depth pass then
 * yaml_parser_load() do: the same documents, the same error (kind,
 * problem, context, marks), or the same too-deep collection. whole: as
 * the Kubernetes reader, every document; else the first only, as the
 * Harper reader. */
static void
compare(const char *text, size_t len, size_t max, int whole)
{
	yaml_parser_t pa, pb;
	yaml_document_t da, db;
	struct mesh_i_arena arena;
	struct mesh_i_yloader l;
	enum mesh_i_yload_result r;
	yaml_mark_t ma = { 0, 0, 0 }, mb;
	int deep, oka, n = 0;

	deep = depth_pass(text, len, max, whole, &ma);
	assert_true(yaml_parser_initialize(&pa));
	assert_true(yaml_parser_initialize(&pb));
	yaml_parser_set_input_string(&pa, (const unsigned char *)text, len);
	yaml_parser_set_input_string(&pb, (const unsigned char *)text, len);
	mesh_i_arena_init(&arena);
	mesh_i_yload_init(&l, &pb, &arena, max, whole);
	for (;;) {
		r = mesh_i_yload(&l, &db, &mb);
		if (r == MESH_I_YLOAD_DEEP) {
			assert_true(deep);
			assert_true(same_mark(ma, mb));
			assert_null(yaml_document_get_root_node(&db));
			break;
		}
		if (deep && r == MESH_I_YLOAD_OK &&
		    yaml_document_get_root_node(&db) != NULL && whole) {
			/* Documents before the deep one load. */
			assert_true(yaml_parser_load(&pa, &da));
			same_doc(&da, &db);
			yaml_document_delete(&da);
			continue;
		}
		assert_false(deep);
		oka = yaml_parser_load(&pa, &da);
		if (r == MESH_I_YLOAD_ERROR) {
			assert_false(oka);
			assert_int_equal(pa.error, pb.error);
			assert_true(pa.problem != NULL && pb.problem != NULL);
			assert_string_equal(pa.problem, pb.problem);
			assert_true((pa.context == NULL) ==
			    (pb.context == NULL));
			if (pa.context != NULL) {
				assert_string_equal(pa.context, pb.context);
				assert_true(same_mark(pa.context_mark,
				    pb.context_mark));
			}
			if (pa.error == YAML_READER_ERROR)
				assert_int_equal(pa.problem_offset,
				    pb.problem_offset);
			else
				assert_true(same_mark(pa.problem_mark,
				    pb.problem_mark));
			assert_null(yaml_document_get_root_node(&db));
			break;
		}
		assert_true(oka);
		same_doc(&da, &db);
		oka = yaml_document_get_root_node(&da) != NULL;
		yaml_document_delete(&da);
		if (!oka || !whole)
			break;
		n++;
	}
	(void)n;
	mesh_i_yload_free(&l);
	mesh_i_arena_free(&arena);
	yaml_parser_delete(&pa);
	yaml_parser_delete(&pb);
}

/* Each text, at depth limits from 1 to 9 and without one, as the Harper
 * reader (the first document) and the Kubernetes one (all). */
static void
test_texts(void **state)
{
	size_t i, max;
	int whole;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		for (whole = 0; whole < 2; whole++) {
			for (max = 1; max < 10; max++)
				compare(texts[i], strlen(texts[i]), max, whole);
			compare(texts[i], strlen(texts[i]), 10000, whole);
		}
}

/* The loader's results as the test asserts them, at one glance: a
 * document of the right shape, an alias, an undefined alias, a
 * duplicate anchor, a nesting too deep after an undefined alias. */
static void
test_results(void **state)
{
	static const char deep_after[] = "x: *u\ny: [[[1]]]\n";
	static const char dup[] = "a: &x 1\nb: &x 2\n";
	struct mesh_i_arena arena;
	struct mesh_i_yloader l;
	yaml_parser_t p;
	yaml_document_t d;
	yaml_node_t *root, *v;
	yaml_mark_t m;

	(void)state;
	mesh_i_arena_init(&arena);
	assert_true(yaml_parser_initialize(&p));
	yaml_parser_set_input_string(&p, (const unsigned char *)
	    "a: &n [1, 2]\nb: *n\n", 19);
	mesh_i_yload_init(&l, &p, &arena, 64, 0);
	assert_int_equal(mesh_i_yload(&l, &d, &m), MESH_I_YLOAD_OK);
	root = yaml_document_get_root_node(&d);
	assert_non_null(root);
	assert_int_equal(root->type, YAML_MAPPING_NODE);
	assert_int_equal(root->data.mapping.pairs.top -
	    root->data.mapping.pairs.start, 2);
	assert_int_equal(root->data.mapping.pairs.start[0].value,
	    root->data.mapping.pairs.start[1].value);
	v = yaml_document_get_node(&d, root->data.mapping.pairs.start[1].value);
	assert_int_equal(v->type, YAML_SEQUENCE_NODE);
	assert_int_equal(v->start_mark.line, 0);
	assert_int_equal(v->start_mark.column, 3);   /* at its anchor */
	mesh_i_yload_free(&l);
	yaml_parser_delete(&p);

	assert_true(yaml_parser_initialize(&p));
	yaml_parser_set_input_string(&p, (const unsigned char *)dup,
	    sizeof(dup) - 1);
	mesh_i_yload_init(&l, &p, &arena, 64, 0);
	assert_int_equal(mesh_i_yload(&l, &d, &m), MESH_I_YLOAD_ERROR);
	assert_int_equal(p.error, YAML_COMPOSER_ERROR);
	assert_string_equal(p.problem, "second occurrence");
	assert_int_equal(p.problem_mark.line, 1);
	assert_int_equal(p.context_mark.line, 0);
	mesh_i_yload_free(&l);
	yaml_parser_delete(&p);

	assert_true(yaml_parser_initialize(&p));
	yaml_parser_set_input_string(&p, (const unsigned char *)deep_after,
	    sizeof(deep_after) - 1);
	mesh_i_yload_init(&l, &p, &arena, 3, 0);
	assert_int_equal(mesh_i_yload(&l, &d, &m), MESH_I_YLOAD_DEEP);
	assert_int_equal(m.line, 1);
	assert_int_equal(m.column, 5);
	mesh_i_yload_free(&l);
	yaml_parser_delete(&p);
	mesh_i_arena_free(&arena);
}

/* Every text cut short at each byte, and with one byte changed at a
 * time to one of a few that YAML gives meaning to: the same as libyaml's
 * loader each time. */
static void
test_mutations(void **state)
{
	static const char bytes[] = "&*[]{}:-,?!|>'\"#\n \t%@\\\x80\xff";
	char buf[256];
	size_t i, j, b, len;
	uint32_t seed = 12345;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		len = strlen(texts[i]);
		assert_true(len < sizeof(buf));
		for (j = 0; j <= len; j++) {
			compare(texts[i], j, 3, (int)(j & 1));
			memcpy(buf, texts[i], len);
			for (b = 0; b < 3 && j < len; b++) {
				seed = seed * 1103515245u + 12345u;
				buf[j] = bytes[(seed >> 16) %
				    (sizeof(bytes) - 1)];
				compare(buf, len, 1 + (seed >> 8) % 5,
				    (int)(seed >> 12) & 1);
			}
		}
	}
}

/* libyaml's document of the len bytes at text, against the word path's
 * when it takes the text: 1 when it did. */
static int
compare_word(const char *text, size_t len)
{
	yaml_parser_t p;
	yaml_document_t da, db;
	struct mesh_i_arena arena;
	int r;

	mesh_i_arena_init(&arena);
	r = mesh_i_yload_word(&arena, text, len, &db);
	assert_true(r == 0 || r == 1);
	if (r == 1) {
		assert_true(yaml_parser_initialize(&p));
		yaml_parser_set_input_string(&p, (const unsigned char *)text,
		    len);
		assert_true(yaml_parser_load(&p, &da));
		same_doc(&da, &db);
		/* One plain scalar, nothing after it in the stream. */
		assert_int_equal(db.nodes.top - db.nodes.start, 1);
		yaml_document_delete(&da);
		assert_true(yaml_parser_load(&p, &da));
		assert_null(yaml_document_get_root_node(&da));
		yaml_document_delete(&da);
		yaml_parser_delete(&p);
	}
	mesh_i_arena_free(&arena);
	return r;
}

/* The word path: the words it takes are libyaml's documents node for
 * node (words chosen, and 20,000 random strings over letters, digits,
 * its punctuation and bytes that would end a word); what it leaves to
 * libyaml. */
static void
test_words(void **state)
{
	static const char *const words[] = {
		"true", "false", "null", "9932", "0x1F", "1e3", "node-1",
		"node1.example.com", "_x", "a/b", "a-", "a.", "Z9_-./",
		"y", "NO", "v1.2.3",
	};
	static const char *const not_words[] = {
		"", "-a", ".a", "...", "---", "/a", "a b", "a:b", "a#b",
		"[1]", "{a: 1}", "'q'", "\"q\"", "a\n", "~", "a\tb", "*x",
		"&x a", "!t a", "%x", "@a", "`a", "a,b", "\xc3\xa9",
	};
	static const char bytes[] = "aZ09_.-/ :#\n\t,[]\x80";
	char buf[16];
	uint32_t seed = 777;
	size_t i, j, len, taken = 0;

	(void)state;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		assert_int_equal(compare_word(words[i], strlen(words[i])), 1);
	for (i = 0; i < sizeof(not_words) / sizeof(not_words[0]); i++)
		assert_int_equal(compare_word(not_words[i],
		    strlen(not_words[i])), 0);
	/* A NUL ends no word early. */
	assert_int_equal(compare_word("ab\0c", 4), 0);
	for (i = 0; i < 20000; i++) {
		seed = seed * 1103515245u + 12345u;
		len = 1 + (seed >> 16) % sizeof(buf);
		for (j = 0; j < len; j++) {
			seed = seed * 1103515245u + 12345u;
			buf[j] = bytes[(seed >> 16) % (sizeof(bytes) - 1)];
		}
		taken += (size_t)compare_word(buf, len);
	}
	/* Both kinds were drawn. */
	assert_true(taken > 100 && taken < 20000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_results),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
