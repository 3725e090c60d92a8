package io.emuhost.cli.internal.runtime;

import java.util.Collection;
import java.util.function.IntConsumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Ends the process with an exit code through the launcher's {@link IntConsumer} service
 * (property {@value #PROPERTY}={@value #LAUNCHER}); without one (e.g. in Karaf) it stops the
 * framework, and the code is lost.
 */
public final class LauncherExit implements IntConsumer {

    /** The service property that marks the launcher's exit hook. */
    public static final String PROPERTY = "emuhost.exit";

    /** Its value. */
    public static final String LAUNCHER = "launcher";

    private final BundleContext context;

    /**
     * Creates the exit.
     *
     * @param context the machine bundle's context
     */
    public LauncherExit(BundleContext context) {
        this.context = context;
    }

    @Override
    public void accept(int code) {
        try {
            Collection<ServiceReference<IntConsumer>> hooks = context.getServiceReferences(IntConsumer.class,
                    "(" + PROPERTY + "=" + LAUNCHER + ")");
            for (ServiceReference<IntConsumer> hook : hooks) {
                IntConsumer exit = context.getService(hook);
                if (exit != null) {
                    exit.accept(code);
                    context.ungetService(hook);
                    return;
                }
            }
            context.getBundle(0).stop();
        } catch (InvalidSyntaxException | BundleException | IllegalStateException e) {
            // the framework is already stopping
        }
    }
}
