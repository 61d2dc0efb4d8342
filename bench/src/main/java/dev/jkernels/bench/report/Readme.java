// SPDX-License-Identifier: Apache-2.0
package dev.jkernels.bench.report;

/**
 * The README's headline table lives between two markers and is written only by {@code report}: the README is
 * never edited by hand there, so its numbers are exactly those in the JSON.
 */
public final class Readme {
    public static final String START = "<!-- bench:headline:start -->";
    public static final String END = "<!-- bench:headline:end -->";

    private Readme() {}

    /**
     * {@code text} with everything between the markers replaced by {@code body} (the markers stay, each on
     * its own line).
     *
     * @throws IllegalStateException naming what is wrong when the markers are missing, repeated or reversed
     */
    public static String replaceHeadline(String text, String body) {
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < 0) {
            throw new IllegalStateException("the README has no " + (start < 0 ? START : END)
                    + " marker: add the pair " + START + " ... " + END + " where the headline table goes"
                    + " (or run report with --no-readme)");
        }
        if (text.indexOf(START, start + 1) >= 0 || text.indexOf(END, end + 1) >= 0) {
            throw new IllegalStateException("the README has more than one " + START + " / " + END + " marker");
        }
        if (end < start) {
            throw new IllegalStateException("the README's " + END + " comes before its " + START);
        }
        String inner = body.endsWith("\n") ? body : body + "\n";
        return text.substring(0, start + START.length()) + "\n" + inner + text.substring(end);
    }
}
