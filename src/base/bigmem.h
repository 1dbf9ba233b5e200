/* bigmem.h: a hint that a large array be backed by huge pages. */
#ifndef MESH_BIGMEM_H
#define MESH_BIGMEM_H

#include <stddef.h>

/*
 * Ask the kernel to back the whole 2 MiB pages inside the bytes bytes at
 * p with huge pages (Linux's madvise MADV_HUGEPAGE, where transparent huge
 * pages are "madvise"), so that filling a large fresh array takes one page
 * fault per 2 MiB rather than per 4 KiB. Only advice: arrays under 4 MiB,
 * other systems and a refusal change nothing. p stays the caller's, to
 * free as before.
 */
void mesh_i_advise_huge(void *p, size_t bytes);

#endif
