package io.emuhost.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;

/**
 * Collects the bundles that fail to start while the framework starts (Felix logs why). Without
 * them the machine would never run, so the launcher then exits instead of waiting forever.
 * Framework events arrive asynchronously, in order: the failures come before STARTED.
 */
final class StartFailures implements FrameworkListener {

    private static final long STARTED_TIMEOUT_SECONDS = 30;

    private final List<Bundle> failed = new ArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED) {
            started.countDown();
        } else if (event.getType() == FrameworkEvent.ERROR && event.getBundle() != null
                && event.getBundle().getBundleId() != 0) {
            synchronized (failed) {
                failed.add(event.getBundle());
            }
        }
    }

    /**
     * Waits for the framework's STARTED event, then prints the bundles that failed to start.
     *
     * @return true if any bundle failed to start
     * @throws InterruptedException if interrupted while waiting
     */
    boolean report() throws InterruptedException {
        started.await(STARTED_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        synchronized (failed) {
            failed.forEach(b -> System.err.println("emuhost: bundle " + b.getSymbolicName() + " " + b.getVersion()
                    + " did not start"));
            return !failed.isEmpty();
        }
    }
}
