/* pool.h: worker processes that share some work with their parent, count their progress to it and send it their results through pipes. */
#ifndef MESH_POOL_H
#define MESH_POOL_H

#include <stdint.h>

#include "base/progress.h"
#include "base/util.h"

/* The workers of one mesh_i_pool_run(), in the parent (pool.c). */
struct mesh_i_pool;

/*
 * Work shared with worker processes, counted in units: the parent's
 * phase (tick) is at base + weight * (its own units + the counts its
 * workers sent). A worker sends its own count every stride calls of
 * mesh_i_meter_add(); the parent reads what its workers sent and
 * reports, as often. The caller owns the meter and sets tick, base and
 * weight; mesh_i_meter_share() and mesh_i_pool_run() set the rest.
 */
struct mesh_i_meter {
	struct mesh_i_tick tick;
	uint64_t base;
	uint64_t weight;
	uint64_t own;                   /* units done by this process */
	uint64_t stride;
	uint64_t left;                  /* calls until the next count */
	int fd;                         /* a worker's pipe; -1: the parent */
	struct mesh_i_pool *pool;       /* the parent's workers, or NULL */
};

/* A worker sends at most about this many counts a share: 8 KiB, less
 * than a pipe holds, so that it never waits for its parent to read. */
#define MESH_I_METER_SENDS 1024

/* Set m up for a share of work by this process (the parent, alone so
 * far): own 0, a report every stride (at least 1) calls. */
void mesh_i_meter_share(struct mesh_i_meter *m, uint64_t stride);

/* units more are done here. A worker whose pipe fails stops sending (its
 * result cannot get through either). */
void mesh_i_meter_add(struct mesh_i_meter *m, uint64_t units);

/*
 * What a pool runs, share by share, with the caller's ctx. Each share
 * keeps its result in ctx: in the process that runs it, a worker's
 * result until put() sends it, the parent's for the caller.
 */
struct mesh_i_pool_work {
	/* Run share here, counting on the pool's meter. Returns 0, or -1
	 * when out of memory (what it holds is the caller's to free). */
	int (*run)(void *ctx, int share);
	/* In a worker, after run(): the share's result as bytes, appended
	 * to out (out->failed when out of memory: the worker fails). */
	void (*put)(void *ctx, int share, struct mesh_i_buf *out);
	/* In the parent: take the share's result from the len bytes its
	 * worker's put() wrote (bytes may be NULL when len is 0). Returns 0,
	 * or -1 when they are not a whole result or when out of memory;
	 * it then holds nothing of that share (the share is run here). */
	int (*get)(void *ctx, int share, const char *bytes, size_t len);
};

/*
 * Run shares 0 .. n - 1 of some work: shares 1 .. n - 1 in worker
 * processes made with fork(), share 0 here meanwhile, then here again
 * each share whose worker could not start or failed, so that the results
 * never depend on how many workers ran. Out of memory for the pool
 * itself, every share runs here.
 *
 * A worker runs w->run() and w->put() on its share and sends its parent,
 * through its pipe, records of 8 bytes (atomic on a pipe): the counts of
 * its meter (meter NULL: none), then an end mark, then the bytes put()
 * wrote, then ends with _exit() (0 when all of it was sent), touching
 * nothing of the caller's: no stdio buffer is flushed, no atexit handler
 * runs. So the caller must be single-threaded. A worker's meter reports
 * about MESH_I_METER_SENDS times, as the shares call mesh_i_meter_add()
 * about calls times in all; the parent's meter, set up by the caller,
 * hears of the workers' counts (and no longer of a worker that failed)
 * until they end, and meter->pool is NULL again on return.
 *
 * Returns 0 when every share ran (shares 1 .. n - 1 have been given to
 * w->get() or run here), or -1 when a share run here failed (the others
 * may or may not have run). Either way every worker has been waited for
 * and every pipe closed: no process and no descriptor is left behind.
 */
int mesh_i_pool_run(int n, const struct mesh_i_pool_work *w, void *ctx,
    struct mesh_i_meter *meter, uint64_t calls);

#endif
