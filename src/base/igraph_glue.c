/* igraph_glue.c: calling igraph safely: loaded when first needed, handlers that neither abort nor print, and error conversion. */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "base/igraph_glue.h"

/* igraph's shared library, by its soname (the Makefile finds it from
 * pkg-config's igraph). */
#ifndef MESH_I_IGRAPH_SONAME
#define MESH_I_IGRAPH_SONAME "libigraph.so"
#endif

struct mesh_i_igraph mesh_i_ig;

/* The symbols of mesh_i_ig, by name and place. */
static const struct {
	const char *name;
	size_t offset;
} symbols[] = {
#define MESH_I_IGRAPH_SYMBOL(member, name) \
	{ #name, offsetof(struct mesh_i_igraph, member) },
	MESH_I_IGRAPH_FUNCTIONS(MESH_I_IGRAPH_SYMBOL)
#undef MESH_I_IGRAPH_SYMBOL
	{ "igraph_cattribute_table",
	    offsetof(struct mesh_i_igraph, cattribute_table) },
};

static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
static enum { NOT_TRIED, LOADED, FAILED } load_state;

/* igraph 0.10.2 is not thread-safe, and neither is this state. */
static char last_message[512];
static sigjmp_buf *fatal_jump;  /* of the innermost mesh_i_igraph_call() */

/*
 * Open soname and fill mesh_i_ig from it, all or nothing; on failure
 * last_message says why, mesh_i_ig stays empty and the library stays
 * open (dlclose() is not worth its risks here). Returns MESH_OK,
 * MESH_ENOMEM when the dynamic linker ran out of memory (dlerror()'s
 * words for it, its own or strerror(ENOMEM)'s), else MESH_ENOIGRAPH.
 * Called under load_lock.
 */
static enum mesh_error
load(const char *soname)
{
	struct mesh_i_igraph t;
	const char *why;
	void *lib, *sym;
	size_t i;

	if ((lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		why = dlerror();
		snprintf(last_message, sizeof(last_message), "%s",
		    why != NULL ? why : soname);
		return strstr(last_message, "out of memory") != NULL ||
		    strstr(last_message, strerror(ENOMEM)) != NULL ?
		    MESH_ENOMEM : MESH_ENOIGRAPH;
	}
	memset(&t, 0, sizeof(t));
	for (i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++) {
		if ((sym = dlsym(lib, symbols[i].name)) == NULL) {
			snprintf(last_message, sizeof(last_message),
			    "%s: no %s", soname, symbols[i].name);
			return MESH_ENOIGRAPH;
		}
		/* POSIX: a function's address from dlsym() converts to
		 * its pointer type. */
		memcpy((char *)&t + symbols[i].offset, &sym, sizeof(sym));
	}
	mesh_i_ig = t;
	return MESH_OK;
}

enum mesh_error
mesh_i_igraph_load_from(const char *soname)
{
	enum mesh_error err;

	pthread_mutex_lock(&load_lock);
	if (load_state == NOT_TRIED) {
		/* Out of memory is tried again next time. */
		if ((err = load(soname)) != MESH_ENOMEM)
			load_state = err == MESH_OK ? LOADED : FAILED;
	} else {
		err = load_state == LOADED ? MESH_OK : MESH_ENOIGRAPH;
	}
	pthread_mutex_unlock(&load_lock);
	return err;
}

const char *
mesh_i_igraph_missing(void)
{
	return "igraph's library (" MESH_I_IGRAPH_SONAME ") could not be "
	    "loaded";
}

enum mesh_error
mesh_i_igraph_load(void)
{
	return mesh_i_igraph_load_from(MESH_I_IGRAPH_SONAME);
}

static void
record_error(const char *reason, const char *file, int line,
    igraph_error_t err)
{
	(void)file;
	(void)line;
	(void)err;
	snprintf(last_message, sizeof(last_message), "%s", reason);
	mesh_i_ig.finally_free();
}

static void
drop_warning(const char *reason, const char *file, int line)
{
	(void)reason;
	(void)file;
	(void)line;
}

/*
 * igraph's fatal errors must not return. The FINALLY stack may be what
 * failed (an assertion in a destructor), so it is dropped, not run.
 */
static void
jump_back(const char *reason, const char *file, int line)
{
	(void)file;
	(void)line;
	snprintf(last_message, sizeof(last_message), "%s", reason);
	mesh_i_ig.finally_clean(mesh_i_ig.finally_stack_size());
	siglongjmp(*fatal_jump, errno == ENOMEM ? 2 : 1);
}

/* SIGSEGV inside a reader of mesh_i_igraph_read_guarded(): as a fatal
 * error. */
static void
segv_back(int sig)
{
	(void)sig;
	strcpy(last_message, "igraph's reader crashed");
	mesh_i_ig.finally_clean(mesh_i_ig.finally_stack_size());
	siglongjmp(*fatal_jump, errno == ENOMEM ? 2 : 1);
}

igraph_error_t
mesh_i_igraph_read_guarded(igraph_error_t (*reader)(igraph_t *, FILE *),
    igraph_t *g, FILE *in)
{
	struct sigaction sa, old;
	igraph_error_t rc;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = segv_back;
	sigemptyset(&sa.sa_mask);
	if (fatal_jump == NULL || sigaction(SIGSEGV, &sa, &old) != 0)
		return reader(g, in);
	rc = reader(g, in);
	sigaction(SIGSEGV, &old, NULL);
	return rc;
}

enum mesh_error
mesh_i_igraph_call(enum mesh_error (*fn)(void *), void *ctx)
{
	igraph_error_handler_t *error;
	igraph_warning_handler_t *warning;
	igraph_fatal_handler_t *fatal;
	sigjmp_buf here, *outer = fatal_jump;
	struct sigaction segv;
	enum mesh_error err;
	int jumped;

	if ((err = mesh_i_igraph_load()) != MESH_OK)
		return err;
	last_message[0] = '\0';
	error = mesh_i_ig.set_error_handler(record_error);
	warning = mesh_i_ig.set_warning_handler(drop_warning);
	fatal = mesh_i_ig.set_fatal_handler(jump_back);
	fatal_jump = &here;
	sigaction(SIGSEGV, NULL, &segv);
	errno = 0;
	/* The signal mask is saved: a jump from segv_back() unblocks
	 * SIGSEGV again. */
	if ((jumped = sigsetjmp(here, 1)) == 0) {
		err = fn(ctx);
	} else {
		err = jumped == 2 ? MESH_ENOMEM : MESH_EGRAPH;
		sigaction(SIGSEGV, &segv, NULL);
	}
	fatal_jump = outer;
	mesh_i_ig.set_error_handler(error);
	mesh_i_ig.set_warning_handler(warning);
	mesh_i_ig.set_fatal_handler(fatal);
	return err;
}

const char *
mesh_i_igraph_message(void)
{
	return last_message;
}

enum mesh_error
mesh_i_igraph_error(igraph_error_t e)
{
	switch (e) {
	case IGRAPH_SUCCESS:
		return MESH_OK;
	case IGRAPH_ENOMEM:
		return MESH_ENOMEM;
	case IGRAPH_PARSEERROR:
		return MESH_EINPUT;
	default:
		return MESH_EGRAPH;
	}
}
