/* progress.h: reporting the progress of one phase through a mesh_progress hook, and worker processes' counts sent through a pipe. */
#ifndef MESH_TICK_H
#define MESH_TICK_H

#include <stdint.h>

#include "meshsim/progress.h"

/*
 * One phase being reported. Calls reach the hook only when done has
 * grown by total / MESH_PROGRESS_STEPS (rounded up) since the last one,
 * so mesh_i_tick_to() may be called once per block of work at no cost.
 */
struct mesh_i_tick {
	const struct mesh_progress *p;  /* NULL: nothing is reported */
	const char *phase;
	uint64_t total;
	uint64_t done;                  /* the last done reported */
	uint64_t next;                  /* report again from this done */
	uint64_t step;
};

/* Begin phase (a static string) of total units: report done 0. With
 * p NULL, p->fn NULL or total 0, t reports nothing. */
void mesh_i_tick_start(struct mesh_i_tick *t, const struct mesh_progress *p,
    const char *phase, uint64_t total);

/* done units are done (clamped to the last reported and to total). */
void mesh_i_tick_to(struct mesh_i_tick *t, uint64_t done);

/* The phase is complete: report done = total, once. */
void mesh_i_tick_end(struct mesh_i_tick *t);

/* Whether t reports anything. */
int mesh_i_tick_on(const struct mesh_i_tick *t);

/*
 * Worker processes send the parent, through the pipe that then carries
 * their result, records of 8 bytes: counts of the work done so far, then
 * MESH_I_TICK_END, then the result. Writes of 8 bytes to a pipe are atomic.
 */
#define MESH_I_TICK_END UINT64_MAX

/* Send count (or MESH_I_TICK_END). Returns 0, or -1 on a write error. */
int mesh_i_tick_put(int fd, uint64_t count);

/*
 * Read the records on fd: with wait, until MESH_I_TICK_END; without, those
 * that are there now (never blocks). *count becomes the last count read.
 * Returns 1 once MESH_I_TICK_END has been read (the result follows), 0
 * when it has not yet come, or -1 at an early end of the pipe or an
 * error.
 */
int mesh_i_tick_get(int fd, int wait, uint64_t *count);

/*
 * Wait up to ms milliseconds (-1: for ever) until one of the n pipes
 * fd[i] whose state[i] is 0 has something to read, then read what is
 * there into count[i], setting state[i] to mesh_i_tick_get()'s answer when
 * it is not 0 (-1 too when poll(2) fails). Out of memory, it waits on the
 * first such pipe alone. Returns how many state[i] are still 0.
 */
int mesh_i_tick_poll(const int *fd, int *state, uint64_t *count, int n,
    int ms);

/* a + b and a * b, saturating at UINT64_MAX. */
uint64_t mesh_i_sat_add(uint64_t a, uint64_t b);
uint64_t mesh_i_sat_mul(uint64_t a, uint64_t b);

/*
 * Work shared with worker processes, counted in units: the parent's phase
 * is at base + weight * (its own units + the counts its workers sent).
 * A worker (fd its pipe) sends its own count every stride calls of
 * mesh_i_meter_add(); the parent (fd -1) reads what its nworkers workers
 * sent (pipes wfd[0 ..], with mesh_i_tick_poll()'s wstate and wcount,
 * owned by the caller) and reports, as often.
 */
struct mesh_i_meter {
	struct mesh_i_tick tick;
	uint64_t base;
	uint64_t weight;
	uint64_t own;
	uint64_t stride;
	uint64_t left;
	int fd;
	int nworkers;
	const int *wfd;
	int *wstate;
	uint64_t *wcount;
};

/* A worker sends at most about this many counts a share: 8 KiB, less
 * than a pipe holds, so that it never waits for its parent to read. */
#define MESH_I_METER_SENDS 1024

/* Set m up for a share of work by this process (the parent, alone so
 * far): own 0, every stride (at least 1) calls. */
void mesh_i_meter_share(struct mesh_i_meter *m, uint64_t stride);

/* units more are done here. A worker whose pipe fails stops sending (its
 * result cannot get through either). */
void mesh_i_meter_add(struct mesh_i_meter *m, uint64_t units);

/* The parent: read the workers' counts that are there, and report. */
void mesh_i_meter_report(struct mesh_i_meter *m);

/* The parent: until every worker has sent MESH_I_TICK_END or failed,
 * report every 100 ms. */
void mesh_i_meter_wait(struct mesh_i_meter *m);

#endif
