/* compose.c: read a docker compose file into Harper nodes (one per service and replica that runs Harper), built into a plan by harper.c. */
/* realpath() */
#define _DEFAULT_SOURCE

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "base/hostcheck.h"
#include "base/input.h"
#include "base/map.h"
#include "base/text.h"
#include "base/util.h"
#include "meshsim/meshsim.h"
#include "read/harper_nodes.h"
#include "read/harper_yaml.h"
#include "read/kit.h"
#include "read/readers.h"

#define MAX_REPLICAS    1000    /* more is refused: a plan of that many
				 * copies is a typo, not a deployment */
#define INTERP_DEPTH    8       /* ${A:-${B:-...}} nested this deep at most */

/* The top-level keys of the compose specification. */
static const char *const top_keys[] = {
	"configs", "include", "models", "name", "networks", "secrets",
	"services", "version", "volumes", NULL
};

/* A service's keys in the compose specification (schema/compose-spec.json). */
static const char *const service_keys[] = {
	"annotations", "attach", "blkio_config", "build", "cap_add",
	"cap_drop", "cgroup", "cgroup_parent", "command", "configs",
	"container_name", "cpu_count", "cpu_percent", "cpu_period",
	"cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares", "cpus",
	"cpuset", "credential_spec", "depends_on", "deploy", "develop",
	"device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search",
	"domainname", "entrypoint", "env_file", "environment", "expose",
	"extends", "external_links", "extra_hosts", "gpus", "group_add",
	"healthcheck", "hostname", "image", "init", "ipc", "isolation",
	"label_file", "labels", "links", "logging", "mac_address",
	"mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit",
	"models", "network_mode", "networks", "oom_kill_disable",
	"oom_score_adj", "pid", "pids_limit", "platform", "ports",
	"post_start", "pre_stop", "privileged", "profiles", "provider",
	"pull_policy", "pull_refresh_after", "read_only", "restart",
	"runtime", "scale", "secrets", "security_opt", "shm_size",
	"stdin_open", "stop_grace_period", "stop_signal", "storage_opt",
	"sysctls", "tmpfs", "tty", "ulimits", "use_api_socket", "user",
	"userns_mode", "uts", "volumes", "volumes_from", "working_dir", NULL
};

/* The keys of a service's deploy section. */
static const char *const deploy_keys[] = {
	"endpoint_mode", "labels", "mode", "placement", "replicas",
	"resources", "restart_policy", "rollback_config", "update_config",
	NULL
};

/* Where Harper's image keeps its root (ROOTPATH) and so its config. */
static const char *const root_paths[] = {
	"/home/harperdb/hdb", "/opt/harperdb/hdb", NULL
};

/* A variable of an env file: value NULL when the line names it alone. */
struct dvar {
	const char *name;
	const char *value;
	struct mesh_i_pos at;   /* the value's first character, or the
				 * name's */
};

/*
 * Where a text value is written: p is its first character; when inline
 * is set the value is on one line as written, so that its k-th character
 * stands k columns further.
 */
struct place {
	struct mesh_i_pos p;
	int inline_;
};

/* A service as read. */
struct svc {
	const char *name;
	struct mesh_i_pos at;
	int harper;             /* runs Harper, or has Harper settings */
	struct mesh_i_hvar *env;
	size_t nenv, capenv;
	struct mesh_i_harg *args;
	size_t nargs;
	const char **shared;    /* the names every replica answers to */
	size_t nshared, capshared;
	const char *container_name;
	const char *config_file;
	long replicas;
	struct mesh_i_pos replicas_at;
	int unread_extends;
	struct mesh_i_pos extends_at;
	const char **nets;      /* the networks it is on */
	size_t nnets, capnets;
	int nets_unknown;       /* network_mode host or container: */
	const char *net_of;     /* network_mode service:NAME */
};

/* What reading one compose file keeps. */
struct creader {
	struct mesh_i_reader base;
	struct mesh_i_arena arena;
	yaml_document_t *doc;
	const char *buf;        /* the compose file's text, len bytes */
	size_t len;
	const char *dir;        /* the compose file's folder */
	const char *dotenv;     /* its .env, when there is one */
	struct dvar *vars;      /* what .env sets, for interpolation */
	size_t nvars;
	const char *project;
	struct svc *svcs;
	size_t nsvcs;
	yaml_node_t *configs;   /* the top-level configs, or NULL */
	int interp_failed;      /* a bad ${...} reported in this value */
};

/* n bytes in r's arena, or NULL with r->base.nomem set. */
static void *
alloc(struct creader *r, size_t n)
{
	void *p = mesh_i_arena_alloc(&r->arena, n ? n : 1);

	if (p == NULL)
		r->base.nomem = 1;
	return p;
}

/* A copy of the len bytes at s in r's arena, NUL-terminated. */
static char *
copy(struct creader *r, const char *s, size_t len)
{
	char *p = mesh_i_arena_text(&r->arena, len + 1);

	if (p == NULL) {
		r->base.nomem = 1;
		return NULL;
	}
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* Make room for one more element of size bytes in *v (n used, *cap
 * allocated), in r's arena. Returns 0, or -1 with r->base.nomem set. */
static int
grow(struct creader *r, void *v, size_t n, size_t *cap, size_t size)
{
	void **pv = v;
	void *nv;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 8;
	if ((nv = alloc(r, c * size)) == NULL)
		return -1;
	if (n > 0)
		memcpy(nv, *pv, n * size);
	*pv = nv;
	*cap = c;
	return 0;
}

/* Where YAML node n stands (1-based). */
static struct mesh_i_pos
pos(const struct creader *r, const yaml_node_t *n)
{
	struct mesh_i_pos p;

	p.file = r->base.file;
	p.line = (int)n->start_mark.line + 1;
	p.column = (int)n->start_mark.column + 1;
	return p;
}

/* Where the text of scalar n begins, and whether it is on one line. */
static struct place
place_of(const struct creader *r, const yaml_node_t *n)
{
	struct place pl;

	pl.p = pos(r, n);
	if (n->type == YAML_SCALAR_NODE && (n->data.scalar.style ==
	    YAML_LITERAL_SCALAR_STYLE || n->data.scalar.style ==
	    YAML_FOLDED_SCALAR_STYLE) && r->buf != NULL) {
		/* A block scalar's text starts on the line after its
		 * indicator, at its indentation: that line's columns are
		 * the text's (the rest are further down). */
		size_t i = n->start_mark.index;

		while (i < r->len && r->buf[i] != '\n')
			i++;
		if (i < r->len) {
			pl.p.line++;
			pl.p.column = 1;
			for (i++; i < r->len && r->buf[i] == ' '; i++)
				pl.p.column++;
			pl.inline_ = 1;
			return pl;
		}
	}
	pl.inline_ = n->type == YAML_SCALAR_NODE &&
	    n->start_mark.line == n->end_mark.line &&
	    n->data.scalar.style != YAML_LITERAL_SCALAR_STYLE &&
	    n->data.scalar.style != YAML_FOLDED_SCALAR_STYLE;
	if (pl.inline_ && (n->data.scalar.style ==
	    YAML_SINGLE_QUOTED_SCALAR_STYLE || n->data.scalar.style ==
	    YAML_DOUBLE_QUOTED_SCALAR_STYLE))
		pl.p.column++;
	return pl;
}

/* The position of byte off of the text s written at pl. */
static struct mesh_i_pos
pos_in(const struct place *pl, const char *s, size_t off)
{
	struct mesh_i_pos p = pl->p;
	size_t i;

	if (!pl->inline_)
		return p;
	for (i = 0; i < off && s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			p.column++;
	return p;
}

/* The text of scalar n (the document's; freed with it). */
static const char *
text(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* Whether n is YAML's null: empty, ~ or null, unquoted. */
static int
is_null(const yaml_node_t *n)
{
	const char *s;

	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	s = text(n);
	return *s == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

/* What n is, for messages: "a mapping", "a list" or "null". */
static const char *
type_name(const yaml_node_t *n)
{
	if (n->type == YAML_MAPPING_NODE)
		return "a mapping";
	if (n->type == YAML_SEQUENCE_NODE)
		return "a list";
	return "null";
}

/* Report that n (what: "services") is not what it should be (want). */
static void
wrong_type(struct creader *r, const yaml_node_t *n, const char *what,
    const char *want)
{
	struct mesh_i_pos p = pos(r, n);

	if (n->type == YAML_SCALAR_NODE && !is_null(n))
		mesh_i_report(&r->base, MESH_ERROR, "wrong-type", &p, NULL,
		    "%s is '%s'; compose wants %s", what, text(n), want);
	else
		mesh_i_report(&r->base, MESH_ERROR, "wrong-type", &p, NULL,
		    "%s is %s; compose wants %s", what, type_name(n), want);
}

/* Node i of r's document. */
static yaml_node_t *
node(const struct creader *r, int i)
{
	return yaml_document_get_node(r->doc, i);
}

/* The value of key in mapping n, or NULL. */
static yaml_node_t *
member(const struct creader *r, const yaml_node_t *n, const char *key)
{
	yaml_node_pair_t *pp;

	for (pp = n->data.mapping.pairs.start; pp < n->data.mapping.pairs.top;
	    pp++) {
		yaml_node_t *k = node(r, pp->key);

		if (k->type == YAML_SCALAR_NODE && strcmp(text(k), key) == 0)
			return node(r, pp->value);
	}
	return NULL;
}

/* The scalar of n if it is a non-null scalar, else NULL after reporting
 * wrong-type (what names it). */
static const char *
scalar(struct creader *r, const yaml_node_t *n, const char *what)
{
	if (n->type == YAML_SCALAR_NODE && !is_null(n))
		return text(n);
	wrong_type(r, n, what, "text");
	return NULL;
}

/* Whether the env variable name (len bytes) is a Harper cluster setting:
 * HARPER_*, CLUSTERING*, REPLICATION_* or Harper's legacy NODE_NAME. */
static int
harper_var(const char *name, size_t len)
{
	static const char *const prefixes[] = { "HARPER_", "CLUSTERING",
		"REPLICATION_" };
	size_t i, k;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		k = strlen(prefixes[i]);
		if (len >= k && strncasecmp(name, prefixes[i], k) == 0)
			return 1;
	}
	return len == 9 && strncasecmp(name, "NODE_NAME", 9) == 0;
}

/* The value .env gives name (len bytes), or NULL; the last line wins. */
static const struct dvar *
lookup(const struct creader *r, const char *name, size_t len)
{
	size_t i;

	for (i = r->nvars; i-- > 0;)
		if (strlen(r->vars[i].name) == len &&
		    memcmp(r->vars[i].name, name, len) == 0 &&
		    r->vars[i].value != NULL)
			return &r->vars[i];
	return NULL;
}

static int
name0(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int
name1(char c)
{
	return name0(c) || (c >= '0' && c <= '9');
}

/* Report that the variable name (len bytes) at p is unset; what meshsim
 * took instead is assumed (printf'd after "assumed "). */
static void
unset(struct creader *r, const struct mesh_i_pos *p, const char *name,
    size_t len, const char *what, const char *assumed)
{
	if (r->dotenv != NULL)
		mesh_i_report(&r->base, MESH_WARNING, "compose-variable", p,
		    NULL, "%s uses ${%.*s}, which %s does not set (meshsim "
		    "reads it, not the shell's environment): meshsim assumed "
		    "%s; if the deployment sets it, set it there too",
		    what, (int)len, name, r->dotenv, assumed);
	else
		mesh_i_report(&r->base, MESH_WARNING, "compose-variable", p,
		    NULL, "%s uses ${%.*s}, which is not set (meshsim reads "
		    "variables from %s/.env, not from the shell's "
		    "environment, and there is none): meshsim assumed %s; if "
		    "the deployment sets it, put it there", what, (int)len,
		    name, r->dir, assumed);
}

/*
 * Append to b the len bytes at s (written at pl, from byte base of the
 * value on) with compose's interpolation: $$, $NAME, ${NAME}, and
 * ${NAME:-default}, -, :?, ?, :+, + with nested values. An unset
 * variable is reported when warn is set (what names the value). A
 * malformed ${ is the error bad-interpolation (r->interp_failed set).
 */
static void
expand(struct creader *r, const char *s, size_t len, const struct place *pl,
    const char *whole, size_t base, int warn, const char *what, int depth,
    struct mesh_i_buf *b)
{
	size_t i = 0, j, k, m;
	const struct dvar *v;
	struct mesh_i_pos p;
	char assumed[200];
	int lvl, colon;
	char op;

	while (i < len && !r->interp_failed) {
		if (s[i] != '$' || i + 1 >= len) {
			mesh_i_buf_add(b, s + i, 1);
			i++;
			continue;
		}
		p = pos_in(pl, whole, base + i);
		if (s[i + 1] == '$') {
			mesh_i_buf_add(b, "$", 1);
			i += 2;
			continue;
		}
		if (name0(s[i + 1])) {
			for (j = i + 1; j < len && name1(s[j]); j++)
				continue;
			if ((v = lookup(r, s + i + 1, j - i - 1)) != NULL)
				mesh_i_buf_puts(b, v->value);
			else if (warn)
				unset(r, &p, s + i + 1, j - i - 1, what,
				    "it empty, as compose does");
			i = j;
			continue;
		}
		if (s[i + 1] != '{') {
			mesh_i_buf_add(b, "$", 1);
			i++;
			continue;
		}
		for (j = i + 2; j < len && name1(s[j]); j++)
			continue;
		if (j == i + 2 || j >= len || !name0(s[i + 2]))
			goto bad;
		v = lookup(r, s + i + 2, j - i - 2);
		if (s[j] == '}') {
			if (v != NULL)
				mesh_i_buf_puts(b, v->value);
			else if (warn)
				unset(r, &p, s + i + 2, j - i - 2, what,
				    "it empty, as compose does");
			i = j + 1;
			continue;
		}
		colon = s[j] == ':';
		k = j + (size_t)colon;
		if (k >= len || strchr("-?+", s[k]) == NULL)
			goto bad;
		op = s[k++];
		/* The word runs to the matching brace. */
		for (m = k, lvl = 0; m < len; m++) {
			if (s[m] == '$' && m + 1 < len && s[m + 1] == '{') {
				lvl++;
				m++;
			} else if (s[m] == '}' && lvl-- == 0) {
				break;
			}
		}
		if (m >= len || depth >= INTERP_DEPTH)
			goto bad;
		if (op == '+') {
			if (v != NULL && (!colon || *v->value != '\0'))
				expand(r, s + k, m - k, pl, whole, base + k,
				    warn, what, depth + 1, b);
		} else if (v != NULL && (!colon || *v->value != '\0')) {
			mesh_i_buf_puts(b, v->value);
		} else if (op == '-') {
			size_t at = b->len;

			expand(r, s + k, m - k, pl, whole, base + k, warn,
			    what, depth + 1, b);
			if (warn && v == NULL && !b->failed) {
				snprintf(assumed, sizeof(assumed),
				    "its default '%.*s'", (int)(b->len - at),
				    b->data + at);
				unset(r, &p, s + i + 2, j - i - 2, what,
				    assumed);
			}
		} else if (warn) {
			snprintf(assumed, sizeof(assumed), "it empty, but "
			    "compose refuses to start without it ('%.*s')",
			    (int)(m - k), s + k);
			unset(r, &p, s + i + 2, j - i - 2, what, assumed);
		}
		i = m + 1;
	}
	return;
bad:
	mesh_i_report(&r->base, MESH_ERROR, "bad-interpolation", &p, NULL,
	    "%s: '%.*s' is not a variable compose can interpolate "
	    "(${NAME}, ${NAME:-default}, ${NAME:?error}, ...; $$ for a "
	    "dollar sign)", what, (int)(len - i > 40 ? 40 : len - i), s + i);
	r->interp_failed = 1;
}

/* The text s (written at pl) interpolated, in r's arena; NULL when out
 * of memory or when it does not interpolate (reported). */
static const char *
interp(struct creader *r, const char *s, const struct place *pl, int warn,
    const char *what)
{
	struct mesh_i_buf b;
	char *t;

	if (strchr(s, '$') == NULL)
		return copy(r, s, strlen(s));
	mesh_i_buf_init(&b);
	r->interp_failed = 0;
	expand(r, s, strlen(s), pl, s, 0, warn, what, 0, &b);
	mesh_i_buf_add(&b, "", 1);
	if (b.failed) {
		mesh_i_buf_free(&b);
		r->base.nomem = 1;
		return NULL;
	}
	t = r->interp_failed ? NULL : copy(r, b.data, b.len - 1);
	mesh_i_buf_free(&b);
	return t;
}

/* The scalar n interpolated (see interp()); NULL after reporting when n
 * is no text. */
static const char *
value(struct creader *r, const yaml_node_t *n, int warn, const char *what)
{
	const char *s = scalar(r, n, what);
	struct place pl;

	if (s == NULL)
		return NULL;
	pl = place_of(r, n);
	return interp(r, s, &pl, warn, what);
}

/* The path of p relative to the compose file's folder, in r's arena. */
static const char *
resolve(struct creader *r, const char *p)
{
	const char *t;
	char *s;

	if (*p == '/' || strcmp(r->dir, ".") == 0)
		return copy(r, p, strlen(p));
	if (p[0] == '.' && p[1] == '/')
		p += 2;
	if ((s = mesh_i_asprintf("%s/%s", r->dir, p)) == NULL) {
		r->base.nomem = 1;
		return NULL;
	}
	t = copy(r, s, strlen(s));
	free(s);
	return t;
}

/*
 * Read the env file text buf (len bytes, NUL-terminated; file names it)
 * as compose does: VAR[=[VAL]] lines, # comments, an optional "export ",
 * values unquoted (a " #" starts a comment), in single quotes (literal)
 * or double quotes (\n \t \r \\ \" \' escapes); unquoted and
 * double-quoted values are interpolated unless raw (with warnings for
 * Harper settings). Appends to *v (*n used, *cap allocated, in r's
 * arena). Bad lines are reported (bad-env-line).
 */
static void
read_dotenv(struct creader *r, char *buf, size_t len, const char *file,
    int raw, struct dvar **v, size_t *n, size_t *cap)
{
	char *line, *next, *s, *key, *val;
	size_t klen, vlen;
	int lineno = 0;
	struct place pl;
	struct dvar *d;
	char what[300];

	pl.p.file = file;
	for (line = buf; line < buf + len; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = buf + len;
		vlen = strlen(line);
		if (vlen > 0 && line[vlen - 1] == '\r')
			line[--vlen] = '\0';
		s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '#')
			continue;
		if (strncmp(s, "export ", 7) == 0)
			s += 7;
		while (*s == ' ' || *s == '\t')
			s++;
		key = s;
		if (!name0(*s))
			goto bad;
		while (name1(*s) || *s == '.' || *s == '-')
			s++;
		klen = (size_t)(s - key);
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s != '=' && *s != '\0' && *s != '#')
			goto bad;
		if (grow(r, v, *n, cap, sizeof(**v)) != 0)
			return;
		d = &(*v)[*n];
		if ((d->name = copy(r, key, klen)) == NULL)
			return;
		mesh_i_text_position(line, (size_t)(key - line), &d->at.line,
		    &d->at.column);
		d->at.line = lineno;
		d->at.file = file;
		d->value = NULL;
		if (*s != '=') {
			(*n)++;
			continue;
		}
		s++;
		while (*s == ' ' || *s == '\t')
			s++;
		mesh_i_text_position(line, (size_t)(s - line), &pl.p.line,
		    &pl.p.column);
		pl.p.line = lineno;
		pl.inline_ = 1;
		snprintf(what, sizeof(what), "%s (%.*s)", file, (int)klen,
		    key);
		if (*s == '\'' || *s == '"') {
			char q = *s, *w;

			val = w = ++s;
			pl.p.column++;
			while (*s != '\0' && *s != q) {
				if (*s == '\\' && s[1] != '\0') {
					s++;
					if (q == '"' && *s == 'n')
						*s = '\n';
					else if (q == '"' && *s == 't')
						*s = '\t';
					else if (q == '"' && *s == 'r')
						*s = '\r';
					else if (*s != q && *s != '\\')
						*w++ = '\\';
				}
				*w++ = *s++;
			}
			if (*s != q) {
				s = val - 1;
				goto unclosed;
			}
			*w = '\0';
			s++;
			while (*s == ' ' || *s == '\t')
				s++;
			if (*s != '\0' && *s != '#')
				goto bad;
			if (q == '\'' || raw)
				d->value = copy(r, val, strlen(val));
			else
				d->value = interp(r, val, &pl,
				    harper_var(key, klen), what);
		} else {
			char *e;

			val = s;
			for (e = s; *e != '\0'; e++)
				if (*e == '#' && e > val && (e[-1] == ' ' ||
				    e[-1] == '\t'))
					break;
			*e = '\0';
			while (e > val && (e[-1] == ' ' || e[-1] == '\t'))
				*--e = '\0';
			d->value = raw ? copy(r, val, strlen(val)) :
			    interp(r, val, &pl, harper_var(key, klen), what);
		}
		if (d->value == NULL)
			return;
		d->at = pl.p;
		(*n)++;
		continue;
unclosed:
		pl.p.file = file;
		mesh_i_text_position(line, (size_t)(s - line), &pl.p.line,
		    &pl.p.column);
		pl.p.line = lineno;
		mesh_i_report(&r->base, MESH_ERROR, "bad-env-line", &pl.p,
		    NULL, "a quote that is not closed on its line (meshsim "
		    "reads one line a variable)");
		continue;
bad:
		pl.p.file = file;
		mesh_i_text_position(line, (size_t)(s - line), &pl.p.line,
		    &pl.p.column);
		pl.p.line = lineno;
		mesh_i_report(&r->base, MESH_ERROR, "bad-env-line", &pl.p,
		    NULL, "not a VAR=VALUE line, as compose reads env files");
	}
}

/* Read the file at path into a NUL-terminated buffer (free it), or NULL
 * after reporting at p: io-error when it cannot be read. */
static char *
slurp(struct creader *r, const char *path, const struct mesh_i_pos *p,
    const char *what, size_t *len)
{
	struct mesh_diags scratch;
	enum mesh_error err;
	char *buf = NULL;

	mesh_diags_init(&scratch);
	err = mesh_i_read_input(path, &scratch, &buf, len);
	if (err == MESH_ENOMEM) {
		r->base.nomem = 1;
	} else if (err != MESH_OK && scratch.n > 0) {
		mesh_i_report(&r->base, MESH_ERROR, scratch.v[0].code, p,
		    NULL, "%s %s: %s", what, path, scratch.v[0].message);
	}
	mesh_diags_clear(&scratch);
	return buf;
}

/* Add the variable name=val (copied; val NULL: unset it) at at, by via,
 * to s's environment, where a later one wins. */
static void
add_env(struct creader *r, struct svc *s, const char *name, size_t nlen,
    const char *val, const struct mesh_i_pos *at, const char *via)
{
	struct mesh_i_hvar *h;
	size_t i, k;

	if (harper_var(name, nlen))
		s->harper = 1;
	if (val == NULL) {
		/* Unset: drop what an env file set before. */
		for (i = k = 0; i < s->nenv; i++)
			if (!(s->env[i].name_len == nlen &&
			    memcmp(s->env[i].name, name, nlen) == 0))
				s->env[k++] = s->env[i];
		s->nenv = k;
		return;
	}
	if (grow(r, &s->env, s->nenv, &s->capenv, sizeof(*s->env)) != 0)
		return;
	h = &s->env[s->nenv];
	if ((h->name = copy(r, name, nlen)) == NULL)
		return;
	h->name_len = nlen;
	h->value = val;
	h->value_len = strlen(val);
	h->at = *at;
	h->via = via;
	s->nenv++;
}

/* A variable named alone (no value): compose takes it from the shell, or
 * .env. */
static void
env_alone(struct creader *r, struct svc *s, const char *name, size_t nlen,
    const struct mesh_i_pos *at)
{
	const struct dvar *d = lookup(r, name, nlen);

	if (d != NULL) {
		add_env(r, s, name, nlen, d->value, at, "compose environment");
		return;
	}
	if (harper_var(name, nlen) && r->dotenv != NULL)
		mesh_i_report(&r->base, MESH_WARNING, "compose-variable", at,
		    s->name, "%.*s takes its value from the shell that runs "
		    "compose, or from %s, which does not set it (meshsim "
		    "does not read the shell's environment): meshsim assumed "
		    "it unset; if the deployment sets it, give its value "
		    "here", (int)nlen, name, r->dotenv);
	else if (harper_var(name, nlen))
		mesh_i_report(&r->base, MESH_WARNING, "compose-variable", at,
		    s->name, "%.*s takes its value from the shell that runs "
		    "compose, which meshsim does not read: meshsim assumed "
		    "it unset; if the deployment sets it, give its value "
		    "here or in %s/.env", (int)nlen, name, r->dir);
	add_env(r, s, name, nlen, NULL, at, "compose environment");
}

/* environment: a mapping NAME: value, or a list of NAME=value. */
static void
read_environment(struct creader *r, struct svc *s, yaml_node_t *n)
{
	char what[300];
	const char *v;

	if (n->type == YAML_MAPPING_NODE) {
		yaml_node_pair_t *pp;

		for (pp = n->data.mapping.pairs.start;
		    pp < n->data.mapping.pairs.top; pp++) {
			yaml_node_t *k = node(r, pp->key), *val =
			    node(r, pp->value);
			struct mesh_i_pos at;
			const char *name;

			if ((name = scalar(r, k, "a variable's name")) == NULL)
				continue;
			if (is_null(val)) {
				at = pos(r, k);
				env_alone(r, s, name, strlen(name), &at);
				continue;
			}
			if (val->type != YAML_SCALAR_NODE) {
				snprintf(what, sizeof(what), "the value of %s",
				    name);
				wrong_type(r, val, what, "text, a number or a "
				    "boolean");
				continue;
			}
			snprintf(what, sizeof(what), "%s of service %s", name,
			    s->name);
			if ((v = value(r, val, harper_var(name, strlen(name)),
			    what)) == NULL)
				continue;
			at = place_of(r, val).p;
			add_env(r, s, name, strlen(name), v, &at,
			    "compose environment");
		}
	} else if (n->type == YAML_SEQUENCE_NODE) {
		yaml_node_item_t *it;

		for (it = n->data.sequence.items.start;
		    it < n->data.sequence.items.top; it++) {
			yaml_node_t *e = node(r, *it);
			const char *t, *eq;
			struct place pl;
			struct mesh_i_pos at;
			size_t nl;

			if ((t = scalar(r, e, "an environment entry")) == NULL)
				continue;
			pl = place_of(r, e);
			eq = strchr(t, '=');
			nl = eq ? (size_t)(eq - t) : strlen(t);
			if (nl == 0) {
				at = pl.p;
				mesh_i_report(&r->base, MESH_ERROR,
				    "wrong-type", &at, s->name, "'%s' is not "
				    "NAME=value", t);
				continue;
			}
			if (eq == NULL) {
				at = pl.p;
				env_alone(r, s, t, nl, &at);
				continue;
			}
			/* Compose interpolates the whole entry; the name
			 * is taken as written. */
			snprintf(what, sizeof(what), "%.*s of service %s",
			    (int)nl, t, s->name);
			{
				struct mesh_i_buf b;

				mesh_i_buf_init(&b);
				r->interp_failed = 0;
				expand(r, eq + 1, strlen(eq + 1), &pl, t,
				    nl + 1, harper_var(t, nl), what, 0, &b);
				mesh_i_buf_add(&b, "", 1);
				if (b.failed) {
					r->base.nomem = 1;
					v = NULL;
				} else {
					v = r->interp_failed ? NULL :
					    copy(r, b.data, b.len - 1);
				}
				mesh_i_buf_free(&b);
			}
			if (v == NULL)
				continue;
			at = pos_in(&pl, t, nl + 1);
			add_env(r, s, t, nl, v, &at, "compose environment");
		}
	} else if (!is_null(n)) {
		wrong_type(r, n, "environment", "a mapping of variables or a "
		    "list of NAME=value");
	}
}

/* One env_file entry: a path (string) or {path, required, format}. */
static void
read_env_file(struct creader *r, struct svc *s, yaml_node_t *e)
{
	yaml_node_t *pathn = e, *req = NULL, *fmt = NULL;
	const char *path, *full;
	struct mesh_i_pos at;
	struct dvar *v = NULL;
	size_t n = 0, cap = 0, len, i;
	int required = 1, raw = 0;
	char *buf;
	struct stat st;

	if (e->type == YAML_MAPPING_NODE) {
		yaml_node_pair_t *pp;

		pathn = NULL;
		for (pp = e->data.mapping.pairs.start;
		    pp < e->data.mapping.pairs.top; pp++) {
			yaml_node_t *k = node(r, pp->key);

			if (k->type != YAML_SCALAR_NODE)
				continue;
			if (strcmp(text(k), "path") == 0)
				pathn = node(r, pp->value);
			else if (strcmp(text(k), "required") == 0)
				req = node(r, pp->value);
			else if (strcmp(text(k), "format") == 0)
				fmt = node(r, pp->value);
		}
		if (pathn == NULL) {
			at = pos(r, e);
			mesh_i_report(&r->base, MESH_ERROR, "missing-key", &at,
			    s->name, "an env_file entry without 'path'");
			return;
		}
		if (req != NULL) {
			if (req->type == YAML_SCALAR_NODE &&
			    strcmp(text(req), "false") == 0)
				required = 0;
			else if (!(req->type == YAML_SCALAR_NODE &&
			    strcmp(text(req), "true") == 0))
				wrong_type(r, req, "required", "true or false");
		}
		if (fmt != NULL && fmt->type == YAML_SCALAR_NODE &&
		    strcmp(text(fmt), "raw") == 0)
			raw = 1;
	}
	if ((path = value(r, pathn, 1, "env_file")) == NULL ||
	    (full = resolve(r, path)) == NULL)
		return;
	at = place_of(r, pathn).p;
	if (!required && stat(full, &st) != 0)
		return;
	if ((buf = slurp(r, full, &at, "env_file", &len)) == NULL)
		return;
	read_dotenv(r, buf, len, full, raw, &v, &n, &cap);
	free(buf);
	for (i = 0; i < n && !r->base.nomem; i++) {
		if (v[i].value == NULL) {
			if (harper_var(v[i].name, strlen(v[i].name)))
				mesh_i_report(&r->base, MESH_WARNING,
				    "compose-variable", &v[i].at, s->name,
				    "%s is named without a value: compose "
				    "leaves it unset, and so does meshsim",
				    v[i].name);
			add_env(r, s, v[i].name, strlen(v[i].name), NULL,
			    &v[i].at, "env_file");
		} else {
			add_env(r, s, v[i].name, strlen(v[i].name),
			    v[i].value, &v[i].at, "env_file");
		}
	}
}

/* A word of a command line being split: its text and where it starts. */
struct word {
	const char *text;
	struct mesh_i_pos at;
};

/*
 * Split s (written at pl) into words as compose splits a string command
 * (shell quoting: '...' literal, "..." with \ escapes, \ outside quotes;
 * no expansion). Appends to *w (*n, *cap in r's arena). Returns 0, or -1
 * after reporting an unclosed quote (bad-command) or when out of memory.
 */
static int
split(struct creader *r, const char *s, const struct place *pl,
    const char *what, struct word **w, size_t *n, size_t *cap)
{
	size_t i = 0, len = strlen(s), start, qat = 0;
	struct mesh_i_buf b;
	char q;

	while (i < len) {
		while (i < len && strchr(" \t\n\r", s[i]) != NULL)
			i++;
		if (i == len)
			break;
		start = i;
		mesh_i_buf_init(&b);
		q = 0;
		while (i < len && (q != 0 || strchr(" \t\n\r", s[i]) == NULL)) {
			if (q == 0 && (s[i] == '\'' || s[i] == '"')) {
				q = s[i];
				qat = i++;
			} else if (q != 0 && s[i] == q) {
				q = 0;
				i++;
			} else if (s[i] == '\\' && q != '\'' && i + 1 < len) {
				mesh_i_buf_add(&b, s + i + 1, 1);
				i += 2;
			} else {
				mesh_i_buf_add(&b, s + i, 1);
				i++;
			}
		}
		if (q != 0) {
			struct mesh_i_pos p = pos_in(pl, s, qat);

			mesh_i_buf_free(&b);
			mesh_i_report(&r->base, MESH_ERROR, "bad-command", &p,
			    NULL, "%s: a quote that is not closed; compose "
			    "cannot split the command", what);
			return -1;
		}
		mesh_i_buf_add(&b, "", 1);
		if (b.failed || grow(r, w, *n, cap, sizeof(**w)) != 0) {
			mesh_i_buf_free(&b);
			r->base.nomem = 1;
			return -1;
		}
		(*w)[*n].text = copy(r, b.data, b.len - 1);
		(*w)[*n].at = pos_in(pl, s, start);
		mesh_i_buf_free(&b);
		if ((*w)[*n].text == NULL)
			return -1;
		(*n)++;
	}
	return 0;
}

/* Append the words of command or entrypoint n (a string or a list;
 * null: the image's own, none here). Returns 0, or -1. */
static int
words(struct creader *r, yaml_node_t *n, const char *what, struct word **w,
    size_t *nw, size_t *cap)
{
	if (n->type == YAML_SCALAR_NODE) {
		const char *t;
		struct place pl;

		if (is_null(n))
			return 0;
		if ((t = value(r, n, 1, what)) == NULL)
			return -1;
		pl = place_of(r, n);
		return split(r, t, &pl, what, w, nw, cap);
	}
	if (n->type == YAML_SEQUENCE_NODE) {
		yaml_node_item_t *it;

		for (it = n->data.sequence.items.start;
		    it < n->data.sequence.items.top; it++) {
			yaml_node_t *e = node(r, *it);
			const char *t;

			if (e->type != YAML_SCALAR_NODE) {
				wrong_type(r, e, what, "a list of words");
				return -1;
			}
			if ((t = value(r, e, 1, what)) == NULL ||
			    grow(r, w, *nw, cap, sizeof(**w)) != 0)
				return -1;
			(*w)[*nw].text = t;
			(*w)[*nw].at = place_of(r, e).p;
			(*nw)++;
		}
		return 0;
	}
	wrong_type(r, n, what, "a string or a list of words");
	return -1;
}

/* Whether word names a shell (sh, bash, ... with any folder). */
static int
is_shell(const char *word)
{
	static const char *const shells[] = { "sh", "bash", "ash", "dash",
		"zsh", "ksh", NULL };
	const char *b = strrchr(word, '/');
	int i;

	b = b ? b + 1 : word;
	for (i = 0; shells[i] != NULL; i++)
		if (strcmp(b, shells[i]) == 0)
			return 1;
	return 0;
}

/*
 * The node's arguments from its entrypoint and command words: the words
 * before the first that starts with '-' are the program (harperdb, run);
 * the rest are its arguments. A shell's -c script is not read (warned).
 */
static void
take_args(struct creader *r, struct svc *s, struct word *w, size_t n,
    size_t ncmd0, const char *cmd_via)
{
	size_t i, first = 0, k;

	while (first < n && w[first].text[0] != '-')
		first++;
	if (first > 0 && is_shell(w[0].text)) {
		for (i = first; i < n; i++)
			if (strcmp(w[i].text, "-c") == 0)
				break;
		if (i < n) {
			mesh_i_report(&r->base, MESH_WARNING, "compose-unread",
			    &w[i].at, s->name, "service %s runs a shell script "
			    "(%s -c): meshsim does not read the command lines "
			    "in it, so settings given there are not in the "
			    "plan; give Harper's arguments in the command "
			    "itself, or as environment variables", s->name,
			    w[0].text);
			return;
		}
	}
	if (first == n)
		return;
	if ((s->args = alloc(r, (n - first) * sizeof(*s->args))) == NULL)
		return;
	for (i = first, k = 0; i < n; i++, k++) {
		const char *t = w[i].text;
		size_t nl;

		s->args[k].text = t;
		s->args[k].at = w[i].at;
		s->args[k].via = i < ncmd0 ? "compose entrypoint" : cmd_via;
		if (t[0] == '-' && t[1] == '-') {
			nl = strcspn(t + 2, "=");
			if (harper_var(t + 2, nl))
				s->harper = 1;
		}
	}
	s->nargs = k;
}

/* Add name to the names every replica of s answers to (once). */
static void
share(struct creader *r, struct svc *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->nshared; i++)
		if (strcasecmp(s->shared[i], name) == 0)
			return;
	if (grow(r, &s->shared, s->nshared, &s->capshared,
	    sizeof(*s->shared)) != 0)
		return;
	s->shared[s->nshared++] = name;
}

/* Put s on the network name (once). */
static void
join_net(struct creader *r, struct svc *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->nnets; i++)
		if (strcmp(s->nets[i], name) == 0)
			return;
	if (grow(r, &s->nets, s->nnets, &s->capnets, sizeof(*s->nets)) == 0)
		s->nets[s->nnets++] = name;
}

/* Whether s holds only the bytes of set (and is not empty). */
static int
only(const char *s, const char *set)
{
	return *s != '\0' && s[strspn(s, set)] == '\0';
}

#define NAME_BYTES "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" \
	"0123456789._-"

/* The host h (what: "hostname") written at n, or NULL after reporting
 * bad-host when no container could be reached at it. */
static const char *
host_at(struct creader *r, const yaml_node_t *n, const char *h,
    const char *what)
{
	struct mesh_i_pos p;

	if (h == NULL || mesh_i_host_writable(h))
		return h;
	p = place_of(r, n).p;
	mesh_i_report(&r->base, MESH_ERROR, "bad-host", &p, NULL, "%s '%s' "
	    "is no host name (it is empty or holds white space, '/' or a "
	    "control character)", what, h);
	return NULL;
}

/* networks: a list of names, or a mapping NAME: {aliases: [...]}. */
static void
read_networks(struct creader *r, struct svc *s, yaml_node_t *n)
{
	yaml_node_pair_t *pp;

	s->nnets = 0;
	if (is_null(n)) {
		join_net(r, s, "default");
		return;
	}
	if (n->type == YAML_SEQUENCE_NODE) {
		yaml_node_item_t *it;

		for (it = n->data.sequence.items.start;
		    it < n->data.sequence.items.top; it++) {
			const char *t = value(r, node(r, *it), 1, "a network");

			if (t != NULL)
				join_net(r, s, t);
		}
		return;
	}
	if (n->type != YAML_MAPPING_NODE) {
		wrong_type(r, n, "networks", "a list or a mapping of networks");
		return;
	}
	for (pp = n->data.mapping.pairs.start; pp < n->data.mapping.pairs.top;
	    pp++) {
		yaml_node_t *net = node(r, pp->value), *al = NULL;
		yaml_node_pair_t *q;
		yaml_node_item_t *it;

		if (node(r, pp->key)->type == YAML_SCALAR_NODE)
			join_net(r, s, text(node(r, pp->key)));
		if (is_null(net))
			continue;
		if (net->type != YAML_MAPPING_NODE) {
			wrong_type(r, net, "a network of a service",
			    "a mapping (aliases, ipv4_address, ...) or null");
			continue;
		}
		for (q = net->data.mapping.pairs.start;
		    q < net->data.mapping.pairs.top; q++) {
			yaml_node_t *k = node(r, q->key);

			if (k->type == YAML_SCALAR_NODE &&
			    strcmp(text(k), "aliases") == 0)
				al = node(r, q->value);
		}
		if (al == NULL || is_null(al))
			continue;
		if (al->type != YAML_SEQUENCE_NODE) {
			wrong_type(r, al, "aliases", "a list of host names");
			continue;
		}
		for (it = al->data.sequence.items.start;
		    it < al->data.sequence.items.top; it++) {
			const char *a = host_at(r, node(r, *it), value(r,
			    node(r, *it), 1, "an alias"), "the alias");

			if (a != NULL)
				share(r, s, a);
		}
	}
}

/* Whether target (a path in the container) is Harper's config, or a
 * folder holding it (*dir set). */
static int
config_target(const char *target, int *dir)
{
	const char *b = strrchr(target, '/');
	size_t n = strlen(target);
	int i;

	*dir = 0;
	b = b ? b + 1 : target;
	if (strcmp(b, "harperdb-config.yaml") == 0 ||
	    strcmp(b, "harper-config.yaml") == 0)
		return 1;
	while (n > 1 && target[n - 1] == '/')
		n--;
	for (i = 0; root_paths[i] != NULL; i++)
		if (strlen(root_paths[i]) == n &&
		    strncmp(root_paths[i], target, n) == 0) {
			*dir = 1;
			return 1;
		}
	return 0;
}

/* A volume mounting source (as written, at at; a host path when path is
 * set, else when it starts with '.', '/' or '~') at target. */
static void
mount(struct creader *r, struct svc *s, const char *source, int path,
    const char *target, const struct mesh_i_pos *at)
{
	const char *full, *cfg;
	struct stat st;
	int dir;

	if (!config_target(target, &dir))
		return;
	s->harper = s->harper || !dir;
	if (!path && source[0] != '.' && source[0] != '/' && source[0] != '~') {
		if (!dir)
			mesh_i_report(&r->base, MESH_WARNING, "compose-unread",
			    at, s->name, "service %s mounts its Harper config "
			    "from the volume '%s', which meshsim cannot read: "
			    "the routes and settings in it are not in the "
			    "plan, so links may be missing; mount the file "
			    "from a path (./node.yaml:%s) to have it read",
			    s->name, source, target);
		return;
	}
	if (source[0] == '~') {
		mesh_i_report(&r->base, MESH_WARNING, "compose-unread", at,
		    s->name, "service %s mounts '%s' from the home folder of "
		    "whoever runs compose: meshsim does not read it, so the "
		    "routes and settings in it are not in the plan", s->name,
		    source);
		return;
	}
	if ((full = resolve(r, source)) == NULL)
		return;
	if (dir) {
		char *c = mesh_i_asprintf("%s/harperdb-config.yaml", full);

		if (c == NULL) {
			r->base.nomem = 1;
			return;
		}
		cfg = copy(r, c, strlen(c));
		free(c);
		/* A root folder without a config yet: Harper writes one
		 * from its arguments and environment at install. */
		if (cfg != NULL && stat(cfg, &st) == 0) {
			s->config_file = cfg;
			s->harper = 1;
		}
		return;
	}
	if (stat(full, &st) != 0 || !S_ISREG(st.st_mode)) {
		mesh_i_report(&r->base, MESH_WARNING, "compose-unread", at,
		    s->name, "service %s mounts %s as its Harper config, but "
		    "%s %s: meshsim reads the node without it, so the "
		    "routes and settings in it are not in the plan and "
		    "links may be missing", s->name, source, full,
		    stat(full, &st) != 0 ? "does not exist" :
		    "is not a file");
		return;
	}
	s->config_file = full;
}

/* volumes: short syntax SOURCE:TARGET[:MODE], or long {source, target}. */
static void
read_volumes(struct creader *r, struct svc *s, yaml_node_t *n)
{
	yaml_node_item_t *it;

	if (is_null(n))
		return;
	if (n->type != YAML_SEQUENCE_NODE) {
		wrong_type(r, n, "volumes", "a list of mounts");
		return;
	}
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		yaml_node_t *e = node(r, *it);
		const char *src = NULL, *dst = NULL;
		struct mesh_i_pos at = pos(r, e);

		if (e->type == YAML_SCALAR_NODE) {
			const char *t = value(r, e, 1, "a volume"), *c;

			if (t == NULL || (c = strchr(t, ':')) == NULL)
				continue;
			if ((src = copy(r, t, (size_t)(c - t))) == NULL)
				return;
			dst = c + 1;
			if ((c = strchr(dst, ':')) != NULL &&
			    (dst = copy(r, dst, (size_t)(c - dst))) == NULL)
				return;
			at = place_of(r, e).p;
		} else if (e->type == YAML_MAPPING_NODE) {
			yaml_node_pair_t *pp;

			for (pp = e->data.mapping.pairs.start;
			    pp < e->data.mapping.pairs.top; pp++) {
				yaml_node_t *k = node(r, pp->key);
				yaml_node_t *v = node(r, pp->value);

				if (k->type != YAML_SCALAR_NODE)
					continue;
				if (strcmp(text(k), "source") == 0) {
					src = value(r, v, 1, "source");
					at = place_of(r, v).p;
				} else if (strcmp(text(k), "target") == 0) {
					dst = value(r, v, 1, "target");
				}
			}
			if (src == NULL || dst == NULL)
				continue;
		} else {
			wrong_type(r, e, "a volume", "a string or a mapping");
			continue;
		}
		mount(r, s, src, 0, dst, &at);
	}
}

/* configs: NAME (mounted at /NAME) or {source, target}; a top-level
 * config with a file mounted at Harper's config is read as a volume. */
static void
read_configs(struct creader *r, struct svc *s, yaml_node_t *n)
{
	yaml_node_item_t *it;
	int dir;

	if (is_null(n))
		return;
	if (n->type != YAML_SEQUENCE_NODE) {
		wrong_type(r, n, "configs", "a list of configs");
		return;
	}
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		yaml_node_t *e = node(r, *it), *def, *f;
		const char *src = NULL, *dst = NULL, *file;
		struct mesh_i_pos at = pos(r, e);
		char *slash;

		if (e->type == YAML_SCALAR_NODE) {
			if ((src = value(r, e, 1, "a config")) == NULL)
				continue;
			if ((slash = mesh_i_asprintf("/%s", src)) == NULL) {
				r->base.nomem = 1;
				return;
			}
			dst = copy(r, slash, strlen(slash));
			free(slash);
		} else if (e->type == YAML_MAPPING_NODE) {
			if ((f = member(r, e, "source")) != NULL)
				src = value(r, f, 1, "source");
			if ((f = member(r, e, "target")) != NULL)
				dst = value(r, f, 1, "target");
			if (src != NULL && dst == NULL &&
			    (slash = mesh_i_asprintf("/%s", src)) != NULL) {
				dst = copy(r, slash, strlen(slash));
				free(slash);
			}
		} else {
			wrong_type(r, e, "a config", "a name or a mapping");
			continue;
		}
		if (src == NULL || dst == NULL || !config_target(dst, &dir) ||
		    dir)
			continue;
		def = r->configs != NULL && r->configs->type ==
		    YAML_MAPPING_NODE ? member(r, r->configs, src) : NULL;
		f = def != NULL && def->type == YAML_MAPPING_NODE ?
		    member(r, def, "file") : NULL;
		if (f != NULL && (file = value(r, f, 1, "file")) != NULL) {
			at = place_of(r, f).p;
			mount(r, s, file, 1, dst, &at);
			continue;
		}
		s->harper = 1;
		mesh_i_report(&r->base, MESH_WARNING, "compose-unread", &at,
		    s->name, "service %s mounts the config '%s' as its Harper "
		    "config, and meshsim reads only configs given by a "
		    "top-level 'file': the routes and settings in it are not "
		    "in the plan, so links may be missing", s->name, src);
	}
}

/* A whole number of replicas from n (what: "replicas", "scale"). */
static int
count(struct creader *r, yaml_node_t *n, const char *what, long *out)
{
	const char *t;
	char *end;
	struct mesh_i_pos p = pos(r, n);

	if ((t = value(r, n, 1, what)) == NULL)
		return -1;
	errno = 0;
	*out = strtol(t, &end, 10);
	if (*t == '\0' || *end != '\0' || errno != 0 || *out < 0 ||
	    *out > MAX_REPLICAS) {
		mesh_i_report(&r->base, MESH_ERROR, "bad-replicas", &p, NULL,
		    "%s '%s' is not a whole number from 0 to %d", what, t,
		    MAX_REPLICAS);
		return -1;
	}
	return 0;
}

/* Check the keys of mapping n against known (what: "a service"):
 * duplicates are errors; unknown keys (but x-*) warned with a
 * did-you-mean. */
static void
check_keys(struct creader *r, yaml_node_t *n, const char *const *known,
    const char *what, const char *node_name)
{
	yaml_node_pair_t *pp;
	struct mesh_i_map seen;
	const char *close;
	int first;

	/* Linear in the keys: a map of those seen, to their lines. */
	mesh_i_map_init(&seen);
	for (pp = n->data.mapping.pairs.start; pp < n->data.mapping.pairs.top;
	    pp++) {
		yaml_node_t *k = node(r, pp->key);
		struct mesh_i_pos p = pos(r, k);

		if (k->type != YAML_SCALAR_NODE) {
			wrong_type(r, k, "a key", "text");
			continue;
		}
		if ((first = mesh_i_map_put(&seen, text(k), 0, p.line)) == -2) {
			r->base.nomem = 1;
			break;
		}
		if (first >= 0)
			mesh_i_report(&r->base, MESH_ERROR, "duplicate-key",
			    &p, node_name, "%s repeats the key '%s' (line %d): "
			    "compose refuses it", what, text(k), first);
		if (known == NULL || strncmp(text(k), "x-", 2) == 0 ||
		    mesh_i_known_key(known, text(k), &close) >= 0)
			continue;
		if (close != NULL)
			mesh_i_report(&r->base, MESH_WARNING, "unknown-key", &p,
			    node_name, "%s has the key '%s', which compose "
			    "does not know (did you mean '%s'?): compose "
			    "refuses the file, and meshsim ignores the key",
			    what, text(k), close);
		else
			mesh_i_report(&r->base, MESH_WARNING, "unknown-key", &p,
			    node_name, "%s has the key '%s', which compose "
			    "does not know: compose refuses the file, and "
			    "meshsim ignores the key", what, text(k));
	}
	mesh_i_map_free(&seen);
}

/* Read service name (at key k) whose definition is n into s. */
static void
read_service(struct creader *r, struct svc *s, yaml_node_t *k,
    yaml_node_t *n)
{
	yaml_node_t *v, *cmd, *ep;
	struct word *w = NULL;
	size_t nw = 0, capw = 0, nep = 0;
	const char *t;
	char what[300];

	memset(s, 0, sizeof(*s));
	s->name = text(k);
	s->at = pos(r, k);
	s->replicas = 1;
	if (n->type != YAML_MAPPING_NODE) {
		snprintf(what, sizeof(what), "service %s", s->name);
		wrong_type(r, n, what, "a mapping");
		return;
	}
	snprintf(what, sizeof(what), "service %s", s->name);
	check_keys(r, n, service_keys, what, s->name);
	share(r, s, s->name);
	if ((v = member(r, n, "image")) != NULL && !is_null(v) &&
	    (t = value(r, v, 0, "image")) != NULL && strstr(t, "harper"))
		s->harper = 1;
	if ((v = member(r, n, "env_file")) != NULL) {
		if (v->type == YAML_SEQUENCE_NODE) {
			yaml_node_item_t *it;

			for (it = v->data.sequence.items.start;
			    it < v->data.sequence.items.top; it++)
				read_env_file(r, s, node(r, *it));
		} else if (v->type == YAML_SCALAR_NODE && !is_null(v)) {
			read_env_file(r, s, v);
		} else if (!is_null(v)) {
			wrong_type(r, v, "env_file", "a path or a list");
		}
	}
	if ((v = member(r, n, "environment")) != NULL)
		read_environment(r, s, v);
	ep = member(r, n, "entrypoint");
	cmd = member(r, n, "command");
	if (ep != NULL && words(r, ep, "entrypoint", &w, &nw, &capw) != 0)
		return;
	nep = nw;
	if (cmd != NULL && words(r, cmd, "command", &w, &nw, &capw) != 0)
		return;
	take_args(r, s, w, nw, nep, "compose command");
	if ((v = member(r, n, "hostname")) != NULL && !is_null(v) &&
	    (t = host_at(r, v, value(r, v, 1, "hostname"), "hostname")) !=
	    NULL)
		share(r, s, t);
	if ((v = member(r, n, "container_name")) != NULL && !is_null(v) &&
	    (t = value(r, v, 1, "container_name")) != NULL) {
		struct mesh_i_pos p = place_of(r, v).p;

		if (only(t, NAME_BYTES) && strchr("._-", *t) == NULL)
			s->container_name = t;
		else
			mesh_i_report(&r->base, MESH_ERROR, "bad-name", &p,
			    s->name, "container_name '%s' is not one compose "
			    "takes (a letter or digit, then letters, digits, "
			    "'.', '_' and '-')", t);
	}
	join_net(r, s, "default");
	if ((v = member(r, n, "networks")) != NULL)
		read_networks(r, s, v);
	if ((v = member(r, n, "network_mode")) != NULL && !is_null(v) &&
	    (t = value(r, v, 1, "network_mode")) != NULL) {
		s->nnets = 0;
		if (strncmp(t, "service:", 8) == 0)
			s->net_of = t + 8;
		else if (strcmp(t, "none") != 0)
			s->nets_unknown = 1;    /* host, container: */
	}
	if ((v = member(r, n, "configs")) != NULL)
		read_configs(r, s, v);
	if ((v = member(r, n, "volumes")) != NULL)
		read_volumes(r, s, v);
	if ((v = member(r, n, "extends")) != NULL) {
		s->unread_extends = 1;
		s->extends_at = pos(r, v);
	}
	if ((v = member(r, n, "scale")) != NULL && !is_null(v)) {
		if (count(r, v, "scale", &s->replicas) != 0)
			return;
		s->replicas_at = pos(r, v);
	}
	if ((v = member(r, n, "deploy")) != NULL && !is_null(v)) {
		yaml_node_t *rep;
		long c;

		if (v->type != YAML_MAPPING_NODE) {
			wrong_type(r, v, "deploy", "a mapping");
			return;
		}
		check_keys(r, v, deploy_keys, "deploy", s->name);
		if ((rep = member(r, v, "replicas")) != NULL &&
		    !is_null(rep)) {
			if (count(r, rep, "replicas", &c) != 0)
				return;
			if (member(r, n, "scale") != NULL && c != s->replicas) {
				struct mesh_i_pos p = pos(r, rep);

				mesh_i_report(&r->base, MESH_ERROR,
				    "bad-replicas", &p, s->name, "replicas "
				    "%ld and scale %ld differ: compose "
				    "refuses them", c, s->replicas);
				return;
			}
			s->replicas = c;
			s->replicas_at = pos(r, rep);
		}
	}
	if (s->replicas > 1 && s->container_name != NULL) {
		mesh_i_report(&r->base, MESH_ERROR, "bad-replicas",
		    &s->replicas_at, s->name, "service %s has %ld replicas "
		    "and a container_name: compose refuses it (a container "
		    "name names one container)", s->name, s->replicas);
	}
}

/* Report libyaml's error in the len bytes at buf. */
static void
yaml_error(struct creader *r, const yaml_parser_t *p, const char *buf,
    size_t len)
{
	struct mesh_i_pos ps;

	if (p->error == YAML_MEMORY_ERROR) {
		r->base.nomem = 1;
		return;
	}
	ps.file = r->base.file;
	if (p->error == YAML_READER_ERROR) {
		mesh_i_text_position(buf, p->problem_offset < len ?
		    p->problem_offset : len, &ps.line, &ps.column);
	} else {
		ps.line = (int)p->problem_mark.line + 1;
		ps.column = (int)p->problem_mark.column + 1;
	}
	mesh_i_report(&r->base, MESH_ERROR, "invalid-yaml", &ps, NULL, "%s%s%s",
	    p->problem ? p->problem : "a syntax error",
	    p->context ? " " : "", p->context ? p->context : "");
}

/* The compose file's folder and project name (as compose derives it from
 * the folder: lowercase letters, digits, '-' and '_'). */
static void
folder(struct creader *r, const char *file)
{
	const char *slash = file ? strrchr(file, '/') : NULL;
	char real[PATH_MAX], *b;
	struct mesh_i_buf nb;
	const char *q;

	if (slash == NULL)
		r->dir = ".";
	else if (slash == file)
		r->dir = "/";
	else
		r->dir = copy(r, file, (size_t)(slash - file));
	if (r->dir == NULL)
		return;
	if (realpath(r->dir, real) == NULL)
		snprintf(real, sizeof(real), "%s", r->dir);
	b = strrchr(real, '/');
	b = b && b[1] ? b + 1 : real;
	mesh_i_buf_init(&nb);
	for (q = b; *q != '\0'; q++) {
		char c = (char)((*q >= 'A' && *q <= 'Z') ? *q + 32 : *q);

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    ((c == '-' || c == '_') && nb.len > 0))
			mesh_i_buf_add(&nb, &c, 1);
	}
	mesh_i_buf_add(&nb, "", 1);
	if (nb.failed) {
		r->base.nomem = 1;
	} else {
		r->project = copy(r, nb.len > 1 ? nb.data : "default",
		    nb.len > 1 ? nb.len - 1 : 7);
	}
	mesh_i_buf_free(&nb);
}

/* Warn when the file has one of compose's default names and an override
 * file is beside it: docker compose merges it in unasked. */
static void
overrides(struct creader *r, const char *file)
{
	static const char *const names[] = { "compose.yaml", "compose.yml",
		"docker-compose.yaml", "docker-compose.yml", NULL };
	static const char *const over[] = { "compose.override.yaml",
		"compose.override.yml", "docker-compose.override.yaml",
		"docker-compose.override.yml", NULL };
	const char *b = file ? strrchr(file, '/') : NULL, *path;
	struct mesh_i_pos p;
	struct stat st;
	int i;

	b = b ? b + 1 : file;
	if (b == NULL || mesh_i_known_key(names, b, NULL) < 0)
		return;
	for (i = 0; over[i] != NULL; i++) {
		if ((path = resolve(r, over[i])) == NULL)
			return;
		if (stat(path, &st) != 0)
			continue;
		p.file = r->base.file;
		p.line = p.column = 0;
		mesh_i_report(&r->base, MESH_WARNING, "compose-unread", &p,
		    NULL, "docker compose also reads %s and merges it into "
		    "this file, which meshsim does not: services and settings "
		    "it adds or changes are not in the plan; `docker compose "
		    "config > merged.yml` writes the merged file, for meshsim "
		    "to read", path);
		return;
	}
}

/* Read .env beside the compose file, when there is one: the variables
 * compose interpolates (and COMPOSE_PROJECT_NAME). */
static void
read_dot_env(struct creader *r)
{
	struct stat st;
	struct mesh_i_pos p;
	size_t cap = 0, len;
	const char *path;
	char *buf;

	if ((path = resolve(r, ".env")) == NULL || stat(path, &st) != 0 ||
	    !S_ISREG(st.st_mode))
		return;
	r->dotenv = path;
	p.file = path;
	p.line = p.column = 0;
	if ((buf = slurp(r, path, &p, "the file", &len)) == NULL)
		return;
	read_dotenv(r, buf, len, path, 0, &r->vars, &r->nvars, &cap);
	free(buf);
}

/* The host name of replica i of s: PROJECT-SERVICE-i, or its
 * container_name. */
static const char *
container(struct creader *r, const struct svc *s, long i)
{
	char *c;
	const char *t;

	if (s->container_name != NULL)
		return s->container_name;
	if ((c = mesh_i_asprintf("%s-%s-%ld", r->project, s->name, i)) ==
	    NULL) {
		r->base.nomem = 1;
		return NULL;
	}
	t = copy(r, c, strlen(c));
	free(c);
	return t;
}

/* Fill node (replica i of n of service s). */
static void
fill(struct creader *r, const struct svc *s, long i, struct mesh_i_hnode *h)
{
	const char **hosts;
	const char *cn;
	size_t k = 0, j;
	char *name;

	memset(h, 0, sizeof(*h));
	if ((hosts = alloc(r, (s->nshared + 2) * sizeof(*hosts))) == NULL ||
	    (cn = container(r, s, i)) == NULL)
		return;
	if (s->replicas == 1) {
		h->name = s->name;
		for (j = 0; j < s->nshared; j++)
			hosts[k++] = s->shared[j];
		hosts[k++] = cn;
	} else {
		if ((name = mesh_i_asprintf("%s-%ld", s->name, i)) == NULL) {
			r->base.nomem = 1;
			return;
		}
		h->name = copy(r, name, strlen(name));
		free(name);
		hosts[k++] = cn;
		/* The worst case: the shared names reach replica 1. */
		for (j = 0; i == 1 && j < s->nshared; j++)
			hosts[k++] = s->shared[j];
	}
	/* Drop a host given twice (hostname: the service's name). */
	for (j = 1; j < k; j++) {
		size_t m;

		for (m = 0; m < j; m++)
			if (strcasecmp(hosts[m], hosts[j]) == 0)
				break;
		if (m < j) {
			memmove(hosts + j, hosts + j + 1,
			    (k - j - 1) * sizeof(*hosts));
			k--;
			j--;
		}
	}
	h->at = s->at;
	h->hosts = hosts;
	h->nhosts = k;
	h->config_file = s->config_file;
	h->env = s->env;
	h->nenv = s->nenv;
	h->args = s->args;
	h->nargs = s->nargs;
}

/* Append the malloc'd string h to the list *keep of *n (freed by the
 * caller); h is freed when out of memory. Returns 0, or -1. */
static int
keep_add(char ***keep, size_t *n, char *h)
{
	char **nk;

	if ((nk = realloc(*keep, (*n + 1) * sizeof(**keep))) == NULL) {
		free(h);
		return -1;
	}
	*keep = nk;
	nk[(*n)++] = h;
	return 0;
}

/* The networks service s is on: *v, *n of them; -1 when unknown
 * (network_mode host or container:, or service: a service not found). */
static int
nets_of(const struct creader *r, const struct svc *s,
    const char *const **v, size_t *n)
{
	size_t i;

	if (s->net_of != NULL) {
		for (i = 0; i < r->nsvcs; i++)
			if (strcmp(r->svcs[i].name, s->net_of) == 0)
				return r->svcs[i].net_of != NULL ||
				    r->svcs[i].nets_unknown ? -1 :
				    (*v = r->svcs[i].nets, *n =
				    r->svcs[i].nnets, 0);
		return -1;
	}
	if (s->nets_unknown)
		return -1;
	*v = s->nets;
	*n = s->nnets;
	return 0;
}

/* Whether services a and b share a network (1 when either is unknown);
 * *na and *nb name one network of each ("none"). */
static int
reach(const struct creader *r, const struct svc *a, const struct svc *b,
    const char **na, const char **nb)
{
	const char *const *x = NULL, *const *y = NULL;
	size_t i, j, nx = 0, ny = 0;

	if (nets_of(r, a, &x, &nx) != 0 || nets_of(r, b, &y, &ny) != 0)
		return 1;
	*na = nx > 0 ? x[0] : "none";
	*nb = ny > 0 ? y[0] : "none";
	for (i = 0; i < nx; i++)
		for (j = 0; j < ny; j++)
			if (strcmp(x[i], y[j]) == 0)
				return 1;
	return 0;
}

/*
 * Warn (compose-replicas) at each route of plan to a name that several
 * replicas of a service share: it reaches whichever answers, and is
 * linked to replica 1 only; and (compose-networks) at each route that
 * links two services that share no network. Plan node i is the node of
 * service svc_of[i]. A route written once for every replica of its own
 * service is warned once.
 */
static void
worst_case(struct creader *r, const struct mesh_plan *plan,
    const size_t *svc_of)
{
	struct mesh_i_map names, seen, owner, multi;
	struct mesh_i_buf b;
	size_t i, j, m, nn = 0;
	char **keep = NULL, *h;
	int ni, sv, mv, prev;

	mesh_i_map_init(&names);
	mesh_i_map_init(&seen);
	mesh_i_map_init(&owner);
	mesh_i_map_init(&multi);
	mesh_i_buf_init(&b);
	for (i = 0; i < r->nsvcs; i++) {
		const struct svc *s = &r->svcs[i];

		if (!s->harper || s->replicas < 1)
			continue;
		for (j = 0; j < s->nshared; j++) {
			if ((h = mesh_i_host_normal(s->shared[j])) == NULL ||
			    keep_add(&keep, &nn, h) != 0 ||
			    (s->replicas > 1 && mesh_i_map_put(&names, h, 0,
			    (int)i) == -2) ||
			    (prev = mesh_i_map_put(&owner, h, 0, (int)i)) == -2)
				goto nomem;
			/* A network alias of two services (the first
			 * in owner, the second in multi). */
			if (prev >= 0 && prev != (int)i &&
			    mesh_i_map_put(&multi, h, 0, (int)i) == -2)
				goto nomem;
		}
	}
	for (ni = 0; ni < (int)plan->nnodes; ni++) {
		const struct mesh_node *nd = &plan->nodes[ni];

		for (m = 0; m < nd->nroutes; m++) {
			const struct mesh_route *rt = &nd->routes[m];
			const struct mesh_source *src;
			const struct svc *s;
			struct mesh_i_pos p;
			const char *na, *nb;
			int ow;

			if ((h = mesh_i_host_normal(rt->host)) == NULL)
				goto nomem;
			sv = mesh_i_map_get(&names, h, 0);
			mv = mesh_i_map_get(&multi, h, 0);
			ow = mesh_i_map_get(&owner, h, 0);
			free(h);
			if (rt->target < 0)
				continue;
			src = mesh_plan_route_source(plan, ni, m);
			p.file = src != NULL && src->file != NULL ?
			    src->file : r->base.file;
			p.line = rt->line;
			p.column = rt->column;
			if (sv < 0 && mv < 0) {
				const struct svc *a = &r->svcs[svc_of[ni]];
				const struct svc *t =
				    &r->svcs[svc_of[rt->target]];

				if (a == t || reach(r, a, t, &na, &nb))
					continue;
				mesh_i_report(&r->base, MESH_WARNING,
				    "compose-networks", &p, nd->name,
				    "services %s (network %s) and %s (network "
				    "%s) share no network, so %s cannot reach "
				    "%s: the route cannot connect, but meshsim "
				    "links it, so the verdict counts a link "
				    "that will not be there; put both on one "
				    "network", a->name, na, t->name, nb,
				    a->name, rt->host);
				continue;
			}
			s = &r->svcs[mv >= 0 ? ow : sv];
			b.len = 0;
			mesh_i_buf_printf(&b, "%s:%d:%d:%s", p.file, p.line,
			    p.column, rt->host);
			mesh_i_buf_add(&b, "", 1);
			if (b.failed || (h = strdup(b.data)) == NULL ||
			    keep_add(&keep, &nn, h) != 0)
				goto nomem;
			if ((sv = mesh_i_map_put(&seen, h, 0, 0)) == -2)
				goto nomem;
			if (sv >= 0)
				continue;
			if (mv >= 0)
				mesh_i_report(&r->base, MESH_WARNING,
				    "compose-replicas", &p, nd->name, "the "
				    "route to %s reaches whichever container "
				    "answers to it, and services %s and %s "
				    "both have that name (a network alias "
				    "compose's DNS gives either): meshsim "
				    "links it to %s only, the worst case for "
				    "failover; give each service names of its "
				    "own", rt->host, s->name, r->svcs[mv].name,
				    plan->nodes[rt->target].name);
			else
				mesh_i_report(&r->base, MESH_WARNING,
				    "compose-replicas", &p, nd->name, "the "
				    "route to %s reaches whichever of the %ld "
				    "replicas of service %s answers (compose's "
				    "DNS gives any of them): meshsim links it "
				    "to %s only, the worst case for failover; "
				    "route to every replica's container "
				    "(%s-%s-1 .. %s-%s-%ld) to see what losing "
				    "one does", rt->host, s->replicas, s->name,
				    plan->nodes[rt->target].name, r->project,
				    s->name, r->project, s->name, s->replicas);
		}
	}
	goto done;
nomem:
	r->base.nomem = 1;
done:
	for (i = 0; i < nn; i++)
		free(keep[i]);
	free(keep);
	mesh_i_buf_free(&b);
	mesh_i_map_free(&names);
	mesh_i_map_free(&seen);
	mesh_i_map_free(&owner);
	mesh_i_map_free(&multi);
}

/* Read the services mapping n into r->svcs. */
static void
read_services(struct creader *r, yaml_node_t *n)
{
	yaml_node_pair_t *pp;
	size_t cap = 0;

	check_keys(r, n, NULL, "services", NULL);
	for (pp = n->data.mapping.pairs.start; pp < n->data.mapping.pairs.top;
	    pp++) {
		yaml_node_t *k = node(r, pp->key);

		if (k->type != YAML_SCALAR_NODE || is_null(k))
			continue;
		if (!only(text(k), NAME_BYTES)) {
			struct mesh_i_pos p = pos(r, k);

			mesh_i_report(&r->base, MESH_ERROR, "bad-name", &p,
			    NULL, "service name '%s' is not one compose "
			    "takes (letters, digits, '.', '_' and '-')",
			    text(k));
			continue;
		}
		if (grow(r, &r->svcs, r->nsvcs, &cap, sizeof(*r->svcs)) != 0)
			return;
		read_service(r, &r->svcs[r->nsvcs++], k, node(r, pp->value));
		if (r->base.nomem)
			return;
	}
}

/* Build the plan of the Harper services read. */
static enum mesh_error
build(struct creader *r, const yaml_node_t *services, struct mesh_plan **out)
{
	struct mesh_i_hnode *nodes;
	size_t i, n = 0, total = 0, *svc_of;
	struct mesh_i_pos p;
	enum mesh_error err;
	long k;

	for (i = 0; i < r->nsvcs; i++) {
		const struct svc *s = &r->svcs[i];

		if (!s->harper)
			continue;
		if (s->replicas == 0)
			mesh_i_report(&r->base, MESH_WARNING,
			    "compose-replicas", &s->replicas_at, s->name,
			    "service %s has 0 replicas: compose starts none, "
			    "so it is no node of the plan and routes to it "
			    "make no links", s->name);
		if (s->unread_extends)
			mesh_i_report(&r->base, MESH_WARNING, "compose-unread",
			    &s->extends_at, s->name, "service %s extends "
			    "another service, which meshsim does not read: "
			    "settings it inherits are not in the plan",
			    s->name);
		total += (size_t)s->replicas;
		if (total > mesh_limits_get()->nodes) {
			size_t l = mesh_limits_get()->nodes;

			/* The watch would report it without a position. */
			mesh_i_report(&r->base, MESH_ERROR, "too-many-nodes",
			    s->replicas_at.line ? &s->replicas_at : &s->at,
			    s->name, "more than %zu node%s (--max-nodes "
			    "raises the limit)", l, l == 1 ? "" : "s");
			return MESH_EINPUT;
		}
	}
	if (total == 0) {
		p = pos(r, services);
		mesh_i_report(&r->base, MESH_ERROR, "no-harper-service", &p,
		    NULL, "no service runs Harper: none has an image named "
		    "harper*, HARPER_*, CLUSTERING* or REPLICATION_* "
		    "variables, Harper --KEY arguments or a mounted "
		    "harperdb-config.yaml");
		return MESH_EINPUT;
	}
	if ((nodes = alloc(r, total * sizeof(*nodes))) == NULL ||
	    (svc_of = alloc(r, total * sizeof(*svc_of))) == NULL)
		return MESH_ENOMEM;
	for (i = 0; i < r->nsvcs; i++)
		for (k = 1; r->svcs[i].harper && k <= r->svcs[i].replicas;
		    k++) {
			svc_of[n] = i;
			fill(r, &r->svcs[i], k, &nodes[n++]);
		}
	if (r->base.nomem)
		return MESH_ENOMEM;
	err = mesh_i_harper_build(nodes, n, r->base.file, NULL, r->base.diags,
	    out);
	/* harper.c adds the nodes in the order given. */
	if (err == MESH_OK && (*out)->nnodes == n)
		worst_case(r, *out, svc_of);
	return err;
}

/*
 * readers.h. The env files, configs and .env it names are read beside
 * file (the current folder when file has none); nothing read is kept but
 * in the plan, which the caller frees. On failure *out is NULL and the
 * diagnostics say why.
 */
enum mesh_error
mesh_i_read_compose(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, struct mesh_plan **out)
{
	struct creader r;
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root, *services = NULL, *v;
	enum mesh_error err = MESH_EINPUT;
	enum mesh_i_yload_result res;
	size_t max = mesh_limits_get()->depth;
	struct mesh_i_yloader l;
	struct mesh_i_pos p;
	yaml_mark_t deep;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.base.diags = diags;
	r.base.file = file != NULL ? file : "docker-compose.yml";
	r.buf = buf;
	r.len = len;
	mesh_i_arena_init(&r.arena);
	folder(&r, file);
	if (!r.base.nomem)
		read_dot_env(&r);
	if (r.base.nomem || r.base.errors > 0)
		goto done;
	if (!yaml_parser_initialize(&parser)) {
		r.base.nomem = 1;
		goto done;
	}
	/* The first document, parsed once, its nesting bounded as it loads
	 * (harper_yaml.h), in the arena. */
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	mesh_i_yload_init(&l, &parser, &r.arena, max, 0);
	res = mesh_i_yload(&l, &doc, &deep);
	mesh_i_yload_free(&l);
	if (res == MESH_I_YLOAD_DEEP) {
		p.file = r.base.file;
		p.line = (int)deep.line + 1;
		p.column = (int)deep.column + 1;
		mesh_i_report(&r.base, MESH_ERROR, "invalid-yaml", &p, NULL,
		    "nesting deeper than %zu levels (--max-depth raises the "
		    "limit)", max);
	} else if (res == MESH_I_YLOAD_ERROR) {
		yaml_error(&r, &parser, buf, len);
	}
	yaml_parser_delete(&parser);
	if (res != MESH_I_YLOAD_OK)
		goto done;
	r.doc = &doc;
	p.file = r.base.file;
	p.line = p.column = 0;
	if ((root = yaml_document_get_root_node(&doc)) == NULL) {
		mesh_i_report(&r.base, MESH_ERROR, "empty-file", &p, NULL,
		    "the file holds no YAML document");
		goto done;
	}
	if (root->type != YAML_MAPPING_NODE) {
		wrong_type(&r, root, "the compose file", "a mapping");
		goto done;
	}
	check_keys(&r, root, top_keys, "the compose file", NULL);
	r.configs = member(&r, root, "configs");
	overrides(&r, file);
	if ((v = member(&r, root, "name")) != NULL && !is_null(v) &&
	    lookup(&r, "COMPOSE_PROJECT_NAME", 20) == NULL) {
		const char *t = value(&r, v, 1, "name");

		p = pos(&r, v);
		if (t != NULL && (!only(t, "abcdefghijklmnopqrstuvwxyz"
		    "0123456789_-") || strchr("_-", *t) != NULL))
			mesh_i_report(&r.base, MESH_ERROR, "bad-name", &p,
			    NULL, "the project name '%s' is not one compose "
			    "takes (a lowercase letter or digit, then those, "
			    "'_' and '-')", t);
		else if (t != NULL)
			r.project = t;
	} else if (lookup(&r, "COMPOSE_PROJECT_NAME", 20) != NULL) {
		r.project = lookup(&r, "COMPOSE_PROJECT_NAME", 20)->value;
	}
	if ((v = member(&r, root, "include")) != NULL && !is_null(v)) {
		p = pos(&r, v);
		mesh_i_report(&r.base, MESH_WARNING, "compose-unread", &p, NULL,
		    "meshsim does not read the compose files this one "
		    "includes: their services are not in the plan, and "
		    "routes to them make no links");
	}
	if ((services = member(&r, root, "services")) == NULL ||
	    is_null(services)) {
		p = services ? pos(&r, services) : pos(&r, root);
		mesh_i_report(&r.base, MESH_ERROR, "no-harper-service", &p,
		    NULL, "the compose file has no services");
		goto done;
	}
	if (services->type != YAML_MAPPING_NODE) {
		wrong_type(&r, services, "services", "a mapping of services");
		goto done;
	}
	read_services(&r, services);
	if (r.base.nomem || r.base.errors > 0)
		goto done;
	err = build(&r, services, out);
done:
	mesh_i_arena_free(&r.arena);
	if (r.base.nomem)
		err = MESH_ENOMEM;
	else if (err == MESH_OK && r.base.errors > 0)
		err = MESH_EINPUT;
	if (err != MESH_OK && *out != NULL) {
		mesh_plan_free(*out);
		*out = NULL;
	}
	return err;
}
