/* kubernetes.c: read Kubernetes manifests (StatefulSet, Deployment, Pod, Service, ConfigMap) into Harper nodes, built by mesh_i_harper_build(). */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "meshsim/meshsim.h"
#include "meshsim/kubernetes.h"
#include "base/input.h"
#include "base/map.h"
#include "base/text.h"
#include "base/util.h"
#include "read/harper_nodes.h"
#include "read/harper_yaml.h"
#include "read/kit.h"
#include "read/readers.h"

/* The kinds read; every other kind is passed over. Everything the reader
 * builds is freed by k8s_free() at its end: the plan copies what it
 * needs (mesh_i_harper_build()). */
enum kind {
	K_OTHER, K_STATEFULSET, K_DEPLOYMENT, K_REPLICASET, K_POD,
	K_SERVICE, K_CONFIGMAP, K_UNREAD  /* a workload not modelled */
};

/* A YAML node and the document it belongs to. */
struct ynode {
	yaml_document_t *doc;
	yaml_node_t *n;
};

/* A ConfigMap: its data mapping (NULL: none). */
struct cmap {
	const char *ns, *name;
	struct mesh_i_pos at;           /* metadata.name */
	struct ynode data;
};

/* A Service and the pods its selector picks, in pod order. */
struct svc {
	const char *ns, *name;
	struct ynode selector;  /* NULL n: no selector */
	int headless;
	struct mesh_i_pos at;
	size_t *pods;
	size_t npods;
	size_t form;            /* where its four names begin among the
				 * hosts of its first pod */
};

/* An environment variable as a container spec gives it. */
enum vkind { V_VALUE, V_CONFIGMAP, V_FIELD_NAME, V_FIELD_NS };

struct kvar {
	const char *name;
	enum vkind kind;
	const char *value;      /* V_VALUE: to expand; V_CONFIGMAP: as is */
	size_t len;
	struct mesh_i_pos at;
	const char *via;
};

/* A word of a container's command line, before $(VAR) expansion. */
struct kword {
	const char *text;
	struct mesh_i_pos at;
	const char *via;
};

/* A workload (StatefulSet, Deployment, ReplicaSet, Pod) whose pods run
 * Harper: what every pod of it shares. */
struct work {
	enum kind kind;
	const char *ns, *name;
	struct mesh_i_pos at;           /* metadata.name */
	struct ynode labels;            /* the pod template's labels */
	long replicas;
	long first;             /* a StatefulSet's ordinals.start */
	const char *service;            /* serviceName, or subdomain */
	struct mesh_i_pos service_at;
	const char *hostname;           /* a Pod's spec.hostname */
	struct ynode podspec;
	/* the Harper container */
	struct kvar *vars;
	size_t nvars;
	struct kword *words;
	size_t nwords;
	const char *config;
	size_t config_len;
	struct mesh_i_pos config_at;
	int harper;             /* its pods are nodes */
};

/* A pod: one node of the plan. */
struct pod {
	size_t work;
	long ordinal;
	const char *name;
	int dns;                /* has a DNS name of its own */
	const char **hosts;
	size_t nhosts;
};

/* A document and the file that holds it (its index in k->files), set
 * when it is loaded: positions look their file up here. */
struct kdoc {
	yaml_document_t doc;    /* first: a yaml_document_t * of k->docs
				 * is its kdoc */
	size_t file;
};

/* One file of the manifests (its documents name it: struct kdoc). */
struct kfile {
	const char *file;
	const char *buf;
	size_t len;
};

struct k8s {
	struct mesh_i_reader base;      /* base.file: the first file's */
	const char *buf;                /* the file being loaded */
	size_t len;
	struct mesh_i_arena arena;
	struct kfile *files;
	size_t nfiles, fcap;
	yaml_document_t **docs;         /* each the doc of a struct kdoc,
					 * in the arena (harper_yaml.h) */
	size_t ndocs;
	struct cmap *cms;
	size_t ncms;
	struct svc *svcs;
	size_t nsvcs;
	/* cms and svcs by namespace and name, once every object is read
	 * and each defined twice is left with its last definition:
	 * index_objects() */
	struct mesh_i_imap cm_index, svc_index;
	struct work *works;
	size_t nworks;
	struct pod *pods;
	size_t npods;
	/* The names a pod's routes are resolved by (dns_index()), lower
	 * case, and the nodes handed to the build, in pod order. */
	struct mesh_i_map names;
	const struct mesh_i_hnode *nodes;
	long total;             /* pods to come, for the node limit */
	size_t nobjects;        /* documents that are not null */
};

/* Keys of each mapping read; a key outside its list is unknown-key. */
static const char *const top_keys[] = { "apiVersion", "kind", "metadata",
	"spec", "status", "data", "binaryData", "immutable", "items",
	"stringData", "type", NULL };
static const char *const meta_keys[] = { "name", "namespace", "labels",
	"annotations", "generateName", "uid", "resourceVersion",
	"generation", "creationTimestamp", "deletionTimestamp",
	"deletionGracePeriodSeconds", "ownerReferences", "finalizers",
	"managedFields", "selfLink", "clusterName", NULL };
static const char *const sts_keys[] = { "replicas", "selector", "template",
	"volumeClaimTemplates", "serviceName", "podManagementPolicy",
	"updateStrategy", "revisionHistoryLimit", "minReadySeconds",
	"persistentVolumeClaimRetentionPolicy", "ordinals", NULL };
static const char *const deploy_keys[] = { "replicas", "selector",
	"template", "strategy", "minReadySeconds", "revisionHistoryLimit",
	"paused", "progressDeadlineSeconds", NULL };
static const char *const rs_keys[] = { "replicas", "selector", "template",
	"minReadySeconds", NULL };
static const char *const ordinals_keys[] = { "start", NULL };
static const char *const template_keys[] = { "metadata", "spec", NULL };
static const char *const podspec_keys[] = { "containers", "initContainers",
	"ephemeralContainers", "volumes", "restartPolicy",
	"terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy",
	"nodeSelector", "serviceAccountName", "serviceAccount",
	"automountServiceAccountToken", "nodeName", "hostNetwork", "hostPID",
	"hostIPC", "shareProcessNamespace", "securityContext",
	"imagePullSecrets", "hostname", "subdomain", "affinity",
	"schedulerName", "tolerations", "hostAliases", "priorityClassName",
	"priority", "dnsConfig", "readinessGates", "runtimeClassName",
	"enableServiceLinks", "preemptionPolicy", "overhead",
	"topologySpreadConstraints", "setHostnameAsFQDN", "os", "hostUsers",
	"schedulingGates", "resourceClaims", "resources", NULL };
static const char *const container_keys[] = { "name", "image", "command",
	"args", "workingDir", "ports", "envFrom", "env", "resources",
	"resizePolicy", "restartPolicy", "volumeMounts", "volumeDevices",
	"livenessProbe", "readinessProbe", "startupProbe", "lifecycle",
	"terminationMessagePath", "terminationMessagePolicy",
	"imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty",
	NULL };
static const char *const env_keys[] = { "name", "value", "valueFrom", NULL };
static const char *const from_keys[] = { "fieldRef", "resourceFieldRef",
	"configMapKeyRef", "secretKeyRef", NULL };
static const char *const cmkey_keys[] = { "name", "key", "optional", NULL };
static const char *const field_keys[] = { "fieldPath", "apiVersion", NULL };
static const char *const envfrom_keys[] = { "prefix", "configMapRef",
	"secretRef", NULL };
static const char *const cmref_keys[] = { "name", "optional", NULL };
static const char *const cmvol_keys[] = { "name", "items", "defaultMode",
	"optional", NULL };
static const char *const item_keys[] = { "key", "path", "mode", NULL };
static const char *const mount_keys[] = { "name", "mountPath", "subPath",
	"subPathExpr", "readOnly", "mountPropagation", "recursiveReadOnly",
	NULL };
static const char *const svc_keys[] = { "ports", "selector", "clusterIP",
	"clusterIPs", "type", "externalIPs", "sessionAffinity",
	"loadBalancerIP", "loadBalancerSourceRanges", "externalName",
	"externalTrafficPolicy", "healthCheckNodePort",
	"publishNotReadyAddresses", "sessionAffinityConfig", "ipFamilies",
	"ipFamilyPolicy", "allocateLoadBalancerNodePorts",
	"loadBalancerClass", "internalTrafficPolicy", "trafficDistribution",
	NULL };

/* The file that holds document doc (one of k's). O(1). */
static const struct kfile *
file_of(const struct k8s *k, const yaml_document_t *doc)
{
	return &k->files[((const struct kdoc *)(const void *)doc)->file];
}

/* Where y.n (not NULL) stands: its document's file, line and column,
 * 1-based, from libyaml's 0-based marks. */
static struct mesh_i_pos
pos(const struct k8s *k, struct ynode y)
{
	struct mesh_i_pos p;

	p.file = file_of(k, y.doc)->file;
	p.line = (int)y.n->start_mark.line + 1;
	p.column = (int)y.n->start_mark.column + 1;
	return p;
}

/* n of document doc as a ynode. */
static struct ynode
yn(yaml_document_t *doc, yaml_node_t *n)
{
	struct ynode y;

	y.doc = doc;
	y.n = n;
	return y;
}

/* Node id of doc, or NULL. */
static yaml_node_t *
get_node(yaml_document_t *doc, int id)
{
	return yaml_document_get_node(doc, id);
}

/* The text of scalar n (libyaml's, NUL-terminated). */
static const char *
text(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* Whether n is absent or null (YAML 1.2 core schema). */
static int
is_null(const yaml_node_t *n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	size_t i;

	if (n == NULL)
		return 1;
	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	for (i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++)
		if (strcmp(text(n), nulls[i]) == 0)
			return 1;
	return 0;
}

/* What n is, for messages. */
static const char *
type_name(const yaml_node_t *n)
{
	if (n->type == YAML_MAPPING_NODE)
		return "a mapping";
	if (n->type == YAML_SEQUENCE_NODE)
		return "a list";
	if (is_null(n))
		return "null";
	return "a scalar";
}

/* Report that y.n, the value of what, is not want (an error). */
static void
wrong_type(struct k8s *k, struct ynode y, const char *what,
    const char *want)
{
	struct mesh_i_pos p = pos(k, y);

	mesh_i_report(&k->base, MESH_ERROR, "wrong-type", &p, NULL,
	    "%s must be %s, not %s", what, want, type_name(y.n));
}

/* A copy of the printf-style text in the arena, or NULL (nomem set). */
static char *
aprintf(struct k8s *k, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static char *
aprintf(struct k8s *k, const char *fmt, ...)
{
	va_list ap;
	char *s, *d;

	va_start(ap, fmt);
	s = mesh_i_vasprintf(fmt, ap);
	va_end(ap);
	d = s != NULL ? mesh_i_arena_strdup(&k->arena, s) : NULL;
	free(s);
	if (d == NULL)
		k->base.nomem = 1;
	return d;
}

/* n elements of size sz from the arena, zeroed, or NULL (nomem set). */
static void *
alloc(struct k8s *k, size_t n, size_t sz)
{
	void *p;

	if (n == 0)
		n = 1;
	if (n > (size_t)-1 / sz || (p = mesh_i_arena_alloc(&k->arena,
	    n * sz)) == NULL) {
		k->base.nomem = 1;
		return NULL;
	}
	memset(p, 0, n * sz);
	return p;
}

/* Grow *v (of *n elements of size sz, capacity *cap) by one; returns the
 * new element, zeroed, or NULL (nomem set). */
static void *
grow(struct k8s *k, void *v, size_t *n, size_t *cap, size_t sz)
{
	void **pv = v;
	char *p;

	if (*n == *cap) {
		size_t nc = *cap ? 2 * *cap : 8;

		if ((p = realloc(*pv, nc * sz)) == NULL) {
			k->base.nomem = 1;
			return NULL;
		}
		*pv = p;
		*cap = nc;
	}
	p = (char *)*pv + (*n)++ * sz;
	memset(p, 0, sz);
	return p;
}

/*
 * The value of key in mapping y (NULL: absent or y not a mapping).
 * Repeated keys are reported by check_keys(), once a mapping.
 */
static yaml_node_t *
member(struct ynode y, const char *key)
{
	yaml_node_pair_t *pair;
	yaml_node_t *kn;

	if (y.n == NULL || y.n->type != YAML_MAPPING_NODE)
		return NULL;
	for (pair = y.n->data.mapping.pairs.start;
	    pair < y.n->data.mapping.pairs.top; pair++) {
		kn = get_node(y.doc, pair->key);
		if (kn != NULL && kn->type == YAML_SCALAR_NODE &&
		    strcmp(text(kn), key) == 0)
			return get_node(y.doc, pair->value);
	}
	return NULL;
}

/* member() with its document: NULL n when absent. */
static struct ynode
child(struct ynode y, const char *key)
{
	struct ynode c;

	c.doc = y.doc;
	c.n = member(y, key);
	return c;
}

/*
 * Check the keys of mapping y, what it is (for messages): a key twice
 * is an error, a key outside known a warning with a did-you-mean (what
 * Kubernetes does not read, meshsim does not either).
 */
static void
check_keys(struct k8s *k, struct ynode y, const char *const *known,
    const char *what)
{
	yaml_node_pair_t *pair;
	yaml_node_t *kn;
	unsigned char seen[64];
	const char *close;
	int i;

	memset(seen, 0, sizeof(seen));
	for (pair = y.n->data.mapping.pairs.start;
	    pair < y.n->data.mapping.pairs.top; pair++) {
		struct mesh_i_pos p;

		kn = get_node(y.doc, pair->key);
		if (kn == NULL)
			continue;
		p = pos(k, yn(y.doc, kn));
		if (kn->type != YAML_SCALAR_NODE) {
			mesh_i_report(&k->base, MESH_ERROR, "wrong-type", &p,
			    NULL, "a key of %s must be a scalar, not %s", what,
			    type_name(kn));
			continue;
		}
		i = mesh_i_known_key(known, text(kn), &close);
		if (i >= 0 && i < 64) {
			if (seen[i]++)
				mesh_i_report(&k->base, MESH_ERROR,
				    "duplicate-key", &p, NULL, "key '%s' "
				    "appears twice in %s", text(kn), what);
			continue;
		}
		if (close != NULL)
			mesh_i_report(&k->base, MESH_WARNING, "unknown-key",
			    &p, NULL, "unknown key '%s' in %s (did you mean "
			    "'%s'?): Kubernetes refuses or drops it; meshsim "
			    "ignores it", text(kn), what, close);
		else
			mesh_i_report(&k->base, MESH_WARNING, "unknown-key",
			    &p, NULL, "unknown key '%s' in %s: Kubernetes "
			    "refuses or drops it; meshsim ignores it",
			    text(kn), what);
	}
}

/* y as a mapping of what: NULL n when absent or null; a wrong type is
 * an error. With known, its keys are checked. */
static struct ynode
as_map(struct k8s *k, struct ynode y, const char *what,
    const char *const *known)
{
	if (is_null(y.n)) {
		y.n = NULL;
		return y;
	}
	if (y.n->type != YAML_MAPPING_NODE) {
		wrong_type(k, y, what, "a mapping");
		y.n = NULL;
		return y;
	}
	if (known != NULL)
		check_keys(k, y, known, what);
	return y;
}

/* y as a list: NULL n when absent or null; a wrong type is an error. */
static struct ynode
as_seq(struct k8s *k, struct ynode y, const char *what)
{
	if (is_null(y.n)) {
		y.n = NULL;
		return y;
	}
	if (y.n->type != YAML_SEQUENCE_NODE) {
		wrong_type(k, y, what, "a list");
		y.n = NULL;
	}
	return y;
}

/* y.n as a string (a scalar, not null), or NULL: absent, or an
 * error. */
static const char *
as_str(struct k8s *k, struct ynode y, const char *what)
{
	if (y.n == NULL)
		return NULL;
	if (y.n->type != YAML_SCALAR_NODE || is_null(y.n)) {
		wrong_type(k, y, what, "a string");
		return NULL;
	}
	return text(y.n);
}

/* Whether boolean y.n (absent: no) is true; a wrong type is an error. */
static int
as_bool(struct k8s *k, struct ynode y, const char *what)
{
	if (y.n == NULL || is_null(y.n))
		return 0;
	if (y.n->type == YAML_SCALAR_NODE &&
	    y.n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		if (strcmp(text(y.n), "true") == 0)
			return 1;
		if (strcmp(text(y.n), "false") == 0)
			return 0;
	}
	wrong_type(k, y, what, "true or false");
	return 0;
}

/* The i-th element of list y. */
static struct ynode
item(struct ynode y, yaml_node_item_t *it)
{
	struct ynode c;

	c.doc = y.doc;
	c.n = get_node(y.doc, *it);
	return c;
}

/* Each item of list y (none when y.n is NULL). */
#define FOR_ITEMS(it, y) \
	for ((it) = (y).n ? (y).n->data.sequence.items.start : NULL; \
	    (it) != NULL && (it) < (y).n->data.sequence.items.top; (it)++)

/* ------------------------------------------------------------------ */
/* YAML syntax: errors, depth, the documents. */

/* Report libyaml's error in p at its place (invalid-yaml), or set
 * nomem when it ran out of memory. */
static void
yaml_fail(struct k8s *k, const yaml_parser_t *p)
{
	struct mesh_i_pos ps;

	ps.file = k->base.file;
	if (p->error == YAML_MEMORY_ERROR) {
		k->base.nomem = 1;
		return;
	}
	if (p->error == YAML_READER_ERROR)
		mesh_i_text_position(k->buf, p->problem_offset < k->len ?
		    p->problem_offset : k->len, &ps.line, &ps.column);
	else {
		ps.line = (int)p->problem_mark.line + 1;
		ps.column = (int)p->problem_mark.column + 1;
	}
	mesh_i_report(&k->base, MESH_ERROR, "invalid-yaml", &ps, NULL,
	    "%s%s%s", p->problem ? p->problem : "a syntax error",
	    p->context ? " " : "", p->context ? p->context : "");
}

/* Load every document of file (buf, len; k->base.file names it while it
 * loads) after k->docs, and add the file to k->files: one pass of libyaml
 * over the text, which counts the nesting as it builds the documents in
 * k's arena (harper_yaml.h); nesting deeper than the depth limit anywhere
 * in the file is invalid-yaml. Returns 0, or -1 after an error. */
static int
load_docs(struct k8s *k, const char *file, const char *buf, size_t len,
    size_t *cap)
{
	size_t max = mesh_limits_get()->depth;
	struct mesh_i_yloader l;
	yaml_parser_t parser;
	struct kfile *kf;
	int rc = 0;

	if ((kf = grow(k, &k->files, &k->nfiles, &k->fcap,
	    sizeof(*kf))) == NULL)
		return -1;
	kf->file = file;
	kf->buf = buf;
	kf->len = len;
	k->base.file = file;
	k->buf = buf;
	k->len = len;
	if (!yaml_parser_initialize(&parser)) {
		k->base.nomem = 1;
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)k->buf,
	    k->len);
	mesh_i_yload_init(&l, &parser, &k->arena, max, 1);
	for (;;) {
		struct kdoc *kd = mesh_i_arena_alloc(&k->arena, sizeof(*kd));
		enum mesh_i_yload_result res;
		yaml_document_t *d, **slot;
		yaml_mark_t deep;

		if (kd == NULL) {
			k->base.nomem = 1;
			rc = -1;
			break;
		}
		kd->file = k->nfiles - 1;
		d = &kd->doc;
		if ((res = mesh_i_yload(&l, d, &deep)) == MESH_I_YLOAD_DEEP) {
			struct mesh_i_pos p;

			p.file = k->base.file;
			p.line = (int)deep.line + 1;
			p.column = (int)deep.column + 1;
			mesh_i_report(&k->base, MESH_ERROR, "invalid-yaml", &p,
			    NULL, "nesting deeper than %zu levels "
			    "(--max-depth raises the limit)", max);
			rc = -1;
			break;
		}
		if (res == MESH_I_YLOAD_ERROR) {
			yaml_fail(k, &parser);
			rc = -1;
			break;
		}
		if (yaml_document_get_root_node(d) == NULL)
			break;
		if ((slot = grow(k, &k->docs, &k->ndocs, cap,
		    sizeof(*slot))) == NULL) {
			rc = -1;
			break;
		}
		*slot = d;
	}
	mesh_i_yload_free(&l);
	yaml_parser_delete(&parser);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The objects. */

/* The kind named s (K_OTHER: not read). */
static enum kind
kind_of(const char *s)
{
	static const struct {
		const char *name;
		enum kind kind;
	} kinds[] = {
		{ "StatefulSet", K_STATEFULSET },
		{ "Deployment", K_DEPLOYMENT },
		{ "ReplicaSet", K_REPLICASET },
		{ "Pod", K_POD },
		{ "Service", K_SERVICE },
		{ "ConfigMap", K_CONFIGMAP },
		{ "DaemonSet", K_UNREAD },
		{ "Job", K_UNREAD },
		{ "CronJob", K_UNREAD },
		{ "ReplicationController", K_UNREAD },
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(s, kinds[i].name) == 0)
			return kinds[i].kind;
	return K_OTHER;
}

/* replicas: a whole number from 0 up (absent: 1). Returns -1 after an
 * error. */
static long
replicas_of(struct k8s *k, struct ynode y)
{
	const yaml_node_t *n = y.n;
	struct mesh_i_pos p;
	const char *s;
	char *end;
	long v;

	if (n == NULL || is_null(n))
		return 1;
	p = pos(k, y);
	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
		mesh_i_report(&k->base, MESH_ERROR, "bad-replicas", &p, NULL,
		    "replicas must be a whole number from 0 up, not %s",
		    n->type == YAML_SCALAR_NODE ? "a quoted string" :
		    type_name(n));
		return -1;
	}
	s = text(n);
	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < 0 ||
	    v > 2147483647L || (*s == '+' || (s[0] == '0' && s[1] != '\0'))) {
		mesh_i_report(&k->base, MESH_ERROR, "bad-replicas", &p, NULL,
		    "replicas must be a whole number from 0 up (at most "
		    "2147483647), not '%s'", s);
		return -1;
	}
	if (k->total + v > (long)mesh_limits_get()->nodes ||
	    (size_t)v > mesh_limits_get()->nodes) {
		mesh_i_report(&k->base, MESH_ERROR, "too-many-nodes", &p, NULL,
		    "more than %zu node%s (--max-nodes raises the limit)",
		    mesh_limits_get()->nodes, mesh_limits_get()->nodes == 1 ?
		    "" : "s");
		return -1;
	}
	k->total += v;
	return v;
}

/* A StatefulSet's ordinals.start (absent: 0): a whole number from 0 up;
 * -1 after an error. */
static long
ordinals_start(struct k8s *k, struct ynode ord)
{
	yaml_node_t *n = member(ord, "start");
	struct mesh_i_pos p;
	const char *s;
	char *end;
	long v;

	if (n == NULL || is_null(n))
		return 0;
	p = pos(k, yn(ord.doc, n));
	s = n->type == YAML_SCALAR_NODE &&
	    n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? text(n) : "";
	errno = 0;
	v = strtol(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 ||
	    v > 2147483647L || (s[0] == '0' && s[1] != '\0')) {
		mesh_i_report(&k->base, MESH_ERROR, "bad-replicas", &p, NULL,
		    "ordinals.start must be a whole number from 0 up (at most "
		    "2147483647)");
		return -1;
	}
	return v;
}

/* Whether env name (len bytes) looks like a Harper setting. */
static int
harper_env(const char *name, size_t len)
{
	static const char *const prefixes[] = { "CLUSTERING", "REPLICATION_",
		"HARPER_", "OPERATIONSAPI_" };
	size_t i, pl;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		pl = strlen(prefixes[i]);
		if (len >= pl && strncasecmp(name, prefixes[i], pl) == 0)
			return 1;
	}
	return len == 9 && strncasecmp(name, "NODE_NAME", 9) == 0;
}

/* Whether word is a Harper --KEY argument. */
static int
harper_word(const char *w)
{
	return w[0] == '-' && w[1] == '-' && harper_env(w + 2,
	    strcspn(w + 2, "="));
}

/* A namespace and a name: the key of the index maps. */
struct nskey {
	const char *ns, *name;
};

/* The hash of (ns, name) in the index maps. */
static uint64_t
nskey_hash(const char *ns, const char *name)
{
	return mesh_i_map_hash(name, 0) ^
	    mesh_i_map_hash(ns, 1) * 0x9e3779b97f4a7c15ULL;
}

/* Whether ConfigMap idx of k (ctx) is key (a struct nskey). */
static int
same_cm(const void *ctx, int idx, const void *key)
{
	const struct k8s *k = ctx;
	const struct nskey *nk = key;

	return strcmp(k->cms[idx].name, nk->name) == 0 &&
	    strcmp(k->cms[idx].ns, nk->ns) == 0;
}

/* Whether Service idx of k (ctx) is key (a struct nskey). */
static int
same_svc(const void *ctx, int idx, const void *key)
{
	const struct k8s *k = ctx;
	const struct nskey *nk = key;

	return strcmp(k->svcs[idx].name, nk->name) == 0 &&
	    strcmp(k->svcs[idx].ns, nk->ns) == 0;
}

/* An object read (a ConfigMap, Service or workload) as drop_redefined()
 * sees it: its kind, namespace, name and where metadata.name is. */
struct oref {
	enum kind kind;
	const char *ns, *name;
	const struct mesh_i_pos *at;
};

/* Whether oref idx of the array ctx is key (a struct oref). */
static int
same_oref(const void *ctx, int idx, const void *key)
{
	const struct oref *o = (const struct oref *)ctx + idx;
	const struct oref *nk = key;

	return o->kind == nk->kind && strcmp(o->name, nk->name) == 0 &&
	    strcmp(o->ns, nk->ns) == 0;
}

/* The hash of o's kind, namespace and name. */
static uint64_t
oref_hash(const struct oref *o)
{
	return nskey_hash(o->ns, o->name) ^
	    ((uint64_t)o->kind + 1) * 0xff51afd7ed558ccdULL;
}

/* The name of kind kd (one read), for messages. */
static const char *
kind_name(enum kind kd)
{
	switch (kd) {
	case K_STATEFULSET:
		return "StatefulSet";
	case K_DEPLOYMENT:
		return "Deployment";
	case K_REPLICASET:
		return "ReplicaSet";
	case K_POD:
		return "Pod";
	case K_SERVICE:
		return "Service";
	case K_CONFIGMAP:
		return "ConfigMap";
	default:
		return "object";
	}
}

/*
 * Keep, of each object defined more than once (same kind, namespace and
 * name), the last definition in the order the files and documents give
 * them, as kubectl apply -f in that order does (each apply replaces the
 * object); the earlier ones are dropped from k->cms, k->svcs and
 * k->works, the rest keeping their order. Each later definition is
 * reported (duplicate-object, a warning at its metadata.name). Linear:
 * one hash map of every object. Returns 0, or -1 when out of memory
 * (nomem set; k's lists are then unaltered).
 */
static int
drop_redefined(struct k8s *k)
{
	struct mesh_i_imap seen;
	struct oref *refs;
	size_t *last, n = k->ncms + k->nsvcs + k->nworks, i, j, o, sz[3];
	unsigned char *dead;
	void *block = NULL, *p[3];
	int r, ndead = 0, rc = -1;

	if (n > (size_t)INT32_MAX - 1) {
		k->base.nomem = 1;
		return -1;
	}
	mesh_i_imap_init(&seen);
	sz[0] = (n ? n : 1) * sizeof(*refs);
	sz[1] = (n ? n : 1) * sizeof(*last);
	sz[2] = n ? n : 1;
	if ((block = mesh_i_alloc_arrays(3, sz, p, 1)) == NULL ||
	    mesh_i_imap_reserve(&seen, n) != 0)
		goto nomem;
	refs = p[0];
	last = p[1];
	dead = p[2];
	for (i = 0, o = 0; i < k->ncms; i++, o++) {
		refs[o].kind = K_CONFIGMAP;
		refs[o].ns = k->cms[i].ns;
		refs[o].name = k->cms[i].name;
		refs[o].at = &k->cms[i].at;
	}
	for (i = 0; i < k->nsvcs; i++, o++) {
		refs[o].kind = K_SERVICE;
		refs[o].ns = k->svcs[i].ns;
		refs[o].name = k->svcs[i].name;
		refs[o].at = &k->svcs[i].at;
	}
	for (i = 0; i < k->nworks; i++, o++) {
		refs[o].kind = k->works[i].kind;
		refs[o].ns = k->works[i].ns;
		refs[o].name = k->works[i].name;
		refs[o].at = &k->works[i].at;
	}
	for (o = 0; o < n; o++) {
		const struct oref *f;

		last[o] = o;
		if ((r = mesh_i_imap_put(&seen, oref_hash(&refs[o]), same_oref,
		    refs, &refs[o], (int)o)) == -2)
			goto nomem;
		if (r < 0)
			continue;
		f = &refs[r];
		mesh_i_report(&k->base, MESH_WARNING, "duplicate-object",
		    refs[o].at, NULL, "%s '%s' (namespace %s) is defined "
		    "again (first at %s:%d): kubectl apply keeps the last "
		    "definition, so meshsim reads this one and ignores the "
		    "earlier; remove one", kind_name(refs[o].kind),
		    refs[o].name, refs[o].ns, f->at->file, f->at->line);
		dead[last[r]] = 1;
		last[r] = o;
		ndead++;
	}
	if (ndead > 0) {
		o = 0;
		for (i = j = 0; i < k->ncms; i++)
			if (!dead[o++])
				k->cms[j++] = k->cms[i];
		k->ncms = j;
		for (i = j = 0; i < k->nsvcs; i++)
			if (!dead[o++])
				k->svcs[j++] = k->svcs[i];
		k->nsvcs = j;
		/* Not yet read_podspec(): no vars or words to free. */
		for (i = j = 0; i < k->nworks; i++)
			if (!dead[o++])
				k->works[j++] = k->works[i];
		k->nworks = j;
	}
	rc = 0;
done:
	mesh_i_imap_free(&seen);
	free(block);
	return rc;
nomem:
	k->base.nomem = 1;
	goto done;
}

/*
 * Keep the last definition of each object defined twice
 * (drop_redefined()), then index k's ConfigMaps and Services by
 * namespace and name. Returns 0, or -1 when out of memory (nomem set;
 * the maps, partly filled, are freed by k8s_free()).
 */
static int
index_objects(struct k8s *k)
{
	struct nskey nk;
	size_t i;

	if (drop_redefined(k) != 0)
		return -1;
	if (mesh_i_imap_reserve(&k->cm_index, k->ncms) != 0 ||
	    mesh_i_imap_reserve(&k->svc_index, k->nsvcs) != 0)
		goto nomem;
	for (i = 0; i < k->ncms; i++) {
		nk.ns = k->cms[i].ns;
		nk.name = k->cms[i].name;
		if (mesh_i_imap_put(&k->cm_index, nskey_hash(nk.ns, nk.name),
		    same_cm, k, &nk, (int)i) == -2)
			goto nomem;
	}
	for (i = 0; i < k->nsvcs; i++) {
		nk.ns = k->svcs[i].ns;
		nk.name = k->svcs[i].name;
		if (mesh_i_imap_put(&k->svc_index, nskey_hash(nk.ns, nk.name),
		    same_svc, k, &nk, (int)i) == -2)
			goto nomem;
	}
	return 0;
nomem:
	k->base.nomem = 1;
	return -1;
}

/* The ConfigMap ns/name, or NULL. O(1) (index_objects()). */
static const struct cmap *
find_cm(const struct k8s *k, const char *ns, const char *name)
{
	struct nskey nk;
	int i;

	nk.ns = ns;
	nk.name = name;
	i = mesh_i_imap_get(&k->cm_index, nskey_hash(ns, name), same_cm, k,
	    &nk);
	return i < 0 ? NULL : &k->cms[i];
}

/* The value of key in ConfigMap cm, a scalar (NULL n: none). */
static struct ynode
cm_value(const struct cmap *cm, const char *key)
{
	struct ynode v = child(cm->data, key);

	if (v.n != NULL && v.n->type != YAML_SCALAR_NODE)
		v.n = NULL;
	return v;
}

/* A container being read: its variables and words so far. */
struct cont {
	struct kvar *vars;
	size_t nvars, capvars;
	struct kword *words;
	size_t nwords, capwords;
	const char *config;
	size_t config_len;
	struct mesh_i_pos config_at;
	int harper;             /* Harper settings or image */
};

/* Append variable name to c (its value filled by the caller); marks c
 * Harper's when the name is a Harper setting. NULL when out of memory
 * (nomem set; c unaltered). */
static struct kvar *
add_var(struct k8s *k, struct cont *c, const char *name, enum vkind kind,
    const char *via)
{
	struct kvar *v = grow(k, &c->vars, &c->nvars, &c->capvars,
	    sizeof(*v));

	if (v == NULL)
		return NULL;
	v->name = name;
	v->kind = kind;
	v->via = via;
	if (harper_env(name, strlen(name)))
		c->harper = 1;
	return v;
}

/* The warning for a ConfigMap (or key) the files do not hold. */
static void
missing_cm(struct k8s *k, struct ynode at, const char *ns, const char *cm,
    const char *key, int optional, const char *what)
{
	struct mesh_i_pos p = pos(k, at);

	if (key != NULL)
		mesh_i_report(&k->base, MESH_WARNING, "missing-configmap", &p,
		    NULL, "%s: ConfigMap '%s' (namespace %s) %s '%s'%s; "
		    "meshsim leaves it unset%s", what, cm, ns,
		    find_cm(k, ns, cm) ? "has no key" : "is not in these files "
		    "(key", key, find_cm(k, ns, cm) ? "" : ")", optional ?
		    " (optional: Kubernetes does too)" : ": Kubernetes would "
		    "not start the pod (the reference is not optional); give "
		    "the ConfigMap with the manifests");
	else
		mesh_i_report(&k->base, MESH_WARNING, "missing-configmap", &p,
		    NULL, "%s: ConfigMap '%s' (namespace %s) is not in these "
		    "files; meshsim reads none of it%s", what, cm, ns,
		    optional ? " (optional: Kubernetes starts the pod "
		    "without it)" : ": Kubernetes would not start the pod "
		    "(the reference is not optional); give the ConfigMap with "
		    "the manifests");
}

/* One entry of a container's env. */
static void
read_env_var(struct k8s *k, struct cont *c, const char *ns, struct ynode e)
{
	struct ynode from, ref, vn;
	const char *name, *s;
	struct kvar *v;

	e = as_map(k, e, "an env entry", env_keys);
	if (e.n == NULL)
		return;
	vn = child(e, "name");
	if (vn.n == NULL) {
		struct mesh_i_pos p = pos(k, e);

		mesh_i_report(&k->base, MESH_ERROR, "missing-key", &p, NULL,
		    "an env entry has no 'name'");
		return;
	}
	if ((name = as_str(k, vn, "an env entry's 'name'")) == NULL)
		return;
	from = as_map(k, child(e, "valueFrom"), "'valueFrom'", from_keys);
	if (from.n == NULL) {
		vn = child(e, "value");
		if (vn.n != NULL && is_null(vn.n))
			vn.n = NULL;
		if (vn.n != NULL && vn.n->type != YAML_SCALAR_NODE) {
			wrong_type(k, vn, "an env 'value'", "a string");
			return;
		}
		if ((v = add_var(k, c, name, V_VALUE, "kubernetes env")) ==
		    NULL)
			return;
		v->value = vn.n ? text(vn.n) : "";
		v->len = vn.n ? vn.n->data.scalar.length : 0;
		v->at = pos(k, vn.n ? vn : e);
		return;
	}
	ref = as_map(k, child(from, "configMapKeyRef"), "'configMapKeyRef'",
	    cmkey_keys);
	if (ref.n != NULL) {
		const char *cn = as_str(k, child(ref, "name"),
		    "'configMapKeyRef.name'");
		const char *key = as_str(k, child(ref, "key"),
		    "'configMapKeyRef.key'");
		int opt = as_bool(k, child(ref, "optional"),
		    "'configMapKeyRef.optional'");
		const struct cmap *cm;

		if (cn == NULL || key == NULL) {
			struct mesh_i_pos p = pos(k, ref);

			if (!k->base.errors)
				mesh_i_report(&k->base, MESH_ERROR,
				    "missing-key", &p, NULL, "a "
				    "configMapKeyRef needs 'name' and 'key'");
			return;
		}
		cm = find_cm(k, ns, cn);
		if (cm == NULL || (vn = cm_value(cm, key)).n == NULL) {
			char what[200];

			snprintf(what, sizeof(what), "env '%s'", name);
			missing_cm(k, ref, ns, cn, key, opt, what);
			return;
		}
		if ((v = add_var(k, c, name, V_CONFIGMAP, "configmap")) ==
		    NULL)
			return;
		v->value = text(vn.n);
		v->len = vn.n->data.scalar.length;
		v->at = pos(k, vn);
		return;
	}
	ref = as_map(k, child(from, "fieldRef"), "'fieldRef'", field_keys);
	if (ref.n != NULL) {
		vn = child(ref, "fieldPath");
		if ((s = as_str(k, vn, "'fieldRef.fieldPath'")) == NULL)
			return;
		if (strcmp(s, "metadata.name") == 0 ||
		    strcmp(s, "metadata.namespace") == 0) {
			if ((v = add_var(k, c, name, strcmp(s,
			    "metadata.name") == 0 ? V_FIELD_NAME : V_FIELD_NS,
			    "kubernetes fieldRef")) != NULL)
				v->at = pos(k, vn);
			return;
		}
		{
			struct mesh_i_pos p = pos(k, vn);

			mesh_i_report(&k->base, MESH_WARNING, "unread-field",
			    &p, NULL, "env '%s' takes field '%s', which only "
			    "the running pod knows: meshsim leaves it unset "
			    "(it reads metadata.name and metadata.namespace)",
			    name, s);
		}
		return;
	}
	{
		struct mesh_i_pos p = pos(k, from);

		if (harper_env(name, strlen(name)))
			c->harper = 1;
		mesh_i_report(&k->base, MESH_WARNING, "unread-field", &p, NULL,
		    "env '%s' takes its value from a %s, which meshsim does "
		    "not read: it leaves the variable unset%s", name,
		    member(from, "secretKeyRef") ? "Secret" : "resource "
		    "field", harper_env(name, strlen(name)) ? "; it is a "
		    "Harper setting, so the verdict may miss it" : "");
	}
}

/* One entry of a container's envFrom. */
static void
read_env_from(struct k8s *k, struct cont *c, const char *ns, struct ynode e)
{
	struct ynode ref;
	const char *cn, *prefix;
	const struct cmap *cm;
	yaml_node_pair_t *pair;

	e = as_map(k, e, "an envFrom entry", envfrom_keys);
	if (e.n == NULL)
		return;
	prefix = member(e, "prefix") ? as_str(k, child(e, "prefix"),
	    "'prefix'") : "";
	if (prefix == NULL)
		return;
	ref = as_map(k, child(e, "configMapRef"), "'configMapRef'",
	    cmref_keys);
	if (ref.n == NULL) {
		if (member(e, "secretRef") != NULL) {
			struct mesh_i_pos p = pos(k, e);

			mesh_i_report(&k->base, MESH_WARNING, "unread-field",
			    &p, NULL, "envFrom a Secret: meshsim does not "
			    "read Secrets, so no variable of it is set");
		}
		return;
	}
	if ((cn = as_str(k, child(ref, "name"), "'configMapRef.name'")) ==
	    NULL)
		return;
	if ((cm = find_cm(k, ns, cn)) == NULL) {
		missing_cm(k, ref, ns, cn, NULL, as_bool(k, child(ref,
		    "optional"), "'configMapRef.optional'"), "envFrom");
		return;
	}
	if (cm->data.n == NULL)
		return;
	for (pair = cm->data.n->data.mapping.pairs.start;
	    pair < cm->data.n->data.mapping.pairs.top; pair++) {
		yaml_node_t *kn = get_node(cm->data.doc, pair->key);
		yaml_node_t *vn = get_node(cm->data.doc, pair->value);
		struct kvar *v;
		const char *name;

		if (kn == NULL || vn == NULL || kn->type != YAML_SCALAR_NODE ||
		    vn->type != YAML_SCALAR_NODE)
			continue;
		if ((name = aprintf(k, "%s%s", prefix, text(kn))) == NULL ||
		    (v = add_var(k, c, name, V_CONFIGMAP, "configmap")) ==
		    NULL)
			return;
		v->value = text(vn);
		v->len = vn->data.scalar.length;
		v->at = pos(k, yn(cm->data.doc, vn));
	}
}

/* command or args (via) of a container: a list of strings. */
static void
read_words(struct k8s *k, struct cont *c, struct ynode y, const char *what,
    const char *via, int skip_first)
{
	yaml_node_item_t *it;
	struct kword *w;
	const char *s;

	y = as_seq(k, y, what);
	FOR_ITEMS(it, y) {
		struct ynode e = item(y, it);

		if ((s = as_str(k, e, what)) == NULL)
			continue;
		if (skip_first) {
			skip_first = 0;
			continue;
		}
		if ((w = grow(k, &c->words, &c->nwords, &c->capwords,
		    sizeof(*w))) == NULL)
			return;
		w->text = s;
		w->at = pos(k, e);
		w->via = via;
		if (harper_word(s))
			c->harper = 1;
	}
}

/* Whether path names Harper's config file. */
static int
config_name(const char *path)
{
	const char *b = strrchr(path, '/');

	b = b ? b + 1 : path;
	return strcmp(b, "harperdb-config.yaml") == 0 ||
	    strcmp(b, "harper-config.yaml") == 0;
}

/* Where the text of block scalar n begins: the line after its
 * indicator, at its indent (positions in the config land in the
 * manifest). Other styles: the scalar's own position. */
static struct mesh_i_pos
block_at(const struct k8s *k, struct ynode y)
{
	const yaml_node_t *n = y.n;
	struct mesh_i_pos p = pos(k, y);
	const struct kfile *f = file_of(k, y.doc);
	const char *buf = f->buf;
	size_t i = n->start_mark.index, j, len = f->len;
	int line = p.line;

	if (n->data.scalar.style != YAML_LITERAL_SCALAR_STYLE)
		return p;
	while (i < len && buf[i] != '\n')
		i++;
	p.line = line + 1;
	p.column = 1;
	while (i < len) {
		i++;
		for (j = i; j < len && buf[j] == ' '; j++)
			continue;
		if (j < len && buf[j] != '\n' && buf[j] != '\r') {
			p.column = (int)(j - i) + 1;
			break;
		}
		i = j;
		while (i < len && buf[i] != '\n')
			i++;
	}
	return p;
}

/* The ConfigMap volume a mount names, holding Harper's config: set
 * c->config. */
static void
read_mount(struct k8s *k, struct cont *c, const char *ns, struct ynode spec,
    struct ynode m)
{
	struct ynode vols, vol = { NULL, NULL }, cmv, items;
	struct ynode vn = { NULL, NULL };
	const char *vname, *mpath, *sub, *cn;
	const struct cmap *cm;
	yaml_node_item_t *it;
	int opt;

	m = as_map(k, m, "a volumeMount", mount_keys);
	if (m.n == NULL)
		return;
	vname = as_str(k, child(m, "name"), "a volumeMount's 'name'");
	mpath = as_str(k, child(m, "mountPath"), "'mountPath'");
	sub = member(m, "subPath") ? as_str(k, child(m, "subPath"),
	    "'subPath'") : NULL;
	if (vname == NULL || mpath == NULL)
		return;
	vols = as_seq(k, child(spec, "volumes"), "'volumes'");
	FOR_ITEMS(it, vols) {
		struct ynode v = item(vols, it);
		yaml_node_t *nn = member(v, "name");

		if (v.n != NULL && v.n->type == YAML_MAPPING_NODE &&
		    nn != NULL && nn->type == YAML_SCALAR_NODE &&
		    strcmp(text(nn), vname) == 0) {
			vol = v;
			break;
		}
	}
	if (vol.n == NULL)
		return;
	cmv = as_map(k, child(vol, "configMap"), "a volume's 'configMap'",
	    cmvol_keys);
	if (cmv.n == NULL)
		return;
	if ((cn = as_str(k, child(cmv, "name"), "'configMap.name'")) == NULL)
		return;
	opt = as_bool(k, child(cmv, "optional"), "'configMap.optional'");
	cm = find_cm(k, ns, cn);
	items = as_seq(k, child(cmv, "items"), "'items'");
	/* The files the mount shows: items (key to path), else each key. */
	if (items.n != NULL) {
		FOR_ITEMS(it, items) {
			struct ynode e = as_map(k, item(items, it),
			    "an item", item_keys);
			const char *key = as_str(k, child(e, "key"),
			    "an item's 'key'");
			const char *path = as_str(k, child(e, "path"),
			    "an item's 'path'");

			if (key == NULL || path == NULL)
				continue;
			if (sub != NULL ? strcmp(sub, path) != 0 ||
			    !config_name(mpath) : !config_name(path))
				continue;
			if (cm == NULL || (vn = cm_value(cm, key)).n == NULL) {
				missing_cm(k, e, ns, cn, key, opt,
				    "the mounted Harper config");
				return;
			}
			break;
		}
	} else if (cm == NULL) {
		if (sub != NULL ? config_name(mpath) || config_name(sub) :
		    config_name(mpath))
			missing_cm(k, cmv, ns, cn, NULL, opt,
			    "the mounted Harper config");
		return;
	} else if (sub != NULL) {
		if (config_name(mpath))
			vn = cm_value(cm, sub);
		if (config_name(mpath) && vn.n == NULL)
			missing_cm(k, cmv, ns, cn, sub, opt,
			    "the mounted Harper config");
	} else {
		if ((vn = cm_value(cm, "harperdb-config.yaml")).n == NULL)
			vn = cm_value(cm, "harper-config.yaml");
	}
	if (vn.n == NULL)
		return;
	c->config = text(vn.n);
	c->config_len = vn.n->data.scalar.length;
	c->config_at = block_at(k, vn);
	c->harper = 1;
}

/* Whether s holds "harper", any case. */
static int
names_harper(const char *s)
{
	for (; *s != '\0'; s++)
		if (strncasecmp(s, "harper", 6) == 0)
			return 1;
	return 0;
}

/* One container of a pod spec into c. */
static void
read_container(struct k8s *k, struct cont *c, const char *ns,
    struct ynode spec, struct ynode ct)
{
	struct ynode l, cmd;
	yaml_node_item_t *it;
	const char *image;

	image = as_str(k, child(ct, "image"), "'image'");
	if (image != NULL && names_harper(image))
		c->harper = 1;
	l = as_seq(k, child(ct, "envFrom"), "'envFrom'");
	FOR_ITEMS(it, l)
		read_env_from(k, c, ns, item(l, it));
	l = as_seq(k, child(ct, "env"), "'env'");
	FOR_ITEMS(it, l)
		read_env_var(k, c, ns, item(l, it));
	/* command replaces the image's entrypoint: its first word is the
	 * program; args follow it. */
	cmd = child(ct, "command");
	read_words(k, c, cmd, "'command'", "kubernetes command", 1);
	read_words(k, c, child(ct, "args"), "'args'", "kubernetes args", 0);
	l = as_seq(k, child(ct, "volumeMounts"), "'volumeMounts'");
	FOR_ITEMS(it, l)
		read_mount(k, c, ns, spec, item(l, it));
}

/* Free what c holds (its lists; the strings belong to the documents and
 * the arena) and empty it. */
static void
cont_free(struct cont *c)
{
	free(c->vars);
	free(c->words);
	memset(c, 0, sizeof(*c));
}

/* The Harper container of w's pod spec: its env, words and config into
 * w. Returns 1 when there is one, 0 when the pods do not run Harper. */
static int
read_podspec(struct k8s *k, struct work *w)
{
	struct ynode spec = w->podspec, cs;
	yaml_node_item_t *it;
	struct cont c, best;
	size_t n = 0, nharper = 0;
	int found = 0;

	memset(&best, 0, sizeof(best));
	cs = as_seq(k, child(spec, "containers"), "'containers'");
	FOR_ITEMS(it, cs) {
		struct ynode ct = as_map(k, item(cs, it), "a container",
		    container_keys);

		if (ct.n == NULL)
			continue;
		memset(&c, 0, sizeof(c));
		read_container(k, &c, w->ns, spec, ct);
		n++;
		if (c.harper && nharper++ == 0) {
			best = c;
			found = 1;
			continue;
		}
		cont_free(&c);
	}
	if (found && nharper > 1) {
		mesh_i_report(&k->base, MESH_NOTE, "several-harper", &w->at,
		    NULL, "%zu containers of '%s' have Harper settings: "
		    "meshsim reads the first", nharper, w->name);
	}
	if (!found) {
		mesh_i_report(&k->base, MESH_NOTE, "not-harper", &w->at, NULL,
		    "no container of '%s' runs Harper (no image naming "
		    "harper, no Harper variable, argument or mounted config): "
		    "its pods are not nodes of the plan", w->name);
		return 0;
	}
	w->vars = best.vars;
	w->nvars = best.nvars;
	w->words = best.words;
	w->nwords = best.nwords;
	w->config = best.config;
	w->config_len = best.config_len;
	w->config_at = best.config_at;
	(void)n;
	return 1;
}

/* metadata's name (required) and namespace; returns 0, or -1. */
static int
read_meta(struct k8s *k, struct ynode obj, const char *kind,
    const char **name, const char **ns, struct mesh_i_pos *at)
{
	struct ynode meta, nn;
	char what[64];

	snprintf(what, sizeof(what), "the %s's 'metadata'", kind);
	meta = as_map(k, child(obj, "metadata"), what, meta_keys);
	nn = child(meta, "name");
	if (nn.n == NULL || is_null(nn.n)) {
		struct mesh_i_pos p = pos(k, meta.n ? meta : obj);

		if (meta.n != NULL || member(obj, "metadata") == NULL ||
		    is_null(member(obj, "metadata")))
			mesh_i_report(&k->base, MESH_ERROR, "missing-key", &p,
			    NULL, "a %s without 'metadata.name'", kind);
		return -1;
	}
	snprintf(what, sizeof(what), "the %s's 'metadata.name'", kind);
	if ((*name = as_str(k, nn, what)) == NULL)
		return -1;
	*at = pos(k, nn);
	nn = child(meta, "namespace");
	*ns = "default";
	if (nn.n != NULL && !is_null(nn.n) &&
	    (*ns = as_str(k, nn, "'metadata.namespace'")) == NULL)
		return -1;
	if (**name == '\0' || strpbrk(*name, " \t\r\n/") != NULL ||
	    mesh_i_has_control(*name)) {
		mesh_i_report(&k->base, MESH_ERROR, "bad-name", at, NULL,
		    "'%s' is not a Kubernetes object name", *name);
		return -1;
	}
	/* The namespace goes into hosts (NAME.SERVICE.NAMESPACE). */
	if (**ns == '\0' || strpbrk(*ns, " \t\r\n/") != NULL ||
	    mesh_i_has_control(*ns)) {
		struct mesh_i_pos p = pos(k, nn);

		mesh_i_report(&k->base, MESH_ERROR, "bad-name", &p, NULL,
		    "'%s' is not a Kubernetes namespace name", *ns);
		return -1;
	}
	return 0;
}

/* Whether w's Service name (serviceName, or a Pod's subdomain) is empty
 * or holds white space, '/' or a control character: if so, report
 * bad-name at it and return 1 (w->service is then NULL). */
static int
bad_service(struct k8s *k, struct work *w)
{
	if (*w->service != '\0' && strpbrk(w->service, " \t\r\n/") == NULL &&
	    !mesh_i_has_control(w->service))
		return 0;
	mesh_i_report(&k->base, MESH_ERROR, "bad-name", &w->service_at, NULL,
	    "'%s' is not a Kubernetes Service name", w->service);
	w->service = NULL;
	return 1;
}

/* One object (a mapping) of the manifests. */
static void
read_object(struct k8s *k, struct ynode obj, size_t *capcm, size_t *capsvc,
    size_t *capw)
{
	struct ynode spec, tmpl;
	const char *kind, *name, *ns;
	struct mesh_i_pos at;
	enum kind kd;
	struct work *w;

	if (member(obj, "kind") == NULL || member(obj, "apiVersion") == NULL) {
		struct mesh_i_pos p = pos(k, obj);

		mesh_i_report(&k->base, MESH_ERROR, "missing-key", &p, NULL,
		    "a Kubernetes object needs 'apiVersion' and 'kind'");
		return;
	}
	if ((kind = as_str(k, child(obj, "kind"), "'kind'")) == NULL)
		return;
	if ((kd = kind_of(kind)) == K_OTHER)
		return;
	check_keys(k, obj, top_keys, "an object");
	if (read_meta(k, obj, kind, &name, &ns, &at) != 0)
		return;
	if (kd == K_UNREAD) {
		mesh_i_report(&k->base, MESH_WARNING, "unread-kind", &at, NULL,
		    "a %s is not read: if its pods run Harper they are missing "
		    "from the plan (meshsim reads StatefulSets, Deployments, "
		    "ReplicaSets and Pods)", kind);
		return;
	}
	if (kd == K_CONFIGMAP) {
		struct cmap *cm = grow(k, &k->cms, &k->ncms, capcm,
		    sizeof(*cm));

		if (cm == NULL)
			return;
		cm->ns = ns;
		cm->name = name;
		cm->at = at;
		cm->data = as_map(k, child(obj, "data"), "a ConfigMap's "
		    "'data'", NULL);
		return;
	}
	if (kd == K_SERVICE) {
		struct svc *s;
		yaml_node_t *ip;

		spec = as_map(k, child(obj, "spec"), "a Service's 'spec'",
		    svc_keys);
		if ((s = grow(k, &k->svcs, &k->nsvcs, capsvc,
		    sizeof(*s))) == NULL)
			return;
		s->ns = ns;
		s->name = name;
		s->at = at;
		s->selector = as_map(k, child(spec, "selector"),
		    "a Service's 'selector'", NULL);
		ip = member(spec, "clusterIP");
		s->headless = ip != NULL && ip->type == YAML_SCALAR_NODE &&
		    strcmp(text(ip), "None") == 0;
		return;
	}
	if ((w = grow(k, &k->works, &k->nworks, capw, sizeof(*w))) == NULL)
		return;
	w->kind = kd;
	w->ns = ns;
	w->name = name;
	w->at = at;
	w->replicas = 1;
	if (kd == K_POD) {
		struct ynode meta = child(obj, "metadata"), hn;

		w->labels = as_map(k, child(meta, "labels"), "'labels'", NULL);
		w->podspec = as_map(k, child(obj, "spec"), "a Pod's 'spec'",
		    podspec_keys);
		hn = child(w->podspec, "hostname");
		if (hn.n != NULL && (w->hostname = as_str(k, hn,
		    "'hostname'")) == NULL)
			return;
		hn = child(w->podspec, "subdomain");
		if (hn.n != NULL && (w->service = as_str(k, hn,
		    "'subdomain'")) != NULL)
			w->service_at = pos(k, hn);
		if (w->service != NULL && bad_service(k, w))
			return;
		if (k->total + 1 > (long)mesh_limits_get()->nodes)
			mesh_i_report(&k->base, MESH_ERROR, "too-many-nodes",
			    &at, NULL, "more than %zu node%s (--max-nodes "
			    "raises the limit)", mesh_limits_get()->nodes,
			    mesh_limits_get()->nodes == 1 ? "" : "s");
		k->total++;
		return;
	}
	{
		char what[64];

		snprintf(what, sizeof(what), "a %s's 'spec'", kind);
		spec = as_map(k, child(obj, "spec"), what, kd == K_STATEFULSET ?
		    sts_keys : kd == K_DEPLOYMENT ? deploy_keys : rs_keys);
	}
	if (spec.n == NULL) {
		if (member(obj, "spec") == NULL)
			mesh_i_report(&k->base, MESH_ERROR, "missing-key", &at,
			    NULL, "the %s '%s' has no 'spec'", kind, name);
		w->replicas = 0;
		return;
	}
	if ((w->replicas = replicas_of(k, child(spec, "replicas"))) < 0)
		return;
	if (kd == K_STATEFULSET && (w->first = ordinals_start(k,
	    as_map(k, child(spec, "ordinals"), "'ordinals'",
	    ordinals_keys))) < 0) {
		w->replicas = 0;
		return;
	}
	if (kd == K_STATEFULSET && member(spec, "serviceName") != NULL &&
	    (w->service = as_str(k, child(spec, "serviceName"),
	    "'serviceName'")) != NULL)
		w->service_at = pos(k, child(spec, "serviceName"));
	/* It goes into every pod's host: one error, not one per pod. */
	if (w->service != NULL && bad_service(k, w)) {
		w->replicas = 0;
		return;
	}
	tmpl = as_map(k, child(spec, "template"), "'template'",
	    template_keys);
	w->labels = as_map(k, child(child(tmpl, "metadata"), "labels"),
	    "the template's 'labels'", NULL);
	w->podspec = as_map(k, child(tmpl, "spec"), "the template's 'spec'",
	    podspec_keys);
}

/* Every object of every document (a List's items too). */
static void
read_objects(struct k8s *k)
{
	size_t capcm = 0, capsvc = 0, capw = 0, i;
	yaml_node_item_t *it;

	for (i = 0; i < k->ndocs && !k->base.nomem; i++) {
		struct ynode root;
		yaml_node_t *kn;

		root.doc = k->docs[i];
		root.n = yaml_document_get_root_node(root.doc);
		if (is_null(root.n))
			continue;
		k->nobjects++;
		if (root.n->type != YAML_MAPPING_NODE) {
			wrong_type(k, root, "a document", "a mapping (a "
			    "Kubernetes object)");
			continue;
		}
		kn = member(root, "kind");
		if (kn != NULL && kn->type == YAML_SCALAR_NODE &&
		    strcmp(text(kn), "List") == 0) {
			struct ynode items = as_seq(k, child(root, "items"),
			    "a List's 'items'");

			FOR_ITEMS(it, items) {
				struct ynode o = item(items, it);

				if (o.n->type != YAML_MAPPING_NODE)
					wrong_type(k, o, "an item of a List",
					    "a mapping (a Kubernetes object)");
				else
					read_object(k, o, &capcm, &capsvc,
					    &capw);
			}
			continue;
		}
		read_object(k, root, &capcm, &capsvc, &capw);
	}
}

/* ------------------------------------------------------------------ */
/* Pods, their names and the Services in front of them. */

/* Whether the labels of w hold every pair of selector sel. */
static int
selects(struct ynode sel, const struct work *w)
{
	yaml_node_pair_t *pair;

	if (sel.n == NULL || sel.n->data.mapping.pairs.start ==
	    sel.n->data.mapping.pairs.top || w->labels.n == NULL)
		return 0;
	for (pair = sel.n->data.mapping.pairs.start;
	    pair < sel.n->data.mapping.pairs.top; pair++) {
		yaml_node_t *kn = get_node(sel.doc, pair->key);
		yaml_node_t *vn = get_node(sel.doc, pair->value);
		yaml_node_t *lv;

		if (kn == NULL || vn == NULL || kn->type != YAML_SCALAR_NODE ||
		    vn->type != YAML_SCALAR_NODE)
			return 0;
		lv = member(w->labels, text(kn));
		if (lv == NULL || lv->type != YAML_SCALAR_NODE ||
		    strcmp(text(lv), text(vn)) != 0)
			return 0;
	}
	return 1;
}

/* The Service ns/name, or NULL. O(1) (index_objects()). */
static const struct svc *
find_svc(const struct k8s *k, const char *ns, const char *name)
{
	struct nskey nk;
	int i;

	nk.ns = ns;
	nk.name = name;
	i = mesh_i_imap_get(&k->svc_index, nskey_hash(ns, name), same_svc, k,
	    &nk);
	return i < 0 ? NULL : &k->svcs[i];
}

/* Whether Service sv selects pod j: a binary search of its pods, which
 * are in pod order. */
static int
picks(const struct svc *sv, size_t j)
{
	size_t lo = 0, hi = sv->npods, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (sv->pods[mid] == j)
			return 1;
		if (sv->pods[mid] < j)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* A label of a workload with pods: namespace, key, value (the workload's
 * own strings), for select_pods(). */
struct label {
	const char *ns, *key, *value;
	size_t work;
};

/* Labels in order of namespace, key, value, then workload. */
static int
label_cmp(const void *a, const void *b)
{
	const struct label *x = a, *y = b;
	int c;

	if ((c = strcmp(x->ns, y->ns)) != 0 ||
	    (c = strcmp(x->key, y->key)) != 0 ||
	    (c = strcmp(x->value, y->value)) != 0)
		return c;
	return x->work < y->work ? -1 : x->work > y->work;
}

/* The first of the n sorted labels v not before (ns, key, value) when
 * after is 0, or after it when after is 1. */
static size_t
label_bound(const struct label *v, size_t n, const char *ns,
    const char *key, const char *value, int after)
{
	size_t lo = 0, hi = n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(v[mid].ns, ns)) == 0 &&
		    (c = strcmp(v[mid].key, key)) == 0)
			c = strcmp(v[mid].value, value);
		if (c < 0 || (after && c == 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Which pods each Service of k selects (sv->pods, in pod order;
 * sv->npods), as selects() on the workload of each pod of the Service's
 * namespace decides, without asking it of every pod: the labels of the
 * workloads with pods, sorted, give for each selector pair the
 * workloads that have it; a Service tests only those of its rarest pair.
 * A workload's pods are one run of k->pods, in workload order, so they
 * come out in pod order. n log n in the labels. Out of memory sets
 * nomem (what was set stays, for k8s_free()).
 */
static void
select_pods(struct k8s *k)
{
	struct label *lab = NULL;
	size_t *first, *count, *cand = NULL, nlab = 0, cap = 0, i, s, c;

	first = alloc(k, k->nworks, sizeof(*first));
	count = alloc(k, k->nworks, sizeof(*count));
	if (first == NULL || count == NULL)
		return;
	for (i = k->npods; i-- > 0;) {
		first[k->pods[i].work] = i;
		count[k->pods[i].work]++;
	}
	for (i = 0; i < k->nworks; i++) {
		const struct work *w = &k->works[i];
		yaml_node_pair_t *pair;

		if (count[i] == 0 || w->labels.n == NULL)
			continue;
		for (pair = w->labels.n->data.mapping.pairs.start;
		    pair < w->labels.n->data.mapping.pairs.top; pair++) {
			yaml_node_t *kn = get_node(w->labels.doc, pair->key);
			yaml_node_t *vn = get_node(w->labels.doc, pair->value);
			struct label *l;

			if (kn == NULL || vn == NULL ||
			    kn->type != YAML_SCALAR_NODE ||
			    vn->type != YAML_SCALAR_NODE)
				continue;
			if ((l = grow(k, &lab, &nlab, &cap,
			    sizeof(*lab))) == NULL)
				goto done;
			l->ns = w->ns;
			l->key = text(kn);
			l->value = text(vn);
			l->work = i;
		}
	}
	if (nlab > 1)
		qsort(lab, nlab, sizeof(*lab), label_cmp);
	if ((cand = calloc(k->nworks ? k->nworks : 1, sizeof(*cand))) == NULL) {
		k->base.nomem = 1;
		goto done;
	}
	for (s = 0; s < k->nsvcs && !k->base.nomem; s++) {
		struct svc *sv = &k->svcs[s];
		size_t lo = 0, hi = 0, best = (size_t)-1, ncand = 0, a, b, n;
		yaml_node_pair_t *pair;

		if (sv->selector.n == NULL)
			continue;
		for (pair = sv->selector.n->data.mapping.pairs.start;
		    pair < sv->selector.n->data.mapping.pairs.top; pair++) {
			yaml_node_t *kn = get_node(sv->selector.doc,
			    pair->key);
			yaml_node_t *vn = get_node(sv->selector.doc,
			    pair->value);

			if (kn == NULL || vn == NULL ||
			    kn->type != YAML_SCALAR_NODE ||
			    vn->type != YAML_SCALAR_NODE) {
				best = 0;       /* selects() takes none */
				break;
			}
			a = label_bound(lab, nlab, sv->ns, text(kn),
			    text(vn), 0);
			b = label_bound(lab, nlab, sv->ns, text(kn),
			    text(vn), 1);
			if (b - a < best) {
				best = b - a;
				lo = a;
				hi = b;
			}
		}
		if (best == 0 || best == (size_t)-1)
			continue;
		for (i = lo, n = 0; i < hi; i++) {
			c = lab[i].work;
			if ((ncand == 0 || cand[ncand - 1] != c) &&
			    selects(sv->selector, &k->works[c])) {
				cand[ncand++] = c;
				n += count[c];
			}
		}
		if (n == 0)
			continue;
		if ((sv->pods = alloc(k, n, sizeof(size_t))) == NULL)
			goto done;
		for (i = 0; i < ncand; i++)
			for (c = 0; c < count[cand[i]]; c++)
				sv->pods[sv->npods++] = first[cand[i]] + c;
	}
done:
	free(cand);
	free(lab);
}

/* Append the four DNS forms of name (NAME.NS, NAME.NS.svc, ...; NAME
 * itself first) to hosts. */
static size_t
add_forms(struct k8s *k, const char **hosts, size_t n, const char *name,
    const char *ns)
{
	hosts[n++] = name;
	hosts[n++] = aprintf(k, "%s.%s", name, ns);
	hosts[n++] = aprintf(k, "%s.%s.svc", name, ns);
	hosts[n++] = aprintf(k, "%s.%s.svc.cluster.local", name, ns);
	return n;
}

/* The pods of every workload that runs Harper, in file and ordinal
 * order, their names and hosts. */
static void
make_pods(struct k8s *k)
{
	size_t i, j, cap = 0, s, *at, *fronts;

	for (i = 0; i < k->nworks && !k->base.nomem; i++) {
		struct work *w = &k->works[i];
		long r;

		if (w->replicas == 0 || w->podspec.n == NULL ||
		    !(w->harper = read_podspec(k, w)))
			continue;
		for (r = 0; r < w->replicas; r++) {
			struct pod *p = grow(k, &k->pods, &k->npods, &cap,
			    sizeof(*p));

			if (p == NULL)
				return;
			p->work = i;
			p->ordinal = r;
			if (w->kind == K_POD)
				p->name = w->name;
			else if (w->kind == K_STATEFULSET)
				p->name = aprintf(k, "%s-%ld", w->name,
				    w->first + r);
			else
				p->name = aprintf(k, "%s-%ld", w->name, r + 1);
		}
	}
	select_pods(k);
	if (k->base.nomem)
		return;
	/* The Services whose first pod each pod is, in Service order:
	 * those of pod j are fronts[at[j] .. at[j + 1] - 1]. */
	if ((at = alloc(k, k->npods + 1, sizeof(*at))) == NULL ||
	    (fronts = alloc(k, k->nsvcs, sizeof(*fronts))) == NULL)
		return;
	for (s = 0; s < k->nsvcs; s++)
		if (k->svcs[s].npods > 0)
			at[k->svcs[s].pods[0] + 1]++;
	for (j = 0; j < k->npods; j++)
		at[j + 1] += at[j];
	for (s = 0; s < k->nsvcs; s++)
		if (k->svcs[s].npods > 0)
			fronts[at[k->svcs[s].pods[0]]++] = s;
	for (j = k->npods; j > 0; j--)
		at[j] = at[j - 1];
	at[0] = 0;
	/* Each pod's hosts: its own DNS name (hosts[0]) in four forms,
	 * then those of each Service that reaches it alone or first. */
	for (j = 0; j < k->npods && !k->base.nomem; j++) {
		struct pod *p = &k->pods[j];
		struct work *w = &k->works[p->work];
		const char *sub = w->service, *host;
		const struct svc *gov;
		size_t n = 4 + 4 * (at[j + 1] - at[j]), f;

		if ((p->hosts = alloc(k, n, sizeof(*p->hosts))) == NULL)
			return;
		host = w->kind == K_POD && w->hostname ? w->hostname : p->name;
		gov = sub != NULL ? find_svc(k, w->ns, sub) : NULL;
		if (sub != NULL && (gov == NULL || (gov->headless &&
		    picks(gov, j))) && (w->kind == K_STATEFULSET ||
		    w->kind == K_POD)) {
			p->dns = 1;
			p->nhosts = add_forms(k, p->hosts, 0, aprintf(k,
			    "%s.%s", host, sub), w->ns);
		} else {
			p->hosts[p->nhosts++] = p->name;
		}
		for (f = at[j]; f < at[j + 1]; f++) {
			s = fronts[f];
			k->svcs[s].form = p->nhosts;
			p->nhosts = add_forms(k, p->hosts, p->nhosts,
			    k->svcs[s].name, k->svcs[s].ns);
		}
	}
	/* Once per workload: a governing Service missing or not
	 * headless. */
	for (i = 0; i < k->nworks; i++) {
		struct work *w = &k->works[i];
		const struct svc *gov;

		if (w->service == NULL || !w->harper)
			continue;
		gov = find_svc(k, w->ns, w->service);
		if (gov == NULL && w->kind == K_POD)
			mesh_i_report(&k->base, MESH_WARNING, "missing-service",
			    &w->service_at, NULL, "no Service '%s' in "
			    "namespace %s in these files: meshsim assumes it "
			    "exists, is headless and selects the pod, so that "
			    "'%s' is reached at %s.%s", w->service, w->ns,
			    w->name, w->hostname ? w->hostname : w->name,
			    w->service);
		else if (gov == NULL)
			mesh_i_report(&k->base, MESH_WARNING, "missing-service",
			    &w->service_at, NULL, "no Service '%s' in "
			    "namespace %s in these files: meshsim assumes it "
			    "exists, is headless and selects the pods, so that "
			    "those of '%s' are reached at their names "
			    "(%s-%ld.%s, ...)", w->service, w->ns, w->name,
			    w->name, w->first, w->service);
		else if (!gov->headless)
			mesh_i_report(&k->base, MESH_WARNING, "not-headless",
			    &w->service_at, NULL, "Service '%s' is not "
			    "headless (no clusterIP: None): Kubernetes gives "
			    "the pods of '%s' no DNS names under it, so routes "
			    "to them do not link", w->service, w->name);
		else if (!selects(gov->selector, w))
			mesh_i_report(&k->base, MESH_WARNING, "not-selected",
			    &w->service_at, NULL, "Service '%s' does not "
			    "select the pods of '%s' (its selector and their "
			    "labels differ): Kubernetes gives them no DNS "
			    "names under it, so routes to them do not link",
			    w->service, w->name);
	}
}

/* $(VAR) in s (len bytes) expanded as Kubernetes does, against vars
 * v[0 .. n-1] (the last of a name wins): $$ is $, an undefined
 * reference stays as written. The result is in the arena (NULL: nomem
 * set); *out_len its length. */
static const char *
expand(struct k8s *k, const char *s, size_t len, const struct mesh_i_hvar *v,
    size_t n, size_t *out_len)
{
	struct mesh_i_buf b;
	size_t i = 0, j, m;
	char *r, *d;

	if (memchr(s, '$', len) == NULL) {
		*out_len = len;
		return s;
	}
	mesh_i_buf_init(&b);
	while (i < len) {
		if (s[i] != '$' || i + 1 == len) {
			mesh_i_buf_add(&b, s + i++, 1);
			continue;
		}
		if (s[i + 1] == '$') {
			mesh_i_buf_add(&b, "$", 1);
			i += 2;
			continue;
		}
		if (s[i + 1] != '(') {
			mesh_i_buf_add(&b, s + i++, 1);
			continue;
		}
		for (j = i + 2; j < len && s[j] != ')'; j++)
			continue;
		if (j == len) {
			mesh_i_buf_add(&b, s + i, len - i);
			break;
		}
		for (m = n; m > 0; m--)
			if (v[m - 1].name_len == j - i - 2 &&
			    memcmp(v[m - 1].name, s + i + 2, j - i - 2) == 0)
				break;
		if (m > 0)
			mesh_i_buf_add(&b, v[m - 1].value, v[m - 1].value_len);
		else
			mesh_i_buf_add(&b, s + i, j + 1 - i);
		i = j + 1;
	}
	*out_len = b.len;
	r = mesh_i_buf_take(&b);
	d = r != NULL ? mesh_i_arena_text(&k->arena, *out_len + 1) : NULL;
	if (d != NULL)
		memcpy(d, r, *out_len + 1);
	free(r);
	if (d == NULL)
		k->base.nomem = 1;
	return d;
}

/* The Harper node of pod p into h. */
static void
make_node(struct k8s *k, const struct pod *p, struct mesh_i_hnode *h)
{
	const struct work *w = &k->works[p->work];
	struct mesh_i_hvar *vars;
	struct mesh_i_harg *args;
	size_t i, n = 0, len;

	h->name = p->name;
	h->at = w->at;
	h->hosts = p->hosts;
	h->nhosts = p->nhosts;
	h->config_text = w->config;
	h->config_len = w->config_len;
	h->config_at = w->config_at;
	vars = alloc(k, w->nvars, sizeof(*vars));
	args = alloc(k, w->nwords, sizeof(*args));
	if (vars == NULL || args == NULL)
		return;
	for (i = 0; i < w->nvars; i++) {
		const struct kvar *kv = &w->vars[i];
		struct mesh_i_hvar *v = &vars[n];

		v->name = kv->name;
		v->name_len = strlen(kv->name);
		v->at = kv->at;
		v->via = kv->via;
		switch (kv->kind) {
		case V_VALUE:
			v->value = expand(k, kv->value, kv->len, vars, n, &len);
			v->value_len = len;
			break;
		case V_CONFIGMAP:
			v->value = kv->value;
			v->value_len = kv->len;
			break;
		case V_FIELD_NAME:
			v->value = p->name;
			v->value_len = strlen(p->name);
			break;
		case V_FIELD_NS:
			v->value = w->ns;
			v->value_len = strlen(w->ns);
			break;
		}
		if (v->value == NULL)
			return;
		n++;
	}
	for (i = 0; i < w->nwords; i++) {
		args[i].text = expand(k, w->words[i].text,
		    strlen(w->words[i].text), vars, n, &len);
		args[i].at = w->words[i].at;
		args[i].via = w->words[i].via;
		if (args[i].text == NULL)
			return;
	}
	h->env = vars;
	h->nenv = n;
	h->args = args;
	h->nargs = w->nwords;
}

/* ------------------------------------------------------------------ */
/* After the build: what a route's host says about the manifests. */

/* s in lower case: s itself when it is so already, else a copy in the
 * arena; NULL when out of memory (nomem set). */
static const char *
lower(struct k8s *k, const char *s)
{
	size_t i, n;
	char *d;

	for (n = 0; s[n] != '\0' && !(s[n] >= 'A' && s[n] <= 'Z'); n++)
		;
	if (s[n] == '\0')
		return s;
	n += strlen(s + n);
	if ((d = mesh_i_arena_text(&k->arena, n + 1)) == NULL) {
		k->base.nomem = 1;
		return NULL;
	}
	for (i = 0; i <= n; i++)
		d[i] = (char)tolower((unsigned char)s[i]);
	return d;
}

/*
 * The keys of k->names (dns_index()), each a name in lower case:
 * N_HOLDER, each host of each pod (its own DNS name in four forms, the
 * four of each Service it is first of, or its bare name), to the first
 * pod that has it, and N_SEVERAL when another pod has it too: what the
 * plan, whose names are global, would link a route to that host to.
 * N_SVC, "NAME.NS" of each Service, and N_POD, "HOST.SUB.NS" of each pod
 * with a DNS name of its own: the names Kubernetes DNS answers, less
 * .svc.cluster.local. N_SVC_NAME, a Service's bare name, and N_POD_NAME,
 * a pod's "HOST.SUB", to the first in any namespace: for the warning
 * when a name is only in another namespace. N_NO_DNS, the bare name of
 * each pod without a DNS name, to the first such pod.
 */
enum { N_HOLDER, N_SEVERAL, N_SVC, N_POD, N_SVC_NAME, N_POD_NAME, N_NO_DNS };

/* Put (key in lower case, tag) -> value into k->names unless there;
 * returns as mesh_i_map_put(), -2 also when out of memory lowering key
 * (nomem set either way). */
static int
name_put(struct k8s *k, const char *key, int tag, int value)
{
	int r;

	if (key == NULL || (key = lower(k, key)) == NULL ||
	    (r = mesh_i_map_put(&k->names, key, tag, value)) == -2) {
		k->base.nomem = 1;
		return -2;
	}
	return r;
}

/*
 * Fill k->names (above) from k's pods and Services, once the pods have
 * their hosts (make_pods()). Linear in the names. Returns 0, or -1 when
 * out of memory (nomem set; k8s_free() frees the map).
 */
static int
dns_index(struct k8s *k)
{
	size_t i, f, n = 0;
	int r;

	for (i = 0; i < k->npods; i++)
		n += 2 * k->pods[i].nhosts + 3;
	n += 2 * k->nsvcs;
	if (n > INT_MAX || mesh_i_map_reserve(&k->names, n) != 0) {
		k->base.nomem = 1;
		return -1;
	}
	for (i = 0; i < k->npods; i++) {
		const struct pod *p = &k->pods[i];

		for (f = 0; f < p->nhosts; f++) {
			if ((r = name_put(k, p->hosts[f], N_HOLDER,
			    (int)i)) == -2 || (r >= 0 && r != (int)i &&
			    name_put(k, p->hosts[f], N_SEVERAL, 1) == -2))
				return -1;
		}
		if (p->dns && (name_put(k, p->hosts[1], N_POD, (int)i) == -2 ||
		    name_put(k, p->hosts[0], N_POD_NAME, (int)i) == -2))
			return -1;
		if (!p->dns && p->hosts[0] == p->name &&
		    name_put(k, p->name, N_NO_DNS, (int)i) == -2)
			return -1;
	}
	for (i = 0; i < k->nsvcs; i++) {
		const struct svc *sv = &k->svcs[i];

		if (name_put(k, aprintf(k, "%s.%s", sv->name, sv->ns), N_SVC,
		    (int)i) == -2 || name_put(k, sv->name, N_SVC_NAME,
		    (int)i) == -2)
			return -1;
	}
	return 0;
}

/* What a route's host names, as the DNS of a pod resolves it. */
struct dns {
	enum { D_NONE, D_SVC, D_POD, D_ELSEWHERE } kind;
	int svc;        /* D_SVC; D_ELSEWHERE: the Service of that name */
	int pod;        /* D_POD; D_SVC: its first pod (-1: none);
			 * D_ELSEWHERE: the pod of that DNS name */
};

/* Whether name (lower case, n labels), a name less .svc.cluster.local,
 * is a Service's ("NAME.NS") or a pod's ("HOST.SUB.NS"); *d set when so. */
static int
dns_name(const struct k8s *k, const char *name, size_t n, struct dns *d)
{
	int i;

	if (n == 2 && (i = mesh_i_map_get(&k->names, name, N_SVC)) >= 0) {
		d->kind = D_SVC;
		d->svc = i;
		d->pod = k->svcs[i].npods > 0 ? (int)k->svcs[i].pods[0] : -1;
		return 1;
	}
	if (n == 3 && (i = mesh_i_map_get(&k->names, name, N_POD)) >= 0) {
		d->kind = D_POD;
		d->pod = i;
		return 1;
	}
	return 0;
}

/*
 * Resolve host h (normal form: lower case, no trailing dot) as the DNS of
 * a pod of namespace ns does, against the Services and pods of k: the
 * search path ns.svc.cluster.local, svc.cluster.local, cluster.local,
 * then h as it stands, the first name that exists winning. So a bare
 * Service name is looked up in ns only, and "NAME.NS", "NAME.NS.svc" and
 * the full form reach namespace NS; "HOST.SUB" is a pod of ns. When
 * nothing answers, a Service (for a bare name) or a pod (for "HOST.SUB")
 * of that name in another namespace is D_ELSEWHERE. Two probes a form.
 * Returns 0 with *d set, or -1 when out of memory (nomem set).
 */
static int
resolve(struct k8s *k, const char *h, const char *ns, struct dns *d)
{
	static const char full[] = ".svc.cluster.local";
	size_t len = strlen(h), n = 1, i, fl = sizeof(full) - 1;
	char *b;
	int s;

	d->kind = D_NONE;
	d->svc = d->pod = -1;
	for (i = 0; i < len; i++)
		n += h[i] == '.';
	if (n > 6)              /* longer than any name Kubernetes gives */
		return 0;
	if ((b = malloc(len + strlen(ns) + 2)) == NULL) {
		k->base.nomem = 1;
		return -1;
	}
	(void)snprintf(b, len + strlen(ns) + 2, "%s.%s", h, ns);
	if (dns_name(k, b, n + 1, d) || dns_name(k, h, n, d))
		goto done;
	if (n >= 3 && len > 4 && strcmp(h + len - 4, ".svc") == 0) {
		memcpy(b, h, len - 4);
		b[len - 4] = '\0';
		if (dns_name(k, b, n - 1, d))
			goto done;
	}
	if (n >= 5 && len > fl && strcmp(h + len - fl, full) == 0) {
		memcpy(b, h, len - fl);
		b[len - fl] = '\0';
		if (dns_name(k, b, n - 3, d))
			goto done;
	}
	if (n == 1 && (s = mesh_i_map_get(&k->names, h, N_SVC_NAME)) >= 0) {
		d->kind = D_ELSEWHERE;
		d->svc = s;
	} else if (n == 2 &&
	    (s = mesh_i_map_get(&k->names, h, N_POD_NAME)) >= 0) {
		d->kind = D_ELSEWHERE;
		d->pod = s;
	}
done:
	free(b);
	return 0;
}

/*
 * The route_host of each node (harper_nodes.h): the host a route of pod
 * from (one of k->nodes) is written with in the plan. The plan's names
 * are global, so a host Kubernetes resolves in the pod's namespace
 * (resolve()) is written as the full name of what it reaches
 * (NAME.NS.svc.cluster.local) unless the host as written already reaches
 * only that pod in the plan (no other pod has the name, no other node
 * has it as its own host): then it stays as written. A name only in
 * another namespace is warned (other-namespace) and written as the name
 * Kubernetes looks up in the pod's own (which names nothing), so that it
 * does not link. A host Kubernetes does not answer stays as written.
 * Returns host, or a string in the arena; NULL when out of memory (nomem
 * set).
 */
static const char *
route_host(void *ctx, const struct mesh_i_hnode *from, const char *name,
    const char *host, const struct mesh_i_pos *at, int owner)
{
	struct k8s *k = ctx;
	const struct pod *p = &k->pods[from - k->nodes];
	const char *ns = k->works[p->work].ns, *to = host;
	struct dns d;
	char *h = mesh_i_host_normal(host);
	int held, keep;

	if (h == NULL || resolve(k, h, ns, &d) != 0) {
		free(h);
		k->base.nomem = 1;
		return NULL;
	}
	if (d.kind == D_NONE) {
		free(h);
		return host;
	}
	held = mesh_i_map_get(&k->names, h, N_HOLDER);
	if (d.kind == D_ELSEWHERE || d.pod < 0)
		keep = held < 0 && owner < 0;
	else
		keep = held == d.pod && (owner < 0 || owner == d.pod) &&
		    mesh_i_map_get(&k->names, h, N_SEVERAL) < 0;
	if (d.kind == D_ELSEWHERE && d.svc >= 0)
		mesh_i_report(&k->base, MESH_WARNING, "other-namespace", at,
		    name, "route from '%s' to '%s' does not come up: "
		    "Kubernetes resolves '%s' in namespace %s only, and "
		    "Service '%s' is in namespace %s; no link; write %s.%s to "
		    "reach it", name, host, host, ns, k->svcs[d.svc].name,
		    k->svcs[d.svc].ns, k->svcs[d.svc].name, k->svcs[d.svc].ns);
	else if (d.kind == D_ELSEWHERE)
		mesh_i_report(&k->base, MESH_WARNING, "other-namespace", at,
		    name, "route from '%s' to '%s' does not come up: "
		    "Kubernetes resolves '%s' in namespace %s only, and pod "
		    "'%s' (%s) is in namespace %s; no link; write %s to reach "
		    "it", name, host, host, ns, k->pods[d.pod].name,
		    k->pods[d.pod].hosts[0], k->works[k->pods[d.pod].work].ns,
		    k->pods[d.pod].hosts[1]);
	if (!keep && d.kind == D_SVC)
		to = aprintf(k, "%s.%s.svc.cluster.local", k->svcs[d.svc].name,
		    k->svcs[d.svc].ns);
	else if (!keep && d.kind == D_POD)
		to = k->pods[d.pod].hosts[3];
	else if (!keep)
		to = aprintf(k, "%s.%s.svc.cluster.local", h, ns);
	free(h);
	return to;
}

/* The Service (with several pods) or the pod without a DNS name that
 * each route's host names, for the warnings after the build: the host
 * resolved from the namespace of the route's pod (resolve(); node i of
 * the plan is pod i), and one probe of the bare names of pods without a
 * DNS name. Out of memory sets nomem. */
static void
route_warnings(struct k8s *k, const struct mesh_plan *plan)
{
	size_t i, j;
	int s;

	for (i = 0; i < plan->nnodes && i < k->npods; i++) {
		const struct mesh_node *nd = &plan->nodes[i];
		const char *ns = k->works[k->pods[i].work].ns;

		for (j = 0; j < nd->nroutes; j++) {
			const struct mesh_route *rt = &nd->routes[j];
			const struct mesh_source *src;
			char *h = mesh_i_host_normal(rt->host);
			struct mesh_i_pos at;
			struct dns d;

			if (h == NULL || resolve(k, h, ns, &d) != 0) {
				k->base.nomem = 1;
				free(h);
				return;
			}
			at.file = k->base.file;
			at.line = rt->line;
			at.column = rt->column;
			src = mesh_plan_route_source(plan, (int)i, j);
			if (src != NULL && src->file)
				at.file = src->file;
			if (d.kind == D_SVC && k->svcs[d.svc].npods >= 2) {
				const struct svc *sv = &k->svcs[d.svc];
				const struct pod *first = &k->pods[sv->pods[0]];

				mesh_i_report(&k->base, MESH_WARNING,
				    "service-worst-case", &at, nd->name,
				    "route from '%s' to Service '%s', which "
				    "fronts %zu pods (%s, %s%s): it reaches "
				    "whichever pod answers, so meshsim links "
				    "it to %s only, the worst case for "
				    "failover; route to each pod's own name "
				    "instead",
				    nd->name, sv->name, sv->npods, first->name,
				    k->pods[sv->pods[1]].name, sv->npods > 2 ?
				    ", ..." : "", first->name);
			}
			if ((s = mesh_i_map_get(&k->names, h, N_NO_DNS)) >= 0)
				mesh_i_report(&k->base, MESH_WARNING,
				    "no-pod-dns", &at, nd->name, "route from "
				    "'%s' to '%s', the name of a pod that has "
				    "no DNS name (%s): Kubernetes would not "
				    "resolve it; meshsim links the route as "
				    "written", nd->name, h,
				    k->works[k->pods[s].work].kind == K_POD ?
				    "give it a hostname and a subdomain naming "
				    "a headless Service" : "Deployment and "
				    "ReplicaSet pods have random names; route "
				    "to a StatefulSet's pods or a Service");
			free(h);
		}
	}
}

/* An empty k, its diagnostics to diags. Cannot fail. */
static void
k8s_init(struct k8s *k, struct mesh_diags *diags)
{
	memset(k, 0, sizeof(*k));
	k->base.diags = diags;
	mesh_i_arena_init(&k->arena);
	mesh_i_imap_init(&k->cm_index);
	mesh_i_imap_init(&k->svc_index);
	mesh_i_map_init(&k->names);
}

/* Free everything k holds: the documents, the lists, the arena (every
 * string and array handed to the Harper nodes lives there). */
static void
k8s_free(struct k8s *k)
{
	size_t i;

	for (i = 0; i < k->nworks; i++) {
		free(k->works[i].vars);
		free(k->works[i].words);
	}
	free(k->docs);
	free(k->files);
	mesh_i_imap_free(&k->cm_index);
	mesh_i_imap_free(&k->svc_index);
	mesh_i_map_free(&k->names);
	free(k->cms);
	free(k->svcs);
	free(k->works);
	free(k->pods);
	mesh_i_arena_free(&k->arena);
}

/*
 * The plan of the manifests k has loaded (k->files, their documents):
 * read the objects, make the pods, build the plan (the plan's file is the
 * first file's). Returns what mesh_i_read_kubernetes() returns; k is
 * left for k8s_free().
 */
static enum mesh_error
manifests_plan(struct k8s *k, struct mesh_diags *diags,
    struct mesh_plan **out)
{
	enum mesh_error err = MESH_EINPUT;
	struct mesh_i_hnode *nodes;
	size_t i;

	k->base.file = k->files[0].file;
	read_objects(k);
	if (k->base.nomem || k->base.errors)
		goto done;
	if (k->nobjects == 0) {
		struct mesh_i_pos p = { k->base.file, 1, 1 };

		mesh_i_report(&k->base, MESH_ERROR, "empty-file", &p, NULL,
		    k->nfiles > 1 ? "the files hold no Kubernetes object" :
		    "the file holds no Kubernetes object");
		goto done;
	}
	if (index_objects(k) != 0)
		goto done;
	make_pods(k);
	if (k->base.nomem || k->base.errors)
		goto done;
	if (k->npods == 0) {
		struct mesh_i_pos p = { k->base.file, 0, 0 };

		mesh_i_report(&k->base, MESH_ERROR, "no-harper-pods", &p, NULL,
		    "no pod of these manifests runs Harper (a StatefulSet, "
		    "Deployment, ReplicaSet or Pod, not scaled to 0, whose "
		    "container has an image naming harper, Harper variables "
		    "or arguments, or a mounted harperdb-config.yaml)");
		goto done;
	}
	if (dns_index(k) != 0 ||
	    (nodes = alloc(k, k->npods, sizeof(*nodes))) == NULL)
		goto done;
	k->nodes = nodes;
	for (i = 0; i < k->npods && !k->base.nomem; i++) {
		make_node(k, &k->pods[i], &nodes[i]);
		nodes[i].route_host = route_host;
		nodes[i].route_ctx = k;
	}
	if (k->base.nomem)
		goto done;
	err = mesh_i_harper_build(nodes, k->npods, k->base.file, NULL, diags,
	    out);
	if (err == MESH_OK)
		route_warnings(k, *out);
done:
	if (k->base.nomem) {
		err = MESH_ENOMEM;
		mesh_plan_free(*out);
		*out = NULL;
	} else if (err == MESH_OK && k->base.errors) {
		err = MESH_EINPUT;
	}
	if (err != MESH_OK && *out != NULL) {
		mesh_plan_free(*out);
		*out = NULL;
	}
	return err;
}

enum mesh_error
mesh_i_read_kubernetes(const char *buf, size_t len, const char *file,
    struct mesh_diags *diags, struct mesh_plan **out)
{
	enum mesh_error err = MESH_EINPUT;
	struct k8s k;
	size_t cap = 0;

	*out = NULL;
	k8s_init(&k, diags);
	if (load_docs(&k, file != NULL ? file : "manifests.yaml", buf, len,
	    &cap) == 0)
		err = manifests_plan(&k, diags, out);
	else if (k.base.nomem)
		err = MESH_ENOMEM;
	k8s_free(&k);
	return err;
}

enum mesh_error
mesh_kubernetes_load(const char *const *paths, size_t n,
    struct mesh_diags *diags, struct mesh_plan **out)
{
	enum mesh_error err = MESH_EINVAL;
	char **bufs;
	size_t i, cap = 0, *lens;
	struct k8s k;

	*out = NULL;
	if (n == 0)
		return MESH_EINVAL;
	bufs = calloc(n, sizeof(*bufs));
	lens = calloc(n, sizeof(*lens));
	k8s_init(&k, diags);
	err = bufs == NULL || lens == NULL ? MESH_ENOMEM : MESH_OK;
	for (i = 0; i < n && err == MESH_OK; i++)
		err = mesh_i_read_input(paths[i], diags, &bufs[i], &lens[i]);
	/* Every file is loaded, so that each syntax error is reported. */
	for (i = 0; i < n && err == MESH_OK && !k.base.nomem; i++)
		(void)load_docs(&k, paths[i], bufs[i], lens[i], &cap);
	if (err == MESH_OK)
		err = k.base.nomem ? MESH_ENOMEM : k.base.errors ?
		    MESH_EINPUT : manifests_plan(&k, diags, out);
	k8s_free(&k);
	for (i = 0; bufs != NULL && i < n; i++)
		free(bufs[i]);
	free(bufs);
	free(lens);
	mesh_diags_sort(diags);
	return err;
}
