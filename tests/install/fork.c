/* fork.c: what docs/library.md says of the library's worker processes, checked from a program of a library user (tests/install/run.sh). */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <meshsim/meshsim.h>

#define NODES 40

/* fork()s seen in this process (pthread_atfork's parent handler). */
static volatile int forks;

static void
count_fork(void)
{
	forks++;
}

/* A SIGCHLD handler that reaps every child, as some programs have. */
static void
reap_all(int sig)
{
	int saved = errno;

	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	errno = saved;
}

/* The descriptors open in this process, or -1. */
static int
open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	if (d == NULL)
		return -1;
	while (readdir(d) != NULL)
		n++;
	closedir(d);
	return n;
}

/* A ring of NODES nodes with a chord every fifth node, as JSON into buf
 * (size bytes). Returns 0, or -1 when it does not fit. */
static int
ring(char *buf, size_t size)
{
	size_t len = 0;
	int i, k;

	k = snprintf(buf, size, "{\"name\": \"ring\", \"nodes\": [");
	for (i = 0; k >= 0 && (size_t)k < size - len && i < NODES; i++) {
		len += (size_t)k;
		k = snprintf(buf + len, size - len, "%s{\"name\": \"n%02d\", "
		    "\"routes\": [{\"node\": \"n%02d\"}%s", i ? ", " : "", i,
		    (i + 1) % NODES, i % 5 ? "]}" : "");
		if (k >= 0 && (size_t)k < size - len && i % 5 == 0) {
			len += (size_t)k;
			k = snprintf(buf + len, size - len,
			    ", {\"node\": \"n%02d\"}]}", (i + 7) % NODES);
		}
	}
	if (k < 0 || (size_t)k >= size - len)
		return -1;
	len += (size_t)k;
	k = snprintf(buf + len, size - len, "]}\n");
	return k < 0 || (size_t)k >= size - len ? -1 : 0;
}

/* The sweep of p with k 2 on jobs processes, as JSON (the caller frees
 * it), or NULL. */
static char *
sweep(const struct mesh_plan *p, int jobs)
{
	struct mesh_sweep_options o;
	struct mesh_sweep *sw = NULL;
	char *json = NULL;

	memset(&o, 0, sizeof(o));
	o.k = 2;
	o.jobs = jobs;
	o.parallel_min = 1;     /* fork for every level */
	if (mesh_sweep_new(p, &o, &sw) == MESH_OK &&
	    mesh_sweep_run(sw) == MESH_OK)
		json = mesh_sweep_json(sw, NULL);
	mesh_sweep_free(sw);
	return json;
}

/* The availability of p on jobs processes, as JSON (the caller frees
 * it), or NULL. */
static char *
availability(const struct mesh_plan *p, unsigned jobs)
{
	struct mesh_avail_options o;
	struct mesh_availability *a = NULL;
	char *json = NULL;

	memset(&o, 0, sizeof(o));
	o.node_availability = 0.9;
	o.trials = 300000;
	o.seed = 7;
	o.jobs = jobs;
	if (mesh_availability(p, &o, &a) == MESH_OK)
		json = mesh_availability_json(a, NULL);
	mesh_availability_free(a);
	return json;
}

/* One run on 1 and on 3 processes: the same JSON, workers made, none
 * left, no descriptor left. Returns 0, or 1 saying what failed. */
static int
compare(const char *what, const struct mesh_plan *p,
    char *(*run)(const struct mesh_plan *, int))
{
	char *one, *three;
	int fds = open_fds(), before, made, bad = 0;

	one = run(p, 1);
	before = forks;
	three = run(p, 3);
	made = forks - before;
	if (one == NULL || three == NULL) {
		printf("%s: failed\n", what);
		bad = 1;
	} else if (strcmp(one, three) != 0) {
		printf("%s: 3 processes differ from 1\n", what);
		bad = 1;
	} else if (made < 2) {
		printf("%s: %d workers made on 3 processes\n", what, made);
		bad = 1;
	}
	if (waitpid(-1, NULL, WNOHANG) != -1 || errno != ECHILD) {
		printf("%s: a child is left\n", what);
		bad = 1;
	}
	if (open_fds() != fds) {
		printf("%s: %d descriptors open, %d before\n", what,
		    open_fds(), fds);
		bad = 1;
	}
	free(one);
	free(three);
	return bad;
}

static char *
avail_run(const struct mesh_plan *p, int jobs)
{
	return availability(p, (unsigned)jobs);
}

/*
 * fork [default|reap|ignore]: SIGCHLD as it is, caught by a handler that
 * reaps every child, or ignored. Exit 0 when the sweep and the
 * availability give the same JSON on 1 and on 3 processes, made workers,
 * and left no child and no descriptor; 1 otherwise; 2 when the plan
 * could not be read.
 */
int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "default";
	struct mesh_diags d;
	struct mesh_plan *p = NULL;
	char text[8192];
	int bad;

	if (pthread_atfork(NULL, count_fork, NULL) != 0)
		return 2;
	if (strcmp(mode, "reap") == 0) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = reap_all;
		sa.sa_flags = SA_RESTART;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGCHLD, &sa, NULL);
	} else if (strcmp(mode, "ignore") == 0)
		signal(SIGCHLD, SIG_IGN);
	mesh_diags_init(&d);
	if (ring(text, sizeof(text)) != 0 || mesh_plan_parse(text,
	    strlen(text), "ring.json", MESH_FORMAT_JSON, &d, &p) != MESH_OK) {
		mesh_diags_clear(&d);
		return 2;
	}
	bad = compare("sweep", p, sweep);
	bad |= compare("availability", p, avail_run);
	if (!bad)
		printf("fork (%s): sweep and availability on 3 processes as on "
		    "1, no child and no descriptor left\n", mode);
	mesh_plan_free(p);
	mesh_diags_clear(&d);
	return bad;
}
