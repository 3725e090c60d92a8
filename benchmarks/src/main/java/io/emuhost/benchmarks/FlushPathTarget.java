package io.emuhost.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The program {@link FlushPathTrace} debugs: the whole in-process stack ({@link PmemStack}),
 * warmed up with a few hundred FLUSHes, then one FLUSH between {@link #traceBegin()} and
 * {@link #traceEnd(int)}, the two methods the tracer breaks on.
 */
public final class FlushPathTarget {

    private static final int WARM_UP = 200;

    private FlushPathTarget() {
    }

    /**
     * Runs the FLUSHes.
     *
     * @param args {@code msix} (true, the default) or false for INTx; the directory of the
     *     backing file (default: java.io.tmpdir)
     * @throws Exception if the stack cannot be built or a FLUSH fails
     */
    public static void main(String[] args) throws Exception {
        boolean msix = args.length == 0 || Boolean.parseBoolean(args[0]);
        Path dir = Files.createTempDirectory(Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir")),
                "flush-trace");
        try (PmemStack stack = new PmemStack(dir, msix)) {
            for (int i = 0; i < WARM_UP; i++) {
                stack.driver.flush();
            }
            traceBegin();
            int ret = stack.driver.flush();
            traceEnd(ret);
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    /** The tracer starts recording when this is entered. */
    static void traceBegin() {
        // a breakpoint target
    }

    /**
     * The tracer stops recording when this is entered.
     *
     * @param ret the FLUSH's response
     */
    static void traceEnd(int ret) {
        // a breakpoint target
    }
}
