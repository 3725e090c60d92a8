package io.emuhost.monitor.internal;

import io.emuhost.api.frontend.ConnectionProtocol;
import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.MonitorEvents;
import io.emuhost.syntax.report.ErrorReport;
import io.emuhost.syntax.report.LinePrefixStream;
import java.io.PrintStream;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.function.Function;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The monitor bundle's services: the {@link MonitorEvents} the machine emits through, and QMP and
 * HMP as {@link ConnectionProtocol}s named {@value ConnectionProtocol#QMP} and
 * {@value ConnectionProtocol#HMP}, which the command line serves on {@code -qmp} and
 * {@code -monitor} chardevs. Every session runs the host's commands and the
 * {@link io.emuhost.api.monitor.MonitorCommand} services of other bundles. Deactivation (the
 * bundle stopping or being updated) closes every session, as the protocol contract says; the
 * command line serves the next client with the protocol registered then.
 */
@Component(immediate = true, service = {})
// registered by hand, not by DS: say so, for resolvers (Karaf)
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=io.emuhost.api.monitor.MonitorEvents",
        uses = MonitorEvents.class)
@Capability(namespace = "osgi.service",
        attribute = "objectClass:List<String>=io.emuhost.api.frontend.ConnectionProtocol", uses = ConnectionProtocol.class)
public final class MonitorRuntime {

    private final MonitorCommandTracker commands;
    private final List<MonitorProtocol> protocols;
    private final List<ServiceRegistration<?>> registrations;

    /**
     * Registers the event bus and the two protocols.
     *
     * @param context the monitor bundle's context
     * @param factories the machine's factory catalogue
     */
    @Activate
    public MonitorRuntime(BundleContext context, @Reference FactoryCatalogue factories) {
        EventBus events = new EventBus();
        this.commands = new MonitorCommandTracker(context);
        commands.open();
        PrintStream diagnostics = new PrintStream(new LinePrefixStream(System.err, ErrorReport.PROGRAM + ": "), true);
        String product = context.getProperty(VERSION_PROPERTY);
        String own = context.getBundle().getVersion().toString();
        Function<Machine, String> version = machine -> product != null ? product : machineVersion(machine, own);
        FrameworkBundles bundles = new FrameworkBundles(context);
        MonitorProtocol qmp = new MonitorProtocol(MonitorProtocol.Kind.QMP, factories, events, commands, diagnostics,
                version, bundles);
        MonitorProtocol hmp = new MonitorProtocol(MonitorProtocol.Kind.HMP, factories, events, commands, diagnostics,
                version, bundles);
        this.protocols = List.of(qmp, hmp);
        this.registrations = List.of(context.registerService(MonitorEvents.class, events, null),
                context.registerService(ConnectionProtocol.class, qmp, named(ConnectionProtocol.QMP)),
                context.registerService(ConnectionProtocol.class, hmp, named(ConnectionProtocol.HMP)));
    }

    /**
     * The framework property naming emuhost's version (the launcher sets emuhost.jar's), which
     * {@code info version} and the QMP greeting report.
     */
    static final String VERSION_PROPERTY = "emuhost.version";

    /**
     * The version reported without {@value #VERSION_PROPERTY} (e.g. in Karaf): the machine
     * bundle's, or this bundle's when the machine is not a bundle's.
     */
    private static String machineVersion(Machine machine, String fallback) {
        Bundle bundle = FrameworkUtil.getBundle(machine.getClass());
        return bundle == null ? fallback : bundle.getVersion().toString();
    }

    private static Dictionary<String, Object> named(String protocol) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ConnectionProtocol.PROTOCOL, protocol);
        return properties;
    }

    /** Withdraws the services and closes every session. */
    @Deactivate
    public void deactivate() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already unregistered with the bundle
            }
        }
        protocols.forEach(MonitorProtocol::closeAll);
        commands.close();
    }
}
