/* nats_export.c: a plan as one nats-server.conf per node (meshsim export --format nats). */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "meshsim/nats.h"

/* Whether name can be a file name as it is: letters, digits, '.', '_'
 * and '-', not starting with '.' or '-'. */
static int
good_file_name(const char *name)
{
	const char *s;

	if (*name == '\0' || *name == '.' || *name == '-')
		return 0;
	for (s = name; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' ||
		    *s == '-'))
			return 0;
	return 1;
}

/* s as a NATS double-quoted string. */
static void
put_string(struct mesh_i_buf *b, const char *s)
{
	mesh_i_buf_puts(b, "\"");
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			mesh_i_buf_printf(b, "\\%c", *s);
		else if (*s == '\n')
			mesh_i_buf_puts(b, "\\n");
		else if (*s == '\t')
			mesh_i_buf_puts(b, "\\t");
		else
			mesh_i_buf_add(b, s, 1);
	}
	mesh_i_buf_puts(b, "\"");
}

/* host:port, an IPv6 host in brackets. */
static void
put_hostport(struct mesh_i_buf *b, const char *host, int port)
{
	if (strchr(host, ':') != NULL)
		mesh_i_buf_printf(b, "[%s]:%d", host, port);
	else
		mesh_i_buf_printf(b, "%s:%d", host, port);
}

/* The config of node i of p (*len bytes), or NULL when out of memory;
 * the caller frees it. Under o->loopback node j listens on base + j
 * (clients), base + 1000 + j (routes) and base + 2000 + j (http). */
static char *
node_conf(const struct mesh_plan *p, int i,
    const struct mesh_nats_export_options *o, const char *cluster,
    size_t *len)
{
	const struct mesh_node *n = &p->nodes[i];
	struct mesh_i_buf b;
	struct mesh_i_buf hp;
	size_t r;
	int base = o->base_port;

	mesh_i_buf_init(&b);
	mesh_i_buf_init(&hp);
	mesh_i_buf_puts(&b, "# nats-server config of node ");
	mesh_i_buf_puts(&b, n->name);
	mesh_i_buf_puts(&b, ", written by meshsim export --format nats");
	if (o->loopback)
		mesh_i_buf_printf(&b, " --loopback %d", base);
	mesh_i_buf_puts(&b, "\nserver_name: ");
	put_string(&b, n->name);
	if (o->loopback) {
		mesh_i_buf_printf(&b, "\nlisten: \"127.0.0.1:%d\"\n",
		    base + i);
		mesh_i_buf_printf(&b, "http: \"127.0.0.1:%d\"\n",
		    base + 2000 + i);
	} else {
		mesh_i_buf_puts(&b, "\nlisten: \"0.0.0.0:4222\"\n");
		mesh_i_buf_puts(&b, "http: \"0.0.0.0:8222\"\n");
	}
	if (n->no_cluster) {
		mesh_i_buf_puts(&b, "# not clustering in the plan: no cluster "
		    "block\n");
		goto out;
	}
	mesh_i_buf_puts(&b, "cluster {\n  name: ");
	put_string(&b, cluster);
	if (o->loopback) {
		mesh_i_buf_printf(&b, "\n  listen: \"127.0.0.1:%d\"\n",
		    base + 1000 + i);
	} else {
		mesh_i_buf_printf(&b, "\n  listen: \"0.0.0.0:%d\"\n",
		    n->port);
		mesh_i_buf_puts(&b, "  advertise: ");
		put_hostport(&hp, n->host, n->port);
		put_string(&b, hp.failed ? "" : hp.data);
		mesh_i_buf_puts(&b, "\n");
	}
	mesh_i_buf_puts(&b, "  routes: [\n");
	for (r = 0; r < n->nroutes; r++) {
		const struct mesh_route *rt = &n->routes[r];

		if (o->loopback && rt->target < 0) {
			mesh_i_buf_puts(&b, "    # left out: the route to ");
			put_hostport(&b, rt->host, rt->port);
			mesh_i_buf_puts(&b, ", no node of the plan\n");
			continue;
		}
		mesh_i_buf_puts(&b, "    \"nats-route://");
		if (o->loopback)
			mesh_i_buf_printf(&b, "127.0.0.1:%d",
			    base + 1000 + rt->target);
		else
			put_hostport(&b, rt->host, rt->port);
		mesh_i_buf_puts(&b, "\"\n");
	}
	mesh_i_buf_puts(&b, "  ]\n}\n");
out:
	mesh_i_buf_free(&hp);
	if (b.failed) {
		mesh_i_buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return mesh_i_buf_take(&b);
}

void
mesh_nats_files_free(struct mesh_nats_file *files, size_t n)
{
	size_t i;

	if (files == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(files[i].name);
		free(files[i].text);
	}
	free(files);
}

/* Whether a cluster name is one nats-server takes: no white space. */
static int
good_cluster_name(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
		    *s == '"' || *s == '\\')
			return 0;
	return 1;
}

enum mesh_error
mesh_nats_export(const struct mesh_plan *plan,
    const struct mesh_nats_export_options *opts, struct mesh_diags *diags,
    struct mesh_nats_file **out, size_t *nout)
{
	static const struct mesh_nats_export_options none;
	const struct mesh_nats_export_options *o = opts ? opts : &none;
	const char *cluster = o->cluster_name ? o->cluster_name : "meshsim";
	struct mesh_nats_file *f;
	size_t i, bad = 0;

	*out = NULL;
	*nout = 0;
	if (!good_cluster_name(cluster)) {
		mesh_diags_add(diags, MESH_ERROR, "nats-export", NULL, 0, 0,
		    NULL, "cluster name '%s' is not one nats-server takes: "
		    "no spaces or quotes", cluster);
		return MESH_EINPUT;
	}
	if (o->loopback && (o->base_port < 1024 || plan->nnodes > 1000 ||
	    (size_t)o->base_port + 2000 + plan->nnodes > 65536)) {
		mesh_diags_add(diags, MESH_ERROR, "nats-export", plan->file,
		    0, 0, NULL, "--loopback %d: the ports BASEPORT to "
		    "BASEPORT+2000+%zu must lie in 1024..65535, and at most "
		    "1000 nodes (the three ranges are 1000 apart)",
		    o->base_port, plan->nnodes);
		return MESH_EINPUT;
	}
	for (i = 0; i < plan->nnodes; i++) {
		const struct mesh_node *n = &plan->nodes[i];

		if (!good_file_name(n->name)) {
			mesh_diags_add(diags, MESH_ERROR, "nats-export",
			    plan->file, n->line, n->column, n->name,
			    "node '%s' cannot name a config file NAME.conf: "
			    "use letters, digits, '.', '_' and '-' (not "
			    "first)", n->name);
			bad++;
		}
	}
	if (bad > 0)
		return MESH_EINPUT;
	if (plan->nnodes == 0)
		return MESH_OK;
	if ((f = calloc(plan->nnodes, sizeof(*f))) == NULL)
		return MESH_ENOMEM;
	for (i = 0; i < plan->nnodes; i++) {
		f[i].name = mesh_i_asprintf("%s.conf", plan->nodes[i].name);
		f[i].text = node_conf(plan, (int)i, o, cluster, &f[i].len);
		if (f[i].name == NULL || f[i].text == NULL) {
			mesh_nats_files_free(f, plan->nnodes);
			return MESH_ENOMEM;
		}
	}
	*out = f;
	*nout = plan->nnodes;
	return MESH_OK;
}
