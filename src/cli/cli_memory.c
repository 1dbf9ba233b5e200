/* cli_memory.c: the process's memory policy for reading a large plan: reuse freed memory, back the heap with huge pages. */
/* madvise, MADV_HUGEPAGE (Linux); mallopt (glibc) */
#define _DEFAULT_SOURCE

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "cli/cli.h"

/* Inputs under this size are left to malloc's defaults. */
#define LARGE_INPUT     ((off_t)1 << 20)
/* Under malloc's largest mmap threshold (32 MiB), above any free top. */
#define BLOCK           ((size_t)16 << 20)
#define HUGE_PAGE       ((uintptr_t)2 << 20)

/*
 * meshsim is a one-shot process, and on the machines it is measured on a
 * fresh page costs more than the work done in it: at 100,000 nodes, a
 * fifth of the CPU went to 10,600 page faults of 4 KiB, a fault for every
 * page the load and the analysis touched, and again for memory freed by
 * one step and taken by the next (glibc gives large blocks back to the
 * system at free()); with this policy, 900 faults and 0.33 -> 0.20 s of
 * CPU (docs/bench.md). For an input of LARGE_INPUT or more, so that small
 * runs keep malloc's defaults: blocks up to malloc's largest mmap
 * threshold come from the heap and stay there when freed; the heap grows
 * by about four times the input at once, and that region is advised to be
 * backed by huge pages (where transparent huge pages are "madvise"). Only
 * advice: a refusal, another C library or another system changes speed,
 * never results. Arrays larger than the threshold are mapped by malloc
 * and advised by the library itself (mesh_i_advise_huge()).
 */
void
cli_memory_for(const char *path)
{
#if defined(__GLIBC__) && defined(M_TOP_PAD) && defined(MADV_HUGEPAGE)
	struct stat st;
	size_t pad;
	uintptr_t from, to;
	void *p;

	if (path == NULL || stat(path, &st) != 0 || st.st_size < LARGE_INPUT)
		return;
	pad = (size_t)st.st_size > SIZE_MAX / 4 ? SIZE_MAX / 4 :
	    (size_t)st.st_size * 4;
	(void)mallopt(M_MMAP_THRESHOLD, 32 << 20);
	(void)mallopt(M_ARENA_MAX, 1);
	(void)mallopt(M_TRIM_THRESHOLD, pad > INT32_MAX ? INT32_MAX :
	    (int)pad);
	(void)mallopt(M_TOP_PAD, pad > INT32_MAX ? INT32_MAX : (int)pad);
	/* A block the heap's free top cannot hold makes the heap grow by
	 * it and the pad: advise from the block to the heap's new end. */
	if ((p = malloc(BLOCK)) == NULL)
		return;
	from = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	to = (uintptr_t)sbrk(0) & ~(HUGE_PAGE - 1);
	/* Only a block the heap holds (another allocator may put it
	 * elsewhere: then nothing is advised). */
	if (to > from && to - from <= pad + BLOCK)
		(void)madvise((void *)from, to - from, MADV_HUGEPAGE);
	free(p);
#else
	(void)path;
#endif
}
