package io.emuhost.itests.karaf;

import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/** Waiting inside the container: for Karaf's boot, and for what a feature or a file brings. */
final class KarafBoot {

    private KarafBoot() {
    }

    /**
     * Waits for Karaf's BootFinished service, registered once its boot features are installed and
     * their commands are up.
     *
     * @param context the probe's context
     * @param timeout how long to wait
     * @throws Exception if the filter is bad or the wait is interrupted
     */
    static void awaitFinished(BundleContext context, Duration timeout) throws Exception {
        ServiceTracker<Object, Object> boot = new ServiceTracker<>(context,
                context.createFilter("(objectClass=org.apache.karaf.features.BootFinished)"), null);
        boot.open();
        try {
            assertTrue("Karaf boot finished", boot.waitForService(timeout.toMillis()) != null);
        } finally {
            boot.close();
        }
    }

    /**
     * Polls until a condition holds.
     *
     * @param what the condition, for the failure
     * @param timeout how long to wait
     * @param condition the condition
     * @throws InterruptedException if interrupted
     */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(what + " within " + timeout, System.nanoTime() - deadline < 0);
            Thread.sleep(50);
        }
    }
}
