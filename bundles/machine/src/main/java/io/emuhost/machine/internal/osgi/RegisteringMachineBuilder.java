package io.emuhost.machine.internal.osgi;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.machine.MachineBuilder;
import io.emuhost.api.machine.MachineHandle;
import io.emuhost.api.machine.MachineSpec;
import io.emuhost.api.monitor.MonitorEvents;
import io.emuhost.machine.internal.Factories;
import io.emuhost.machine.internal.MachineImpl;
import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The {@link MachineBuilder} service: builds a {@link MachineImpl} with the tracked factories and
 * events and registers it as the {@link Machine} service for as long as its handle is open.
 * {@link #close()} (the machine bundle stopping) ends every machine still open.
 */
final class RegisteringMachineBuilder implements MachineBuilder, AutoCloseable {

    private final BundleContext context;
    private final Factories factories;
    private final MonitorEvents events;
    private final Set<Handle> open = ConcurrentHashMap.newKeySet();

    RegisteringMachineBuilder(BundleContext context, Factories factories, MonitorEvents events) {
        this.context = context;
        this.factories = factories;
        this.events = events;
    }

    @Override
    public MachineHandle build(MachineSpec spec, PrintStream diagnostics, Consumer<String> shutdownRequests)
            throws ConfigurationException {
        MachineImpl machine = new MachineImpl(spec, factories, diagnostics, events, shutdownRequests);
        Handle handle = new Handle(machine);
        open.add(handle);
        handle.registration = context.registerService(Machine.class, machine, null);
        return handle;
    }

    /** Ends every machine still open. */
    @Override
    public void close() {
        open.forEach(Handle::close);
    }

    private final class Handle implements MachineHandle {

        private final MachineImpl machine;
        private volatile ServiceRegistration<Machine> registration;

        Handle(MachineImpl machine) {
            this.machine = machine;
        }

        @Override
        public Machine machine() {
            return machine;
        }

        @Override
        public void close() {
            withdraw();
            machine.close();
        }

        @Override
        public void abandon() {
            withdraw();
            machine.abandon();
        }

        private void withdraw() {
            open.remove(this);
            ServiceRegistration<Machine> registered = registration;
            registration = null;
            if (registered != null) {
                try {
                    registered.unregister();
                } catch (IllegalStateException e) {
                    // already unregistered with the bundle
                }
            }
        }
    }
}
