package org.parley.it.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A class histogram of live objects in this JVM ({@code jcmd <pid> GC.class_histogram}, which collects first), and
 * the classes that grew most between two of them. Optional: without {@code jcmd} next to {@code java}, histograms
 * are empty.
 */
final class Histogram {

    /** {@code   12:    34567    8901234  java.lang.String (java.base@17)} */
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    private Histogram() {
    }

    /** Class name to {instances, bytes}; empty when {@code jcmd} is missing or fails. */
    static Map<String, long[]> ofThisJvm() throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Map<String, long[]> classes = new HashMap<>();
        if (!Files.isExecutable(jcmd)) {
            return classes;
        }
        try {
            // Output to a file, not a pipe: jcmd attaching to its own parent can hang (seen with Temurin 25.0.3), and
            // a bounded wait on the process is the only way out of that; reading a pipe would block forever.
            Path output = Files.createTempFile("parley-histogram-", ".txt");
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()),
                    "GC.class_histogram").redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    return classes;
                }
                for (String line : Files.readString(output, StandardCharsets.UTF_8).split("\n")) {
                    Matcher row = ROW.matcher(line);
                    if (row.matches()) {
                        classes.put(row.group(3), new long[] {Long.parseLong(row.group(1)),
                            Long.parseLong(row.group(2))});
                    }
                }
            } finally {
                process.destroyForcibly();
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            // no histogram: the heap and direct figures are what the benchmark is about
        }
        return classes;
    }

    /** The {@code limit} classes whose bytes grew most, per session: bytes, instances and class name. */
    static List<String> top(Map<String, long[]> before, Map<String, long[]> after, int sessions, int limit) {
        List<Map.Entry<String, long[]>> grown = new ArrayList<>();
        after.forEach((name, counts) -> {
            long[] old = before.getOrDefault(name, new long[2]);
            grown.add(Map.entry(name, new long[] {counts[0] - old[0], counts[1] - old[1]}));
        });
        grown.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed());
        List<String> rows = new ArrayList<>();
        for (Map.Entry<String, long[]> entry : grown.subList(0, Math.min(limit, grown.size()))) {
            rows.add(String.format("%8d B %6.1f objects  %s", entry.getValue()[1] / sessions,
                    (double) entry.getValue()[0] / sessions, entry.getKey()));
        }
        return rows;
    }
}
