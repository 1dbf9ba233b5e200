/* test_diag.c: the list of diagnostics: adding, sorting, pointing one at another file, clearing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/diag.h"

/* Each diagnostic keeps its message, file and node, whatever the length
 * of the message (the stack buffer's size and either side of it). */
static void
add_should_keep_message_file_and_node(void **state)
{
	struct mesh_diags d;
	char text[600];
	size_t len, i = 0;

	(void)state;
	memset(text, 'm', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	mesh_diags_init(&d);
	for (len = 250; len < 262; len++) {
		assert_int_equal(mesh_diags_add(&d, MESH_WARNING, "code",
		    len % 2 ? "f.json" : NULL, 3, 4, len % 3 ? "n1" : NULL,
		    "%.*s", (int)len, text), 0);
	}
	assert_int_equal(mesh_diags_add(&d, MESH_ERROR, "big", "g.json", 1, 1,
	    "node", "%s|%d", text, 7), 0);
	assert_int_equal(d.n, 13);
	assert_int_equal(d.errors, 1);
	for (len = 250; len < 262; len++, i++) {
		assert_int_equal(strlen(d.v[i].message), len);
		assert_int_equal(strspn(d.v[i].message, "m"), len);
		if (len % 2)
			assert_string_equal(d.v[i].file, "f.json");
		else
			assert_null(d.v[i].file);
		if (len % 3)
			assert_string_equal(d.v[i].node, "n1");
		else
			assert_null(d.v[i].node);
	}
	assert_int_equal(strlen(d.v[12].message), sizeof(text) - 1 + 2);
	assert_string_equal(d.v[12].message + sizeof(text) - 1, "|7");
	assert_string_equal(d.v[12].file, "g.json");
	assert_string_equal(d.v[12].node, "node");
	mesh_diags_clear(&d);
	assert_int_equal(d.n, 0);
	assert_null(d.v);
}

/* A diagnostic pointed at another file keeps the rest; sorting moves the
 * diagnostics whole. */
static void
set_file_and_sort_should_keep_each_diagnostic_whole(void **state)
{
	struct mesh_diags d;

	(void)state;
	mesh_diags_init(&d);
	assert_int_equal(mesh_diags_add(&d, MESH_WARNING, "a", "z.conf", 2, 1,
	    "x", "first %d", 1), 0);
	assert_int_equal(mesh_diags_add(&d, MESH_NOTE, "b", NULL, 0, 0, NULL,
	    "second"), 0);
	assert_int_equal(mesh_i_diag_set_file(&d.v[0], "a.conf"), 0);
	assert_string_equal(d.v[0].file, "a.conf");
	assert_string_equal(d.v[0].message, "first 1");
	assert_string_equal(d.v[0].node, "x");
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(mesh_i_diag_set_file(&d.v[1], "b.conf"), 0);
	assert_int_equal(mesh_i_diag_set_file(&d.v[0], NULL), 0);
	assert_null(d.v[0].file);
	mesh_diags_sort(&d);
	assert_string_equal(d.v[0].message, "first 1");     /* "" first */
	assert_string_equal(d.v[1].message, "second");
	assert_string_equal(d.v[1].file, "b.conf");
	assert_null(d.v[1].node);
	mesh_diags_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(add_should_keep_message_file_and_node),
		cmocka_unit_test(
		    set_file_and_sort_should_keep_each_diagnostic_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
