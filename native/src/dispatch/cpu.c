/* SPDX-License-Identifier: Apache-2.0 */
/* Detects once which ISA paths the CPU and the OS support. */
#include "dispatch.h"

#include <cpuid.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t xgetbv0(void) {
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t)hi << 32) | lo;
}

static jk_isa detect(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return JK_ISA_REF;
    int osxsave = (c >> 27) & 1, avx = (c >> 28) & 1, fma = (c >> 12) & 1, popcnt = (c >> 23) & 1;
    if (!osxsave || !avx) return JK_ISA_REF;
    uint64_t xcr0 = xgetbv0();
    if ((xcr0 & 0x6) != 0x6) return JK_ISA_REF; /* OS saves XMM and YMM state */
    if (__get_cpuid_max(0, NULL) < 7) return JK_ISA_REF;
    __cpuid_count(7, 0, a, b, c, d);
    int avx2 = (b >> 5) & 1, avx512f = (b >> 16) & 1, avx512dq = (b >> 17) & 1;
    if (!avx2 || !fma || !popcnt) return JK_ISA_REF; /* the ISA folders are built with -mpopcnt too */
    /* AVX-512 also needs the OS to save opmask and ZMM state (bits 5..7). */
    if (avx512f && avx512dq && (xcr0 & 0xE0) == 0xE0) return JK_ISA_AVX512;
    return JK_ISA_AVX2;
}

static jk_isa detected = JK_ISA_REF;
static pthread_once_t detect_once = PTHREAD_ONCE_INIT;

static void detect_supported(void) { detected = detect(); }

jk_isa jk_isa_supported(void) {
    pthread_once(&detect_once, detect_supported);
    return detected;
}

jk_isa jk_isa_parse(const char *name) {
    if (!name) return JK_ISA_BEST;
    for (int i = 0; i < JK_ISA_COUNT; i++)
        if (strcmp(name, jk_isa_name((jk_isa)i)) == 0) return (jk_isa)i;
    return JK_ISA_BEST;
}

jk_isa jk_isa_default(void) {
    jk_isa supported = jk_isa_supported();
    jk_isa forced = jk_isa_parse(getenv("JKERNELS_ISA"));
    return forced != JK_ISA_BEST && forced < supported ? forced : supported;
}

const char *jk_isa_name(jk_isa isa) {
    switch (isa) {
    case JK_ISA_REF: return "ref";
    case JK_ISA_AVX2: return "avx2";
    case JK_ISA_AVX512: return "avx512";
    default: return NULL;
    }
}
