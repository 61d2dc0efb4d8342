/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GEMM: C = alpha * op(A) * op(B) + beta * C, column-major (the Java facade turns row-major calls into
 * column-major ones by swapping A and B). The loops of the BLIS structure around the kit's macro-kernel
 * (kernels/gemm.h): for each NC-column block of C, for each KC block of the inner dimension, the team packs
 * op(B)'s KC x NC block together (each member some micro-panels, into member 0's scratch, which outlives the
 * call: no allocation and no page faults per call), meets at a barrier, then every member
 * updates its own rectangle of the C block, packing the MC x KC blocks of op(A) it needs into its scratch;
 * a second barrier keeps the packed B until everyone is done with it.
 *
 * Invariants:
 *  - The inner dimension is never split, and the blocks are the kit's, so each element of C gets the same
 *    operations in the same order whatever the team size and whoever computes it (gemm.h): the same bits
 *    for every thread count on one ISA path.
 *  - alpha == 0 or k == 0 reads neither A nor B (BLAS): C = beta * C, and beta == 0 stores zeros.
 *  - beta == 0 never reads C.
 *
 * Slots: A, B (read), C (read and written). Integers: transA, transB (0 or 1), m, n, k, lda, ldb, ldc.
 * Reals: alpha, beta (a float operation's are floats, exactly representable). Slot lengths are at least
 * the extents the shapes reach.
 */
#include <stdlib.h>

#include "ops.h"
#include "../kernels/gemm.h"

JK_KERNEL_VARIANTS(jk_gemm_kit_shape, gemm_f64);
JK_KERNEL_VARIANTS(jk_gemm_kit_shape, gemm_f32);

/* Below this many multiply-adds a team costs more than it saves. */
#define GEMM_TEAM_FROM ((uint64_t)1 << 18)
/* C elements per chunk of the beta-only scaling. */
#define SCALE_GRAIN 65536

typedef struct {
    const jk_gemm_kit *kit;
    size_t packed_b_bytes; /* KC x min(NC, n rounded up to NR): the team's packed B, in member 0's scratch */
} gemm_state;

typedef struct {
    int trans_a, trans_b;
    size_t m, n, k, lda, ldb, ldc;
    double alpha, beta;
} gemm_shape;

/* f32: alpha and beta as the float kernels use them (a double alpha of 1e-50 is a float 0: A and B unread). */
static gemm_shape shape_of(const jk_args *a, int f32) {
    return (gemm_shape){.trans_a = (int)a->i[0], .trans_b = (int)a->i[1], .m = (size_t)a->i[2],
                        .n = (size_t)a->i[3], .k = (size_t)a->i[4], .lda = (size_t)a->i[5],
                        .ldb = (size_t)a->i[6], .ldc = (size_t)a->i[7],
                        .alpha = f32 ? (double)(float)a->d[0] : a->d[0], .beta = f32 ? (double)(float)a->d[1] : a->d[1]};
}

static int is_f32(const jk_op *op) { return op->def->slot_type[2] == JK_TYPE_F32; }

static size_t min_size(size_t a, size_t b) { return a < b ? a : b; }
static size_t round_up(size_t x, size_t to) { return (x + to - 1) / to * to; }

/* Elements a column-major rows x cols matrix with leading dimension ld reaches. */
static size_t extent(size_t rows, size_t cols, size_t ld) { return rows && cols ? ld * (cols - 1) + rows : 0; }

/* Element (i, j) of op(X), where X is stored column-major with leading dimension ld. */
static const char *at(const char *x, size_t ld, int trans, size_t i, size_t j, size_t size) {
    return x + (trans ? j + i * ld : i + j * ld) * size;
}

/* The team's rows x columns grid for an m x nc block: the split whose busiest member has the fewest
 * micro-tiles; among equals, more row groups when B is packed (members of one row group pack the same A),
 * more column groups when B is read in place (a member's B panels then serve all of its rows). */
static void split_grid(int t, size_t m_tiles, size_t n_tiles, int prefer_rows, int *tm, int *tn) {
    size_t best = SIZE_MAX;
    for (int i = 0; i < t; i++) {
        int rows = prefer_rows ? t - i : i + 1;
        if (t % rows) continue;
        int cols = t / rows;
        size_t load = ((m_tiles + (size_t)rows - 1) / (size_t)rows) * ((n_tiles + (size_t)cols - 1) / (size_t)cols);
        if (load < best) {
            best = load;
            *tm = rows;
            *tn = cols;
        }
    }
}

/* The job's status once it stopped (cancelled, or a member failed), else 0: for members that meet no barrier. */
static int stop_status(jk_rt_self *self) { return jk_rt_stopped(self) ? jk_rt_barrier(self) : JK_OK; }

static int gemm_team(void *ctx, jk_rt_self *self) {
    jk_op *op = ctx;
    gemm_state *s = JK_OP_STATE(op, gemm_state);
    const jk_gemm_kit *kit = s->kit;
    gemm_shape g = shape_of(&op->args, is_f32(op));
    const char *a = jk_op_slot(op, 0, 0), *b = jk_op_slot(op, 1, 0);
    char *c = jk_op_slot(op, 2, 0);
    size_t es = kit->size, a_bytes = kit->mc * kit->kc * es; /* a multiple of 64: what follows stays aligned */
    /* In place: with A one block high, each B element meets one block of A, so packing B would only copy it;
     * the members then share nothing and meet no barrier. Decided by the shape alone (the same bits). */
    int in_place = g.m <= kit->mc;
    size_t extra = in_place ? round_up(kit->kc * kit->nr * es, 64) : self->rank == 0 ? s->packed_b_bytes : 0;
    char *packed_a = jk_rt_scratch(self, a_bytes + extra), *packed_b = NULL;
    if (in_place && !packed_a) return JK_ERR_NOMEM;
    if (!in_place) {
        packed_b = jk_rt_broadcast(self, self->rank == 0 && packed_a ? packed_a + a_bytes : NULL);
        if (!packed_b) { /* every member sees it, so nobody waits at a barrier; a stopped job keeps its status */
            int st = stop_status(self);
            return st ? st : JK_ERR_NOMEM;
        }
    }
    /* A member without scratch packs its share of B, meets the first barrier and returns: the job stops, and
     * the others give up at their next barrier. */
    int failed = packed_a ? JK_OK : JK_ERR_NOMEM;
    for (size_t jc = 0; jc < g.n; jc += kit->nc) {
        size_t nc = min_size(kit->nc, g.n - jc), n_tiles = (nc + kit->nr - 1) / kit->nr;
        size_t m_tiles = (g.m + kit->mr - 1) / kit->mr;
        int tm = 1, tn = 1;
        split_grid(self->size, m_tiles, n_tiles, !in_place, &tm, &tn);
        size_t r0, r1, c0, c1, p0, p1;
        jk_op_share(m_tiles, tm, self->rank / tn, &r0, &r1);
        jk_op_share(n_tiles, tn, self->rank % tn, &c0, &c1);
        jk_op_share(n_tiles, self->size, self->rank, &p0, &p1);
        r0 *= kit->mr, r1 = min_size(r1 * kit->mr, g.m), c0 *= kit->nr, c1 = min_size(c1 * kit->nr, nc);
        for (size_t pc = 0; pc < g.k; pc += kit->kc) {
            size_t kc = min_size(kit->kc, g.k - pc);
            int st;
            if (!in_place) {
                if (p1 > p0) {
                    size_t first = p0 * kit->nr, cols = min_size(p1 * kit->nr, nc) - first;
                    kit->pack_b(at(b, g.ldb, g.trans_b, pc, jc + first, es), g.ldb, g.trans_b, kc, cols,
                                packed_b + first * kc * es);
                }
                if ((st = jk_rt_barrier(self))) return st;
            } else if ((st = stop_status(self))) {
                return st;
            }
            double beta = pc == 0 ? g.beta : 1.0;
            for (size_t ic = r0; !failed && ic < r1 && c1 > c0; ic += kit->mc) {
                size_t mc = min_size(kit->mc, r1 - ic);
                char *cp = c + (ic + (jc + c0) * g.ldc) * es;
                kit->pack_a(at(a, g.lda, g.trans_a, ic, pc, es), g.lda, g.trans_a, mc, kc, packed_a);
                if (in_place)
                    kit->macro_b(mc, c1 - c0, kc, g.alpha, beta, packed_a, at(b, g.ldb, g.trans_b, pc, jc + c0, es),
                                 g.ldb, g.trans_b, packed_a + a_bytes, cp, g.ldc);
                else
                    kit->macro(mc, c1 - c0, kc, g.alpha, beta, packed_a, packed_b + c0 * kc * es, cp, g.ldc);
            }
            if (failed) return failed;
            if (!in_place && (st = jk_rt_barrier(self))) return st;
            if (self->rank == 0) jk_rt_add_done(self, 1);
        }
    }
    return failed;
}

/* m, n and k at most JK_GEMM_SMALL: the kit's unpacked path, on the calling thread. */
static int small_range(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)begin, (void)end, (void)self;
    jk_op *op = ctx;
    gemm_shape g = shape_of(&op->args, is_f32(op));
    JK_OP_STATE(op, gemm_state)->kit->small(g.m, g.n, g.k, g.alpha, g.beta, jk_op_slot(op, 0, 0), g.lda, g.trans_a,
                                             jk_op_slot(op, 1, 0), g.ldb, g.trans_b, jk_op_slot(op, 2, 0), g.ldc);
    return JK_OK;
}

/* x[0, n) = beta * x, zeros when beta is 0 (x not read): the beta-only calls of gemm and gemv. */
static void scale_by_beta(void *x, size_t n, int f32, double beta) {
    for (size_t i = 0; i < n; i++) {
        if (f32) {
            float *v = (float *)x + i;
            *v = beta == 0 ? 0.0f : (float)beta * *v;
        } else {
            double *v = (double *)x + i;
            *v = beta == 0 ? 0.0 : beta * *v;
        }
    }
}

/* alpha == 0 or k == 0: C = beta * C over columns [begin, end). */
static int scale_range(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    gemm_shape g = shape_of(&op->args, is_f32(op));
    for (size_t j = begin; j < end; j++) scale_by_beta(jk_op_slot(op, 2, j * g.ldc), g.m, is_f32(op), g.beta);
    return JK_OK;
}

static jk_status prepare_gemm(jk_op *op) {
    gemm_state *s = JK_OP_STATE(op, gemm_state);
    gemm_shape g = shape_of(&op->args, is_f32(op));
    s->kit = ((jk_gemm_kit_shape *)op->kernel[0])();
    if (g.m == 0 || g.n == 0) {
        jk_op_set_range(op, scale_range, 0, 1, 1, 1);
        return JK_OK;
    }
    if (g.k == 0 || g.alpha == 0) {
        if (g.beta == 1) {
            jk_op_set_range(op, scale_range, 0, 1, 1, 1);
            return JK_OK;
        }
        size_t grain = g.m >= SCALE_GRAIN ? 1 : SCALE_GRAIN / g.m;
        jk_op_set_range(op, scale_range, g.n, grain, g.m, 1);
        return JK_OK;
    }
    if (g.m <= JK_GEMM_SMALL && g.n <= JK_GEMM_SMALL && g.k <= JK_GEMM_SMALL) {
        jk_op_set_range(op, small_range, 1, 1, g.m * g.n, 1);
        return JK_OK;
    }
    const jk_gemm_kit *kit = s->kit;
    size_t width = min_size(kit->nc, round_up(g.n, kit->nr));
    s->packed_b_bytes = round_up(kit->kc * width * kit->size, 64);
    uint64_t madds = (uint64_t)g.m * g.n * g.k;
    size_t steps = ((g.n + kit->nc - 1) / kit->nc) * ((g.k + kit->kc - 1) / kit->kc);
    jk_op_set_team(op, gemm_team, madds < GEMM_TEAM_FROM ? 1 : JK_RT_MAX_WORKERS, steps);
    return JK_OK;
}

/* The shapes: flags 0 or 1, sizes within Java's int range, leading dimensions at least the stored rows
 * (and 1), every slot long enough for what the shape reaches, alpha and beta not NaN-checked (IEEE). */
static jk_status check_gemm(const jk_args *a) {
    for (int f = 0; f < 2; f++)
        if (a->i[f] != 0 && a->i[f] != 1) return JK_ERR_ARGUMENT;
    for (int d = 2; d < 8; d++)
        if (a->i[d] < 0 || a->i[d] > INT32_MAX) return JK_ERR_ARGUMENT;
    gemm_shape g = shape_of(a, 0); /* as doubles: a float-zero alpha still has its extents checked */
    size_t a_rows = g.trans_a ? g.k : g.m, a_cols = g.trans_a ? g.m : g.k;
    size_t b_rows = g.trans_b ? g.n : g.k, b_cols = g.trans_b ? g.k : g.n;
    if (g.lda < (a_rows ? a_rows : 1) || g.ldb < (b_rows ? b_rows : 1) || g.ldc < (g.m ? g.m : 1))
        return JK_ERR_ARGUMENT;
    int reads = g.alpha != 0 && g.k != 0;
    if ((reads && a->slot[0].length < extent(a_rows, a_cols, g.lda)) ||
        (reads && a->slot[1].length < extent(b_rows, b_cols, g.ldb)) ||
        a->slot[2].length < extent(g.m, g.n, g.ldc))
        return JK_ERR_ARGUMENT;
    return JK_OK;
}

#define GEMM_OP(opname, type, kernel)                                                                        \
    static const jk_op_def opname = {.name = #opname, .slots = 3, .ints = 8, .reals = 2,                     \
                                     .slot_type = {type, type, type},                                       \
                                     .slot_role = {JK_ROLE_READ, JK_ROLE_READ, JK_ROLE_READ_WRITE},         \
                                     .result = JK_RESULT_NONE, .check = check_gemm, .prepare = prepare_gemm, \
                                     .kernels = {JK_KERNEL(kernel)}};                                       \
    JK_REGISTER_OP(opname)

GEMM_OP(gemm_f64, JK_TYPE_F64, gemm_f64);
GEMM_OP(gemm_f32, JK_TYPE_F32, gemm_f32);

/* ---- gemv: y = alpha * op(A) * x + beta * y, A column-major m x n as stored: gemv_n (no transpose) and
 * gemv_t (transposed), one definition each, because only the transposed one streams: its work index j is
 * column j of A (lda elements), x whole and y[j] (JK_OP_SLOT_UNITS), so the JNI glue runs it on pinned
 * windows of A instead of a copy; without transpose every row of y needs every column, and work index b is a
 * block of JK_GEMV_ROWS rows of y. Slots: A, x (read), y (read and written); integers: m, n, lda; reals:
 * alpha, beta. Each element's arithmetic is the kit's, whoever runs it: the same bits for every thread
 * count and window. alpha == 0 or an empty op(A) reads neither A nor x: y = beta * y. */

#define GEMV_GRAIN_ELEMENTS 65536 /* elements of A per chunk, about */

typedef struct {
    const jk_gemm_kit *kit;
} gemv_state;

typedef struct {
    size_t m, n, lda;
    double alpha, beta;
} gemv_shape;

static gemv_shape gemv_shape_of(const jk_args *a, int f32) {
    return (gemv_shape){.m = (size_t)a->i[0], .n = (size_t)a->i[1], .lda = (size_t)a->i[2],
                        .alpha = f32 ? (double)(float)a->d[0] : a->d[0], .beta = f32 ? (double)(float)a->d[1] : a->d[1]};
}

/* gemv_n: row blocks [begin, end) of y. */
static int gemv_n_range(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    const jk_gemm_kit *kit = JK_OP_STATE(op, gemv_state)->kit;
    gemv_shape g = gemv_shape_of(&op->args, is_f32(op));
    for (size_t b = begin; b < end; b++) {
        size_t r0 = b * JK_GEMV_ROWS, r1 = min_size(r0 + JK_GEMV_ROWS, g.m);
        kit->gemv_n(r0, r1, g.n, g.alpha, g.beta, jk_op_slot(op, 0, 0), g.lda, jk_op_slot(op, 1, 0),
                    jk_op_slot(op, 2, 0));
    }
    return JK_OK;
}

/* gemv_t: columns [begin, end) of A, y[begin, end): pointers from the window's own first elements. */
static int gemv_t_range(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    const jk_gemm_kit *kit = JK_OP_STATE(op, gemv_state)->kit;
    gemv_shape g = gemv_shape_of(&op->args, is_f32(op));
    kit->gemv_t(0, end - begin, g.m, g.alpha, g.beta, jk_op_slot(op, 0, begin * g.lda), g.lda, jk_op_slot(op, 1, 0),
                jk_op_slot(op, 2, begin));
    return JK_OK;
}

/* y = beta * y over [begin, end), for alpha == 0 or an empty op(A). */
static int gemv_scale_range(void *ctx, size_t begin, size_t end, jk_rt_self *self) {
    (void)self;
    jk_op *op = ctx;
    scale_by_beta(jk_op_slot(op, 2, begin), end - begin, is_f32(op), gemv_shape_of(&op->args, is_f32(op)).beta);
    return JK_OK;
}

/* Shared by both: the kit, and the beta-only case (out elements of y, inner the other dimension). */
static int prepare_gemv_common(jk_op *op, size_t out, size_t inner) {
    gemv_shape g = gemv_shape_of(&op->args, is_f32(op));
    JK_OP_STATE(op, gemv_state)->kit = ((jk_gemm_kit_shape *)op->kernel[0])();
    if (g.alpha != 0 && inner != 0 && out != 0) return 0;
    jk_op_set_range(op, gemv_scale_range, g.beta == 1 ? 0 : out, SCALE_GRAIN, 1, 1);
    return 1;
}

static jk_status prepare_gemv_n(jk_op *op) {
    gemv_shape g = gemv_shape_of(&op->args, is_f32(op));
    if (prepare_gemv_common(op, g.m, g.n)) return JK_OK;
    size_t blocks = (g.m + JK_GEMV_ROWS - 1) / JK_GEMV_ROWS, per_block = JK_GEMV_ROWS * g.n;
    jk_op_set_range(op, gemv_n_range, blocks, per_block >= GEMV_GRAIN_ELEMENTS ? 1 : GEMV_GRAIN_ELEMENTS / per_block,
                    JK_GEMV_ROWS, 1);
    op->items = g.m;
    return JK_OK;
}

static jk_status prepare_gemv_t(jk_op *op) {
    gemv_shape g = gemv_shape_of(&op->args, is_f32(op));
    if (!prepare_gemv_common(op, g.n, g.m))
        jk_op_set_range(op, gemv_t_range, g.n, g.m >= GEMV_GRAIN_ELEMENTS ? 1 : GEMV_GRAIN_ELEMENTS / g.m, 1, 1);
    /* index j: column j of A, x whole, y[j] (the beta-only range too: its index is y's element) */
    op->slot_unit[0] = g.lda, op->slot_unit[1] = 0, op->slot_unit[2] = 1;
    return JK_OK;
}

/* Sizes within Java's int range, lda at least max(1, m), and the slots long enough: A for m x n, x for
 * op(A)'s columns (when read), y for its rows. */
static jk_status check_gemv(const jk_args *a, int trans) {
    for (int d = 0; d < 3; d++)
        if (a->i[d] < 0 || a->i[d] > INT32_MAX) return JK_ERR_ARGUMENT;
    gemv_shape g = gemv_shape_of(a, 0);
    size_t out = trans ? g.n : g.m, inner = trans ? g.m : g.n;
    if (g.lda < (g.m ? g.m : 1)) return JK_ERR_ARGUMENT;
    int reads = g.alpha != 0 && inner != 0 && out != 0;
    if ((reads && (a->slot[0].length < extent(g.m, g.n, g.lda) || a->slot[1].length < inner)) ||
        a->slot[2].length < out)
        return JK_ERR_ARGUMENT;
    return JK_OK;
}

static jk_status check_gemv_n(const jk_args *a) { return check_gemv(a, 0); }
static jk_status check_gemv_t(const jk_args *a) { return check_gemv(a, 1); }

#define GEMV_OP(opname, type, kernel, trans, streams)                                                        \
    static const jk_op_def opname = {.name = #opname, .slots = 3, .ints = 3, .reals = 2,                     \
                                     .slot_type = {type, type, type},                                       \
                                     .slot_role = {JK_ROLE_READ, JK_ROLE_READ, JK_ROLE_READ_WRITE},         \
                                     .result = JK_RESULT_NONE, .flags = streams,                            \
                                     .check = check_gemv_##trans, .prepare = prepare_gemv_##trans,          \
                                     .kernels = {JK_KERNEL(kernel)}};                                       \
    JK_REGISTER_OP(opname)

GEMV_OP(gemv_n_f64, JK_TYPE_F64, gemm_f64, n, 0);
GEMV_OP(gemv_n_f32, JK_TYPE_F32, gemm_f32, n, 0);
GEMV_OP(gemv_t_f64, JK_TYPE_F64, gemm_f64, t, JK_OP_STREAMING | JK_OP_SLOT_UNITS);
GEMV_OP(gemv_t_f32, JK_TYPE_F32, gemm_f32, t, JK_OP_STREAMING | JK_OP_SLOT_UNITS);
