// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.internal;

import java.util.function.BooleanSupplier;

/**
 * Polling before blocking, the Java side's one copy of what the native pool's idle workers do: waking a
 * parked thread costs about as much as a small job, so a wait that is likely short polls first.
 */
public final class Spin {
    private Spin() {}

    /**
     * Polls {@code done} for up to {@code nanos}: a pause per round for the first 64 rounds, then a yield
     * (the clock is read every 16 rounds). With {@code nanos <= 0}, looks once.
     *
     * @return whether {@code done} became true
     */
    public static boolean until(BooleanSupplier done, long nanos) {
        if (nanos <= 0) {
            return done.getAsBoolean();
        }
        long deadline = System.nanoTime() + nanos;
        for (int round = 0; ; round++) {
            if (done.getAsBoolean()) {
                return true;
            }
            if ((round & 15) == 15 && System.nanoTime() - deadline > 0) {
                return false;
            }
            if (round < 64) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }
}
