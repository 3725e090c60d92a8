package io.emuhost.remote.internal;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The properties of {@code x-remote-object}: QEMU 7.2's {@code devid} and {@code fd}
 * (hw/remote/remote-obj.c), plus {@code socket}, a path to listen on instead of an inherited
 * descriptor, {@code doorbell}, the TCG interrupt workaround, and {@code auto-shutdown}, QEMU's
 * {@code -machine x-remote,auto-shutdown=on|off} (default on, as in QEMU) for this object
 * ({@link AutoShutdown}). Exactly one of {@code fd} and {@code socket}.
 *
 * @param devid the id of the device to serve
 * @param fd the inherited, connected socket, if given
 * @param socket the path to listen on, if given
 * @param doorbell the socket path of a QEMU chardev whose pci-serial shares the slot, if given
 * @param autoShutdown whether emuhost exits once this object's connection and every other one has
 *     closed; the object then serves one connection only
 */
record RemoteObjectOptions(String devid, OptionalInt fd, Optional<String> socket, Optional<String> doorbell,
        boolean autoShutdown) {

    static final String TYPE = "x-remote-object";
    static final String AUTO_SHUTDOWN = "auto-shutdown";

    static final List<PropertySpec> SPECS = List.of(
            new PropertySpec("devid", PropertyType.STRING, Optional.empty(), "Id of the PCI device to serve"),
            new PropertySpec("fd", PropertyType.STRING, Optional.empty(),
                    "Inherited file descriptor of the connected UNIX socket (QEMU's x-pci-proxy-dev fd=)"),
            new PropertySpec("socket", PropertyType.STRING, Optional.empty(),
                    "UNIX socket path to listen on, one connection at a time (instead of fd)"),
            new PropertySpec("doorbell", PropertyType.STRING, Optional.empty(),
                    "Socket path of a QEMU chardev whose pci-serial is function 1 of the slot: one byte per "
                            + "interrupt (TCG), and the function reports multifunction"),
            new PropertySpec(AUTO_SHUTDOWN, PropertyType.BOOL, Optional.of("on"),
                    "Exit emuhost (status 0) once this object's QEMU connection has closed and no other remote "
                            + "object serves or waits for one; the object serves one connection (QEMU's "
                            + "-machine x-remote,auto-shutdown)"));

    static RemoteObjectOptions parse(Properties properties) throws ConfigurationException {
        String devid = properties.string("devid");
        Optional<String> fd = properties.optionalString("fd");
        Optional<String> socket = properties.optionalString("socket");
        Optional<String> doorbell = properties.optionalString("doorbell");
        // hw/remote/machine.c remote_machine_instance_init: auto_shutdown = true
        boolean autoShutdown = properties.bool(AUTO_SHUTDOWN, true);
        if (doorbell.isPresent() && doorbell.get().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                >= LibC.SUN_PATH_MAX) {
            throw new RemoteObjectException.SocketPathTooLong(doorbell.get());
        }
        if (fd.isPresent() && socket.isPresent()) {
            throw new RemoteObjectException.FdAndSocketExclusive();
        }
        if (fd.isEmpty() && socket.isEmpty()) {
            throw new RemoteObjectException.FdOrSocketMissing();
        }
        if (socket.isPresent()) {
            return new RemoteObjectOptions(devid, OptionalInt.empty(), socket, doorbell, autoShutdown);
        }
        return new RemoteObjectOptions(devid, OptionalInt.of(parseFd(fd.get())), Optional.empty(), doorbell,
                autoShutdown);
    }

    // monitor/misc.c monitor_fd_param → qemu_parse_fd: a non-negative decimal number
    private static int parseFd(String text) throws ConfigurationException {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new RemoteObjectException.InvalidFdNumber(text);
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RemoteObjectException.InvalidFdNumber(text);
        }
    }
}
