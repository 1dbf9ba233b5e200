/* nats.c: nats-server configs and command lines (one per node) read into a plan (docs/nats.md). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "base/diag.h"
#include "base/hostcheck.h"
#include "base/input.h"
#include "base/map.h"
#include "base/text.h"
#include "base/util.h"
#include "meshsim/meshsim.h"
#include "meshsim/nats.h"
#include "read/json_kit.h"
#include "read/jsonpos.h"
#include "read/kit.h"
#include "read/nats_conf.h"
#include "read/readers.h"

/* One route as a config or command line writes it. */
struct nroute {
	char *host;
	int port;
	struct mesh_i_pos at;
	const char *via;
	int drop;               /* 1: left out (cluster-name-mismatch) */
};

/* One server: what its config and command line say. */
struct nnode {
	char *name;
	struct mesh_i_pos at;           /* where the name is, or the file */
	char *file;                     /* its config (or command line) */
	char *prefix;                   /* HOST= of the argument */
	char *host;
	const char *host_source;
	int port;
	int has_cluster;                /* a cluster block or --cluster */
	int clustering;                 /* ... with a port */
	struct mesh_i_pos flag_routes;  /* where --routes is, if given */
	struct mesh_i_pos cluster_at;
	char *cluster_name;
	struct mesh_i_pos cname_at;
	struct nroute *routes;
	size_t nroutes;
	struct mesh_i_nconf conf;
	/* From the cluster block: host and port as listen gives them. */
	char *listen_host;
	char *adv_host;
	int adv_port;
};

struct reader {
	struct mesh_i_reader base;
	struct nnode *nodes;
	size_t n;
	char **argfiles;                /* --nats-args files, for positions */
	size_t nargfiles, argfiles_cap;
};

static const char *const cluster_keys[] = {
	"name", "listen", "port", "host", "net", "authorization", "routes",
	"tls", "cluster_advertise", "advertise", "no_advertise",
	"connect_retries", "connect_backoff", "permissions", "pool_size",
	"accounts", "compression", "ping_interval", "ping_max",
	"write_deadline", "write_timeout", NULL
};

/* nats-server's top-level keys (server/opts.go, processConfigFileLine). */
static const char *const top_keys[] = {
	"listen", "client_advertise", "port", "server_name", "host", "net",
	"debug", "trace", "trace_verbose", "trace_headers", "logtime",
	"logtime_utc", "mappings", "maps", "disable_sublist_cache",
	"no_sublist_cache", "accounts", "default_sentinel", "authorization",
	"http", "https", "http_port", "monitor_port", "https_port",
	"http_base_path", "cluster", "gateway", "leaf", "leafnodes",
	"store_dir", "storedir", "jetstream", "logfile", "log_file",
	"logfile_size_limit", "log_size_limit", "logfile_max_num",
	"log_max_num", "syslog", "remote_syslog", "pidfile", "pid_file",
	"ports_file_dir", "prof_port", "prof_block_rate", "max_control_line",
	"max_payload", "max_pending", "proxy_protocol", "max_connections",
	"max_conn", "max_traced_msg_len", "max_subscriptions", "max_subs",
	"max_sub_tokens", "max_subscription_tokens", "ping_interval",
	"ping_max", "tls", "ocsp", "allow_non_tls", "write_deadline",
	"write_timeout", "lame_duck_duration", "lame_duck_grace_period",
	"operator", "operators", "roots", "root", "root_operators",
	"root_operator", "resolver", "account_resolver", "accounts_resolver",
	"resolver_tls", "resolver_preload", "resolver_pinned_accounts",
	"no_auth_user", "system_account", "system", "no_system_account",
	"no_system", "no_sys_acc", "no_header_support", "trusted",
	"trusted_keys", "connect_error_reports", "reconnect_error_reports",
	"websocket", "ws", "mqtt", "server_tags", "server_metadata",
	"feature_flags", "default_js_domain", "ocsp_cache",
	"no_fast_producer_stall", "max_closed_clients", "proxies", NULL
};

static void
nomem(struct reader *r)
{
	r->base.nomem = r->base.diags->nomem = 1;
}

static char *
dup(struct reader *r, const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		nomem(r);
	return d;
}

static int
good_host(const char *h)
{
	return *h != '\0' && strpbrk(h, " \t\r\n/@") == NULL &&
	    !mesh_i_has_control(h);
}

/* Whether host means every interface: no address of its own. */
static int
any_host(const char *h)
{
	return h == NULL || *h == '\0' || strcmp(h, "0.0.0.0") == 0 ||
	    strcmp(h, "::") == 0 || strcmp(h, "[::]") == 0;
}

/* A port 1-65535 from digits s (len bytes); -1 if not one. */
static int
port_of(const char *s, size_t len)
{
	long p = 0;
	size_t i;

	if (len == 0 || len > 5)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		p = p * 10 + (s[i] - '0');
	}
	return p >= 1 && p <= 65535 ? (int)p : -1;
}

/*
 * Split "host:port" or "[v6]:port" (a URL's authority without user) into
 * *host (malloc'd) and *port (-1 when there is no port, 0 when it is not
 * a number from 1 to 65535). Returns 0, or -1 when out of memory.
 */
static int
split_hostport(const char *s, size_t len, char **host, int *port)
{
	const char *colon;
	size_t hl;

	*port = -1;
	if (len > 0 && s[0] == '[') {
		const char *close = memchr(s, ']', len);

		if (close == NULL) {
			hl = len;
		} else {
			hl = (size_t)(close - s) + 1;
			if (hl < len && s[hl] == ':')
				*port = port_of(s + hl + 1, len - hl - 1) < 0 ?
				    0 : port_of(s + hl + 1, len - hl - 1);
		}
		*host = mesh_i_asprintf("%.*s", (int)(hl >= 2 ? hl - 2 : 0),
		    s + 1);
		return *host == NULL ? -1 : 0;
	}
	colon = memchr(s, ':', len);
	hl = colon != NULL ? (size_t)(colon - s) : len;
	if (colon != NULL)
		*port = port_of(colon + 1, len - hl - 1) < 0 ? 0 :
		    port_of(colon + 1, len - hl - 1);
	*host = mesh_i_asprintf("%.*s", (int)hl, s);
	return *host == NULL ? -1 : 0;
}

/*
 * A route URL u, written at at: SCHEME://[USER[:PASS]@]HOST:PORT[/...].
 * Returns 1 with *host and *port set, 0 after a warning (nats-server
 * takes it but the route never connects: no route), -1 after an error
 * (the server refuses the config) or when out of memory.
 */
static int
route_url(struct reader *r, const char *u, const struct mesh_i_pos *at,
    const char *node, char **host, int *port)
{
	const char *p, *auth, *end, *at_sign;
	size_t len;

	*host = NULL;
	while (*u == ' ' || *u == '\t' || *u == '\n' || *u == '\r')
		u++;
	len = strlen(u);
	while (len > 0 && strchr(" \t\r\n", u[len - 1]) != NULL)
		len--;
	for (p = u; p < u + len; p++)
		if ((unsigned char)*p < 0x20 || *p == ' ' || *p == 0x7f) {
			mesh_i_report(&r->base, MESH_ERROR, "bad-url", at, node,
			    "route URL '%.*s' holds white space or a control "
			    "character: nats-server refuses the config",
			    (int)len, u);
			return -1;
		}
	if ((p = strstr(u, "://")) == NULL || p == u) {
		size_t sl = strcspn(u, ":/");

		/* Go's url.Parse refuses a first segment with a colon
		 * that is no scheme ("127.0.0.1:6222"). */
		if (sl < len && u[sl] == ':' && (sl == 0 || !((u[0] >= 'a' &&
		    u[0] <= 'z') || (u[0] >= 'A' && u[0] <= 'Z')) ||
		    strspn(u, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV"
		    "WXYZ0123456789+-.") < sl)) {
			mesh_i_report(&r->base, MESH_ERROR, "bad-url", at, node,
			    "route '%.*s' is not a URL: nats-server refuses "
			    "the config (write nats-route://%.*s)", (int)len, u,
			    (int)len, u);
			return -1;
		}
		mesh_i_report(&r->base, MESH_WARNING, "bad-url", at, node,
		    "route '%.*s' is not a URL (nats-route://HOST:PORT): "
		    "nats-server takes it but finds no host to dial, so it "
		    "never connects; no link", (int)len, u);
		return 0;
	}
	auth = p + 3;
	end = auth + strcspn(auth, "/?#");
	if (end > u + len)
		end = u + len;
	/* The user information ends at the last '@'. */
	for (at_sign = end; at_sign > auth && at_sign[-1] != '@'; at_sign--)
		;
	if (at_sign > auth)
		auth = at_sign;
	if (split_hostport(auth, (size_t)(end - auth), host, port) != 0) {
		nomem(r);
		return -1;
	}
	if (**host == '\0' || !good_host(*host)) {
		mesh_i_report(&r->base, MESH_ERROR, "bad-url", at, node,
		    "route URL '%.*s' has no host name: nats-server would "
		    "dial nothing", (int)len, u);
		goto bad;
	}
	if (*port == 0) {
		mesh_i_report(&r->base, MESH_ERROR, "port-range", at, node,
		    "route URL '%.*s': the port is not a number from 1 to "
		    "65535", (int)len, u);
		goto bad;
	}
	if (*port < 0) {
		mesh_i_report(&r->base, MESH_WARNING, "bad-url", at, node,
		    "route URL '%.*s' has no port: nats-server dials the host "
		    "without one, which fails, so it never connects; no link "
		    "(write nats-route://%s:%d)", (int)len, u, *host,
		    MESH_NATS_CLUSTER_PORT);
		free(*host);
		*host = NULL;
		return 0;
	}
	return 1;
bad:
	free(*host);
	*host = NULL;
	return -1;
}

/* Report that v (what: "'cluster.routes'") is not want ("an array"). */
static void
wrong_type(struct reader *r, const struct mesh_i_nval *v, const char *what,
    const char *want, const char *node)
{
	const char *t = mesh_i_ntype_name(v->type);

	mesh_i_report(&r->base, MESH_ERROR, "wrong-type", &v->at, node,
	    "%s must be %s, not %s %s: nats-server refuses the config", what,
	    want, t[0] == 'a' ? "an" : "a", t);
}

/* Add route (host taken) to n. Returns 0 or -1. */
static int
add_route(struct reader *r, struct nnode *n, char *host, int port,
    const struct mesh_i_pos *at, const char *via)
{
	struct nroute *p = realloc(n->routes, (n->nroutes + 1) * sizeof(*p));

	if (p == NULL) {
		free(host);
		nomem(r);
		return -1;
	}
	n->routes = p;
	memset(&p[n->nroutes], 0, sizeof(*p));
	p[n->nroutes].host = host;
	p[n->nroutes].port = port;
	p[n->nroutes].at = *at;
	p[n->nroutes].via = via;
	n->nroutes++;
	return 0;
}

static void
clear_routes(struct nnode *n)
{
	size_t i;

	for (i = 0; i < n->nroutes; i++)
		free(n->routes[i].host);
	free(n->routes);
	n->routes = NULL;
	n->nroutes = 0;
}

/* The cluster.routes array a of n. */
static void
read_routes(struct reader *r, struct nnode *n, const struct mesh_i_nval *a)
{
	struct mesh_i_map seen;         /* route text to its first index */
	size_t i, j;
	char *host;
	int port;

	if (a->type != MESH_I_NARRAY) {
		wrong_type(r, a, "'cluster.routes'", "an array of URLs",
		    n->name);
		return;
	}
	clear_routes(n);
	mesh_i_map_init(&seen);
	for (i = 0; i < a->nitems; i++) {
		const struct mesh_i_nval *v = a->items[i];
		int first;

		if (v->type != MESH_I_NSTRING) {
			wrong_type(r, v, "a route", "a URL string", n->name);
			continue;
		}
		if ((first = mesh_i_map_put(&seen, v->str, 0, (int)i)) == -2) {
			nomem(r);
			break;
		}
		if (first >= 0) {
			j = (size_t)first;
			mesh_i_report(&r->base, MESH_ERROR, "duplicate-route",
			    &v->at, n->name, "route '%s' is listed twice "
			    "(also at line %d): nats-server refuses the config "
			    "(\"Duplicate route entry detected\")", v->str,
			    a->items[j]->at.line);
			continue;
		}
		if (route_url(r, v->str, &v->at, n->name, &host, &port) == 1)
			add_route(r, n, host, port, &v->at, v->via);
	}
	mesh_i_map_free(&seen);
}

/* A listen value: a port, or "host:port". */
static void
read_listen(struct reader *r, struct nnode *n, const struct mesh_i_nval *v,
    const char *what)
{
	char *host;
	int port;

	if (v->type == MESH_I_NINT) {
		if (v->num < 1 || v->num > 65535) {
			mesh_i_report(&r->base, MESH_ERROR, "port-range",
			    &v->at, n->name, "%s: port %lld is out of range "
			    "(1-65535)", what, v->num);
			return;
		}
		n->port = (int)v->num;
		return;
	}
	if (v->type != MESH_I_NSTRING) {
		wrong_type(r, v, what, "a port or \"host:port\"", n->name);
		return;
	}
	if (split_hostport(v->str, strlen(v->str), &host, &port) != 0) {
		nomem(r);
		return;
	}
	if (port <= 0) {
		mesh_i_report(&r->base, MESH_ERROR, port < 0 ? "bad-url" :
		    "port-range", &v->at, n->name, "%s: '%s' is not "
		    "host:port with a port from 1 to 65535: nats-server "
		    "refuses the config", what, v->str);
		free(host);
		return;
	}
	/* No host is every interface; a host must be one. */
	if (*host != '\0' && !good_host(host)) {
		mesh_i_report(&r->base, MESH_ERROR, "bad-host", &v->at,
		    n->name, "%s: the host of '%s' holds white space, '/', "
		    "'@' or a control character", what, v->str);
		free(host);
		return;
	}
	free(n->listen_host);
	n->listen_host = host;
	n->port = port;
}

/* The keys of m not in known: unknown-key, with a did-you-mean; sev as
 * nats-server treats them. Keys used as variables are not settings. */
static void
check_keys(struct reader *r, const struct mesh_i_nval *m,
    const char *const *known, const char *where, enum mesh_severity sev,
    const char *node)
{
	const char *close;
	size_t i;
	char lower[64];

	for (i = 0; i < m->nkeys; i++) {
		const char *k = m->keys[i].key;
		size_t j;

		for (j = 0; k[j] != '\0' && j + 1 < sizeof(lower); j++)
			lower[j] = (char)(k[j] >= 'A' && k[j] <= 'Z' ?
			    k[j] + 32 : k[j]);
		lower[j] = '\0';
		if (m->keys[i].used ||
		    mesh_i_known_key(known, lower, &close) >= 0)
			continue;
		if (close != NULL)
			mesh_i_report(&r->base, sev, "unknown-key",
			    &m->keys[i].at, node, "%s '%s' is not a key "
			    "nats-server knows (did you mean '%s'?): it "
			    "refuses to start with it", where, k, close);
		else
			mesh_i_report(&r->base, sev, "unknown-key",
			    &m->keys[i].at, node, "%s '%s' is not a key "
			    "nats-server knows: it refuses to start with it "
			    "(a variable that nothing uses?)", where, k);
	}
}

/* The cluster block c of n. */
static void
read_cluster(struct reader *r, struct nnode *n, const struct mesh_i_nkey *ck)
{
	const struct mesh_i_nval *c = ck->val;
	struct mesh_i_nkey *k;

	n->cluster_at = ck->at;
	if (c->type != MESH_I_NMAP) {
		wrong_type(r, c, "'cluster'", "a block { ... }", n->name);
		return;
	}
	check_keys(r, c, cluster_keys, "cluster key", MESH_ERROR, n->name);
	if ((k = mesh_i_nmap_get(c, "port")) != NULL) {
		if (k->val->type != MESH_I_NINT)
			wrong_type(r, k->val, "'cluster.port'", "a number",
			    n->name);
		else
			read_listen(r, n, k->val, "'cluster.port'");
	}
	if ((k = mesh_i_nmap_get(c, "host")) != NULL ||
	    (k = mesh_i_nmap_get(c, "net")) != NULL) {
		if (k->val->type != MESH_I_NSTRING) {
			wrong_type(r, k->val, "'cluster.host'", "a string",
			    n->name);
		} else if (*k->val->str != '\0' && !good_host(k->val->str)) {
			/* As the host of cluster.listen. */
			mesh_i_report(&r->base, MESH_ERROR, "bad-host",
			    &k->val->at, n->name, "'cluster.host' '%s' holds "
			    "white space, '/', '@' or a control character",
			    k->val->str);
		} else {
			free(n->listen_host);
			n->listen_host = dup(r, k->val->str);
		}
	}
	if ((k = mesh_i_nmap_get(c, "listen")) != NULL)
		read_listen(r, n, k->val, "'cluster.listen'");
	if ((k = mesh_i_nmap_get(c, "name")) != NULL) {
		if (k->val->type != MESH_I_NSTRING) {
			wrong_type(r, k->val, "'cluster.name'", "a string",
			    n->name);
		} else if (mesh_i_has_control(k->val->str)) {
			/* It becomes the label nats_cluster. */
			mesh_i_report(&r->base, MESH_ERROR, "bad-name",
			    &k->val->at, n->name, "'cluster.name' holds a "
			    "control character: no plan can hold it");
		} else {
			free(n->cluster_name);
			n->cluster_name = dup(r, k->val->str);
			n->cname_at = k->val->at;
		}
	}
	if ((k = mesh_i_nmap_get(c, "advertise")) != NULL ||
	    (k = mesh_i_nmap_get(c, "cluster_advertise")) != NULL) {
		if (k->val->type != MESH_I_NSTRING) {
			wrong_type(r, k->val, "'cluster.advertise'",
			    "\"host:port\"", n->name);
		} else {
			const char *s = k->val->str, *sep = strstr(s, "://");
			int port;

			if (sep != NULL)
				s = sep + 3;
			free(n->adv_host);
			if (split_hostport(s, strcspn(s, "/"), &n->adv_host,
			    &port) != 0) {
				nomem(r);
			} else if (!good_host(n->adv_host)) {
				mesh_i_report(&r->base, MESH_ERROR, "bad-host",
				    &k->val->at, n->name, "'cluster.advertise' "
				    "'%s' has no host", k->val->str);
				free(n->adv_host);
				n->adv_host = NULL;
			} else {
				n->adv_port = port;
			}
		}
	}
	if ((k = mesh_i_nmap_get(c, "no_advertise")) != NULL &&
	    k->val->type != MESH_I_NBOOL)
		wrong_type(r, k->val, "'cluster.no_advertise'", "a boolean",
		    n->name);
	if ((k = mesh_i_nmap_get(c, "connect_retries")) != NULL &&
	    k->val->type != MESH_I_NINT)
		wrong_type(r, k->val, "'cluster.connect_retries'", "a number",
		    n->name);
	if ((k = mesh_i_nmap_get(c, "routes")) != NULL)
		read_routes(r, n, k->val);
	n->has_cluster = 1;
}

/* The config of n, parsed into n->conf. */
static void
read_conf(struct reader *r, struct nnode *n)
{
	const struct mesh_i_nval *root = n->conf.root;
	struct mesh_i_nkey *k;

	check_keys(r, root, top_keys, "key", MESH_ERROR, n->name);
	if ((k = mesh_i_nmap_get(root, "server_name")) != NULL) {
		if (k->val->type != MESH_I_NSTRING || k->val->str[0] == '\0' ||
		    strpbrk(k->val->str, " \t\r\n") != NULL) {
			mesh_i_report(&r->base, MESH_ERROR, "bad-node-name",
			    &k->val->at, NULL, "'server_name' must be a name "
			    "without spaces: nats-server refuses the config");
		} else if (mesh_i_has_control(k->val->str)) {
			mesh_i_report(&r->base, MESH_ERROR, "bad-node-name",
			    &k->val->at, NULL, "'server_name' holds a control "
			    "character: no plan can name a node so");
		} else {
			free(n->name);
			n->name = dup(r, k->val->str);
			n->at = k->val->at;
		}
	}
	if ((k = mesh_i_nmap_get(root, "cluster")) != NULL)
		read_cluster(r, n, k);
}

/* The file's name without directory and extension. */
static char *
stem_of(const char *path)
{
	const char *b = strrchr(path, '/'), *dot;

	b = b != NULL ? b + 1 : path;
	dot = strrchr(b, '.');
	if (dot == NULL || dot == b)
		dot = b + strlen(b);
	return mesh_i_asprintf("%.*s", (int)(dot - b), b);
}

/* "[HOST=]PATH" into n's prefix and file. */
static int
split_arg(struct reader *r, const char *arg, struct nnode *n)
{
	const char *eq = strchr(arg, '=');

	if (eq != NULL && eq > arg && memchr(arg, '/', (size_t)(eq - arg)) ==
	    NULL) {
		if ((n->prefix = mesh_i_asprintf("%.*s", (int)(eq - arg),
		    arg)) == NULL) {
			nomem(r);
			return -1;
		}
		arg = eq + 1;
	}
	if ((n->file = dup(r, arg)) == NULL)
		return -1;
	return 0;
}

static void
node_free(struct nnode *n)
{
	free(n->name);
	free(n->file);
	free(n->prefix);
	free(n->host);
	free(n->cluster_name);
	free(n->listen_host);
	free(n->adv_host);
	clear_routes(n);
	mesh_i_nconf_free(&n->conf);
}

/* Read n's config file (n->file) and its settings. */
static void
load_conf(struct reader *r, struct nnode *n, const char *buf, size_t len)
{
	struct mesh_i_reader sub = { r->base.diags, n->file, 0, 0 };

	if (mesh_i_nconf_parse(&sub, n->file, buf, len, &n->conf) != 0 ||
	    sub.errors > 0) {
		r->base.errors += sub.errors;
		r->base.nomem |= sub.nomem;
		return;
	}
	r->base.nomem |= sub.nomem;
	read_conf(r, n);
}

/* One word of a command line and where it starts. */
struct word {
	char *text;
	struct mesh_i_pos at;
	int quoted;             /* opens with a quote: text starts a column
				 * later */
};

/*
 * The words of a command-line file (buf, len bytes), as a shell splits
 * them: white space between words, '...' and "..." quoting, backslash
 * escapes and line continuations, '#' comments at a word's start. Sets
 * *out (free each text and the array) and *n; returns 0, or -1 after
 * reporting an unclosed quote (or when out of memory).
 */
static int
split_words(struct reader *r, const char *file, const char *buf, size_t len,
    struct word **out, size_t *n)
{
	struct word *v = NULL, *nv;
	struct mesh_i_buf b;
	size_t i = 0;
	int line = 1, col = 1;

	*out = NULL;
	*n = 0;
	while (i < len) {
		struct mesh_i_pos at;
		int q = 0, first_quote;

		if (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
		    buf[i] == '\n') {
			if (buf[i] == '\n') {
				line++;
				col = 1;
			} else {
				col++;
			}
			i++;
			continue;
		}
		if (buf[i] == '\\' && i + 1 < len && buf[i + 1] == '\n') {
			i += 2;
			line++;
			col = 1;
			continue;
		}
		if (buf[i] == '#') {
			while (i < len && buf[i] != '\n')
				i++;
			continue;
		}
		at.file = file;
		at.line = line;
		at.column = col;
		first_quote = buf[i] == '\'' || buf[i] == '"';
		mesh_i_buf_init(&b);
		while (i < len && (q != 0 || (buf[i] != ' ' &&
		    buf[i] != '\t' && buf[i] != '\r' && buf[i] != '\n'))) {
			char c = buf[i];

			if ((c & 0xc0) != 0x80)
				col++;
			if (c == '\n') {
				line++;
				col = 1;
			}
			i++;
			if (q == 0 && (c == '\'' || c == '"')) {
				q = c;
			} else if (q != 0 && c == q) {
				q = 0;
			} else if (c == '\\' && q != '\'' && i < len &&
			    (q == 0 || strchr("\"\\$`", buf[i]) != NULL)) {
				if (buf[i] == '\n') {
					line++;
					col = 1;
				} else {
					mesh_i_buf_add(&b, buf + i, 1);
					col++;
				}
				i++;
			} else {
				mesh_i_buf_add(&b, &c, 1);
			}
		}
		if (q != 0) {
			mesh_i_report(&r->base, MESH_ERROR, "bad-argument", &at,
			    NULL, "the quote %c opened in this word is not "
			    "closed", q);
			mesh_i_buf_free(&b);
			goto fail;
		}
		if (b.failed || (nv = realloc(v, (*n + 1) * sizeof(*v))) ==
		    NULL) {
			mesh_i_buf_free(&b);
			nomem(r);
			goto fail;
		}
		v = nv;
		v[*n].at = at;
		v[*n].quoted = first_quote;
		if ((v[*n].text = b.len ? mesh_i_buf_take(&b) :
		    strdup("")) == NULL) {
			nomem(r);
			goto fail;
		}
		(*n)++;
	}
	*out = v;
	return 0;
fail:
	for (i = 0; i < *n; i++)
		free(v[i].text);
	free(v);
	*n = 0;
	return -1;
}

/* nats-server's flags (server/opts.go, ConfigureOptions): those that
 * take no value, then those that take one. */
static const char *const bool_flags[] = {
	"D", "V", "VV", "DV", "DVV", "T", "s", "r", "t", "h", "v", "debug",
	"trace", "logtime", "logtime_utc", "syslog", "help", "help_tls",
	"version", "no_advertise", "js", "jetstream", "tls", "tlsverify",
	"dont_listen", NULL
};
static const char *const value_flags[] = {
	"p", "port", "a", "addr", "net", "client_advertise", "n", "name",
	"server_name", "m", "http_port", "ms", "https_port", "c", "config",
	"user", "pass", "auth", "l", "log", "log_size_limit", "P", "pid",
	"ports_file_dir", "sl", "signal", "routes", "cluster",
	"cluster_listen", "cluster_advertise", "connect_retries",
	"cluster_name", "tlscert", "tlskey", "tlscacert", "profile",
	"http_base_path", "sd", "store_dir", "max_traced_msg_len", "msl",
	"syslog_name", "l", NULL
};

/* The node of r named name (server_name, else the file's stem), or -1. */
static int
node_named(struct reader *r, const char *name)
{
	size_t i;
	char *stem;
	int hit;

	for (i = 0; i < r->n; i++) {
		if (r->nodes[i].name != NULL) {
			if (strcmp(r->nodes[i].name, name) == 0)
				return (int)i;
			continue;
		}
		if ((stem = stem_of(r->nodes[i].file)) == NULL) {
			nomem(r);
			return -1;
		}
		hit = strcmp(stem, name) == 0;
		free(stem);
		if (hit)
			return (int)i;
	}
	return -1;
}

/* The cluster listen URL u of --cluster (nats://host:port) into n. */
static void
flag_cluster(struct reader *r, struct nnode *n, const char *u,
    const struct mesh_i_pos *at)
{
	const char *s = strstr(u, "://");
	char *host;
	int port;

	s = s != NULL ? s + 3 : u;
	if (split_hostport(s, strcspn(s, "/"), &host, &port) != 0) {
		nomem(r);
		return;
	}
	if (port <= 0) {
		mesh_i_report(&r->base, MESH_ERROR, "bad-url", at, n->name,
		    "--cluster '%s' is not nats://HOST:PORT with a port from 1 "
		    "to 65535", u);
		free(host);
		return;
	}
	if (*host != '\0' && !good_host(host)) {
		mesh_i_report(&r->base, MESH_ERROR, "bad-host", at, n->name,
		    "--cluster '%s': the host holds white space, '/', '@' or "
		    "a control character", u);
		free(host);
		return;
	}
	free(n->listen_host);
	n->listen_host = host;
	n->port = port;
	n->has_cluster = 1;
	if (n->cluster_at.line == 0)
		n->cluster_at = *at;
}

/* --routes u: replaces the config's routes, as nats-server does. */
static void
flag_routes(struct reader *r, struct nnode *n, const char *u,
    const struct mesh_i_pos *at)
{
	const char *p = u;
	char *host, *piece;
	int port;

	clear_routes(n);
	for (;;) {
		size_t len = strcspn(p, ",");
		struct mesh_i_pos pa = *at;

		pa.column += (int)(p - u + strspn(p, " \t"));
		if ((piece = mesh_i_asprintf("%.*s", (int)len, p)) == NULL) {
			nomem(r);
			return;
		}
		if (route_url(r, piece, &pa, n->name, &host, &port) == 1)
			add_route(r, n, host, port, &pa, "argument");
		free(piece);
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
}

/* Apply flag f (without dashes) = val of a command line to n. */
static void
apply_flag(struct reader *r, struct nnode *n, const char *f, const char *val,
    const struct mesh_i_pos *at)
{
	char *end;
	long x;

	if (strcmp(f, "routes") == 0) {
		flag_routes(r, n, val, at);
		n->flag_routes = *at;
	} else if (strcmp(f, "cluster") == 0 ||
	    strcmp(f, "cluster_listen") == 0) {
		flag_cluster(r, n, val, at);
	} else if (strcmp(f, "cluster_name") == 0) {
		if (mesh_i_has_control(val)) {
			mesh_i_report(&r->base, MESH_ERROR, "bad-name", at,
			    n->name, "--cluster_name holds a control character: "
			    "no plan can hold it");
			return;
		}
		free(n->cluster_name);
		n->cluster_name = dup(r, val);
		n->cname_at = *at;
	} else if (strcmp(f, "n") == 0 || strcmp(f, "name") == 0 ||
	    strcmp(f, "server_name") == 0) {
		/* As server_name in a config. */
		if (*val == '\0' || strpbrk(val, " \t\r\n") != NULL ||
		    mesh_i_has_control(val)) {
			mesh_i_report(&r->base, MESH_ERROR, "bad-node-name",
			    at, NULL, "--%s must be a name without spaces "
			    "(nats-server refuses them) or control characters "
			    "(no plan can hold them)", f);
			return;
		}
		free(n->name);
		n->name = dup(r, val);
		n->at = *at;
	} else if (strcmp(f, "cluster_advertise") == 0) {
		const char *s = strstr(val, "://");
		int port;

		s = s != NULL ? s + 3 : val;
		free(n->adv_host);
		if (split_hostport(s, strcspn(s, "/"), &n->adv_host,
		    &port) != 0) {
			nomem(r);
		} else if (!good_host(n->adv_host)) {
			/* As cluster.advertise in a config. */
			mesh_i_report(&r->base, MESH_ERROR, "bad-host", at,
			    n->name, "--cluster_advertise '%s' has no host",
			    val);
			free(n->adv_host);
			n->adv_host = NULL;
		} else {
			n->adv_port = port;
		}
	} else if (strcmp(f, "connect_retries") == 0) {
		errno = 0;
		x = strtol(val, &end, 10);
		if (*val == '\0' || *end != '\0' || errno != 0 || x < 0 ||
		    x > INT_MAX)
			mesh_i_report(&r->base, MESH_ERROR, "bad-argument", at,
			    n->name, "--connect_retries '%s' is not a whole "
			    "number: nats-server refuses it", val);
	}
}

/* Whether conf, as the command line in file names it (relative to
 * file's directory), is the file path. */
static int
same_file(const char *file, const char *conf, const char *path)
{
	const char *slash = strrchr(file, '/');
	struct stat sa, sb;
	char *c;
	int same;

	if (conf[0] == '/' || slash == NULL)
		c = strdup(conf);
	else
		c = mesh_i_asprintf("%.*s/%s", (int)(slash - file), file, conf);
	if (c == NULL)
		return 0;
	same = stat(c, &sa) == 0 && stat(path, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	free(c);
	return same;
}

/* "NODE=FILE": the nats-server command line in FILE for node NODE. */
static void
read_args(struct reader *r, const char *arg)
{
	const char *eq = strchr(arg, '=');
	struct mesh_i_pos fp = { NULL, 0, 0 };
	struct word *w = NULL;
	struct nnode *n = NULL;
	size_t nw = 0, i, len;
	char *buf = NULL, *name = NULL, *file;
	const char *conf = NULL;
	struct mesh_i_pos conf_at;
	enum mesh_error e;
	int idx;

	if (eq == NULL || eq == arg || eq[1] == '\0') {
		mesh_i_report(&r->base, MESH_ERROR, "bad-argument", NULL, NULL,
		    "--nats-args '%s' is not NODE=FILE", arg);
		return;
	}
	if ((name = mesh_i_asprintf("%.*s", (int)(eq - arg), arg)) == NULL ||
	    (file = mesh_i_asprintf("%s", eq + 1)) == NULL) {
		free(name);
		nomem(r);
		return;
	}
	fp.file = file;
	if (r->nargfiles == r->argfiles_cap) {
		size_t cap = r->argfiles_cap ? 2 * r->argfiles_cap : 4;
		char **p = realloc(r->argfiles, cap * sizeof(*p));

		if (p == NULL) {
			free(file);
			free(name);
			nomem(r);
			return;
		}
		r->argfiles = p;
		r->argfiles_cap = cap;
	}
	r->argfiles[r->nargfiles++] = file;
	if ((e = mesh_i_read_input(file, r->base.diags, &buf, &len)) !=
	    MESH_OK) {
		if (e == MESH_ENOMEM)
			nomem(r);
		else
			r->base.errors++;
		goto done;
	}
	if (mesh_i_utf8_check(buf, len, &i, &idx) != 0) {
		struct mesh_i_pos p = mesh_i_pos_at(file, buf, i);

		mesh_i_report(&r->base, MESH_ERROR, "invalid-utf8", &p, NULL,
		    "the command line is not UTF-8 text");
		goto done;
	}
	if (split_words(r, file, buf, len, &w, &nw) != 0)
		goto done;
	i = 0;
	if (nw > 0) {
		const char *b = strrchr(w[0].text, '/');

		b = b != NULL ? b + 1 : w[0].text;
		if (strcmp(b, "nats-server") == 0)
			i = 1;
	}
	/* -c FILE first: the config the flags override. */
	for (size_t k = i; k < nw; k++) {
		const char *f = w[k].text;

		if (f[0] != '-')
			break;
		f += f[1] == '-' ? 2 : 1;
		if ((strcmp(f, "c") == 0 || strcmp(f, "config") == 0) &&
		    k + 1 < nw) {
			conf = w[k + 1].text;
			conf_at = w[k + 1].at;
		} else if (strncmp(f, "c=", 2) == 0 ||
		    strncmp(f, "config=", 7) == 0) {
			conf = strchr(f, '=') + 1;
			conf_at = w[k].at;
		}
	}
	if ((idx = node_named(r, name)) >= 0) {
		n = &r->nodes[idx];
		if (conf != NULL && !same_file(file, conf, n->file))
			mesh_i_report(&r->base, MESH_WARNING, "bad-argument",
			    &conf_at, name, "-c '%s' is not read: node '%s' "
			    "already has its config %s on meshsim's command "
			    "line", conf, name, n->file);
	} else {
		n = &r->nodes[r->n++];
		if (conf != NULL) {
			const char *sl = strrchr(file, '/');
			char *d = sl != NULL ? mesh_i_asprintf("%.*s/%s",
			    (int)(sl - file), file, conf) : strdup(conf);
			char *cbuf = NULL;
			size_t clen;

			if (conf[0] == '/') {
				free(d);
				d = strdup(conf);
			}
			if (d == NULL || (n->file = d) == NULL) {
				free(d);
				nomem(r);
				goto done;
			}
			if ((e = mesh_i_read_input(n->file, r->base.diags,
			    &cbuf, &clen)) != MESH_OK) {
				if (e == MESH_ENOMEM)
					nomem(r);
				else
					r->base.errors++;
				goto done;
			}
			load_conf(r, n, cbuf, clen);
			free(cbuf);
		} else if ((n->file = dup(r, file)) == NULL) {
			goto done;
		}
		if (n->name == NULL) {
			n->name = name;
			name = NULL;
			n->at = w != NULL && nw > 0 ? w[0].at : fp;
		}
	}
	for (; i < nw; i++) {
		const char *f = w[i].text, *val = NULL;
		struct mesh_i_pos vat;
		char flag[64];
		const char *close;
		size_t fl;

		if (f[0] != '-' || f[1] == '\0') {
			mesh_i_report(&r->base, MESH_WARNING, "bad-argument",
			    &w[i].at, n->name, "'%s' is not a flag: "
			    "nats-server stops reading flags here and ignores "
			    "the rest of the command line", f);
			break;
		}
		f += f[1] == '-' ? 2 : 1;
		fl = strcspn(f, "=");
		if (fl >= sizeof(flag))
			fl = sizeof(flag) - 1;
		memcpy(flag, f, fl);
		flag[fl] = '\0';
		if (f[fl] == '=')
			val = f + fl + 1;
		if (mesh_i_known_key(bool_flags, flag, NULL) >= 0)
			continue;
		if (mesh_i_known_key(value_flags, flag, &close) < 0) {
			if (close == NULL)
				(void)mesh_i_known_key(bool_flags, flag,
				    &close);
			mesh_i_report(&r->base, MESH_ERROR, "bad-argument",
			    &w[i].at, n->name, "flag '-%s' is not one "
			    "nats-server knows%s%s%s: it refuses to start",
			    flag, close ? " (did you mean '-" : "",
			    close ? close : "", close ? "'?)" : "");
			break;
		}
		if (val == NULL) {
			if (i + 1 >= nw) {
				mesh_i_report(&r->base, MESH_ERROR,
				    "bad-argument", &w[i].at, n->name,
				    "flag '-%s' needs a value", flag);
				break;
			}
			val = w[++i].text;
			vat = w[i].at;
			vat.column += w[i].quoted;
		} else {
			vat = w[i].at;
			vat.column += (int)(val - w[i].text);
		}
		apply_flag(r, n, flag, val, &vat);
	}
	if (n->nroutes > 0 && n->flag_routes.line != 0 && !n->has_cluster &&
	    n->port == 0) {
		mesh_i_report(&r->base, MESH_ERROR, "bad-argument",
		    &n->flag_routes, n->name, "--routes without a cluster "
		    "port: nats-server refuses to start (\"solicited routes "
		    "require cluster capabilities, e.g. --cluster\")");
	}
done:
	for (i = 0; i < nw; i++)
		free(w[i].text);
	free(w);
	free(buf);
	free(name);
}

/* The inventory file: node name to host or {"host", "port"}. */
static void
read_inventory(struct reader *r, const char *file)
{
	struct mesh_i_reader in = { r->base.diags, file, 0, 0 };
	struct mesh_i_jdoc *doc = NULL;
	struct mesh_i_pos start = { file, 1, 1 };
	cJSON *root = NULL, *e, *h, *pt;
	enum mesh_error err;
	size_t len, i;
	char *buf = NULL;

	if ((err = mesh_i_read_input(file, r->base.diags, &buf, &len)) !=
	    MESH_OK) {
		if (err == MESH_ENOMEM)
			nomem(r);
		else
			r->base.errors++;
		return;
	}
	err = mesh_i_jdoc_load(buf, len, file, r->base.diags, NULL, &doc,
	    &root);
	if (err != MESH_OK) {
		if (err == MESH_ENOMEM)
			nomem(r);
		else
			r->base.errors++;
		goto done;
	}
	if (!cJSON_IsObject(root)) {
		mesh_i_report(&in, MESH_ERROR, "wrong-type", &start, NULL,
		    "the inventory must be an object from node name to host");
		goto done;
	}
	for (e = root->child; e != NULL; e = e->next) {
		for (i = 0; i < r->n; i++)
			if (r->nodes[i].name != NULL &&
			    strcmp(r->nodes[i].name, e->string) == 0)
				break;
		if (i == r->n) {
			mesh_i_json_report(&in, MESH_ERROR, "unknown-node", e,
			    1, e->string, "the inventory names '%s', which "
			    "no config has", e->string);
			continue;
		}
		h = cJSON_IsObject(e) ? cJSON_GetObjectItemCaseSensitive(e,
		    "host") : e;
		pt = cJSON_IsObject(e) ? cJSON_GetObjectItemCaseSensitive(e,
		    "port") : NULL;
		if (!cJSON_IsString(h) || !good_host(h->valuestring)) {
			mesh_i_json_report(&in, MESH_ERROR, "wrong-type",
			    h != NULL ? h : e, 0, e->string, "the inventory's "
			    "host for '%s' must be a host name or address",
			    e->string);
			continue;
		}
		if (pt != NULL && (!cJSON_IsNumber(pt) || pt->valuedouble < 1 ||
		    pt->valuedouble > 65535 || pt->valuedouble !=
		    (double)(int)pt->valuedouble)) {
			mesh_i_json_report(&in, MESH_ERROR, "port-range", pt,
			    0, e->string, "the inventory's port for '%s' must "
			    "be a whole number from 1 to 65535", e->string);
			continue;
		}
		if (pt != NULL)
			r->nodes[i].port = (int)pt->valuedouble;
		if (r->nodes[i].host == NULL) {
			if ((r->nodes[i].host = dup(r, h->valuestring)) ==
			    NULL)
				goto done;
			r->nodes[i].host_source = "inventory";
		}
	}
done:
	r->base.errors += in.errors;
	r->base.nomem |= in.nomem;
	mesh_i_jdoc_free(doc);
	free(buf);
}

/* Each node's host, first found: cluster.advertise, cluster.listen's
 * host, HOST=, (the inventory, read after), the name. */
static void
hosts_from_configs(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		struct nnode *n = &r->nodes[i];

		if (n->adv_host != NULL) {
			n->host = dup(r, n->adv_host);
			n->host_source = "cluster.advertise";
			if (n->adv_port > 0)
				n->port = n->adv_port;
		} else if (!any_host(n->listen_host)) {
			n->host = dup(r, n->listen_host);
			n->host_source = "cluster.listen";
		} else if (n->prefix != NULL) {
			n->host = dup(r, n->prefix);
			n->host_source = "prefix";
		}
	}
}

/* The node of r at host:port (hosts without case), or -1. */
static int
node_at(const struct reader *r, const char *host, int port)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->nodes[i].host != NULL && r->nodes[i].port == port &&
		    strcasecmp(r->nodes[i].host, host) == 0)
			return (int)i;
	return -1;
}

/* Routes between servers whose cluster names differ: nats-server 2.9
 * refuses them ("Cluster Name Conflict"). Marked drop, with a warning. */
static void
name_conflicts(struct reader *r)
{
	const char *one = NULL;
	size_t i, k;

	/* One cluster name among all (the usual case): nothing to find. */
	for (i = 0; i < r->n; i++) {
		const char *c = r->nodes[i].cluster_name;

		if (c != NULL && one != NULL && strcmp(c, one) != 0)
			break;
		if (c != NULL)
			one = c;
	}
	if (i == r->n)
		return;
	for (i = 0; i < r->n; i++) {
		struct nnode *n = &r->nodes[i];

		for (k = 0; k < n->nroutes; k++) {
			struct nroute *rt = &n->routes[k];
			int t = node_at(r, rt->host, rt->port);

			if (t < 0 || n->cluster_name == NULL ||
			    r->nodes[t].cluster_name == NULL ||
			    strcmp(n->cluster_name,
			    r->nodes[t].cluster_name) == 0)
				continue;
			rt->drop = 1;
			mesh_i_report(&r->base, MESH_WARNING,
			    "cluster-name-mismatch", &rt->at, n->name,
			    "route from '%s' to '%s': cluster name '%s' is not "
			    "'%s' (%s:%d): nats-server refuses the route "
			    "(\"Cluster Name Conflict\"); no link", n->name,
			    r->nodes[t].name, n->cluster_name,
			    r->nodes[t].cluster_name,
			    r->nodes[t].cname_at.file,
			    r->nodes[t].cname_at.line);
		}
	}
}

/* The file of a diagnostic mesh_plan_resolve() made: its route's,
 * found through (node, line, column). Out of memory leaves the plan's
 * file. */
static void
fix_files(struct mesh_plan *plan, struct mesh_diags *d, size_t from)
{
	struct mesh_i_map at;
	int *keys;
	size_t i, k, n = 0;

	if (from >= d->n)
		return;
	mesh_i_map_init_ints(&at);
	if ((keys = malloc(3 * (plan->nroutes + 1) * sizeof(*keys))) == NULL)
		return;
	for (i = 0; i < plan->nnodes; i++)
		for (k = 0; k < plan->nodes[i].nroutes && n < plan->nroutes;
		    k++, n++) {
			keys[3 * n] = (int)i;
			keys[3 * n + 1] = plan->nodes[i].routes[k].line;
			keys[3 * n + 2] = plan->nodes[i].routes[k].column;
			if (mesh_i_map_put_ints(&at, keys + 3 * n, 3,
			    (int)k) == -2)
				goto done;
		}
	for (i = from; i < d->n; i++) {
		struct mesh_diag *g = &d->v[i];
		const struct mesh_source *src;
		int t[3], r;

		t[0] = g->node != NULL ? mesh_plan_find(plan, g->node) : -1;
		t[1] = g->line;
		t[2] = g->column;
		if (t[0] < 0 || (r = mesh_i_map_get_ints(&at, t, 3)) < 0 ||
		    (src = mesh_plan_route_source(plan, t[0], (size_t)r)) ==
		    NULL || src->file == NULL)
			continue;
		(void)mesh_i_diag_set_file(g, src->file);
	}
done:
	mesh_i_map_free(&at);
	free(keys);
}

/*
 * When some node's host is only its name (it listens on every interface
 * and advertises nothing) and some route reaches no node, that route may
 * be meant for it: one no-address warning names the fix.
 */
static void
no_address(struct reader *r, const struct mesh_plan *plan)
{
	const struct mesh_route *dangling = NULL;
	const struct nnode *nameless = NULL;
	size_t i, k, count = 0;

	for (i = 0; i < plan->nnodes && i < r->n; i++) {
		if (strcmp(r->nodes[i].host_source, "name") == 0 &&
		    r->nodes[i].clustering) {
			count++;
			if (nameless == NULL)
				nameless = &r->nodes[i];
		}
		for (k = 0; k < plan->nodes[i].nroutes; k++)
			if (plan->nodes[i].routes[k].target < 0 &&
			    dangling == NULL)
				dangling = &plan->nodes[i].routes[k];
	}
	if (nameless == NULL || dangling == NULL)
		return;
	{
		struct mesh_i_pos p = { nameless->file, 0, 0 };
		const char *slash = strrchr(nameless->file, '/');

		mesh_i_report(&r->base, MESH_WARNING, "no-address", &p,
		    nameless->name, "%zu %s no address (listening on every "
		    "interface, advertising none), so %s host is %s name "
		    "('%s'), and some routes reach no node (%s:%d): if they "
		    "are meant for it, give its address as HOST=CONFIG (%s=%s) "
		    "or with --inventory", count, count == 1 ? "node has" :
		    "nodes have", count == 1 ? "its" : "each one's",
		    count == 1 ? "its" : "their", nameless->name,
		    dangling->host, dangling->port, dangling->host,
		    slash != NULL ? slash + 1 : nameless->file);
	}
}

/* The plan of r's nodes. */
static enum mesh_error
build(struct reader *r, struct mesh_plan **out)
{
	struct mesh_plan *plan;
	enum mesh_error err;
	size_t i, k, before;
	int idx;

	*out = NULL;
	if ((plan = mesh_plan_new("NATS cluster", r->n > 0 ?
	    r->nodes[0].file : NULL)) == NULL)
		return MESH_ENOMEM;
	for (i = 0; i < r->n; i++) {
		struct nnode *n = &r->nodes[i];

		idx = mesh_plan_add_node(plan, n->name, n->host, n->port,
		    n->at.line, n->at.column);
		if (idx == -2) {
			mesh_i_report(&r->base, MESH_ERROR, "duplicate-name",
			    &n->at, n->name, "node name '%s' is already used "
			    "(%s): give each server its own server_name",
			    n->name, r->nodes[mesh_plan_find(plan,
			    n->name)].file);
			continue;
		}
		if (idx < 0)
			goto nomem;
		plan->nodes[idx].no_cluster = !n->clustering;
		if (n->at.line > 0 && n->at.file != NULL &&
		    mesh_plan_set_node_file(plan, idx, n->at.file) != 0)
			goto nomem;
		if (mesh_plan_set_label(plan, idx, "host_source",
		    n->host_source) != 0)
			goto nomem;
		if (n->cluster_name != NULL && mesh_plan_set_label(plan, idx,
		    "nats_cluster", n->cluster_name) != 0)
			goto nomem;
		for (k = 0; k < n->nroutes; k++) {
			struct nroute *rt = &n->routes[k];

			if (rt->drop)
				continue;
			if (mesh_plan_add_route(plan, idx, rt->host, rt->port,
			    rt->at.line, rt->at.column) != 0 ||
			    mesh_plan_set_route_source(plan, idx,
			    plan->nodes[idx].nroutes - 1, rt->at.file,
			    rt->via) != 0)
				goto nomem;
		}
	}
	if (r->base.errors > 0) {
		mesh_plan_free(plan);
		return MESH_EINPUT;
	}
	before = r->base.diags->n;
	err = mesh_plan_resolve(plan, r->base.diags);
	fix_files(plan, r->base.diags, before);
	if (err == MESH_OK)
		no_address(r, plan);
	if (err != MESH_OK) {
		mesh_plan_free(plan);
		return err;
	}
	*out = plan;
	return MESH_OK;
nomem:
	mesh_plan_free(plan);
	return MESH_ENOMEM;
}

/* Names, hosts, and the warnings about the cluster as a whole. */
static void
finish_nodes(struct reader *r, const struct mesh_nats_options *o)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		struct nnode *n = &r->nodes[i];

		if (n->name == NULL) {
			if ((n->name = stem_of(n->file)) == NULL) {
				nomem(r);
				return;
			}
			n->at.file = n->file;
			n->at.line = 0;
			n->at.column = 0;
		}
		n->clustering = n->has_cluster && n->port != 0;
		if (n->has_cluster && n->port == 0)
			mesh_i_report(&r->base, MESH_WARNING,
			    "clustering-disabled", &n->cluster_at, n->name,
			    "the cluster block of '%s' sets no port (listen or "
			    "port): nats-server neither accepts nor dials "
			    "routes; it stays in the plan without links",
			    n->name);
		if (n->port == 0)
			n->port = MESH_NATS_CLUSTER_PORT;
	}
	hosts_from_configs(r);
	if (o->inventory != NULL)
		read_inventory(r, o->inventory);
	for (i = 0; i < r->n; i++) {
		struct nnode *n = &r->nodes[i];
		struct mesh_i_pos fp = { n->file, 0, 0 };

		if (n->host == NULL) {
			n->host = dup(r, n->name);
			n->host_source = "name";
		}
		if (!n->has_cluster)
			mesh_i_report(&r->base, MESH_WARNING,
			    "clustering-disabled", &fp, n->name, "'%s' has no "
			    "cluster block (nor --cluster): nats-server runs "
			    "it alone; it stays in the plan without links",
			    n->name);
	}
}

/* Free everything r holds. */
static void
reader_free(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		node_free(&r->nodes[i]);
	free(r->nodes);
	for (i = 0; i < r->nargfiles; i++)
		free(r->argfiles[i]);
	free(r->argfiles);
}

enum mesh_error
mesh_nats_load(const char *const *args, size_t n,
    const struct mesh_nats_options *opts, struct mesh_diags *diags,
    struct mesh_plan **out)
{
	static const struct mesh_nats_options none;
	const struct mesh_nats_options *o = opts != NULL ? opts : &none;
	struct reader r;
	enum mesh_error err = MESH_OK;
	struct mesh_i_watch w;
	size_t i;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.base.diags = diags;
	mesh_i_watch_begin(&w, diags);
	if ((r.nodes = calloc(n + o->nargs + 1, sizeof(*r.nodes))) == NULL) {
		err = MESH_ENOMEM;
		goto done;
	}
	for (i = 0; i < n && !r.base.nomem; i++) {
		struct nnode *nd = &r.nodes[r.n++];
		char *buf = NULL;
		size_t len;
		enum mesh_error e;

		if (split_arg(&r, args[i], nd) != 0)
			break;
		nd->at.file = nd->file;
		if ((e = mesh_i_read_input(nd->file, diags, &buf, &len)) !=
		    MESH_OK) {
			if (e == MESH_ENOMEM)
				nomem(&r);
			else
				r.base.errors++;
			continue;
		}
		load_conf(&r, nd, buf, len);
		free(buf);
	}
	for (i = 0; i < o->nargs && !r.base.nomem; i++)
		read_args(&r, o->args[i]);
	if (r.base.nomem) {
		err = MESH_ENOMEM;
		goto done;
	}
	if (r.base.errors > 0) {
		err = MESH_EINPUT;
		goto done;
	}
	finish_nodes(&r, o);
	if (r.base.nomem) {
		err = MESH_ENOMEM;
		goto done;
	}
	if (r.base.errors > 0) {
		err = MESH_EINPUT;
		goto done;
	}
	name_conflicts(&r);
	err = build(&r, out);
	if (r.base.nomem && err == MESH_OK)
		err = MESH_ENOMEM;
done:
	err = mesh_i_watch_end(&w, err);
	if (err != MESH_OK) {
		mesh_plan_free(*out);
		*out = NULL;
		if (err == MESH_ENOMEM)
			diags->nomem = 1;
	}
	reader_free(&r);
	return err;
}

/*
 * One config held in len bytes at buf (file names it; NULL:
 * "nats-server.conf"): what mesh_plan_parse() does for MESH_FORMAT_NATS.
 * An include is read relative to file's directory.
 */
enum mesh_error
mesh_i_read_nats(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, struct mesh_plan **out)
{
	struct reader r;
	enum mesh_error err;
	struct mesh_i_watch w;
	static const struct mesh_nats_options none;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.base.diags = diags;
	mesh_i_watch_begin(&w, diags);
	if ((r.nodes = calloc(1, sizeof(*r.nodes))) == NULL ||
	    (r.nodes[0].file = strdup(file != NULL ? file :
	    "nats-server.conf")) == NULL) {
		err = MESH_ENOMEM;
		goto done;
	}
	r.n = 1;
	r.nodes[0].at.file = r.nodes[0].file;
	load_conf(&r, &r.nodes[0], buf, len);
	if (!r.base.nomem && r.base.errors == 0)
		finish_nodes(&r, &none);
	if (r.base.nomem)
		err = MESH_ENOMEM;
	else if (r.base.errors > 0)
		err = MESH_EINPUT;
	else
		err = build(&r, out);
done:
	err = mesh_i_watch_end(&w, err);
	if (err != MESH_OK) {
		mesh_plan_free(*out);
		*out = NULL;
	}
	reader_free(&r);
	return err;
}
