/* noigraph.c: an LD_PRELOAD library under which igraph cannot be loaded, as on a machine without its package (tests/install/run.sh). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

/* dlopen() as the C library's, but of nothing named like igraph. */
void *
dlopen(const char *file, int mode)
{
	void *(*real)(const char *, int);

	if (file != NULL && strstr(file, "igraph") != NULL)
		return NULL;
	*(void **)&real = dlsym(RTLD_NEXT, "dlopen");
	return real != NULL ? real(file, mode) : NULL;
}
