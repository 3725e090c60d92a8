package io.emuhost.launcher;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;

/**
 * The exit hook the machine bundle calls ({@code quit}, an error, the end of {@code -help}):
 * records the exit code (the first request wins) and stops the framework; {@link Main} then exits
 * with the code.
 */
final class ExitRequest implements IntConsumer {

    /** The service property that marks this hook. */
    static final String PROPERTY = "emuhost.exit";

    /** Its value. */
    static final String LAUNCHER = "launcher";

    private static final long STOP_TIMEOUT_MILLIS = 10_000;

    private final Framework framework;
    private final AtomicInteger code = new AtomicInteger(-1);

    ExitRequest(Framework framework) {
        this.framework = framework;
    }

    @Override
    public void accept(int exitCode) {
        code.compareAndSet(-1, exitCode);
        try {
            framework.stop();
        } catch (BundleException e) {
            System.err.println("emuhost: stopping the framework failed: " + e.getMessage());
        }
    }

    /** The requested exit code; 0 if none was requested (the framework stopped otherwise). */
    int code() {
        return Math.max(code.get(), 0);
    }

    /** On a signal: stop the framework so the machine closes its backends, within a bound. */
    void stopAndWait() {
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT_MILLIS);
        } catch (BundleException e) {
            System.err.println("emuhost: stopping the framework failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
