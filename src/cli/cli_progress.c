/* cli_progress.c: the progress bar: one line on stderr redrawn in place, only when stderr is a terminal and --quiet was not given. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

#define REDRAW_EVERY 0.1        /* seconds: at most 10 redraws a second */
#define ETA_AFTER 1.0           /* seconds of a phase before an estimate */
#define PHASE_WIDTH 12          /* the phase name, padded */
#define BAR_MAX 40              /* the widest bar */
#define BAR_MIN 5               /* narrower than this: no bar */
#define LINE_MAX_WIDTH 200

static void hook(void *ctx, const char *phase, uint64_t done,
    uint64_t total);

static const struct mesh_progress hook_progress = { hook, NULL };

/* The one line: what it shows now. */
static struct {
	int quiet;              /* --quiet */
	int active;             /* a phase is under way */
	char phase[PHASE_WIDTH + 20];
	uint64_t done;
	double start;           /* when the phase began */
	double drawn_at;        /* when the line was last drawn */
	size_t shown;           /* characters on the line now */
	size_t width;           /* the terminal's, less one */
	int at_exit;            /* cli_progress_clear() registered */
} bar;

void
cli_progress_quiet(void)
{
	bar.quiet = 1;
}

const struct mesh_progress *
cli_progress(void)
{
	if (bar.quiet || !isatty(STDERR_FILENO))
		return NULL;
	return &hook_progress;
}

/* Seconds on a clock that only goes forward. */
static double
now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The terminal's width, less one so that the line never wraps. */
static size_t
term_width(void)
{
	struct winsize ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1)
		return ws.ws_col - 1 < LINE_MAX_WIDTH ? ws.ws_col - 1u :
		    LINE_MAX_WIDTH;
	return 79;
}

/* s seconds, rounded up, as "42s", "3m07s" or "5h02m". */
static void
duration(char *buf, size_t size, double s)
{
	unsigned long t = s >= 3600.0 * 99999 ? 3600UL * 99999 :
	    (unsigned long)s + (s > (double)(unsigned long)s);

	if (t < 60)
		snprintf(buf, size, "%lus", t);
	else if (t < 3600)
		snprintf(buf, size, "%lum%02lus", t / 60, t % 60);
	else
		snprintf(buf, size, "%luh%02lum", t / 3600, t / 60 % 60);
}

size_t
cli_progress_line(char *buf, size_t size, const char *phase, uint64_t done,
    uint64_t total, double elapsed, size_t width)
{
	char eta[32] = "", pct[8], fill[BAR_MAX + 1];
	double f = total > 0 && done < total ? (double)done / (double)total :
	    1.0;
	size_t fixed, w, i, n;
	int k;

	if (size == 0)
		return 0;
	snprintf(pct, sizeof(pct), "%u%%", (unsigned)(f * 100.0));
	if (elapsed >= ETA_AFTER && done > 0 && done < total) {
		char d[24];

		duration(d, sizeof(d), elapsed * (1.0 - f) / f);
		snprintf(eta, sizeof(eta), "  ETA %s", d);
	}
	/* The phase, " [", the bar, "] ", the percentage, the estimate. */
	fixed = PHASE_WIDTH + 4 + 4 + strlen(eta);
	w = width > fixed ? width - fixed : 0;
	if (w > BAR_MAX)
		w = BAR_MAX;
	for (i = 0; i < w; i++)
		fill[i] = i < (size_t)(f * (double)w) ? '#' : '-';
	fill[w] = '\0';
	if (w < BAR_MIN)
		k = snprintf(buf, size, "%s %s%s", phase, pct, eta);
	else
		k = snprintf(buf, size, "%-*s [%s] %4s%s", PHASE_WIDTH, phase,
		    fill, pct, eta);
	if (k < 0)
		buf[0] = '\0';
	n = k < 0 ? 0 : (size_t)k < size ? (size_t)k : size - 1;
	/* Never wider than the terminal: cut it. */
	if (n > width) {
		n = width;
		buf[n] = '\0';
	}
	return n;
}

void
cli_progress_clear(void)
{
	char blank[LINE_MAX_WIDTH + 2];
	size_t n = bar.shown;

	if (n == 0)
		return;
	if (n > LINE_MAX_WIDTH)
		n = LINE_MAX_WIDTH;
	blank[0] = '\r';
	memset(blank + 1, ' ', n);
	blank[n + 1] = '\r';
	fwrite(blank, 1, n + 2, stderr);
	fflush(stderr);
	bar.shown = 0;
}

/* Draw the line over the one shown. */
static void
draw(uint64_t done, uint64_t total, double t)
{
	char line[LINE_MAX_WIDTH * 2 + 2];
	size_t n;

	line[0] = '\r';
	n = 1 + cli_progress_line(line + 1, LINE_MAX_WIDTH + 1, bar.phase,
	    done, total, t - bar.start, bar.width);
	/* Blank what the last line had beyond this one. */
	while (n - 1 < bar.shown && n < sizeof(line))
		line[n++] = ' ';
	fwrite(line, 1, n, stderr);
	fflush(stderr);
	bar.shown = n - 1;
	bar.drawn_at = t;
	if (!bar.at_exit && atexit(cli_progress_clear) == 0)
		bar.at_exit = 1;
}

/* The hook: a new phase is drawn at once, then at most every
 * REDRAW_EVERY seconds; the line goes when the phase is complete. */
static void
hook(void *ctx, const char *phase, uint64_t done, uint64_t total)
{
	double t = now();

	(void)ctx;
	if (!bar.active || done < bar.done ||
	    strncmp(phase, bar.phase, sizeof(bar.phase) - 1) != 0) {
		snprintf(bar.phase, sizeof(bar.phase), "%s", phase);
		bar.active = 1;
		bar.start = t;
		bar.width = term_width();
		bar.drawn_at = t - 2 * REDRAW_EVERY;
	}
	bar.done = done;
	if (done >= total) {
		cli_progress_clear();
		bar.active = 0;
		return;
	}
	if (t - bar.drawn_at >= REDRAW_EVERY)
		draw(done, total, t);
}
