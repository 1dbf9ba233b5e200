/* test_cli_help.c: the help of every command: each option described once, lines of at most 80 columns, the synopsis of every command. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli/cli.h"

/* Every command, as the table of options knows them, and import. */
static const unsigned commands[] = {
	CLI_CHECK, CLI_SWEEP, CLI_AVAILABILITY, CLI_MERGE, CLI_SIMULATE,
	CLI_REPORT, CLI_DIFF, CLI_SUGGEST, CLI_EXPORT, CLI_IMPORT_HARPER,
	CLI_IMPORT_NETWORK, CLI_IMPORT_ROUTES, CLI_IMPORT_KUBERNETES,
	CLI_IMPORT_COMPOSE, CLI_IMPORT_NATS, CLI_IMPORT_ROUTEZ,
	CLI_IMPORT_STATUS, CLI_IMPORT, 0
};

/* What write(f) writes, as a malloc'd string. */
static char *
capture(void (*write)(FILE *, unsigned), unsigned command)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	assert_non_null(f);
	write(f, command);
	assert_int_equal(fclose(f), 0);
	return s;
}

static void
usage_of(FILE *f, unsigned command)
{
	cli_usage_command(command);
	cli_usage(f);
}

/* Whether every line of s is at most 80 columns, with no tab and no
 * trailing space. */
static void
assert_lines_fit(const char *s)
{
	const char *p, *nl;

	for (p = s; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		assert_non_null(nl);
		assert_true(nl - p <= 80);
		assert_true(nl == p || nl[-1] != ' ');
		assert_null(memchr(p, '\t', (size_t)(nl - p)));
	}
}

/* Whether each line that continues the synopsis at the start of s
 * ("usage: meshsim NAME ITEM ...") starts under its first ITEM, as a
 * man page's SYNOPSIS aligns them; name is the command's. */
static void
assert_synopsis_aligned(const char *s, const char *name)
{
	size_t col = strlen("usage: meshsim ") + strlen(name) + 1, i;
	const char *p = strchr(s, '\n');

	assert_true(strncmp(s, "usage: meshsim ", 15) == 0);
	assert_true(strncmp(s + 15, name, strlen(name)) == 0);
	assert_int_equal(s[col - 1], ' ');
	assert_true(s[col] != ' ' && s[col] != '\n');
	for (; p != NULL && p[1] == ' '; p = strchr(p + 1, '\n')) {
		for (i = 1; i <= col; i++)
			assert_int_equal(p[i], ' ');
		assert_true(p[col + 1] != ' ' && p[col + 1] != '\n');
	}
}

static void
help_should_describe_every_option_once(void **state)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	unsigned taking;

	(void)state;
	/* cli_parse_options() takes at most CLI_OPTIONS_MAX. */
	assert_null(cli_option_at(CLI_OPTIONS_MAX, &taking));
	assert_non_null(f);
	assert_int_equal(cli_help_lint(f), 0);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(s, "");
	free(s);
}

static void
help_should_list_every_option_of_the_table(void **state)
{
	const struct option *o;
	unsigned taking;
	size_t i, k;
	char *s, want[64];

	(void)state;
	for (k = 0; commands[k] != 0; k++) {
		s = capture(cli_help, commands[k]);
		assert_lines_fit(s);
		assert_synopsis_aligned(s, cli_help_name(commands[k]));
		assert_null(strstr(s, "(not described)"));
		assert_non_null(strstr(s, cli_help_name(commands[k])));
		for (i = 0; (o = cli_option_at(i, &taking)) != NULL; i++) {
			snprintf(want, sizeof(want), "--%s ", o->name);
			if (taking & commands[k])
				assert_non_null(strstr(s, want));
			else if (commands[k] != CLI_IMPORT)
				/* "--format " is not "--fail-on "... */
				assert_null(strstr(s, want));
		}
		free(s);
	}
	s = capture(cli_help, 0);
	assert_lines_fit(s);
	assert_non_null(strstr(s, "  import KIND "));
	free(s);
}

static void
usage_should_be_the_command_synopsis_alone(void **state)
{
	size_t k, lines;
	const char *p;
	char *s;

	(void)state;
	for (k = 0; commands[k] != 0; k++) {
		s = capture(usage_of, commands[k]);
		assert_lines_fit(s);
		assert_synopsis_aligned(s, cli_help_name(commands[k]));
		assert_true(strncmp(s, "usage: meshsim ", 15) == 0);
		assert_non_null(strstr(s, "Try 'meshsim help "));
		for (lines = 0, p = s; *p != '\0'; p++)
			lines += *p == '\n';
		assert_true(lines <= 10);
		free(s);
	}
	s = capture(usage_of, 0);
	assert_lines_fit(s);
	assert_non_null(strstr(s, "Try 'meshsim help'"));
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(help_should_describe_every_option_once),
		cmocka_unit_test(help_should_list_every_option_of_the_table),
		cmocka_unit_test(usage_should_be_the_command_synopsis_alone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
