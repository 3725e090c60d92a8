package io.emuhost.machine.internal.osgi;

import io.emuhost.api.monitor.MonitorEvents;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The machine's way to emit QMP events: through every {@link MonitorEvents} service registered now
 * (the monitor bundle's), so that an event reaches the clients of whichever monitor bundle
 * version runs. With none registered the event is dropped, as QEMU drops events no QMP client is
 * there to get. Tracking starts in the constructor and stops in {@link #close()}.
 */
final class TrackedMonitorEvents implements MonitorEvents, AutoCloseable {

    private final ServiceTracker<MonitorEvents, MonitorEvents> sinks;

    /**
     * Starts tracking.
     *
     * @param context the machine bundle's context
     */
    TrackedMonitorEvents(BundleContext context) {
        this.sinks = new ServiceTracker<>(context, MonitorEvents.class, null);
        sinks.open();
    }

    @Override
    public void emit(String event, Map<String, ?> data) {
        Object[] services = sinks.getServices();
        if (services == null) {
            return;
        }
        for (Object sink : services) {
            ((MonitorEvents) sink).emit(event, data);
        }
    }

    @Override
    public void close() {
        sinks.close();
    }
}
