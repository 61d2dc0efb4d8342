// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The code a run measured: the git commit of the working tree the bench runs from, and whether it had
 * changes. {@code bench/results} is left out of the dirty check: a run writes there, so the second JDK's
 * run would otherwise always say dirty.
 */
final class Git {
    private Git() {}

    static Map<String, String> describe(Path repo) {
        Map<String, String> env = new LinkedHashMap<>();
        List<String> head = run(repo, "git", "rev-parse", "HEAD");
        if (head == null || head.isEmpty()) {
            env.put("git.sha", "unknown (git is not available or " + repo + " is not a git work tree)");
            env.put("git.dirty", "unknown");
            return env;
        }
        env.put("git.sha", head.get(0).trim());
        List<String> changes = run(repo, "git", "status", "--porcelain", "--", ".", ":(exclude)bench/results");
        if (changes == null) {
            env.put("git.dirty", "unknown");
        } else {
            env.put("git.dirty", Boolean.toString(!changes.isEmpty()));
            if (!changes.isEmpty()) {
                List<String> shown = changes.subList(0, Math.min(20, changes.size()));
                env.put("git.changes", String.join("; ", shown.stream().map(String::trim).toList())
                        + (changes.size() > shown.size() ? "; ... (" + changes.size() + " in all)" : ""));
            }
        }
        return env;
    }

    /** The command's output lines, or null if it could not run or failed. */
    private static List<String> run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            List<String> lines = new ArrayList<>();
            out.lines().filter(l -> !l.isBlank()).forEach(lines::add);
            return lines;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
