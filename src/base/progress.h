/* progress.h: reporting the progress of one phase through a mesh_progress hook. */
#ifndef MESH_PROGRESS_H
#define MESH_PROGRESS_H

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

#endif
