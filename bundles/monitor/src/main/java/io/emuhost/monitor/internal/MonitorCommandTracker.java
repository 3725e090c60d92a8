package io.emuhost.monitor.internal;

import io.emuhost.api.monitor.MonitorCommand;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The {@link MonitorCommand} services registered now, for a {@link CommandRegistry}: highest
 * service ranking first, then oldest. Open it before use and close it with the runtime.
 */
public final class MonitorCommandTracker implements Supplier<List<MonitorCommand>>, AutoCloseable {

    private final ServiceTracker<MonitorCommand, MonitorCommand> tracker;

    /**
     * Creates a tracker; call {@link #open()} to start tracking.
     *
     * @param context the machine bundle's context
     */
    public MonitorCommandTracker(BundleContext context) {
        this.tracker = new ServiceTracker<>(context, MonitorCommand.class, null);
    }

    /** Starts tracking. */
    public void open() {
        tracker.open();
    }

    @Override
    public List<MonitorCommand> get() {
        Map<ServiceReference<MonitorCommand>, MonitorCommand> tracked = new TreeMap<>(Collections.reverseOrder());
        tracked.putAll(tracker.getTracked());
        return new ArrayList<>(tracked.values());
    }

    @Override
    public void close() {
        tracker.close();
    }
}
