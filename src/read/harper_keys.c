/* harper_keys.c: Harper's config keys of both generations, and the unknown-key checks (did-you-mean, effect on the analysis) of YAML configs and env files. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/text.h"
#include "read/harper_keys.h"
#include "read/kit.h"
#include "base/util.h"

/*
 * Harper's keys, from ../shared/reference/harper-config-keys.md (the 4.7
 * defaults, the legacy NATS clustering defaults, the root JSON Schema of
 * 4.7.29) and the names of harperdb 4.7.29's config parameters and config
 * validation (names only). A segment "*" is any key (databases.NAME); "-"
 * is an entry of a list (a route). OPEN: Harper takes any key below (a
 * component's logging section, a TLS or mTLS block of several shapes);
 * such keys are not checked.
 */
enum { G_ANY, G_NATS, G_REPL };
#define OPEN    1

struct hkey {
	const char *path;
	const char *type;       /* section, boolean, integer, number, text,
				 * list, any */
	unsigned char gen;      /* G_NATS: legacy NATS clustering only;
				 * G_REPL: replication (4.4+) only */
	unsigned char flags;
};

static const struct hkey keys[] = {
	{ "http", "section", G_ANY, 0 },
	{ "http.compressionThreshold", "integer", G_ANY, 0 },
	{ "http.cors", "boolean", G_ANY, 0 },
	{ "http.corsAccessList", "list", G_ANY, 0 },
	{ "http.corsAccessControlAllowHeaders", "text", G_ANY, 0 },
	{ "http.headersTimeout", "integer", G_ANY, 0 },
	{ "http.keepAliveTimeout", "integer", G_ANY, 0 },
	{ "http.maxHeaderSize", "integer", G_ANY, 0 },
	{ "http.maxParamLength", "integer", G_ANY, 0 },
	{ "http.maxRequestBodySize", "integer", G_ANY, 0 },
	{ "http.requestQueueLimit", "integer", G_ANY, 0 },
	{ "http.port", "integer", G_ANY, 0 },
	{ "http.securePort", "integer", G_ANY, 0 },
	{ "http.mtls", "any", G_ANY, OPEN },
	{ "http.http2", "boolean", G_ANY, 0 },
	{ "http.timeout", "integer", G_ANY, 0 },
	{ "http.sessionAffinity", "text", G_ANY, 0 },
	{ "http.threadRange", "any", G_ANY, OPEN },
	{ "http.logging", "section", G_ANY, OPEN },
	{ "threads", "section", G_ANY, 0 },
	{ "threads.count", "integer", G_ANY, 0 },
	{ "threads.debug", "any", G_ANY, OPEN },
	{ "threads.maxHeapMemory", "number", G_ANY, 0 },
	{ "threads.heapSnapshotNearLimit", "boolean", G_ANY, 0 },
	{ "authentication", "section", G_ANY, 0 },
	{ "authentication.authorizeLocal", "boolean", G_ANY, 0 },
	{ "authentication.cacheTTL", "integer", G_ANY, 0 },
	{ "authentication.cookie", "section", G_ANY, 0 },
	{ "authentication.cookie.domains", "list", G_ANY, 0 },
	{ "authentication.cookie.expires", "text", G_ANY, 0 },
	{ "authentication.enableSessions", "boolean", G_ANY, 0 },
	{ "authentication.hashFunction", "text", G_ANY, 0 },
	{ "authentication.operationTokenTimeout", "text", G_ANY, 0 },
	{ "authentication.refreshTokenTimeout", "text", G_ANY, 0 },
	{ "authentication.logging", "section", G_ANY, OPEN },
	{ "analytics", "section", G_ANY, 0 },
	{ "analytics.aggregatePeriod", "integer", G_ANY, 0 },
	{ "analytics.replicate", "boolean", G_ANY, 0 },
	{ "analytics.logging", "section", G_ANY, OPEN },
	{ "replication", "section", G_REPL, 0 },
	{ "replication.hostname", "text", G_REPL, 0 },
	{ "replication.url", "text", G_REPL, 0 },
	{ "replication.databases", "any", G_REPL, OPEN },
	{ "replication.routes", "list", G_REPL, 0 },
	{ "replication.routes.-", "section", G_REPL, 0 },
	{ "replication.routes.-.hostname", "text", G_REPL, 0 },
	{ "replication.routes.-.host", "text", G_REPL, 0 },
	{ "replication.routes.-.port", "integer", G_REPL, 0 },
	{ "replication.routes.-.startTime", "text", G_REPL, 0 },
	{ "replication.startTime", "text", G_REPL, 0 },
	{ "replication.revokedCertificates", "list", G_REPL, 0 },
	{ "replication.port", "integer", G_REPL, 0 },
	{ "replication.securePort", "integer", G_REPL, 0 },
	{ "replication.enableRootCAs", "boolean", G_REPL, 0 },
	{ "replication.mtls", "section", G_REPL, OPEN },
	{ "replication.blobTimeout", "number", G_REPL, 0 },
	{ "replication.blobConcurrency", "number", G_REPL, 0 },
	{ "replication.failOver", "boolean", G_REPL, 0 },
	{ "replication.shard", "integer", G_REPL, 0 },
	{ "replication.maxPayload", "number", G_REPL, 0 },
	{ "replication.recordConcurrency", "number", G_REPL, 0 },
	{ "replication.copyTablesToCatchUp", "boolean", G_REPL, 0 },
	{ "replication.logging", "section", G_REPL, OPEN },
	{ "componentsRoot", "text", G_ANY, 0 },
	{ "localStudio", "section", G_ANY, 0 },
	{ "localStudio.enabled", "boolean", G_ANY, 0 },
	{ "logging", "section", G_ANY, 0 },
	{ "logging.auditAuthEvents", "section", G_ANY, 0 },
	{ "logging.auditAuthEvents.logFailed", "boolean", G_ANY, 0 },
	{ "logging.auditAuthEvents.logSuccessful", "boolean", G_ANY, 0 },
	{ "logging.auditLog", "boolean", G_ANY, 0 },
	{ "logging.auditRetention", "text", G_ANY, 0 },
	{ "logging.colors", "boolean", G_ANY, 0 },
	{ "logging.console", "boolean", G_ANY, 0 },
	{ "logging.external", "section", G_ANY, OPEN },
	{ "logging.file", "boolean", G_ANY, 0 },
	{ "logging.level", "text", G_ANY, 0 },
	{ "logging.path", "text", G_ANY, 0 },
	{ "logging.root", "text", G_ANY, 0 },
	{ "logging.rotation", "section", G_ANY, 0 },
	{ "logging.rotation.enabled", "boolean", G_ANY, 0 },
	{ "logging.rotation.compress", "boolean", G_ANY, 0 },
	{ "logging.rotation.interval", "text", G_ANY, 0 },
	{ "logging.rotation.maxSize", "text", G_ANY, 0 },
	{ "logging.rotation.path", "text", G_ANY, 0 },
	{ "logging.rotation.retention", "text", G_ANY, 0 },
	{ "logging.stdStreams", "boolean", G_ANY, 0 },
	{ "mqtt", "section", G_ANY, 0 },
	{ "mqtt.network", "section", G_ANY, 0 },
	{ "mqtt.network.port", "integer", G_ANY, 0 },
	{ "mqtt.network.securePort", "integer", G_ANY, 0 },
	{ "mqtt.network.mtls", "any", G_ANY, OPEN },
	{ "mqtt.port", "integer", G_ANY, 0 },
	{ "mqtt.securePort", "integer", G_ANY, 0 },
	{ "mqtt.webSocket", "boolean", G_ANY, 0 },
	{ "mqtt.requireAuthentication", "boolean", G_ANY, 0 },
	{ "mqtt.mtls", "any", G_ANY, OPEN },
	{ "mqtt.logging", "section", G_ANY, OPEN },
	{ "operationsApi", "section", G_ANY, 0 },
	{ "operationsApi.network", "section", G_ANY, 0 },
	{ "operationsApi.network.cors", "boolean", G_ANY, 0 },
	{ "operationsApi.network.corsAccessList", "list", G_ANY, 0 },
	{ "operationsApi.network.domainSocket", "text", G_ANY, 0 },
	{ "operationsApi.network.headersTimeout", "integer", G_ANY, 0 },
	{ "operationsApi.network.http2", "boolean", G_ANY, 0 },
	{ "operationsApi.network.https", "boolean", G_ANY, 0 },
	{ "operationsApi.network.keepAliveTimeout", "integer", G_ANY, 0 },
	{ "operationsApi.network.maxRequestBodySize", "integer", G_ANY, 0 },
	{ "operationsApi.network.port", "integer", G_ANY, 0 },
	{ "operationsApi.network.securePort", "integer", G_ANY, 0 },
	{ "operationsApi.network.timeout", "integer", G_ANY, 0 },
	{ "operationsApi.tls", "any", G_ANY, OPEN },
	{ "operationsApi.sysInfo", "section", G_ANY, OPEN },
	{ "rootPath", "text", G_ANY, 0 },
	{ "ignoreScripts", "boolean", G_ANY, 0 },
	{ "storage", "section", G_ANY, 0 },
	{ "storage.audit", "section", G_ANY, 0 },
	{ "storage.audit.path", "text", G_ANY, 0 },
	{ "storage.blobCleanupSpeed", "number", G_ANY, 0 },
	{ "storage.blobPaths", "any", G_ANY, OPEN },
	{ "storage.caching", "boolean", G_ANY, 0 },
	{ "storage.compactOnStart", "boolean", G_ANY, 0 },
	{ "storage.compactOnStartKeepBackup", "boolean", G_ANY, 0 },
	{ "storage.compression", "any", G_ANY, OPEN },
	{ "storage.debugLongTransactions", "boolean", G_ANY, 0 },
	{ "storage.encryption", "any", G_ANY, OPEN },
	{ "storage.maxFreeSpaceToLoad", "number", G_ANY, 0 },
	{ "storage.maxFreeSpaceToRetain", "number", G_ANY, 0 },
	{ "storage.maxTransactionOpenTime", "number", G_ANY, 0 },
	{ "storage.maxTransactionQueueTime", "text", G_ANY, 0 },
	{ "storage.noReadAhead", "boolean", G_ANY, 0 },
	{ "storage.overlappingSync", "boolean", G_ANY, 0 },
	{ "storage.pageSize", "number", G_ANY, 0 },
	{ "storage.path", "text", G_ANY, 0 },
	{ "storage.prefetchWrites", "boolean", G_ANY, 0 },
	{ "storage.reclamation", "section", G_ANY, OPEN },
	{ "storage.writeAsync", "boolean", G_ANY, 0 },
	{ "storage.logging", "section", G_ANY, OPEN },
	{ "tls", "section", G_ANY, 0 },
	{ "tls.certificate", "text", G_ANY, 0 },
	{ "tls.certificateAuthority", "text", G_ANY, 0 },
	{ "tls.ciphers", "text", G_ANY, 0 },
	{ "tls.privateKey", "text", G_ANY, 0 },
	{ "databases", "section", G_ANY, 0 },
	{ "databases.*", "section", G_ANY, 0 },
	{ "databases.*.path", "text", G_ANY, 0 },
	{ "databases.*.auditPath", "text", G_ANY, 0 },
	{ "databases.*.tables", "section", G_ANY, 0 },
	{ "databases.*.tables.*", "section", G_ANY, 0 },
	{ "databases.*.tables.*.path", "text", G_ANY, 0 },
	{ "customFunctions", "section", G_ANY, OPEN },
	{ "clustering", "section", G_NATS, 0 },
	{ "clustering.enabled", "boolean", G_NATS, 0 },
	{ "clustering.hubServer", "section", G_NATS, 0 },
	{ "clustering.hubServer.cluster", "section", G_NATS, 0 },
	{ "clustering.hubServer.cluster.name", "text", G_NATS, 0 },
	{ "clustering.hubServer.cluster.network", "section", G_NATS, 0 },
	{ "clustering.hubServer.cluster.network.port", "integer", G_NATS, 0 },
	{ "clustering.hubServer.cluster.network.routes", "list", G_NATS, 0 },
	{ "clustering.hubServer.cluster.network.routes.-", "section", G_NATS,
	    0 },
	{ "clustering.hubServer.cluster.network.routes.-.host", "text", G_NATS,
	    0 },
	{ "clustering.hubServer.cluster.network.routes.-.port", "integer",
	    G_NATS, 0 },
	{ "clustering.hubServer.leafNodes", "section", G_NATS, 0 },
	{ "clustering.hubServer.leafNodes.network", "section", G_NATS, 0 },
	{ "clustering.hubServer.leafNodes.network.port", "integer", G_NATS, 0 },
	{ "clustering.hubServer.network", "section", G_NATS, 0 },
	{ "clustering.hubServer.network.port", "integer", G_NATS, 0 },
	{ "clustering.leafServer", "section", G_NATS, 0 },
	{ "clustering.leafServer.network", "section", G_NATS, 0 },
	{ "clustering.leafServer.network.port", "integer", G_NATS, 0 },
	{ "clustering.leafServer.network.routes", "list", G_NATS, 0 },
	{ "clustering.leafServer.network.routes.-", "section", G_NATS, 0 },
	{ "clustering.leafServer.network.routes.-.host", "text", G_NATS, 0 },
	{ "clustering.leafServer.network.routes.-.port", "integer", G_NATS, 0 },
	{ "clustering.leafServer.streams", "section", G_NATS, 0 },
	{ "clustering.leafServer.streams.maxAge", "integer", G_NATS, 0 },
	{ "clustering.leafServer.streams.maxBytes", "integer", G_NATS, 0 },
	{ "clustering.leafServer.streams.maxMsgs", "integer", G_NATS, 0 },
	{ "clustering.leafServer.streams.maxConsumeMsgs", "integer", G_NATS,
	    0 },
	{ "clustering.leafServer.streams.maxIngestThreads", "integer", G_NATS,
	    0 },
	{ "clustering.leafServer.streams.path", "text", G_NATS, 0 },
	{ "clustering.logLevel", "text", G_NATS, 0 },
	{ "clustering.nodeName", "text", G_NATS, 0 },
	{ "clustering.republishMessages", "boolean", G_NATS, 0 },
	{ "clustering.databaseLevel", "boolean", G_NATS, 0 },
	{ "clustering.tls", "section", G_NATS, 0 },
	{ "clustering.tls.certificate", "text", G_NATS, 0 },
	{ "clustering.tls.certificateAuthority", "text", G_NATS, 0 },
	{ "clustering.tls.privateKey", "text", G_NATS, 0 },
	{ "clustering.tls.insecure", "boolean", G_NATS, 0 },
	{ "clustering.tls.verify", "boolean", G_NATS, 0 },
	{ "clustering.user", "text", G_NATS, 0 },
};
#define NKEYS   (sizeof(keys) / sizeof(keys[0]))

/*
 * What an unread key does to meshsim's analysis (and to Harper): by the
 * path of the key it should have been. pre NODE post; post NULL: no name.
 */
struct effect {
	const char *path;
	const char *pre, *post;
	int major;              /* said for a key above it too */
};

static const struct effect effects[] = {
	{ "clustering.enabled", "clustering.enabled is not read (the "
	    "generation is decided by the other keys)", NULL, 1 },
	{ "clustering.nodeName", "", "'s name is taken from the file name "
	    "instead", 1 },
	{ "clustering.hubServer.cluster.network.port", "the default port "
	    "9932 is used", NULL, 0 },
	{ "clustering.hubServer.cluster.network.routes", "no routes are read "
	    "for ", " (from this file)", 1 },
	{ "clustering.hubServer.cluster.network.routes.-.host", "the route "
	    "has no host", NULL, 0 },
	{ "clustering.hubServer.cluster.network.routes.-.port", "the route "
	    "dials the default port 9932", NULL, 0 },
	{ "clustering.leafServer.network.routes", "no leaf routes are read "
	    "for ", " (from this file)", 0 },
	{ "replication.hostname", "", "'s name and host are taken from "
	    "replication.url, the inventory or the file name instead", 1 },
	{ "replication.url", "replication.url is not read", NULL, 0 },
	{ "replication.port", "replication.port is not read (the port is "
	    "replication.securePort, else the default 9933)", NULL, 0 },
	{ "replication.securePort", "replication.securePort is not read (the "
	    "port is replication.port, else the default 9933)", NULL, 0 },
	{ "replication.routes", "no routes are read for ", " (from this "
	    "file)", 1 },
	{ "replication.routes.-.hostname", "the route has no hostname",
	    NULL, 0 },
	{ "replication.routes.-.port", "the route dials the node's own "
	    "port", NULL, 0 },
	{ "operationsApi.network.port", "operationsApi.network.port is not "
	    "read", NULL, 0 },
	{ "operationsApi.network.securePort", "operationsApi.network."
	    "securePort is not read", NULL, 0 },
};

/* Env names of Harper's legacy parameters, and the key each stands for. */
static const struct {
	const char *name, *path;
} aliases[] = {
	{ "CLUSTERING", "clustering.enabled" },
	{ "CLUSTERING_ENABLED_KEY", "clustering.enabled" },
	{ "CLUSTERING_NODE_NAME_KEY", "clustering.nodeName" },
	{ "CLUSTERING_PORT", "clustering.hubServer.cluster.network.port" },
	{ "NODE_NAME", "clustering.nodeName" },
	{ "HTTP_SECURE_ENABLED_KEY", "operationsApi.network.https" },
	{ "HTTP_THREADS", "threads.count" },
	{ "LOGGING_CONSOLE", "logging.console" },
	{ "OPERATIONSAPI_ROOT", "rootPath" },
	{ "THREADS", "threads.count" },
	{ "HARPER_DEFAULT_CONFIG", NULL },
	{ "HARPER_SET_CONFIG", NULL },
};
#define NALIASES (sizeof(aliases) / sizeof(aliases[0]))

/* Env names that start like a section but are not Harper's. */
static const char *const not_harper[] = { "HTTP_PROXY" };

/*
 * The optimal-string-alignment (restricted Damerau-Levenshtein) distance
 * of a[0..la) and b (NUL-terminated), ignoring ASCII case
 * (mesh_i_edit_distance); 99 when either is longer than MESH_I_EDIT_MAX
 * or when near (a's bytes, mesh_i_near_init) shows it above 2: only
 * distances up to 2 are of use, and the cheap bound keeps a lookup
 * against every key linear.
 */
static int
distance(const char *a, size_t la, struct mesh_i_near *near, const char *b)
{
	char ab[MESH_I_EDIT_MAX + 1];
	size_t d;

	if (la > MESH_I_EDIT_MAX || !mesh_i_near_may(near, b, 2))
		return 99;
	memcpy(ab, a, la);
	ab[la] = '\0';
	d = mesh_i_edit_distance(ab, b, MESH_I_EDIT_MAX,
	    MESH_I_EDIT_FOLD | MESH_I_EDIT_SWAP);
	return d > 99 ? 99 : (int)d;
}

/* Whether the path pattern p (segments may be "*") names path s, both of
 * n segments compared whole. One pass over the bytes: most patterns
 * differ from s within a few. */
static int
match(const char *p, const char *s)
{
	for (;;) {
		if (p[0] == '*' && (p[1] == '.' || p[1] == '\0')) {
			/* Any segment but an empty one. */
			if (*s == '.' || *s == '\0')
				return 0;
			while (*s != '.' && *s != '\0')
				s++;
			p++;
		} else {
			while (*p != '.' && *p != '\0' && *p == *s) {
				p++;
				s++;
			}
		}
		/* Both at a segment's end, the same one ('.' or the end). */
		if (*p != *s || (*p != '.' && *p != '\0'))
			return 0;
		if (*p == '\0')
			return 1;
		p++;
		s++;
	}
}

/* Write the env name of entry path into buf: capitals, '_' for '.'.
 * Returns 0, or -1 when the path has a "*" or "-" segment. */
static int
env_name(const char *path, char *buf, size_t size)
{
	size_t i;

	if (strstr(path, "*") != NULL || strstr(path, ".-") != NULL ||
	    strlen(path) >= size)
		return -1;
	for (i = 0; path[i] != '\0'; i++)
		buf[i] = path[i] == '.' ? '_' : (char)(path[i] >= 'a' &&
		    path[i] <= 'z' ? path[i] - 32 : path[i]);
	buf[i] = '\0';
	return 0;
}

/*
 * What the lookups need of the table, made once (pthread_once) on first
 * use: the entries without "*" in the order of their paths, for a binary
 * search; those with "*", in the table's order; and each entry's env
 * name ("" when it has none) and the length of its path.
 */
#define ENV_MAX 256
static struct {
	unsigned short sorted[NKEYS], wild[NKEYS];
	size_t nsorted, nwild;
	size_t len[NKEYS];
	char env[NKEYS][ENV_MAX];
} ix;
static pthread_once_t ix_once = PTHREAD_ONCE_INIT;

static int
by_path(const void *a, const void *b)
{
	unsigned short x = *(const unsigned short *)a;
	unsigned short y = *(const unsigned short *)b;
	int c = strcmp(keys[x].path, keys[y].path);

	return c != 0 ? c : (x > y) - (x < y);
}

static void
ix_make(void)
{
	size_t i;

	for (i = 0; i < NKEYS; i++) {
		if (strchr(keys[i].path, '*') != NULL)
			ix.wild[ix.nwild++] = (unsigned short)i;
		else
			ix.sorted[ix.nsorted++] = (unsigned short)i;
		ix.len[i] = strlen(keys[i].path);
		if (env_name(keys[i].path, ix.env[i], ENV_MAX) != 0)
			ix.env[i][0] = '\0';
	}
	qsort(ix.sorted, ix.nsorted, sizeof(ix.sorted[0]), by_path);
}

/* The first entry in the table's order whose pattern names path, or
 * NULL: a pattern without "*" names only its own path, found by binary
 * search; those with "*" are few and tried in turn. */
static const struct hkey *
find(const char *path)
{
	size_t lo = 0, hi, mid, best = NKEYS, i;

	pthread_once(&ix_once, ix_make);
	hi = ix.nsorted;
	while (lo < hi) {       /* the first path not below path */
		mid = lo + (hi - lo) / 2;
		if (strcmp(keys[ix.sorted[mid]].path, path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < ix.nsorted && strcmp(keys[ix.sorted[lo]].path, path) == 0)
		best = ix.sorted[lo];
	for (i = 0; i < ix.nwild && ix.wild[i] < best; i++)
		if (match(keys[ix.wild[i]].path, path)) {
			best = ix.wild[i];
			break;
		}
	return best < NKEYS ? &keys[best] : NULL;
}

/* The last segment of a path. */
static const char *
last(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot ? dot + 1 : path;
}

/* Whether entry path e is a child of parent (the path written, "" for the
 * root): its pattern less the last segment matches parent. */
static int
child_of(const char *e, const char *parent)
{
	const char *l = last(e);
	char buf[256];
	size_t n;

	if (l == e)
		return *parent == '\0';
	n = (size_t)(l - e - 1);
	if (n >= sizeof(buf) || *parent == '\0')
		return 0;
	memcpy(buf, e, n);
	buf[n] = '\0';
	return match(buf, parent);
}

/* Append the effects on the analysis of a key meant to be at path: its
 * own, and the major ones of the keys below it that meshsim reads. */
static void
add_effects(struct mesh_i_buf *b, const char *path, const char *node)
{
	size_t i, n = strlen(path);
	int any = 0;

	for (i = 0; i < sizeof(effects) / sizeof(effects[0]); i++) {
		const struct effect *e = &effects[i];

		if (strncmp(e->path, path, n) != 0 || (e->path[n] != '\0' &&
		    e->path[n] != '.'))
			continue;
		/* A route entry's key only when the key meant is in one. */
		if (strstr(e->path + n, ".-.") != NULL ||
		    (e->path[n] != '\0' && !e->major))
			continue;
		mesh_i_buf_puts(b, any ? "; " : ": ");
		mesh_i_buf_puts(b, e->pre);
		if (e->post != NULL) {
			mesh_i_buf_puts(b, node);
			mesh_i_buf_puts(b, e->post);
		}
		any = 1;
	}
}

/* The closest key to key (klen bytes) among the children of parent
 * (siblings), else among all keys (anywhere): its entry, or NULL; *dist
 * set. A candidate must be within 2 edits and half its length. */
static const struct hkey *
closest(const char *key, size_t klen, const char *parent, int siblings,
    int *dist)
{
	const struct hkey *best = NULL;
	struct mesh_i_near near;
	size_t i;
	int d, bd = 99;

	mesh_i_near_init(&near, key, klen);
	for (i = 0; i < NKEYS; i++) {
		const char *l = last(keys[i].path);
		size_t ll = strlen(l);

		if (strcmp(l, "*") == 0 || strcmp(l, "-") == 0)
			continue;
		if (siblings && !child_of(keys[i].path, parent))
			continue;
		d = distance(key, klen, &near, l);
		if (d <= 2 && 2 * (size_t)d <= ll && d < bd) {
			bd = d;
			best = &keys[i];
		}
	}
	*dist = bd;
	return best;
}

/* The entry elsewhere whose last segment is exactly key: the one sharing
 * the longest leading part with parent, or NULL. */
static const struct hkey *
elsewhere(const char *key, const char *parent)
{
	const struct hkey *best = NULL;
	size_t i, common, bc = 0;

	for (i = 0; i < NKEYS; i++) {
		if (strcmp(last(keys[i].path), key) != 0 ||
		    strchr(keys[i].path, '*') != NULL)
			continue;
		for (common = 0; parent[common] != '\0' &&
		    parent[common] == keys[i].path[common]; common++)
			;
		if (best == NULL || common > bc) {
			best = &keys[i];
			bc = common;
		}
	}
	return best;
}

/* The parent of an entry's path, into buf ("" for a root key). */
static void
parent_of(const char *path, char *buf, size_t size)
{
	const char *l = last(path);
	size_t n = l == path ? 0 : (size_t)(l - path - 1);

	if (n >= size)
		n = size - 1;
	memcpy(buf, path, n);
	buf[n] = '\0';
}

/* Where path is, for a message: "at the top level", "in 'a.b'", "in an
 * entry of 'a.b'" (for "a.b.-"). */
static void
place(const char *path, char *buf, size_t size)
{
	size_t n = strlen(path);

	if (n == 0)
		snprintf(buf, size, "at the top level");
	else if (n >= 2 && strcmp(path + n - 2, ".-") == 0)
		snprintf(buf, size, "in an entry of '%.*s'", (int)(n - 2),
		    path);
	else
		snprintf(buf, size, "in '%s'", path);
}

/* Warn about key (a scalar in the mapping at parent) at line:column. */
static int
warn_key(const char *key, const char *parent, const char *file, int line,
    int column, const char *node, struct mesh_diags *d)
{
	const struct hkey *k;
	struct mesh_i_buf b;
	char where[256], full[320], kp[256];
	char *msg;
	int dist, rc;

	mesh_i_buf_init(&b);
	place(parent, where, sizeof(where));
	snprintf(full, sizeof(full), "%s%s%s", parent, *parent ? "." : "",
	    key);
	if (strchr(key, '.') != NULL && (k = find(full)) != NULL) {
		/* clustering.enabled: true, written as one key. */
		mesh_i_buf_printf(&b, "key '%s' %s is one key to Harper, not a "
		    "path: Harper ignores it; write it nested", key, where);
		add_effects(&b, k->path, node);
	} else if ((k = closest(key, strlen(key), parent, 1, &dist)) != NULL &&
	    strcasecmp(last(k->path), key) == 0) {
		/* A YAML key differing only in case. */
		snprintf(full, sizeof(full), "%s%s%s", parent, *parent ? "." :
		    "", last(k->path));
		mesh_i_buf_printf(&b, "key '%s' %s is not Harper's '%s' (YAML "
		    "keys are case-sensitive): Harper reads some keys "
		    "exactly as written (the hub routes, the NATS server's "
		    "name) and others lower-cased, so it may be used in "
		    "some places and not in others; meshsim does not read "
		    "it", key, where, last(k->path));
		add_effects(&b, full, node);
		mesh_i_buf_printf(&b, "; write '%s'", last(k->path));
	} else if (k != NULL) {
		snprintf(full, sizeof(full), "%s%s%s", parent, *parent ? "." :
		    "", last(k->path));
		mesh_i_buf_printf(&b, "unknown key '%s' %s (did you mean '%s'?): "
		    "Harper ignores it", key, where, last(k->path));
		add_effects(&b, full, node);
	} else if ((k = elsewhere(key, parent)) != NULL) {
		parent_of(k->path, full, sizeof(full));
		place(full, kp, sizeof(kp));
		mesh_i_buf_printf(&b, "key '%s' is not a key %s: Harper reads "
		    "it only %s, and ignores it here", key, where, kp);
		add_effects(&b, k->path, node);
	} else if ((k = closest(key, strlen(key), parent, 0, &dist)) !=
	    NULL) {
		parent_of(k->path, full, sizeof(full));
		place(full, kp, sizeof(kp));
		mesh_i_buf_printf(&b, "unknown key '%s' %s (did you mean '%s', a "
		    "key %s?): Harper ignores it", key, where, last(k->path),
		    kp);
		add_effects(&b, k->path, node);
	} else {
		mesh_i_buf_printf(&b, "unknown key '%s' %s: Harper ignores it",
		    key, where);
	}
	if ((msg = mesh_i_buf_take(&b)) == NULL)
		return -1;
	rc = mesh_diags_add(d, MESH_WARNING, "unknown-key", file, line, column,
	    node, "%s", msg);
	free(msg);
	return rc;
}

/* Whether mapping n holds a scalar key `package`. */
static int
has_package(yaml_document_t *doc, const yaml_node_t *n)
{
	yaml_node_pair_t *p;
	yaml_node_t *k;

	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		k = yaml_document_get_node(doc, p->key);
		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, "package") == 0)
			return 1;
	}
	return 0;
}

/* warn_key() for key node k, at its place in the text o describes. */
static int
warn_at(const char *key, const char *path, const struct mesh_i_hk_origin *o,
    const yaml_node_t *k, const char *node, struct mesh_diags *d)
{
	int ml = (int)k->start_mark.line, mc = (int)k->start_mark.column;

	if (o->line == 0)
		return warn_key(key, path, o->file, ml + 1, mc + 1, node, d);
	return warn_key(key, path, o->file, o->line + ml, ml == 0 ?
	    o->column + mc : o->indent + mc + 1, node, d);
}

/* path "." key (key alone at the root, path "") into buf of size bytes.
 * Returns 0, or -1 when it does not fit (buf is then not a path). */
static int
join(char *buf, size_t size, const char *path, const char *key)
{
	size_t lp = strlen(path), lk = strlen(key), n;

	n = lp + (lp > 0) + lk;
	if (n >= size)
		return -1;
	memcpy(buf, path, lp);
	if (lp > 0)
		buf[lp++] = '.';
	memcpy(buf + lp, key, lk + 1);
	return 0;
}

/* Check the children of n, at path (depth levels down). A node reached
 * again through an alias is checked once (seen: one flag per node of
 * doc), so that aliases cannot make the walk exponential. */
static int
walk(yaml_document_t *doc, yaml_node_t *n, const char *path,
    const struct mesh_i_hk_origin *o, const char *node, struct mesh_diags *d,
    int depth, unsigned char *seen)
{
	const struct hkey *e;
	yaml_node_pair_t *p;
	yaml_node_item_t *it;
	yaml_node_t *k, *v;
	char sub[256];

	if (depth > 32 || seen[n - doc->nodes.start])
		return 0;
	seen[n - doc->nodes.start] = 1;
	if (n->type == YAML_SEQUENCE_NODE) {
		/* Entries are checked where the table has them (routes). */
		snprintf(sub, sizeof(sub), "%s.-", path);
		if (find(sub) == NULL)
			return 0;
		for (it = n->data.sequence.items.start;
		    it < n->data.sequence.items.top; it++) {
			v = yaml_document_get_node(doc, *it);
			if (v != NULL && v->type == YAML_MAPPING_NODE &&
			    walk(doc, v, sub, o, node, d, depth + 1,
			    seen) != 0)
				return -1;
		}
		return 0;
	}
	if (n->type != YAML_MAPPING_NODE)
		return 0;
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		const char *key;

		k = yaml_document_get_node(doc, p->key);
		v = yaml_document_get_node(doc, p->value);
		if (k == NULL || v == NULL || k->type != YAML_SCALAR_NODE)
			continue;
		key = (const char *)k->data.scalar.value;
		/* A dotted key is one key to Harper, never a path. */
		if (strchr(key, '.') != NULL) {
			if (warn_at(key, path, o, k, node, d) != 0)
				return -1;
			continue;
		}
		/* A component declaration at the root: its own keys. */
		if (*path == '\0' && v->type == YAML_MAPPING_NODE &&
		    has_package(doc, v))
			continue;
		if (join(sub, sizeof(sub), path, key) != 0)
			continue;
		if ((e = find(sub)) == NULL) {
			if (warn_at(key, path, o, k, node, d) != 0)
				return -1;
			continue;
		}
		/* Below a leaf, or a value of the wrong kind: not checked
		 * (the reader reports a wrong type where it matters). */
		if ((e->flags & OPEN) || (v->type == YAML_MAPPING_NODE &&
		    strcmp(e->type, "section") != 0) ||
		    (v->type == YAML_SEQUENCE_NODE &&
		    strcmp(e->type, "list") != 0))
			continue;
		if (walk(doc, v, sub, o, node, d, depth + 1, seen) != 0)
			return -1;
	}
	return 0;
}

int
mesh_i_harper_keys_walk(yaml_document_t *doc,
    const struct mesh_i_hk_origin *o, const char *node, struct mesh_diags *d)
{
	yaml_node_t *root = yaml_document_get_root_node(doc);
	unsigned char *seen;
	int rc;

	if (root == NULL || root->type != YAML_MAPPING_NODE)
		return 0;
	seen = calloc((size_t)(doc->nodes.top - doc->nodes.start), 1);
	if (seen == NULL)
		return -1;
	rc = walk(doc, root, "", o, node, d, 0, seen);
	free(seen);
	return rc;
}

const char *
mesh_i_harper_keys_env_alias(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < NALIASES; i++)
		if (strlen(aliases[i].name) == len &&
		    strncasecmp(aliases[i].name, name, len) == 0)
			return aliases[i].path;
	return NULL;
}

int
mesh_i_harper_keys_env(const char *name, size_t len, const char *file, int line,
    int column, const char *node, struct mesh_diags *d)
{
	const struct hkey *best = NULL;
	struct mesh_i_near near;
	struct mesh_i_buf b;
	const char *env;
	char bestname[256];
	size_t i, sl;
	int dist, bd = 99, looks = 0, rc;
	char *msg;

	for (i = 0; i < NALIASES; i++)
		if (strlen(aliases[i].name) == len &&
		    strncasecmp(aliases[i].name, name, len) == 0)
			return 0;
	for (i = 0; i < sizeof(not_harper) / sizeof(not_harper[0]); i++)
		if (strlen(not_harper[i]) == len &&
		    strncasecmp(not_harper[i], name, len) == 0)
			return 0;
	pthread_once(&ix_once, ix_make);
	mesh_i_near_init(&near, name, len);
	for (i = 0; i < NKEYS; i++) {
		/* Its env name is as long as its path: more than 2 bytes
		 * longer or shorter than name, it is neither name nor near
		 * it, and only a top-level key can start it. */
		sl = ix.len[i];
		if ((sl > len + 2 || len > sl + 2) &&
		    strchr(keys[i].path, '.') != NULL)
			continue;
		env = ix.env[i];
		if (*env == '\0')
			continue;
		if (sl == len && strncasecmp(env, name, len) == 0)
			return 0;       /* a key of Harper's */
		/* A top-level section and '_': looks like one. */
		if (strchr(keys[i].path, '.') == NULL && len > sl &&
		    strncasecmp(env, name, sl) == 0 && name[sl] == '_')
			looks = 1;
		dist = distance(name, len, &near, env);
		if (dist < bd) {
			bd = dist;
			best = &keys[i];
			snprintf(bestname, sizeof(bestname), "%s", env);
		}
	}
	if (!looks && (bd > 2 || 2 * (size_t)bd > strlen(bestname)))
		return 0;
	mesh_i_buf_init(&b);
	mesh_i_buf_printf(&b, "'%.*s' is not a Harper config key", (int)len,
	    name);
	if (best != NULL && bd <= 2 && 2 * (size_t)bd <= strlen(bestname)) {
		mesh_i_buf_printf(&b, " (did you mean '%s', %s?): Harper "
		    "ignores it", bestname, best->path);
		add_effects(&b, best->path, node);
	} else {
		mesh_i_buf_puts(&b, ": Harper ignores it");
	}
	if ((msg = mesh_i_buf_take(&b)) == NULL)
		return -1;
	rc = mesh_diags_add(d, MESH_WARNING, "unknown-key", file, line, column,
	    node, "%s", msg);
	free(msg);
	return rc != 0 ? -1 : 1;
}
