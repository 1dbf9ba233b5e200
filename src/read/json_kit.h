/* json_kit.h: what the JSON readers (plans, timelines, operations payloads, shard partials) share, on kit.h. */
#ifndef MESH_JSON_KIT_H
#define MESH_JSON_KIT_H

#include <cjson/cJSON.h>

#include "meshsim/meshsim.h"
#include "read/kit.h"

/*
 * Report (kit.h: mesh_i_report) at item's value, or at its key with
 * at_key, in r->file.
 */
void mesh_i_json_report(struct mesh_i_reader *r, enum mesh_severity sev,
    const char *code, const cJSON *item, int at_key, const char *node,
    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/* obj's member key, or NULL after reporting missing-key at obj: what
 * names obj in the message ("the request"). */
const cJSON *mesh_i_json_member(struct mesh_i_reader *r, const cJSON *obj,
    const char *key, const char *what, const char *node);

/* "an object", "a list", "a string", ... */
const char *mesh_i_json_type_name(const cJSON *v);

/* Report that v (what: "'port'") is not want ("an integer"). */
void mesh_i_json_wrong_type(struct mesh_i_reader *r, const cJSON *v,
    const char *what, const char *want, const char *node);

/* The room a seen array of mesh_i_json_members() needs for the known-key
 * list known, an array (not a pointer) ending in NULL. */
#define MESH_I_JSON_ROOM(known) (sizeof(known) / sizeof((known)[0]))

/* Duplicate keys of obj are errors; keys not in known (NULL-terminated,
 * any length) are warnings. what and node name the object in messages.
 * Out of memory for a long list: r->nomem set, nothing checked. */
void mesh_i_json_check_keys(struct mesh_i_reader *r, const cJSON *obj,
    const char *const *known, const char *what, const char *node);

/* The same check, in the same pass finding the members: seen[k] (room
 * for every key of known: MESH_I_JSON_ROOM()) is the first member named
 * known[k], or NULL. */
void mesh_i_json_members(struct mesh_i_reader *r, const cJSON *obj,
    const char *const *known, const char *what, const char *node,
    const cJSON **seen);

/* A port value: an integer 1-65535. Returns it, or 0 after reporting an
 * error (wrong-type, port-not-integer, port-range). */
int mesh_i_json_read_port(struct mesh_i_reader *r, const cJSON *v,
    const char *node);

/* A host value: non-empty text without white space, '/' or control
 * characters. Returns it, or NULL after reporting (wrong-type,
 * bad-host). */
const char *mesh_i_json_read_host(struct mesh_i_reader *r, const cJSON *v,
    const char *node);

#endif
