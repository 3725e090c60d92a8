package io.emuhost.machine.internal.osgi;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.machine.MachineBuilder;
import io.emuhost.api.machine.MachineSpec;
import io.emuhost.machine.internal.registry.Registry;
import io.emuhost.syntax.report.ErrorReport;
import io.emuhost.syntax.report.LinePrefixStream;
import java.io.PrintStream;
import java.time.Duration;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The machine bundle's services: the {@link FactoryCatalogue} it creates with and the
 * {@link MachineBuilder} the command line builds its machine with (each machine built is the
 * {@link Machine} service while it lives). Outside the launcher — no {@value #ARGS_PROPERTY}
 * framework property, e.g. in Karaf — nobody owns a machine, so this builds the default one
 * itself. Deactivation ends every machine.
 */
@Component(immediate = true, service = {})
// registered by hand, not by DS: say so, for resolvers (Karaf) and the components that need them
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=io.emuhost.api.machine.Machine",
        uses = Machine.class)
@Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=io.emuhost.api.machine.FactoryCatalogue", uses = FactoryCatalogue.class)
@Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=io.emuhost.api.machine.MachineBuilder", uses = MachineBuilder.class)
public final class MachineRuntime {

    /** The framework property holding the launcher's command line; its front end owns the machine. */
    public static final String ARGS_PROPERTY = "emuhost.args";

    private final OsgiFactories factories;
    private final TrackedMonitorEvents events;
    private final RegisteringMachineBuilder builder;
    private final ServiceRegistration<FactoryCatalogue> catalogue;
    private final ServiceRegistration<MachineBuilder> builderRegistration;
    private volatile Thread defaultMachine;

    /** How long the default machine waits for its main RAM's factory. */
    static final Duration FACTORY_TIMEOUT = Duration.ofSeconds(10);

    private static final long POLL_MILLIS = 10;

    /**
     * Registers the services, and builds the default machine when no front end owns one.
     *
     * @param context the machine bundle's context
     */
    @Activate
    public MachineRuntime(BundleContext context) {
        this.factories = new OsgiFactories(context);
        this.events = new TrackedMonitorEvents(context);
        this.builder = new RegisteringMachineBuilder(context, factories, events);
        this.catalogue = context.registerService(FactoryCatalogue.class, factories, null);
        this.builderRegistration = context.registerService(MachineBuilder.class, builder, null);
        if (context.getProperty(ARGS_PROPERTY) == null) {
            buildDefault();
        }
    }

    /**
     * Karaf: the default machine, for the shell and configuration files, built on a thread of its
     * own once the main RAM's factory is there (its bundle may start after this one, and bundle
     * start-up must not block); a failure is reported.
     */
    private void buildDefault() {
        Thread thread = new Thread(() -> {
            PrintStream diagnostics = new PrintStream(new LinePrefixStream(System.err, ErrorReport.PROGRAM + ": "),
                    true);
            try {
                awaitMainRamFactory();
                builder.build(MachineSpec.defaults(), diagnostics, cause -> diagnostics.println("warning: shutdown "
                        + "requested (" + cause + "); the framework owns this machine and keeps it"));
            } catch (ConfigurationException e) {
                ErrorReport.error(System.err, e.getMessage());
            } catch (InterruptedException e) {
                // deactivated before the factory came
            }
        }, "emuhost-default-machine");
        thread.setDaemon(true);
        defaultMachine = thread;
        thread.start();
    }

    private void awaitMainRamFactory() throws InterruptedException {
        long deadline = System.nanoTime() + FACTORY_TIMEOUT.toNanos();
        while (factories.objectFactory(Registry.MAIN_RAM_TYPE).isEmpty() && System.nanoTime() - deadline < 0) {
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Withdraws the services and ends every machine. */
    @Deactivate
    public void deactivate() throws InterruptedException {
        Thread building = defaultMachine;
        if (building != null) {
            building.interrupt();
            building.join(FACTORY_TIMEOUT.toMillis());
        }
        unregister(builderRegistration);
        builder.close();
        unregister(catalogue);
        events.close();
        factories.close();
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already unregistered with the bundle
        }
    }
}
