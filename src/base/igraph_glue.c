/* igraph_glue.c: calling igraph safely: handlers that neither abort nor print, and error conversion. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "base/igraph_glue.h"

/* igraph 0.10.2 is not thread-safe, and neither is this state. */
static char last_message[512];
static sigjmp_buf *fatal_jump;  /* of the innermost mesh_i_igraph_call() */

static void
record_error(const char *reason, const char *file, int line,
    igraph_error_t err)
{
	(void)file;
	(void)line;
	(void)err;
	snprintf(last_message, sizeof(last_message), "%s", reason);
	IGRAPH_FINALLY_FREE();
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
	IGRAPH_FINALLY_CLEAN(IGRAPH_FINALLY_STACK_SIZE());
	siglongjmp(*fatal_jump, errno == ENOMEM ? 2 : 1);
}

/* SIGSEGV inside a reader of mesh_i_igraph_read_guarded(): as a fatal
 * error. */
static void
segv_back(int sig)
{
	(void)sig;
	strcpy(last_message, "igraph's reader crashed");
	IGRAPH_FINALLY_CLEAN(IGRAPH_FINALLY_STACK_SIZE());
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

	last_message[0] = '\0';
	error = igraph_set_error_handler(record_error);
	warning = igraph_set_warning_handler(drop_warning);
	fatal = igraph_set_fatal_handler(jump_back);
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
	igraph_set_error_handler(error);
	igraph_set_warning_handler(warning);
	igraph_set_fatal_handler(fatal);
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
