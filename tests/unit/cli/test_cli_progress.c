/* test_cli_progress.c: the progress bar's line: phase, bar, percentage, the time left after a second, never wider than the terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cli/cli.h"

static const char *
line(const char *phase, uint64_t done, uint64_t total, double elapsed,
    size_t width)
{
	static char buf[512];
	size_t n;

	n = cli_progress_line(buf, sizeof(buf), phase, done, total, elapsed,
	    width);
	assert_int_equal(n, strlen(buf));
	assert_true(n <= width);
	assert_null(strchr(buf, '\r'));
	assert_null(strchr(buf, '\n'));
	return buf;
}

static void
line_should_show_phase_bar_and_percentage(void **state)
{
	(void)state;
	assert_string_equal(line("sweep", 0, 100, 0, 79),
	    "sweep        [----------------------------------------]   0%");
	assert_string_equal(line("sweep", 1, 4, 0.5, 79),
	    "sweep        [##########------------------------------]  25%");
	assert_string_equal(line("availability", 999, 1000, 0.2, 79),
	    "availability [#######################################-]  99%");
	assert_string_equal(line("parsing", 7, 7, 0.2, 79),
	    "parsing      [########################################] 100%");
}

static void
time_left_should_show_after_a_second_at_the_rate_so_far(void **state)
{
	(void)state;
	/* A quarter in 3 s: 9 s to go. */
	assert_string_equal(line("sweep", 25, 100, 3.0, 79),
	    "sweep        [##########------------------------------]  25%"
	    "  ETA 9s");
	/* Not before a second, nor with nothing done. */
	assert_null(strstr(line("sweep", 25, 100, 0.99, 79), "ETA"));
	assert_null(strstr(line("sweep", 0, 100, 30, 79), "ETA"));
	/* Rounded up; minutes; hours. */
	assert_non_null(strstr(line("x", 1, 3, 1.1, 79), "ETA 3s"));
	assert_non_null(strstr(line("x", 1, 2, 125, 79), "ETA 2m05s"));
	assert_non_null(strstr(line("x", 1, 1000, 10, 79), "ETA 2h46m"));
}

static void
line_should_fit_any_terminal(void **state)
{
	size_t w;

	(void)state;
	/* The bar shrinks, then goes; then the line is cut. */
	assert_string_equal(line("sweep", 1, 2, 2, 40),
	    "sweep        [######------]  50%  ETA 2s");
	assert_string_equal(line("sweep", 1, 2, 2, 30), "sweep 50%  ETA 2s");
	assert_string_equal(line("sweep", 1, 2, 2, 8), "sweep 50");
	for (w = 0; w < 120; w++) {
		line("domain sweep", 12345, 99999, 17.5, w);
		line("report", 3, 10, 0, w);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(line_should_show_phase_bar_and_percentage),
		cmocka_unit_test(time_left_should_show_after_a_second_at_the_rate_so_far),
		cmocka_unit_test(line_should_fit_any_terminal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
