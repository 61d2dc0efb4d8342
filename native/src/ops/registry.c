/* SPDX-License-Identifier: Apache-2.0 */
/* The registry: every jk_op_def registered with JK_REGISTER_OP, which places a
 * pointer to it in the linker section "jk_ops"; the linker brackets the section
 * with __start_jk_ops / __stop_jk_ops. Sorted by name once, so indices are
 * stable for the life of the process. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"

extern const jk_op_def *const __start_jk_ops[];
extern const jk_op_def *const __stop_jk_ops[];

static const jk_op_def **sorted;
static int count;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int by_name(const void *a, const void *b) {
    return strcmp((*(const jk_op_def *const *)a)->name, (*(const jk_op_def *const *)b)->name);
}

static void build(void) {
    size_t n = (size_t)(__stop_jk_ops - __start_jk_ops);
    sorted = malloc((n ? n : 1) * sizeof *sorted);
    if (!sorted) return; /* count stays 0: no operation is found, every lookup fails cleanly */
    for (size_t i = 0; i < n; i++) sorted[i] = __start_jk_ops[i];
    qsort(sorted, n, sizeof *sorted, by_name);
    count = (int)n;
}

int jk_op_count(void) {
    pthread_once(&once, build);
    return count;
}

const jk_op_def *jk_op_at(int index) {
    return index >= 0 && index < jk_op_count() ? sorted[index] : NULL;
}

const jk_op_def *jk_op_find(const char *name) {
    if (!name) return NULL;
    for (int i = 0; i < jk_op_count(); i++)
        if (strcmp(sorted[i]->name, name) == 0) return sorted[i];
    return NULL;
}

jk_status jk_op_describe(const jk_op_def *op, jk_op_info *info) {
    if (!op || !info) return JK_ERR_NULL;
    if (info->size < sizeof *info) return JK_ERR_ARGUMENT; /* 0.1's size: the smallest there will be */
    jk_op_info d = {.size = info->size, .name = op->name, .slots = op->slots, .ints = op->ints,
                    .reals = op->reals, .result = (jk_result_kind)op->result, .flags = op->flags};
    for (int k = 0; k < JK_MAX_SLOTS; k++) {
        d.slot_type[k] = k < op->slots ? (jk_type)op->slot_type[k] : JK_TYPE_NONE;
        d.slot_role[k] = k < op->slots ? (jk_role)op->slot_role[k] : (jk_role)0;
    }
    memcpy(info, &d, sizeof d); /* a newer caller's larger struct keeps its later fields */
    return JK_OK;
}
