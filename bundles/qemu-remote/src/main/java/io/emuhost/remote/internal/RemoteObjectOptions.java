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
 * descriptor, and {@code doorbell}, the TCG interrupt workaround. Exactly one of {@code fd} and
 * {@code socket}.
 *
 * @param devid the id of the device to serve
 * @param fd the inherited, connected socket, if given
 * @param socket the path to listen on, if given
 * @param doorbell the socket path of a QEMU chardev whose pci-serial shares the slot, if given
 */
record RemoteObjectOptions(String devid, OptionalInt fd, Optional<String> socket, Optional<String> doorbell) {

    static final String TYPE = "x-remote-object";

    static final List<PropertySpec> SPECS = List.of(
            new PropertySpec("devid", PropertyType.STRING, Optional.empty(), "Id of the PCI device to serve"),
            new PropertySpec("fd", PropertyType.STRING, Optional.empty(),
                    "Inherited file descriptor of the connected UNIX socket (QEMU's x-pci-proxy-dev fd=)"),
            new PropertySpec("socket", PropertyType.STRING, Optional.empty(),
                    "UNIX socket path to listen on, one connection at a time (instead of fd)"),
            new PropertySpec("doorbell", PropertyType.STRING, Optional.empty(),
                    "Socket path of a QEMU chardev whose pci-serial is function 1 of the slot: one byte per "
                            + "interrupt (TCG), and the function reports multifunction"));

    static RemoteObjectOptions parse(Properties properties) throws ConfigurationException {
        String devid = properties.string("devid");
        Optional<String> fd = properties.optionalString("fd");
        Optional<String> socket = properties.optionalString("socket");
        Optional<String> doorbell = properties.optionalString("doorbell");
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
            return new RemoteObjectOptions(devid, OptionalInt.empty(), socket, doorbell);
        }
        return new RemoteObjectOptions(devid, OptionalInt.of(parseFd(fd.get())), Optional.empty(), doorbell);
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
