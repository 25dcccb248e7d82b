import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.vysper.xmpp.addressing.EntityImpl;

/**
 * What Vysper's stringprep tables cost: the heap they keep and the time to build them, which happens on the first
 * JID parse of a process. Run on Parley's jar in a bare JVM (docs/performance.md, "Memory the server holds"):
 * {@code java -Xmx1g -XX:+UseG1GC -cp target/parley.jar bench/tools/StringprepCost.java}.
 *
 * <p>Heap is read after full GCs (repeated until two readings agree within 64 KiB) before and after the first
 * {@code EntityImpl.parse}; a {@code jcmd <pid> GC.class_histogram} of this JVM is taken at both points and the
 * classes that grew most are printed. Then the cost of one parse once the tables exist.
 */
public final class StringprepCost {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    public static void main(String[] args) throws Exception {
        long pid = ProcessHandle.current().pid();
        long before = settledHeap();
        Map<String, long[]> histBefore = histogram(pid);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        EntityImpl.parse("user1@load.lab/tsung"); // NodePrep and ResourcePrep: StringPrepConstants and two copies
        long wall = System.nanoTime() - t0;
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long after = settledHeap();
        Map<String, long[]> histAfter = histogram(pid);
        System.out.printf("STRINGPREP first parse: wall %.0f ms, this thread's CPU %.0f ms%n", wall / 1e6, cpu / 1e6);
        System.out.printf("STRINGPREP heap after full GCs: before %.1f MB, after %.1f MB, retained by the tables %.1f MB"
                + " (%.1f MiB)%n", before / 1e6, after / 1e6, (after - before) / 1e6, (after - before) / 1048576.0);
        List<Map.Entry<String, long[]>> grown = new ArrayList<>(histAfter.entrySet());
        grown.sort((a, b) -> Long.compare(delta(b.getKey(), b.getValue(), histBefore),
                delta(a.getKey(), a.getValue(), histBefore)));
        for (Map.Entry<String, long[]> e : grown.subList(0, Math.min(8, grown.size()))) {
            long[] old = histBefore.getOrDefault(e.getKey(), new long[2]);
            System.out.printf("STRINGPREP   %8.1f MB %10d objects  %s%n", (e.getValue()[1] - old[1]) / 1e6,
                    e.getValue()[0] - old[0], e.getKey());
        }
        int n = 200_000;
        for (int round = 0; round < 3; round++) { // the last round is read, after the JIT has compiled the path
            long s = System.nanoTime();
            for (int i = 0; i < n; i++) {
                EntityImpl.parse("user" + (i % 1000) + "@load.lab/tsung");
            }
            if (round == 2) {
                System.out.printf("STRINGPREP one parse of user<i>@load.lab/tsung once built: %.2f µs%n",
                        (System.nanoTime() - s) / 1e3 / n);
            }
        }
    }

    private static long delta(String cls, long[] now, Map<String, long[]> before) {
        return now[1] - before.getOrDefault(cls, new long[2])[1];
    }

    private static long settledHeap() throws InterruptedException {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            MEMORY.gc();
            Thread.sleep(100);
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (Math.abs(used - last) < 65_536) {
                return used;
            }
            last = used;
        }
        return last;
    }

    /** Class name to {instances, bytes} from jcmd; empty when jcmd is not there. */
    private static Map<String, long[]> histogram(long pid) throws Exception {
        Map<String, long[]> rows = new HashMap<>();
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").redirectErrorStream(true)
                .start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4 && f[0].endsWith(":")) {
                    rows.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                }
            }
        }
        p.waitFor();
        return rows;
    }
}
