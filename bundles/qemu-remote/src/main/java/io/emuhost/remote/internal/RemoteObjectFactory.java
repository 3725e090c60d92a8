package io.emuhost.remote.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.machine.Machine;
import java.time.Duration;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code -object x-remote-object,id=ID,devid=DEV,fd=N} (or {@code socket=PATH}): emuhost serves
 * device DEV to a QEMU guest as the remote process of QEMU's multi-process {@code x-pci-proxy-dev}
 * (shared/reference/qemu-multiprocess.md). Guest RAM comes through SYNC_SYSMEM and is mapped with
 * the {@code memory-backend-file} factory service.
 *
 * <p>{@code auto-shutdown=on} (the default, as QEMU's) ends the host once the last connection has
 * closed ({@link AutoShutdown}): the factory asks the machine to shut down with QEMU's cause
 * {@value #SHUTDOWN_CAUSE} (hw/remote/message.c on the connection's end), so the {@code SHUTDOWN}
 * event goes out and the machine's owner, the command line, exits with status 0 once the monitors
 * have answered; the framework's stop then closes the devices and flushes the backends. A machine
 * nobody owns (Karaf's default machine) logs the request and keeps running.
 *
 * <p>The machine is an optional, greedy reference: the factory is registered before the machine
 * exists, so {@code -object help} and {@code -object x-remote-object,help} list it, and SCR
 * re-creates it with the machine once the machine service is registered (before the command
 * line's objects are created).
 */
@Component(service = ObjectFactory.class, property = ObjectFactory.TYPE + "=" + RemoteObjectOptions.TYPE)
public final class RemoteObjectFactory implements ObjectFactory {

    /** QEMU's {@code ShutdownCause} when a remote process's connection ends. */
    static final String SHUTDOWN_CAUSE = "guest-shutdown";

    private final Machine machine;
    private final ObjectFactory fileBackends;
    private final Duration deviceWait;
    /** The tracker behind {@link #fileBackends} in OSGi; null when a test gives the factory. */
    private final TrackedFileBackends tracked;
    private final AutoShutdown autoShutdown;

    /**
     * Creates the factory.
     *
     * @param context the bundle's context, to find the {@code memory-backend-file} factory at
     *     each use ({@link TrackedFileBackends})
     * @param machine the machine whose devices are served, or null while there is none
     * @throws InvalidSyntaxException never: the filter is a constant
     */
    @Activate
    public RemoteObjectFactory(BundleContext context,
            @Reference(name = "machine", cardinality = ReferenceCardinality.OPTIONAL,
                    policyOption = ReferencePolicyOption.GREEDY) Machine machine) throws InvalidSyntaxException {
        this.machine = machine;
        this.tracked = new TrackedFileBackends(context);
        this.fileBackends = tracked;
        this.deviceWait = MpqemuConnection.DEVICE_WAIT;
        this.autoShutdown = new AutoShutdown(() -> {
            if (machine != null) {
                machine.requestShutdown(SHUTDOWN_CAUSE);
            }
        });
    }

    /**
     * Creates the factory with another wait for the device and another exit (tests).
     *
     * @param machine the machine
     * @param fileBackends the {@code memory-backend-file} factory
     * @param deviceWait how long a connection waits for its device to appear
     * @param exit what auto-shutdown calls
     */
    RemoteObjectFactory(Machine machine, ObjectFactory fileBackends, Duration deviceWait, Runnable exit) {
        this.machine = machine;
        this.fileBackends = fileBackends;
        this.deviceWait = deviceWait;
        this.tracked = null;
        this.autoShutdown = new AutoShutdown(exit);
    }

    /** Stops tracking the file backend factory; the objects made are closed by the machine. */
    @Deactivate
    void deactivate() {
        if (tracked != null) {
            tracked.close();
        }
    }

    @Override
    public List<PropertySpec> properties() {
        return RemoteObjectOptions.SPECS;
    }

    /**
     * Takes the inherited socket, or listens on the path, and starts serving.
     *
     * @return a {@link RemoteObject}
     */
    @Override
    public RemoteObject create(String id, Properties properties) throws ConfigurationException {
        RemoteObjectOptions options = RemoteObjectOptions.parse(properties);
        if (machine == null) {
            throw new ConfigurationException("x-remote-object '" + id + "': no machine is running");
        }
        ConnectionFactory connections = fd -> new MpqemuConnection(id, options, machine, fileBackends, deviceWait, fd);
        if (options.fd().isPresent()) {
            checkSocket(options.fd().getAsInt());
        }
        AutoShutdown.Member lifecycle = autoShutdown.join(id, options.autoShutdown());
        RemoteServer server;
        try {
            server = options.fd().isPresent()
                    ? new InheritedSocket(options.fd().getAsInt(), connections, lifecycle)
                    : ListeningSocket.open(id, options.socket().orElseThrow(), connections, lifecycle);
        } catch (RemoteObjectException | RuntimeException e) {
            lifecycle.leave();
            throw e;
        }
        return new RemoteObject(id, options, server, lifecycle);
    }

    // hw/remote/remote-obj.c remote_object_set_fd: fd_is_socket
    private static void checkSocket(int fd) throws RemoteObjectException {
        try (Memory stat = new Memory(LibC.STAT_SIZE)) {
            if (!FileIdentity.of(fd, stat).isSocket()) {
                throw new RemoteObjectException.FdNotASocket(Integer.toString(fd));
            }
        } catch (LastErrorException e) {
            throw new RemoteObjectException.FdNotASocket(Integer.toString(fd));
        }
    }
}
