/* test_json_writer.c: the JSON writer's integers, written without printf, against printf's; its strings. */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "meshsim/meshsim.h"
#include "base/util.h"
#include "out/json_writer.h"

static void
integers_should_read_as_printf_writes_them(void **state)
{
	static const intmax_t ints[] = { 0, 1, -1, 9, 10, -10, 99999,
	    -2147483648LL, INTMAX_MAX, INTMAX_MIN };
	static const uintmax_t uints[] = { 0, 7, 10, 4294967296ULL,
	    UINTMAX_MAX };
	struct mesh_i_buf b, want;
	struct mesh_i_jw w;
	size_t i;
	char *got;

	(void)state;
	mesh_i_buf_init(&b);
	mesh_i_buf_init(&want);
	mesh_i_jw_init(&w, &b, MESH_I_JW_G12);
	mesh_i_jw_array(&w, NULL, MESH_I_JW_INLINE);
	mesh_i_buf_add(&want, "[", 1);
	for (i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		mesh_i_jw_int(&w, NULL, ints[i]);
		mesh_i_buf_printf(&want, "%s%jd", i ? ", " : "", ints[i]);
	}
	for (i = 0; i < sizeof(uints) / sizeof(uints[0]); i++) {
		mesh_i_jw_uint(&w, NULL, uints[i]);
		mesh_i_buf_printf(&want, ", %ju", uints[i]);
	}
	mesh_i_jw_end(&w);
	mesh_i_buf_add(&want, "]", 1);
	got = mesh_i_buf_take(&b);
	assert_non_null(got);
	assert_string_equal(got, want.data);
	free(got);
	free(mesh_i_buf_take(&want));
}

/* Strings with nothing to escape are copied whole; the rest escaped. */
static void
strings_should_be_quoted_and_escaped(void **state)
{
	static const char *const in[] = { "", "n12345", "caf\xc3\xa9",
	    "a\"b", "back\\slash", "tab\there", "nl\n", "\x01\x1f",
	    "end\x7f" };
	static const char *const want[] = { "\"\"", "\"n12345\"",
	    "\"caf\xc3\xa9\"", "\"a\\\"b\"", "\"back\\\\slash\"",
	    "\"tab\\there\"", "\"nl\\n\"", "\"\\u0001\\u001f\"",
	    "\"end\x7f\"" };
	struct mesh_i_buf b;
	size_t i;
	char *got;

	(void)state;
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		mesh_i_buf_init(&b);
		mesh_i_buf_add(&b, "x", 1);
		mesh_i_buf_json_string(&b, in[i]);
		got = mesh_i_buf_take(&b);
		assert_non_null(got);
		assert_string_equal(got + 1, want[i]);
		free(got);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(integers_should_read_as_printf_writes_them),
		cmocka_unit_test(strings_should_be_quoted_and_escaped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
