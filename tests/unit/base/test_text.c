/* test_text.c: the text helpers: UTF-8 checking, positions, control characters made visible, the did-you-mean search, the JSON syntax check, the hash map, pair sorting, the printf helpers, arrays in one block. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "base/hostcheck.h"
#include "base/swar.h"
#include "read/json_check.h"
#include "meshsim/meshsim.h"
#include "base/text.h"
#include "base/map.h"
#include "base/util.h"

static void
utf8_check_should_accept_valid_text_and_refuse_overlongs(void **state)
{
	size_t bad = 0;
	int nul = 0;

	(void)state;
	assert_int_equal(mesh_i_utf8_check("a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98"
	    "\x80", 10, &bad, &nul), 0);
	assert_int_equal(mesh_i_utf8_check("ab\xc0\xaf", 4, &bad, &nul), -1);
	assert_int_equal(bad, 2);                       /* overlong '/' */
	assert_int_equal(mesh_i_utf8_check("\xed\xa0\x80", 3, &bad, &nul), -1);
	assert_int_equal(bad, 0);                       /* a surrogate */
	assert_int_equal(mesh_i_utf8_check("ab\xe2\x82", 4, &bad, &nul), -1);
	assert_int_equal(bad, 2);                       /* cut short */
	assert_int_equal(mesh_i_utf8_check("a\0b", 3, &bad, &nul), -1);
	assert_int_equal(bad, 1);
	assert_true(nul);
}

static void
text_position_should_count_lines_and_characters(void **state)
{
	int line, col;

	(void)state;
	mesh_i_text_position("ab\n\xc3\xa9x", 5, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 2);
	mesh_i_text_position("abc", 0, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
}

/* mesh_i_utf8_starts() against a byte at a time, at every length and
 * offset of a text with characters of one to four bytes. */
static void
utf8_starts_should_count_what_does_not_continue_a_character(void **state)
{
	static const char text[] = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"
	    "bc\x80\xbf\xc0\x7f\xff d\xc3\xa9\xc3\xa9\xe2\x82\xac"
	    "\xe2\x82\xac efgh\xf0\x9f\x98\x80\xf0\x9f\x98\x80";
	size_t from, n, i, want;

	(void)state;
	for (from = 0; from < sizeof(text) - 1; from++)
		for (n = 0; from + n <= sizeof(text) - 1; n++) {
			for (i = 0, want = 0; i < n; i++)
				want += ((unsigned char)text[from + i] &
				    0xc0) != 0x80;
			assert_int_equal(mesh_i_utf8_starts(text + from, n),
			    want);
		}
}

/* The first byte of eight that ends a plain string run, a byte at a
 * time: what mesh_i_swar_string_end() must give. */
static size_t
string_end_slowly(const unsigned char *w, int controls)
{
	size_t k;

	for (k = 0; k < 8; k++)
		if (w[k] == '"' || w[k] == '\\' || (controls && w[k] < 0x20))
			break;
	return k;
}

static void
swar_string_end_should_find_the_first_quote_backslash_or_control(
    void **state)
{
	unsigned char w[8];
	unsigned seed = 16;
	int pos, v, k, controls, i;

	(void)state;
	/* Every byte value at every place, after plain and high bytes. */
	for (controls = 0; controls <= 1; controls++)
		for (pos = 0; pos < 8; pos++)
			for (v = 0; v < 256; v++) {
				for (k = 0; k < 8; k++)
					w[k] = k % 2 ? 'a' : 0xff;
				w[pos] = (unsigned char)v;
				assert_int_equal(mesh_i_swar_string_end(
				    (const char *)w, controls),
				    string_end_slowly(w, controls));
			}
	/* Words of random bytes, many of them special. */
	for (i = 0; i < 200000; i++) {
		for (k = 0; k < 8; k++) {
			static const unsigned char pick[] = { '"', '\\',
			    0x00, 0x1f, 0x20, 0x21, 0x5b, 0x5d, 0x7f, 0x80,
			    0xa2, 0xdc, 0xff, 'a' };

			w[k] = rand_r(&seed) % 3 ? (unsigned char)(rand_r(
			    &seed) % 256) : pick[rand_r(&seed) %
			    sizeof(pick)];
		}
		controls = i % 2;
		assert_int_equal(mesh_i_swar_string_end((const char *)w,
		    controls), string_end_slowly(w, controls));
	}
}

/* The offset the JSON check reports for text, or -1 when it passes. */
static long
json_fault(const char *text)
{
	size_t off;
	const char *what;

	if (mesh_i_json_check(text, strlen(text), &off, &what) == 0)
		return -1;
	return (long)off;
}

static void
json_check_should_accept_what_rfc_8259_accepts(void **state)
{
	(void)state;
	assert_int_equal(json_fault("{\"a\": [1, -2.5e+3, 0, true, false, "
	    "null, \"\\u00e9\\n\"], \"b\": {}}"), -1);
	assert_int_equal(json_fault("  \n[]\n"), -1);
	assert_int_equal(json_fault("\xef\xbb\xbf{}"), -1);
}

static void
json_check_should_point_at_each_fault(void **state)
{
	(void)state;
	assert_int_equal(json_fault("{\"a\": 1,}"), 8);
	assert_int_equal(json_fault("[1,]"), 3);
	assert_int_equal(json_fault("{\"a\" 1}"), 5);
	assert_int_equal(json_fault("[01]"), 1);
	assert_int_equal(json_fault("[1.]"), 3);
	assert_int_equal(json_fault("[\"a\\x\"]"), 3);
	assert_int_equal(json_fault("[\"a"), 3);
	assert_int_equal(json_fault("{} x"), 3);
	assert_int_equal(json_fault("[tru]"), 1);
	assert_int_equal(json_fault(""), 0);
}

/* n nested lists into buf (2n + 1 bytes). */
static const char *
nested(char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		buf[i] = '[';
		buf[2 * n - 1 - i] = ']';
	}
	buf[2 * n] = '\0';
	return buf;
}

static void
json_check_should_refuse_nesting_beyond_the_depth_limit(void **state)
{
	char deep[MESH_LIMIT_DEPTH_MAX * 2 + 4];
	struct mesh_limits l;
	size_t off;
	const char *what;

	(void)state;
	/* The default: n levels pass; one more fails at its opening
	 * bracket, and the message names the option that raises it. */
	assert_int_equal(json_fault(nested(deep, MESH_LIMIT_DEPTH)), -1);
	assert_int_equal(json_fault(nested(deep, MESH_LIMIT_DEPTH + 1)),
	    MESH_LIMIT_DEPTH);
	assert_int_equal(mesh_i_json_check(deep, strlen(deep), &off, &what), -1);
	assert_non_null(strstr(what, "--max-depth"));
	/* Raised to the most allowed, and lowered. */
	mesh_limits_default(&l);
	l.depth = MESH_LIMIT_DEPTH_MAX;
	assert_int_equal(mesh_limits_set(&l), MESH_OK);
	assert_int_equal(json_fault(nested(deep, MESH_LIMIT_DEPTH_MAX)), -1);
	assert_int_equal(json_fault(nested(deep, MESH_LIMIT_DEPTH_MAX + 1)),
	    MESH_LIMIT_DEPTH_MAX);
	l.depth = 2;
	assert_int_equal(mesh_limits_set(&l), MESH_OK);
	assert_int_equal(json_fault("{\"a\": [1]}"), -1);
	assert_int_equal(json_fault("{\"a\": [[1]]}"), 7);
	/* Beyond the most allowed is refused and changes nothing. */
	l.depth = MESH_LIMIT_DEPTH_MAX + 1;
	assert_int_equal(mesh_limits_set(&l), MESH_EINVAL);
	assert_int_equal(mesh_limits_get()->depth, 2);
	assert_int_equal(mesh_limits_set(NULL), MESH_OK);
	assert_int_equal(mesh_limits_get()->depth, MESH_LIMIT_DEPTH);
}

static void
map_should_find_what_was_put_and_keep_the_first(void **state)
{
	struct mesh_i_map m;
	char keys[1000][16];
	int i;

	(void)state;
	mesh_i_map_init(&m);
	assert_int_equal(mesh_i_map_get(&m, "x", 0), -1);
	for (i = 0; i < 1000; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%d", i);
		assert_int_equal(mesh_i_map_put(&m, keys[i], i % 3, i), -1);
	}
	assert_int_equal(mesh_i_map_put(&m, "k5", 2, 99), 5);
	for (i = 0; i < 1000; i++)
		assert_int_equal(mesh_i_map_get(&m, keys[i], i % 3), i);
	assert_int_equal(mesh_i_map_get(&m, "k5", 1), -1);
	mesh_i_map_free(&m);
}

static void
sort_pairs_should_order_by_first_then_second_key(void **state)
{
	int p[] = { 2, 1, 0, 3, 2, 0, 0, 1 };
	int keys[] = { 3, 2, 1, 0 };    /* reversed order */

	(void)state;
	assert_int_equal(mesh_i_sort_pairs(p, 4, NULL, 4), 0);
	assert_int_equal(p[0], 0);
	assert_int_equal(p[1], 1);
	assert_int_equal(p[2], 0);
	assert_int_equal(p[3], 3);
	assert_int_equal(p[4], 2);
	assert_int_equal(p[5], 0);
	assert_int_equal(mesh_i_sort_pairs(p, 4, keys, 4), 0);
	/* By key: (2,1) (2,0) (0,3) (0,1). */
	assert_int_equal(p[0], 2);
	assert_int_equal(p[1], 1);
	assert_int_equal(p[2], 2);
	assert_int_equal(p[3], 0);
	assert_int_equal(p[4], 0);
	assert_int_equal(p[5], 3);
}

static void
json_strings_should_be_escaped(void **state)
{
	struct mesh_i_buf b;
	char *s;

	(void)state;
	mesh_i_buf_init(&b);
	mesh_i_buf_json_string(&b, "a\"b\\c\n\x01\xc3\xa9");
	s = mesh_i_buf_take(&b);
	assert_string_equal(s, "\"a\\\"b\\\\c\\n\\u0001\xc3\xa9\"");
	free(s);
}

/* mesh_i_control() on every byte, and on 0xc2 before every byte: the
 * escape of each control, 0 for everything else, against the table
 * docs/diagnostics.md gives (computed here apart). */
static void
control_should_escape_c0_del_and_c1_alone(void **state)
{
	char s[3] = { 0 }, esc[MESH_I_CONTROL_ESC], want[16];
	int c;

	(void)state;
	for (c = 0; c < 256; c++) {
		s[0] = (char)c;
		s[1] = 'x';
		strcpy(esc, "same");
		if (c == 0 || (c >= 0x20 && c != 0x7f)) {
			assert_int_equal(mesh_i_control(s, esc), 0);
			assert_string_equal(esc, "same");
			continue;
		}
		if (c == '\n' || c == '\r' || c == '\t')
			snprintf(want, sizeof(want), "\\%c", c == '\n' ? 'n' :
			    c == '\r' ? 'r' : 't');
		else
			snprintf(want, sizeof(want), "\\x%02x", c);
		assert_int_equal(mesh_i_control(s, esc), 1);
		assert_string_equal(esc, want);
		assert_int_equal(mesh_i_control(s, NULL), 1);
	}
	/* 0xc2 starts U+0080 to U+00BF: only U+0080 to U+009F are C1. */
	s[0] = '\xc2';
	for (c = 0; c < 256; c++) {
		s[1] = (char)c;
		if (c < 0x80 || c > 0x9f) {
			assert_int_equal(mesh_i_control(s, esc), 0);
			continue;
		}
		snprintf(want, sizeof(want), "\\u%04x", c);
		assert_int_equal(mesh_i_control(s, esc), 2);
		assert_string_equal(esc, want);
		assert_true(strlen(esc) < MESH_I_CONTROL_ESC);
	}
}

/* mesh_i_control_span() against a byte at a time, at every offset and
 * length of random text rich in the bytes it looks for and their
 * neighbours (0x1f, 0x20, 0x7e, 0x80, 0xc1, 0xc3, 0xff). */
static void
control_span_should_find_the_first_candidate(void **state)
{
	static const unsigned char pick[] = { 'a', 'b', 0x01, 0x1f, 0x20,
		0x7e, 0x7f, 0x80, 0xc1, 0xc2, 0xc3, 0xff };
	char text[64];
	uint64_t rng = 3;
	size_t round, i, off, n, want;

	(void)state;
	for (round = 0; round < 2000; round++) {
		for (i = 0; i < sizeof(text); i++)
			text[i] = (char)(next_random(&rng) % 8 == 0 ?
			    pick[next_random(&rng) % sizeof(pick)] : 'x');
		off = next_random(&rng) % 16;
		n = next_random(&rng) % (sizeof(text) - off);
		for (want = 0; want < n &&
		    !MESH_I_MAY_CONTROL(text[off + want]); want++)
			;
		assert_int_equal(mesh_i_control_span(text + off, n), want);
	}
}

/* HTML and SVG text: entities, and controls as mesh_i_control() shows
 * them; other UTF-8 (U+00A0, U+00E9) and a backslash as they are. */
static void
xml_text_should_show_control_characters(void **state)
{
	struct mesh_i_buf b;
	char *s;

	(void)state;
	mesh_i_buf_init(&b);
	mesh_i_buf_xml(&b, "a<\x1b[2J>&\n\"'\t\x7f\xc2\x9b\xc2\xa0\xc3\xa9"
	    "\\x1b\xc2");
	s = mesh_i_buf_take(&b);
	assert_string_equal(s, "a&lt;\\x1b[2J&gt;&amp;\\n&quot;&#39;\\t\\x7f"
	    "\\u009b\xc2\xa0\xc3\xa9\\x1b\xc2");
	free(s);
}

/* A YAML scalar of a config snippet: as it is without a control
 * character (quotes and backslashes too); else double-quoted, with the
 * escapes YAML reads back. */
static void
yaml_scalars_should_quote_only_control_characters(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "10.0.0.1", "10.0.0.1" },
		{ "a\"b\\c:d", "a\"b\\c:d" },
		{ "", "" },
		{ "h\xc2\x85" "x", "\"h\\u0085x\"" },
		{ "a\"\\\x1b\n\xc3\xa9", "\"a\\\"\\\\\\x1b\\n\xc3\xa9\"" },
	};
	struct mesh_i_buf b;
	size_t i;
	char *s;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mesh_i_buf_init(&b);
		mesh_i_buf_yaml(&b, cases[i].in);
		s = mesh_i_buf_take(&b);
		assert_string_equal(s, cases[i].out);
		free(s);
	}
}

static void
ipv4_check_should_flag_dotted_quads_that_are_not_addresses(void **state)
{
	static const char *const fine[] = { "3.62.184.20", "0.0.0.0",
		"255.255.255.255", "10.0.0.1.", "node1", "3.735.184.8.nip.io",
		"12345", "::1", "fe80::1.2.3.4", "1.2.3.x", "" };
	static const struct {
		const char *host, *why;
	} bad[] = {
		{ "3.735.184.8", "735 is over 255" },
		{ "256.1.1.1", "256 is over 255" },
		{ "1.2.3.4444", "4444 is over 255" },
		{ "1.2.3", "it has 3 parts, not 4" },
		{ "1.2.3.4.5", "it has 5 parts, not 4" },
		{ "1..2.3", "it has an empty part" },
		{ "010.1.1.1", "010 has a leading zero, which some resolvers "
		  "read as octal and others refuse" },
	};
	char why[120];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(fine) / sizeof(fine[0]); i++)
		assert_int_equal(mesh_i_ipv4_invalid(fine[i], why, sizeof(why)),
		    0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(mesh_i_ipv4_invalid(bad[i].host, why,
		    sizeof(why)), 1);
		assert_string_equal(why, bad[i].why);
	}
}

static void
writable_hosts_should_be_the_ones_the_readers_take(void **state)
{
	(void)state;
	assert_true(mesh_i_host_writable("node1.example.com"));
	assert_true(mesh_i_host_writable("::1"));
	assert_false(mesh_i_host_writable(""));
	assert_false(mesh_i_host_writable("New York"));
	assert_false(mesh_i_host_writable("a/b"));
	assert_false(mesh_i_host_writable("a\tb"));
}

/* Edit distances for suggestions: Levenshtein, case folded on request,
 * refused (SIZE_MAX) beyond the length given. */
static void
edit_distance_should_count_edits_within_its_bound(void **state)
{
	(void)state;
	assert_int_equal(mesh_i_edit_distance("routes", "routes", 30, 0), 0);
	assert_int_equal(mesh_i_edit_distance("routes", "route", 30, 0), 1);
	assert_int_equal(mesh_i_edit_distance("port", "prot", 30, 0), 2);
	assert_int_equal(mesh_i_edit_distance("", "abc", 30, 0), 3);
	assert_int_equal(mesh_i_edit_distance("kitten", "sitting", 30, 0), 3);
	assert_int_equal(mesh_i_edit_distance("Node2", "node2", 30, 0), 1);
	assert_int_equal(mesh_i_edit_distance("Node2", "node2", 30, 1), 0);
	assert_true(mesh_i_edit_distance("abcd", "abc", 3, 0) == SIZE_MAX);
	assert_true(mesh_i_edit_distance("a", "b", 1000, 0) == 1);
	/* A swap is one edit with MESH_I_EDIT_SWAP, two without. */
	assert_int_equal(mesh_i_edit_distance("port", "prot", 30,
	    MESH_I_EDIT_SWAP), 1);
	assert_int_equal(mesh_i_edit_distance("nodeName", "ndoename", 30,
	    MESH_I_EDIT_FOLD | MESH_I_EDIT_SWAP), 1);
	assert_int_equal(mesh_i_edit_distance("ab", "ba", 30,
	    MESH_I_EDIT_SWAP), 1);
}

/* A random word of 0 to 11 letters of "aAbBc-", for nearer_*. */
static void
random_word(uint64_t *state, char *w)
{
	static const char letters[] = "aAbBc-";
	uint32_t n = next_random(state) % 12, i;

	for (i = 0; i < n; i++)
		w[i] = letters[next_random(state) % (sizeof(letters) - 1)];
	w[n] = '\0';
}

/* mesh_i_nearer() over a list of names picks what the edit distance on
 * every name picks (the first of the nearest, case ignored, if within a
 * third of the word), on 20,000 random words and lists of close names
 * over a small alphabet: ties, case-only differences, none near. */
static void
nearer_should_pick_the_first_of_the_nearest(void **state)
{
	static char names[40][16];
	char word[16];
	uint64_t rng = 7;
	int round, i, want, got, n;

	(void)state;
	for (round = 0; round < 20000; round++) {
		struct mesh_i_near nr;
		size_t max, best = SIZE_MAX, d, wbest = SIZE_MAX;

		n = (int)(next_random(&rng) % 40);
		for (i = 0; i < n; i++)
			random_word(&rng, names[i]);
		random_word(&rng, word);
		max = 1 + strlen(word) / 3;
		want = got = -1;
		for (i = 0; i < n; i++) {
			d = mesh_i_edit_distance(word, names[i], 64,
			    MESH_I_EDIT_FOLD);
			if (d < wbest) {
				wbest = d;
				want = i;
			}
		}
		if (wbest > max)
			want = -1;
		mesh_i_near_init(&nr, word, strlen(word));
		for (i = 0; i < n; i++)
			if (mesh_i_nearer(&nr, word, names[i], max, &best))
				got = i;
		assert_int_equal(got, want);
		if (got >= 0)
			assert_int_equal(best, wbest);
	}
}

/* A word longer than the edit distance takes finds nothing, not even
 * itself (as the edit distance, SIZE_MAX, on every name). */
static void
nearer_should_find_nothing_for_a_too_long_word(void **state)
{
	char w[MESH_I_EDIT_MAX + 2];
	struct mesh_i_near nr;
	size_t best = SIZE_MAX;

	(void)state;
	memset(w, 'a', sizeof(w) - 1);
	w[sizeof(w) - 1] = '\0';
	mesh_i_near_init(&nr, w, strlen(w));
	assert_false(mesh_i_nearer(&nr, w, w, 1000, &best));
	assert_true(best == SIZE_MAX);
	w[sizeof(w) - 2] = '\0';      /* MESH_I_EDIT_MAX long: found */
	mesh_i_near_init(&nr, w, strlen(w));
	assert_true(mesh_i_nearer(&nr, w, w, 1000, &best));
	assert_int_equal(best, 0);
}

/* The keys of the index map tests: idx's key is keys[idx]. */
static int
same_key(const void *ctx, int idx, const void *key)
{
	return strcmp(((const char *const *)ctx)[idx], key) == 0;
}

static void
imap_should_find_each_index_by_its_key_and_keep_the_first(void **state)
{
	static char names[3000][16];
	const char *keys[3001];
	struct mesh_i_imap m;
	int i;

	(void)state;
	mesh_i_imap_init(&m);
	assert_int_equal(mesh_i_imap_get(&m, mesh_i_map_hash("a", 0), same_key,
	    keys, "a"), -1);
	/* Reserved for 100, then grown well past it: every key still found. */
	assert_int_equal(mesh_i_imap_reserve(&m, 100), 0);
	for (i = 0; i < 3000; i++) {
		snprintf(names[i], sizeof(names[i]), "n%d", i);
		keys[i] = names[i];
		assert_int_equal(mesh_i_imap_put(&m, mesh_i_map_hash(keys[i],
		    0), same_key, keys, keys[i], i), -1);
	}
	/* A second index with an equal key: the first is kept. */
	keys[3000] = "n17";
	assert_int_equal(mesh_i_imap_put(&m, mesh_i_map_hash("n17", 0),
	    same_key, keys, "n17", 3000), 17);
	assert_int_equal(m.len, 3000);
	for (i = 0; i < 3000; i++)
		assert_int_equal(mesh_i_imap_get(&m, mesh_i_map_hash(keys[i],
		    0), same_key, keys, keys[i]), i);
	assert_int_equal(mesh_i_imap_get(&m, mesh_i_map_hash("n3000", 0),
	    same_key, keys, "n3000"), -1);
	/* Under another key's hash, a key is told apart by the test. */
	assert_int_equal(mesh_i_imap_get(&m, mesh_i_map_hash("n5", 0),
	    same_key, keys, "n6"), -1);
	mesh_i_imap_free(&m);
	assert_int_equal(m.cap, 0);
}

static void
json_check_should_count_under_the_key_for_sizing(void **state)
{
	const char *text = "{\"x\": [[1, 2, 3]], \"nodes\": [{\"a\": 1, "
	    "\"routes\": [{\"h\": 1}, {\"h\": 2}], \"labels\": {\"z\": "
	    "\"1\", \"y\": \"2\"}}, {\"routes\": [3]}, 4], \"nodes\": [5, "
	    "6]}";
	struct mesh_i_json_counts c;
	const char *what;
	size_t off;

	(void)state;
	assert_int_equal(mesh_i_json_check_count(text, strlen(text), &off,
	    &what, "nodes", &c), 0);
	assert_int_equal(c.elements, 3);        /* the first "nodes" only */
	assert_int_equal(c.inner_elements, 3);  /* 2 + 1 routes */
	assert_int_equal(c.inner_members, 2);   /* the labels */
	assert_int_equal(mesh_i_json_check_count("{\"nodes\": [1,", 12, &off,
	    &what, "nodes", &c), -1);
	assert_int_equal(off, 12);
}

/* mesh_i_buf_printf() and mesh_i_asprintf() give snprintf's text at
 * every length around the room a buffer has left and around the stack
 * buffer's size, whether the first try fits or not. */
static void
printf_helpers_should_give_snprintf_text_at_every_length(void **state)
{
	char want[1200], fill[600], *s;
	struct mesh_i_buf b;
	size_t len, pre;

	(void)state;
	memset(fill, 'x', sizeof(fill) - 1);
	fill[sizeof(fill) - 1] = '\0';
	for (pre = 0; pre < 300; pre += 37) {
		for (len = 0; len < 560; len++) {
			mesh_i_buf_init(&b);
			mesh_i_buf_add(&b, fill, pre);
			mesh_i_buf_printf(&b, "<%.*s|%zu>", (int)len, fill,
			    len);
			snprintf(want, sizeof(want), "%.*s<%.*s|%zu>",
			    (int)pre, fill, (int)len, fill, len);
			assert_int_equal(b.len, strlen(want));
			assert_string_equal(b.data, want);
			mesh_i_buf_printf(&b, "%s", "");
			assert_string_equal(b.data, want);
			mesh_i_buf_free(&b);
		}
	}
	for (len = 240; len < 270; len++) {
		s = mesh_i_asprintf("%.*s%d", (int)len, fill, 7);
		snprintf(want, sizeof(want), "%.*s%d", (int)len, fill, 7);
		assert_non_null(s);
		assert_string_equal(s, want);
		free(s);
	}
}

/* mesh_i_alloc_arrays() lays the arrays out apart, each aligned for any
 * type and zeroed when asked, and refuses sizes that overflow. */
static void
alloc_arrays_should_give_aligned_separate_arrays(void **state)
{
	const size_t sz[] = { 3, 0, 17, 1, 64 };
	void *p[5], *q[2], *block;
	size_t i, j;

	(void)state;
	block = mesh_i_alloc_arrays(5, sz, p, 1);
	assert_non_null(block);
	assert_ptr_equal(p[0], block);
	for (i = 0; i < 5; i++) {
		assert_int_equal((uintptr_t)p[i] % _Alignof(max_align_t), 0);
		for (j = 0; j < sz[i]; j++)
			assert_int_equal(((unsigned char *)p[i])[j], 0);
		memset(p[i], (int)i + 1, sz[i]);
		if (i > 0)
			assert_true((char *)p[i - 1] + sz[i - 1] <=
			    (char *)p[i]);
	}
	for (i = 0; i < 5; i++)
		for (j = 0; j < sz[i]; j++)
			assert_int_equal(((unsigned char *)p[i])[j], i + 1);
	free(block);
	{
		/* The sum overflows; one size overflows when rounded. */
		const size_t huge[] = { SIZE_MAX / 2 + 1, SIZE_MAX / 2 + 1 };
		const size_t top[] = { SIZE_MAX };

		q[0] = q[1] = &q;
		assert_null(mesh_i_alloc_arrays(2, huge, q, 0));
		assert_null(mesh_i_alloc_arrays(1, top, q, 0));
		assert_ptr_equal(q[0], &q);
		assert_ptr_equal(q[1], &q);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_check_should_accept_valid_text_and_refuse_overlongs),
		cmocka_unit_test(text_position_should_count_lines_and_characters),
		cmocka_unit_test(
		    utf8_starts_should_count_what_does_not_continue_a_character),
		cmocka_unit_test(
		    swar_string_end_should_find_the_first_quote_backslash_or_control),
		cmocka_unit_test(json_check_should_accept_what_rfc_8259_accepts),
		cmocka_unit_test(json_check_should_point_at_each_fault),
		cmocka_unit_test(json_check_should_refuse_nesting_beyond_the_depth_limit),
		cmocka_unit_test(map_should_find_what_was_put_and_keep_the_first),
		cmocka_unit_test(imap_should_find_each_index_by_its_key_and_keep_the_first),
		cmocka_unit_test(json_check_should_count_under_the_key_for_sizing),
		cmocka_unit_test(sort_pairs_should_order_by_first_then_second_key),
		cmocka_unit_test(json_strings_should_be_escaped),
		cmocka_unit_test(control_should_escape_c0_del_and_c1_alone),
		cmocka_unit_test(xml_text_should_show_control_characters),
		cmocka_unit_test(control_span_should_find_the_first_candidate),
		cmocka_unit_test(yaml_scalars_should_quote_only_control_characters),
		cmocka_unit_test(ipv4_check_should_flag_dotted_quads_that_are_not_addresses),
		cmocka_unit_test(writable_hosts_should_be_the_ones_the_readers_take),
		cmocka_unit_test(edit_distance_should_count_edits_within_its_bound),
		cmocka_unit_test(nearer_should_pick_the_first_of_the_nearest),
		cmocka_unit_test(nearer_should_find_nothing_for_a_too_long_word),
		cmocka_unit_test(
		    printf_helpers_should_give_snprintf_text_at_every_length),
		cmocka_unit_test(alloc_arrays_should_give_aligned_separate_arrays),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
