package io.emuhost.machine.internal.runtime;

import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.api.machine.Machine;
import io.emuhost.machine.internal.MachineImpl;
import io.emuhost.machine.internal.cli.ErrorReport;
import io.emuhost.machine.internal.monitor.EventBus;
import io.emuhost.machine.internal.monitor.MonitorCommandTracker;
import io.emuhost.machine.internal.osgi.OsgiFactories;
import io.emuhost.machine.internal.osgi.OsgiProtocols;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Starts the emulator when the machine bundle starts: reads the command line the launcher put in
 * the framework property {@value #ARGS_PROPERTY} (arguments joined with NUL), builds the machine
 * with the event bus the QMP monitors forward, registers it as the {@link Machine} service and
 * runs the monitors with the host's commands and the {@link io.emuhost.api.monitor.MonitorCommand}
 * services and {@code -qtest} with the qtest {@link io.emuhost.api.frontend.ConnectionProtocol}
 * service, all on its own thread so that bundle start-up is never blocked. The factories it
 * creates with are published at once as the {@link FactoryCatalogue} service. Without the
 * property (e.g. in Karaf) it builds the default
 * machine and runs no monitor. Deactivation closes the machine.
 */
@Component(immediate = true, service = {})
// registered by hand, not by DS: say so, for resolvers (Karaf) and the configuration components that need it
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=io.emuhost.api.machine.Machine",
        uses = Machine.class)
@Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=io.emuhost.api.machine.FactoryCatalogue", uses = FactoryCatalogue.class)
public final class Bootstrap {

    /** The framework property holding the command line. */
    public static final String ARGS_PROPERTY = "emuhost.args";

    /** How long a factory named on the command line may take to appear. */
    static final Duration FACTORY_TIMEOUT = Duration.ofSeconds(10);

    private final OsgiFactories factories;
    private final OsgiProtocols protocols;
    private final MonitorCommandTracker commands;
    private final EmulatorSession session;
    private final Thread thread;
    private volatile ServiceRegistration<Machine> registration;
    private final ServiceRegistration<FactoryCatalogue> catalogue;

    /**
     * Starts the session thread.
     *
     * @param context the machine bundle's context
     */
    @Activate
    public Bootstrap(BundleContext context) {
        this.factories = new OsgiFactories(context);
        this.catalogue = context.registerService(FactoryCatalogue.class, factories, null);
        this.protocols = new OsgiProtocols(context);
        this.commands = new MonitorCommandTracker(context);
        commands.open();
        PrintStream diagnostics = new PrintStream(new LinePrefixStream(System.err, ErrorReport.PROGRAM + ": "), true);
        Bundle system = context.getBundle(0);
        EventBus events = new EventBus();
        SessionContext sessionContext = new SessionContext(factories, protocols,
                new StartupWait(factories, protocols, () -> system.getState() == Bundle.ACTIVE, FACTORY_TIMEOUT),
                config -> new MachineImpl(config, factories, diagnostics, events),
                machine -> registration = context.registerService(Machine.class, machine, null),
                new LauncherExit(context), System.in, System.out, System.err,
                context.getBundle().getVersion().toString(), events, commands, System.console() != null);
        this.session = new EmulatorSession(arguments(context.getProperty(ARGS_PROPERTY)), sessionContext);
        this.thread = new Thread(session, "emuhost-main");
        thread.setDaemon(true);
        thread.start();
    }

    /** How long deactivation waits for the session thread to end. */
    static final Duration SESSION_END_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Stops waiting, withdraws the machine service, closes the machine and waits for the session
     * thread, so that nothing of this activation outlives it.
     */
    @Deactivate
    public void deactivate() {
        thread.interrupt();
        ServiceRegistration<Machine> registered = registration;
        if (registered != null) {
            try {
                registered.unregister();
            } catch (IllegalStateException e) {
                // already unregistered with the bundle
            }
        }
        session.close();
        try {
            thread.join(SESSION_END_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commands.close();
        try {
            catalogue.unregister();
        } catch (IllegalStateException e) {
            // already unregistered with the bundle
        }
        protocols.close();
        factories.close();
    }

    /** The launcher joins the arguments with NUL, which cannot occur inside an argument. */
    static List<String> arguments(String property) {
        if (property == null) {
            return null;
        }
        return property.isEmpty() ? List.of() : Arrays.asList(property.split("\0", -1));
    }
}
