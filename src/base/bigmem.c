/* bigmem.c: a hint that a large array be backed by huge pages (bigmem.h). */
/* madvise, MADV_HUGEPAGE (Linux) */
#define _DEFAULT_SOURCE

#include <stdint.h>
#include <sys/mman.h>

#include "base/bigmem.h"

#define HUGE_PAGE       ((uintptr_t)2 << 20)

void
mesh_i_advise_huge(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
	uintptr_t from = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	uintptr_t to = ((uintptr_t)p + bytes) & ~(HUGE_PAGE - 1);

	if (p != NULL && bytes >= 2 * HUGE_PAGE && to > from)
		(void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
	(void)p;
	(void)bytes;
#endif
}
