/* failmalloc.c: an LD_PRELOAD allocator that fails from the Nth allocation on, to test out-of-memory paths. */
/*
 * Built as a shared object and preloaded into meshsim by
 * tests/alloc/run.sh. Every allocation made from main() on is counted
 * (malloc, calloc, realloc, reallocarray, posix_memalign, aligned_alloc,
 * memalign, valloc, strdup, strndup; also those made inside the C library
 * and by cJSON, libyaml, igraph and libxml2, which all call these).
 *
 *   MESH_FAIL_AT=N      the Nth counted allocation and every later one
 *                       fail (NULL, errno ENOMEM); unset or 0: none fail
 *   MESH_FAIL_COUNT=F   at exit, the process that started main() writes
 *                       its count of allocations to F
 *   MESH_FAIL_GUARD=S   SIGALRM ends the process after S seconds: a guard
 *                       against hangs, far above any run's time
 *   MESH_FAIL_TRACE=1   the stack of the Nth allocation goes to stderr
 *                       (to find the caller; compile meshsim with -g)
 *
 * Allocations before main() (the dynamic loader, library constructors)
 * are neither counted nor failed: they are not meshsim's to handle. A
 * forked worker goes on counting from its parent's count.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* glibc's own allocator, exported under these names. */
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

typedef int (*main_fn)(int, char **, char **);
typedef int (*start_fn)(main_fn, int, char **, void (*)(void),
    void (*)(void), void (*)(void), void *);

/* Replaced here; glibc declares them in no header this file includes. */
int __libc_start_main(main_fn, int, char **, void (*)(void),
    void (*)(void), void (*)(void), void *);
void *memalign(size_t, size_t);

static int armed;               /* main() has started */
static pid_t main_pid;
static unsigned long long count;
static unsigned long long fail_at;
static main_fn real_main;
static int trace;

/* Whether this allocation is to fail; counts it. */
static int
fail_now(void)
{
	if (!armed)
		return 0;
	count++;
	if (fail_at != 0 && count >= fail_at) {
		if (trace && count == fail_at) {
			void *pcs[32];

			backtrace_symbols_fd(pcs, backtrace(pcs, 32), 2);
		}
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

static void
write_count(void)
{
	const char *path = getenv("MESH_FAIL_COUNT");
	FILE *f;

	if (path == NULL || getpid() != main_pid)
		return;
	armed = 0;              /* fopen allocates */
	if ((f = fopen(path, "w")) != NULL) {
		fprintf(f, "%llu\n", count);
		fclose(f);
	}
}

static int
wrapped_main(int argc, char **argv, char **envp)
{
	const char *at = getenv("MESH_FAIL_AT");
	const char *guard = getenv("MESH_FAIL_GUARD");

	fail_at = at != NULL ? strtoull(at, NULL, 10) : 0;
	if (guard != NULL)
		alarm((unsigned)strtoul(guard, NULL, 10));
	if (getenv("MESH_FAIL_TRACE") != NULL) {
		void *pc;

		trace = 1;
		backtrace(&pc, 1);      /* loads libgcc now, not when tracing */
	}
	main_pid = getpid();
	atexit(write_count);
	armed = 1;
	return real_main(argc, argv, envp);
}

int
__libc_start_main(main_fn main, int argc, char **argv, void (*init)(void),
    void (*fini)(void), void (*rtld_fini)(void), void *stack_end)
{
	start_fn real = (start_fn)(uintptr_t)dlsym(RTLD_NEXT,
	    "__libc_start_main");

	real_main = main;
	return real(wrapped_main, argc, argv, init, fini, rtld_fini,
	    stack_end);
}

/* The dynamic linker's argument to __tls_get_addr(), which it exports. */
typedef struct {
	unsigned long module, offset;
} tls_index;
void *__tls_get_addr(tls_index *);

/* dl_iterate_phdr(): this thread's block of each module with
 * thread-local data, allocated now if it was not. */
static int
touch_tls(struct dl_phdr_info *info, size_t size, void *arg)
{
	tls_index ti;

	(void)size;
	(void)arg;
	if (info->dlpi_tls_modid != 0) {
		ti.module = info->dlpi_tls_modid;
		ti.offset = 0;
		(void)__tls_get_addr(&ti);
	}
	return 0;
}

/*
 * The dynamic linker's work, as at start-up before main(), where nothing
 * fails: meshsim loads igraph with dlopen() when it first needs it
 * (src/base/igraph_glue.c), and neither the dynamic linker nor the
 * constructors of igraph's 25 libraries survive every failed allocation
 * (exit 127, a crash). That is outside this test, as it was when igraph
 * was linked and loaded before main(): allocations inside are neither
 * failed nor counted. What start-up also did is done here too: the
 * thread-local data of the libraries loaded, which the dynamic linker
 * otherwise allocates on first use and, when that fails, aborts (as
 * libstdc++'s exit handlers would).
 */
void *
dlopen(const char *file, int mode)
{
	void *(*real)(const char *, int);
	void *lib;
	int was = armed;

	*(void **)&real = dlsym(RTLD_NEXT, "dlopen");
	armed = 0;
	if ((lib = real != NULL ? real(file, mode) : NULL) != NULL)
		dl_iterate_phdr(touch_tls, NULL);
	armed = was;
	return lib;
}

void *
malloc(size_t n)
{
	return fail_now() ? NULL : __libc_malloc(n);
}

void *
calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : __libc_calloc(n, size);
}

void *
realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __libc_realloc(p, n);
}

void *
reallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(p, n * size);
}

void *
memalign(size_t align, size_t n)
{
	return fail_now() ? NULL : __libc_memalign(align, n);
}

void *
aligned_alloc(size_t align, size_t n)
{
	return memalign(align, n);
}

void *
valloc(size_t n)
{
	return memalign((size_t)sysconf(_SC_PAGESIZE), n);
}

int
posix_memalign(void **out, size_t align, size_t n)
{
	void *p;

	if (align < sizeof(void *) || (align & (align - 1)) != 0)
		return EINVAL;
	if ((p = memalign(align, n)) == NULL)
		return ENOMEM;
	*out = p;
	return 0;
}

char *
strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	return p != NULL ? memcpy(p, s, n) : NULL;
}

char *
strndup(const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	char *p = malloc(n + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
