/* test_kit.c: the did-you-mean of the readers' kit: the cheap bound (mesh_i_near_may) never refuses a key the edit distance would take. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/text.h"
#include "read/kit.h"

/* Whether key may be within max edits of cand, from a fresh count. */
static int
may(const char *key, const char *cand, size_t max)
{
	struct mesh_i_near n;

	mesh_i_near_init(&n, key, strlen(key));
	return mesh_i_near_may(&n, cand, max);
}

static void
near_should_refuse_what_no_edits_reach(void **state)
{
	(void)state;
	/* Lengths more than max apart. */
	assert_false(may("port", "portxyz", 2));
	assert_true(may("port", "portxy", 2));
	assert_false(may("CLUSTERING_ENABLED", "CLUSTERING", 2));
	/* Same length, bytes that no two edits give. */
	assert_false(may("routes", "xyzabc", 2));
	assert_false(may("routes", "rxxxes", 2));
	assert_true(may("routes", "rxxtes", 2));
	/* The key's bytes missing from cand count too. */
	assert_false(may("aaaa", "aab", 1));
	assert_true(may("aaab", "aab", 1));
	/* A swap keeps the bytes; case is folded. */
	assert_true(may("port", "prot", 0));
	assert_true(may("NODENAME", "nodeName", 0));
	assert_true(may("", "", 0));
	assert_false(may("", "a", 0));
	assert_true(may("", "ab", 2));
}

static void
near_should_leave_its_counts_as_they_were(void **state)
{
	struct mesh_i_near n, before;

	(void)state;
	mesh_i_near_init(&n, "hubServer", 9);
	before = n;
	/* Refused early (three bytes with no match), refused at the end,
	 * refused on length, taken. */
	assert_false(mesh_i_near_may(&n, "zzzServer", 2));
	assert_int_equal(memcmp(&n, &before, sizeof(n)), 0);
	assert_false(mesh_i_near_may(&n, "hub", 2));
	assert_int_equal(memcmp(&n, &before, sizeof(n)), 0);
	assert_true(mesh_i_near_may(&n, "hubserver", 0));
	assert_int_equal(memcmp(&n, &before, sizeof(n)), 0);
}

/* Words and their neighbours: every pair near_may refuses within max
 * edits is further than max by the edit distance, whatever its flags. */
static void
near_should_be_a_lower_bound_of_the_edit_distance(void **state)
{
	static const char *const words[] = {
		"routes", "port", "hostname", "nodeName", "hubServer",
		"CLUSTERING_ENABLED", "REPLICATION_ROUTES", "securePort",
		"leafServer", "url", "a", "", "ab", "ba", "aab", "abb",
		"enabled", "ENABLD", "rootPath", "threads",
	};
	static const int flags[] = { 0, MESH_I_EDIT_FOLD, MESH_I_EDIT_SWAP,
	    MESH_I_EDIT_FOLD | MESH_I_EDIT_SWAP };
	enum { NW = sizeof(words) / sizeof(words[0]) };
	char v[NW * 8][40];
	size_t nv = 0, i, j, f, max, refused = 0, taken = 0;

	(void)state;
	/* Each word, less its first byte, with a byte changed, two bytes
	 * swapped and in capitals. */
	for (i = 0; i < NW; i++) {
		size_t l = strlen(words[i]);

		snprintf(v[nv++], sizeof(v[0]), "%s", words[i]);
		snprintf(v[nv++], sizeof(v[0]), "%s", l ? words[i] + 1 : "");
		snprintf(v[nv], sizeof(v[0]), "%s", words[i]);
		if (l > 1)
			v[nv][l / 2] = 'q';
		nv++;
		snprintf(v[nv], sizeof(v[0]), "%s", words[i]);
		if (l > 2) {
			v[nv][1] = words[i][2];
			v[nv][2] = words[i][1];
		}
		nv++;
		snprintf(v[nv], sizeof(v[0]), "%sxy", words[i]);
		nv++;
		snprintf(v[nv], sizeof(v[0]), "%s", words[i]);
		for (j = 0; v[nv][j] != '\0'; j++)
			if (v[nv][j] >= 'a' && v[nv][j] <= 'z')
				v[nv][j] -= 32;
		nv++;
	}
	for (i = 0; i < nv; i++)
		for (j = 0; j < nv; j++)
			for (max = 0; max <= 3; max++) {
				if (may(v[i], v[j], max)) {
					taken++;
					continue;
				}
				refused++;
				for (f = 0; f < 4; f++)
					assert_true(mesh_i_edit_distance(v[i],
					    v[j], 40, flags[f]) > max);
			}
	/* Both answers occur: the bound is tested, not skipped. */
	assert_true(refused > nv * nv);
	assert_true(taken > nv);
}

static void
known_key_should_suggest_as_before(void **state)
{
	static const char *const known[] = { "a", "port", "ports",
	    "abcdef", NULL };
	const char *close = "unset";

	(void)state;
	assert_int_equal(mesh_i_known_key(known, "ports", &close), 2);
	assert_int_equal(mesh_i_known_key(known, "prot", &close), -1);
	assert_string_equal(close, "port");
	/* "a" is three edits away: "abcdef", two, is the first taken. */
	assert_int_equal(mesh_i_known_key(known, "abcd", &close), -1);
	assert_string_equal(close, "abcdef");
	/* Case counts here: "PORT" is four edits from "port". */
	assert_int_equal(mesh_i_known_key(known, "PORT", &close), -1);
	assert_null(close);
	assert_int_equal(mesh_i_known_key(known, "zzzzzz", &close), -1);
	assert_null(close);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(near_should_refuse_what_no_edits_reach),
		cmocka_unit_test(near_should_leave_its_counts_as_they_were),
		cmocka_unit_test(near_should_be_a_lower_bound_of_the_edit_distance),
		cmocka_unit_test(known_key_should_suggest_as_before),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
