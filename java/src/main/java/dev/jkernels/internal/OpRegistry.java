// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every operation the Java side knows: the public static final {@link OpSpec} fields of the family classes
 * below, in name order. Adding an operation to a family needs no edit here; a new family adds its class to
 * {@link #FAMILIES}. When the native library loads, {@link #bind} compares each spec with the native
 * definition of the same name and records its index there. Not API.
 */
public final class OpRegistry {
    private OpRegistry() {}

    private static final Class<?>[] FAMILIES = {MapSpecs.class, VectorSpecs.class, ImageSpecs.class, RandomSpecs.class,
            MathSpecs.class, BlasSpecs.class, SortSpecs.class};

    private static final List<OpSpec> ALL = collect();

    private static List<OpSpec> collect() {
        List<OpSpec> specs = new ArrayList<>();
        for (Class<?> family : FAMILIES) {
            for (Field f : family.getFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == OpSpec.class) {
                    try {
                        specs.add((OpSpec) f.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("cannot read spec " + family.getName() + "." + f.getName(), e);
                    }
                }
            }
        }
        specs.sort(Comparator.comparing(s -> s.name));
        for (int i = 0; i < specs.size(); i++) {
            OpSpec s = specs.get(i);
            if (i > 0 && specs.get(i - 1).name.equals(s.name)) {
                throw new IllegalStateException("two specs for the operation " + s.name);
            }
            s.index = i;
        }
        return List.copyOf(specs);
    }

    /** Every spec, in name order; a spec's {@code index} is its position here. */
    public static List<OpSpec> all() {
        return ALL;
    }

    /**
     * Binds every spec to the native definition of the same name, given the library's descriptions (one per
     * definition, in its registry order). Returns null when all agree, else what does not, naming each op.
     */
    static String bind(String[] nativeOps) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < nativeOps.length; i++) {
            byName.put(nativeOps[i].substring(0, nativeOps[i].indexOf(' ')), i);
        }
        StringBuilder problems = new StringBuilder();
        for (OpSpec s : ALL) {
            Integer at = byName.get(s.name);
            if (at == null) {
                problems.append("; operation ").append(s.name).append(" is missing from the native library");
            } else if (!nativeOps[at].equals(s.descriptor())) {
                problems.append("; operation ").append(s.name).append(": the native library describes it as '")
                        .append(nativeOps[at]).append("', these classes as '").append(s.descriptor()).append('\'');
            } else {
                s.nativeIndex = at;
            }
        }
        return problems.length() == 0 ? null : "jkernels op mismatch" + problems;
    }
}
