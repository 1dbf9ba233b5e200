/* test_cli_msgs.c: the command line's messages and text reports (cli_printf) write control characters from an input escaped, everything else as it is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli/cli.h"

/* What cli_diag_to() writes of a diagnostic of file (NULL: none) and
 * message, as a malloc'd string. */
static char *
diag_text(const char *file, const char *message)
{
	struct mesh_diag d;
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	assert_non_null(f);
	memset(&d, 0, sizeof(d));
	d.severity = MESH_WARNING;
	d.code = "some-code";
	d.message = (char *)(uintptr_t)message;
	d.file = (char *)(uintptr_t)file;
	d.line = 3;
	d.column = 7;
	cli_diag_to(f, &d);
	assert_int_equal(fclose(f), 0);
	return s;
}

/* What cli_error (note set: cli_note) writes to stderr for "%s" and
 * text, as a malloc'd string: stderr goes to a temporary file meanwhile. */
static char *
stderr_text(int note, const char *text)
{
	FILE *t = tmpfile();
	int saved;
	long len;
	char *s;

	assert_non_null(t);
	fflush(stderr);
	assert_true((saved = dup(STDERR_FILENO)) >= 0);
	assert_true(dup2(fileno(t), STDERR_FILENO) >= 0);
	if (note)
		cli_note("%s", text);
	else
		cli_error("%s", text);
	fflush(stderr);
	assert_true(dup2(saved, STDERR_FILENO) >= 0);
	close(saved);
	assert_int_equal(fseek(t, 0, SEEK_END), 0);
	assert_true((len = ftell(t)) >= 0);
	rewind(t);
	assert_non_null(s = calloc(1, (size_t)len + 1));
	assert_int_equal(fread(s, 1, (size_t)len, t), (size_t)len);
	fclose(t);
	return s;
}

static void
diag_should_escape_control_characters(void **state)
{
	char *s;

	(void)state;
	s = diag_text("f.yaml", "key 'a\x1b[2Jb\nc\rd\te\x01" "f\x7f"
	    "g' and CSI '\xc2\x9b' here");
	assert_string_equal(s, "f.yaml:3:7: warning: key "
	    "'a\\x1b[2Jb\\nc\\rd\\te\\x01f\\x7fg' and CSI '\\u009b' here "
	    "[some-code]\n");
	free(s);
	/* The file's name too; without one, "meshsim: ". */
	s = diag_text("dir\n/f\x1b.json", "m");
	assert_string_equal(s, "dir\\n/f\\x1b.json:3:7: warning: m "
	    "[some-code]\n");
	free(s);
	s = diag_text(NULL, "\x1b");
	assert_string_equal(s, "meshsim: warning: \\x1b [some-code]\n");
	free(s);
}

static void
diag_should_keep_the_rest_as_it_is(void **state)
{
	/* A backslash, UTF-8 (no-break space U+00A0, e acute, a CJK
	 * character), and a lone byte that is no control. */
	static const char text[] = "a\\x1b \xc2\xa0 \xc3\xa9 \xe4\xb8\xad "
	    "\x9b \xc2";
	char *s, want[128];

	(void)state;
	s = diag_text("f", text);
	snprintf(want, sizeof(want), "f:3:7: warning: %s [some-code]\n", text);
	assert_string_equal(s, want);
	free(s);
}

static void
error_and_note_should_escape_control_characters(void **state)
{
	char long_text[2000], *want, *s;

	(void)state;
	s = stderr_text(0, "cannot open 'a\x1b[31m\nb'");
	assert_string_equal(s, "meshsim: error: cannot open "
	    "'a\\x1b[31m\\nb'\n");
	free(s);
	s = stderr_text(1, "\x07");
	assert_string_equal(s, "meshsim: note: \\x07\n");
	free(s);
	/* Longer than the buffer a message is first formatted into: whole,
	 * and escaped to its end. */
	memset(long_text, 'x', sizeof(long_text));
	long_text[sizeof(long_text) - 2] = '\x1b';
	long_text[sizeof(long_text) - 1] = '\0';
	s = stderr_text(0, long_text);
	assert_non_null(want = malloc(sizeof(long_text) + 32));
	snprintf(want, sizeof(long_text) + 32, "meshsim: error: %.*s\\x1b\n",
	    (int)sizeof(long_text) - 2, long_text);
	assert_string_equal(s, want);
	free(want);
	free(s);
}

/* What cli_printf() writes for fmt and its arguments, as a malloc'd
 * string. */
static char *
printf_text(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static char *
printf_text(const char *fmt, ...)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	va_list ap;

	assert_non_null(f);
	va_start(ap, fmt);
	cli_vprintf(f, fmt, ap);
	va_end(ap);
	assert_int_equal(fclose(f), 0);
	return s;
}

/* cli_printf() writes what printf() does, whatever the conversions,
 * their flags, widths, precisions and lengths, and arguments after them
 * stay in step: without a control character (printf's own way), and
 * after a string that holds one (each conversion on its own). */
static void
printf_should_write_what_printf_writes(void **state)
{
	char want[512], *s;

	(void)state;
#define SAME(fmt, ...) do {						\
	snprintf(want, sizeof(want), fmt, __VA_ARGS__);			\
	s = printf_text(fmt, __VA_ARGS__);				\
	assert_string_equal(s, want);					\
	free(s);							\
	snprintf(want, sizeof(want), "\\x01|" fmt, __VA_ARGS__);	\
	s = printf_text("%s|" fmt, "\x01", __VA_ARGS__);		\
	assert_string_equal(s, want);					\
	free(s);							\
} while (0)
	SAME("plain, no conversion%s\n", "");
	SAME("%s: %zu %s, %d%% (%llu)\n", "node-a", (size_t)3, "nodes", -7,
	    1234567890123ULL);
	SAME("%.*f|%+.6f|%.12g|%.2g|%8.3e|%-6d|%05u|%x|%c|%s", 3, 0.5,
	    -0.25, 0.999, 12345.0, 1e-7, 42, 7u, 255u, 'q', "end");
	SAME("[%10s][%-10s][%.3s][%*s][%-*s][%*.*s]%ld %hd %lld %jd %td",
	    "right", "left", "truncated", 6, "ab", 6, "cd", 5, 2, "xyz",
	    -5L, (short)3, -9LL, (intmax_t)11, (ptrdiff_t)-2);
	SAME("[%*s][%.*s]", -6, "neg", -1, "no precision");
	SAME("%s and %s", "UTF-8 \xc3\xa9 \xc2\xa0 \xe4\xb8\xad", "a\\x1b");
#undef SAME
}

/* A string's control characters come out escaped, the format's own
 * newlines as they are; width and precision count the string's bytes. */
static void
printf_should_escape_control_characters_in_strings(void **state)
{
	char *s;

	(void)state;
	s = printf_text("plan: %s (%s)\n  %s -- %s\n", "ops\xc2\x9b" "2J",
	    "dir\n/p\x1b.json", "hub\xc2\x85" "a", "b\tc\x7f");
	assert_string_equal(s, "plan: ops\\u009b2J (dir\\n/p\\x1b.json)\n"
	    "  hub\\u0085a -- b\\tc\\x7f\n");
	free(s);
	s = printf_text("[%-6s][%4s][%.2s][%.3s][%.4s]", "\x1b", "a\n",
	    "a\x1b", "ab\xc2\x9b", "ab\xc2\x9b");
	/* A C1 control the precision cuts in two is left out whole. */
	assert_string_equal(s, "[\\x1b     ][  a\\n][a\\x1b][ab][ab\\u009b]");
	free(s);
	s = printf_text("%zu %s %d", (size_t)1, "\x01", 2);
	assert_string_equal(s, "1 \\x01 2");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(diag_should_escape_control_characters),
		cmocka_unit_test(diag_should_keep_the_rest_as_it_is),
		cmocka_unit_test(
		    error_and_note_should_escape_control_characters),
		cmocka_unit_test(printf_should_write_what_printf_writes),
		cmocka_unit_test(
		    printf_should_escape_control_characters_in_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
