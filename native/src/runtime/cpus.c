/* SPDX-License-Identifier: Apache-2.0 */
/* How many CPUs this process may use: affinity mask capped by the cgroup v2
 * quota, the same rule the JVM applies for Runtime.availableProcessors(). */
#define _GNU_SOURCE
#include "jkernels/jk_common.h"

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

/* Grows the mask until the kernel accepts it: machines may have more CPUs
 * than a fixed cpu_set_t holds. */
static int affinity_cpus(void) {
    for (int size = 1024; size <= (1 << 20); size *= 2) {
        cpu_set_t *set = CPU_ALLOC(size);
        if (!set) return 1;
        size_t bytes = CPU_ALLOC_SIZE(size);
        int rc = sched_getaffinity(0, bytes, set);
        int count = rc == 0 ? CPU_COUNT_S(bytes, set) : 0;
        CPU_FREE(set);
        if (rc == 0) return count > 0 ? count : 1;
        if (errno != EINVAL) return 1;
    }
    return 1;
}

/* The cgroup this process belongs to, as a path below /sys/fs/cgroup. Empty on
 * cgroup v1 or when /proc/self/cgroup cannot be read. */
static void own_cgroup(char *out, size_t size) {
    out[0] = '\0';
    FILE *f = fopen("/proc/self/cgroup", "r");
    if (!f) return;
    char line[PATH_MAX + 8];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "0::", 3) == 0) { /* the v2 unified hierarchy */
            line[strcspn(line, "\n")] = '\0';
            size_t len = strlen(line + 3);
            if (len < size) memcpy(out, line + 3, len + 1); /* too long: no quota found */
            break;
        }
    }
    fclose(f);
}

/* ceil(quota / period) of one cpu.max file, or 0 for "max" or unreadable. */
static int quota_cpus(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    char quota[32] = {0};
    long long period = 0;
    int fields = fscanf(f, "%31s %lld", quota, &period);
    fclose(f);
    if (fields != 2 || strcmp(quota, "max") == 0 || period <= 0) return 0;
    long long q = 0;
    if (sscanf(quota, "%lld", &q) != 1 || q <= 0) return 0;
    long long cpus = (q + period - 1) / period;
    return cpus > INT_MAX ? INT_MAX : (int)cpus;
}

/* The tightest quota on the way from the process's cgroup up to the root. */
static int cgroup_cpus(void) {
    char group[PATH_MAX];
    own_cgroup(group, sizeof group);
    int best = 0;
    for (;;) {
        char path[PATH_MAX + 32];
        snprintf(path, sizeof path, "/sys/fs/cgroup%s/cpu.max", group);
        int limit = quota_cpus(path);
        if (limit > 0 && (best == 0 || limit < best)) best = limit;
        char *slash = strrchr(group, '/');
        if (!slash || group[0] == '\0') break;
        *slash = '\0';
    }
    return best;
}

int jk_available_cpus(void) {
    int cpus = affinity_cpus();
    int quota = cgroup_cpus();
    return quota > 0 && quota < cpus ? quota : cpus;
}
