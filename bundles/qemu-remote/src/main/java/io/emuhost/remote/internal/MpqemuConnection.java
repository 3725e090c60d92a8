package io.emuhost.remote.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.machine.Machine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of QEMU's {@code x-pci-proxy-dev} to this remote process: reads framed messages
 * (shared/reference/qemu-multiprocess.md §1), carries them out on the machine and answers the
 * ones that expect a RET. Strictly request/response on the calling thread; buffers are allocated
 * once per connection, so a BAR access allocates nothing here. A malformed message, a broken
 * socket, the peer's close, or any exception or non-fatal error ({@link FatalErrors}) ends the
 * connection with one log line; the machine keeps running and gets its own RAM back.
 *
 * <p>When a connection ends, the QEMU guest that drove the device is gone with it: the device is
 * reset ({@link Machine#resetDevice}, as QEMU's DEVICE_RESET does) before the machine gets its own
 * RAM back, so nothing of the device (a queue notification, the drain of a later hot-unplug or
 * machine shutdown) reads the guest's rings from memory that is no longer the guest's.
 */
final class MpqemuConnection {

    private static final Logger LOG = LoggerFactory.getLogger(MpqemuConnection.class);

    /** How long a connection waits for its device to be created (command line order, hotplug). */
    static final Duration DEVICE_WAIT = Duration.ofSeconds(10);
    private static final long DEVICE_POLL_MILLIS = 10;

    private final String name;
    private final String devid;
    private final String doorbell;
    private final Machine machine;
    private final ObjectFactory fileBackends;
    private final Duration deviceWait;
    private final MessageSocket socket;
    private final Memory message = new Memory(Wire.HEADER_SIZE + Wire.MAX_PAYLOAD);
    private final long messageAddress = Pointer.nativeValue(message);
    private final ByteBuffer header = message.getByteBuffer(0, Wire.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer payload = message.getByteBuffer(Wire.HEADER_SIZE, Wire.MAX_PAYLOAD)
            .order(ByteOrder.LITTLE_ENDIAN);
    private final Memory reply = new Memory(Wire.HEADER_SIZE + Wire.RET_SIZE);
    private final long replyAddress = Pointer.nativeValue(reply);
    private final ReceivedFds fds = new ReceivedFds();
    private final SystemRamSync ram;
    private final Doorbell doorbellSocket;
    private volatile boolean stopping;
    /** Whether the device was found, so that the end of the guest resets it; cleared once done. */
    private boolean deviceServed;

    /**
     * Prepares a connection; {@link #serve()} runs it.
     *
     * @param name the remote object's id
     * @param options the remote object's properties: the device and the doorbell
     * @param machine the machine
     * @param fileBackends the {@code memory-backend-file} factory, for SYNC_SYSMEM
     * @param deviceWait how long to wait for the device to appear
     * @param fd the connected socket; owned from now on
     */
    MpqemuConnection(String name, RemoteObjectOptions options, Machine machine, ObjectFactory fileBackends,
            Duration deviceWait, int fd) {
        this.name = name;
        this.devid = options.devid();
        this.doorbell = options.doorbell().orElse(null);
        this.machine = machine;
        this.fileBackends = fileBackends;
        this.deviceWait = deviceWait;
        this.socket = new MessageSocket(fd);
        this.ram = new SystemRamSync(name, machine, fileBackends);
        this.doorbellSocket = new Doorbell(name, doorbell);
        reply.clear();
        reply.setInt(Wire.HEADER_CMD, MpqemuCommand.RET.ordinal());
        reply.setLong(Wire.HEADER_SIZE_FIELD, Wire.RET_SIZE);
    }

    /**
     * Serves until the peer closes, a message is malformed or {@link #stop()} is called, then
     * releases the eventfds, every received descriptor and the socket, and, unless it was
     * stopped, ends the guest: the device is reset, then the RAM map goes (the machine's own RAM
     * comes back). A stopped connection leaves that to {@link #release()} on the stopping thread:
     * that may be the machine's closing thread, which holds the machine while it closes its
     * objects.
     *
     * @return why it ended, or empty if it was stopped
     */
    Optional<ProtocolException> serve() {
        ProtocolException end = null;
        try (IrqForwarder irq = new IrqForwarder(name, doorbellSocket)) {
            machine.interrupts().addListener(irq);
            try {
                RemoteDevice device = awaitDevice();
                deviceServed = true;
                LOG.info("{}: serving {} to a QEMU x-pci-proxy-dev", name, device);
                ProxyCompatibility.problems(machine, device).forEach(problem -> LOG.warn("{}: {}", name, problem));
                DeviceRequests requests = new DeviceRequests(name, machine, device.devfn(), irq, doorbell != null);
                requests.routeInterrupt();
                while (true) {
                    handle(requests, ram, irq);
                    doorbellSocket.reportFailure();
                }
            } catch (ProtocolException e) {
                end = e;
            } catch (RuntimeException | Error e) {
                if (FatalErrors.isFatal(e)) {
                    throw e;
                }
                LOG.error("{}: closing the connection after an internal error", name, e);
                return Optional.empty();
            } finally {
                fds.closeAll();
                machine.interrupts().removeListener(irq);
            }
        } finally {
            socket.close();
            if (!stopping) {
                endGuest();
            }
        }
        // a doorbell that failed in the last moments failed because QEMU went: part of this end
        doorbellSocket.dropFailure();
        if (stopping) {
            LOG.info("{}: connection closed", name);
            return Optional.empty();
        }
        if (end instanceof ProtocolException.PeerClosed) {
            LOG.info("{}: QEMU closed the connection", name);
        } else {
            LOG.warn("{}: closing the connection: {}", name, end.getMessage());
        }
        return Optional.of(end);
    }

    /** Ends {@link #serve()} from another thread: the socket is shut down, which wakes the reader. */
    void stop() {
        stopping = true;
        socket.shutdown();
    }

    /**
     * Ends the guest (resets the device, gives the machine its own RAM back and closes the
     * mappings), after {@link #serve()} has returned (the caller joined its thread). Does nothing
     * if serve() did it.
     */
    void release() {
        endGuest();
    }

    /**
     * Whether {@link #stop()} ended the connection, rather than QEMU or a broken rule.
     *
     * @return true once stopped
     */
    boolean stopped() {
        return stopping;
    }

    /** The device first (its activation stops while QEMU's RAM is still mapped), then the RAM. */
    private void endGuest() {
        if (deviceServed) {
            deviceServed = false;
            try {
                machine.resetDevice(devid);
            } catch (ConfigurationException e) {
                // deleted meanwhile (device_del, or the machine closing its devices): nothing to reset
                LOG.debug("{}: no device {} to reset: {}", name, devid, e.getMessage());
            }
        }
        ram.close();
    }

    private RemoteDevice awaitDevice() throws ProtocolException {
        long deadline = System.nanoTime() + deviceWait.toNanos();
        while (true) {
            Optional<RemoteDevice> device = RemoteDevice.find(machine, devid);
            if (device.isPresent()) {
                return device.get();
            }
            // a device being plugged is registered before its function is on the bus: keep waiting
            if (stopping || System.nanoTime() - deadline >= 0) {
                throw new ProtocolException.DeviceUnavailable(devid, machine.device(devid).isPresent());
            }
            try {
                Thread.sleep(DEVICE_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProtocolException.DeviceUnavailable(devid, false);
            }
        }
    }

    /** Reads one message and carries it out (mpqemu-link.c mpqemu_msg_recv, mpqemu_msg_valid). */
    private void handle(DeviceRequests requests, SystemRamSync ram, IrqForwarder irq) throws ProtocolException {
        try {
            socket.receive(messageAddress, Wire.HEADER_SIZE, fds, "header", true);
            int cmd = header.getInt(Wire.HEADER_CMD);
            long size = header.getLong(Wire.HEADER_SIZE_FIELD);
            if (size < 0 || size > Wire.MAX_PAYLOAD) {
                throw new ProtocolException.PayloadTooLarge(cmd, size);
            }
            socket.receive(messageAddress + Wire.HEADER_SIZE, (int) size, fds, "payload", false);
            MpqemuCommand command = MpqemuCommand.of(cmd);
            if (command == null) {
                throw new ProtocolException.UnknownCommand(cmd);
            }
            dispatch(command, (int) size, requests, ram, irq);
        } finally {
            fds.closeAll();
        }
    }

    private void dispatch(MpqemuCommand command, int size, DeviceRequests requests, SystemRamSync ram,
            IrqForwarder irq) throws ProtocolException {
        switch (command) {
            case SYNC_SYSMEM -> {
                expect(command, size, Wire.SYNC_SIZE);
                if (fds.count() == 0 || fds.count() > Wire.MAX_FDS) {
                    throw new ProtocolException.InvalidMessage(command,
                            "it needs 1 to " + Wire.MAX_FDS + " descriptors, got " + fds.count());
                }
                ram.sync(payload, fds);
            }
            case PCI_CFGWRITE -> {
                expect(command, size, Wire.CONF_SIZE);
                requests.configWrite(payload);
                reply(0);
            }
            case PCI_CFGREAD -> {
                expect(command, size, Wire.CONF_SIZE);
                reply(requests.configRead(payload));
            }
            case BAR_WRITE -> {
                expect(command, size, Wire.BAR_SIZE);
                noFds(command);
                requests.barWrite(payload);
                reply(0);
            }
            case BAR_READ -> {
                expect(command, size, Wire.BAR_SIZE);
                noFds(command);
                reply(requests.barRead(payload));
            }
            case SET_IRQFD -> {
                expect(command, size, 0);
                if (fds.count() != 2) {
                    throw new ProtocolException.InvalidMessage(command, "it needs 2 descriptors, got " + fds.count());
                }
                irq.eventfds(fds.take(0), fds.take(1));
            }
            case DEVICE_RESET -> {
                // QEMU resets the proxied device at every system reset (hw/remote/message.c: qdev reset)
                LOG.info("{}: DEVICE_RESET (system reset of the QEMU guest)", name);
                resetDevice();
                reply(0);
            }
            case RET -> throw new ProtocolException.InvalidMessage(command, "QEMU never sends a reply to the remote");
        }
    }

    /** The device goes back to its state after plug; a device deleted meanwhile is reported. */
    private void resetDevice() {
        try {
            machine.resetDevice(devid);
        } catch (ConfigurationException e) {
            LOG.warn("{}: DEVICE_RESET: {}", name, e.getMessage());
        }
    }

    private static void expect(MpqemuCommand command, int size, int expected) throws ProtocolException {
        if (size != expected) {
            throw new ProtocolException.InvalidMessage(command,
                    "the payload has " + size + " bytes, the command needs " + expected);
        }
    }

    private void noFds(MpqemuCommand command) throws ProtocolException {
        if (fds.count() != 0) {
            throw new ProtocolException.InvalidMessage(command, "it carries " + fds.count() + " descriptors, none allowed");
        }
    }

    private void reply(long value) throws ProtocolException {
        reply.setLong(Wire.HEADER_SIZE, value);
        socket.send(replyAddress, Wire.HEADER_SIZE + Wire.RET_SIZE, null, 0);
    }
}
