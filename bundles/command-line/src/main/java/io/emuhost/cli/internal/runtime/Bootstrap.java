package io.emuhost.cli.internal.runtime;

import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.api.machine.MachineBuilder;
import io.emuhost.syntax.report.ErrorReport;
import io.emuhost.syntax.report.LinePrefixStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs QEMU's command line when the launcher gave one: reads the framework property
 * {@value #ARGS_PROPERTY} (arguments joined with NUL) and runs an {@link EmulatorSession} on its
 * own thread, so that bundle start-up is never blocked. The machine comes from the machine
 * bundle's {@link MachineBuilder}; the monitors and {@code -qtest} are the
 * {@link io.emuhost.api.frontend.ConnectionProtocol} services of the monitor and qtest bundles.
 * Without the property (e.g. in Karaf) it does nothing: the machine bundle builds the default
 * machine itself. Deactivation ends the session and its machine.
 */
@Component(immediate = true, service = {})
public final class Bootstrap {

    /** The framework property holding the command line. */
    public static final String ARGS_PROPERTY = "emuhost.args";

    /** The framework property naming emuhost's version (the launcher sets emuhost.jar's). */
    static final String VERSION_PROPERTY = "emuhost.version";

    /** How long a factory or protocol named on the command line may take to appear. */
    static final Duration FACTORY_TIMEOUT = Duration.ofSeconds(10);

    /** How long deactivation waits for the session thread to end. */
    static final Duration SESSION_END_TIMEOUT = Duration.ofSeconds(10);

    private final EmulatorSession session;
    private final Thread thread;

    /**
     * Starts the session thread, if the launcher gave a command line.
     *
     * @param context the command-line bundle's context
     * @param builder the machine bundle's builder
     * @param factories the machine's factory catalogue
     */
    @Activate
    public Bootstrap(BundleContext context, @Reference MachineBuilder builder, @Reference FactoryCatalogue factories) {
        List<String> args = arguments(context.getProperty(ARGS_PROPERTY));
        if (args == null) {
            this.session = null;
            this.thread = null;
            return;
        }
        PrintStream diagnostics = new PrintStream(new LinePrefixStream(System.err, ErrorReport.PROGRAM + ": "), true);
        ConnectionProtocols protocols = new OsgiProtocols(context);
        Bundle system = context.getBundle(0);
        SessionContext sessionContext = new SessionContext(factories, protocols,
                new StartupWait(factories, protocols, () -> system.getState() == Bundle.ACTIVE, FACTORY_TIMEOUT),
                (spec, shutdownRequests) -> builder.build(spec, diagnostics, shutdownRequests),
                new LauncherExit(context), System.in, System.out, System.err, emulatorVersion(builder, context),
                System.console() != null);
        this.session = new EmulatorSession(args, sessionContext);
        this.thread = new Thread(session, "emuhost-main");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The emulator's version ({@code -version}), as the monitors report it: the framework property
     * {@value #VERSION_PROPERTY} (emuhost.jar's), else the machine bundle's.
     */
    private static String emulatorVersion(MachineBuilder builder, BundleContext context) {
        String product = context.getProperty(VERSION_PROPERTY);
        if (product != null) {
            return product;
        }
        Bundle machine = FrameworkUtil.getBundle(builder.getClass());
        return (machine == null ? context.getBundle() : machine).getVersion().toString();
    }

    /**
     * Stops waiting, disconnects the monitors, ends the machine and waits for the session thread,
     * so that nothing of this activation outlives it.
     */
    @Deactivate
    public void deactivate() {
        if (thread == null) {
            return;
        }
        thread.interrupt();
        session.close();
        try {
            thread.join(SESSION_END_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The launcher joins the arguments with NUL, which cannot occur inside an argument. */
    static List<String> arguments(String property) {
        if (property == null) {
            return null;
        }
        return property.isEmpty() ? List.of() : Arrays.asList(property.split("\0", -1));
    }
}
