package io.emuhost.cli.internal.options;

import io.emuhost.cli.internal.chardev.Chardev;
import io.emuhost.cli.internal.chardev.ChardevBackend;
import io.emuhost.cli.internal.chardev.SocketEndpoint;
import io.emuhost.syntax.KeyvalException;
import io.emuhost.syntax.KeyvalOptions;
import io.emuhost.syntax.KeyvalParser;
import io.emuhost.syntax.KeyvalSyntax;
import io.emuhost.syntax.report.ErrorReport;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Chardev definitions with QEMU 7.2's rules and errors ({@code chardev/char.c},
 * {@code chardev/char-socket.c}): the {@code -chardev} option and the short forms that
 * {@code -qmp}, {@code -monitor} and {@code -qtest} take ({@code stdio}, {@code unix:PATH,...},
 * {@code tcp:HOST:PORT,...}). emuhost has the {@code socket} and {@code stdio} backends.
 */
final class ChardevOptions {

    /** QEMU's {@code -chardev} keys (qemu_chardev_opts); any other is an invalid parameter. */
    private static final Set<String> QEMU_KEYS = Set.of("backend", "id", "path", "host", "port", "fd", "localaddr",
            "localport", "to", "ipv4", "ipv6", "wait", "server", "delay", "nodelay", "reconnect", "telnet", "tn3270",
            "websocket", "width", "height", "cols", "rows", "mux", "signal", "name", "debug", "size", "chardev",
            "append", "logfile", "logappend", "mouse", "clipboard", "tight", "abstract", "tls-creds", "tls-authz");

    /** The keys emuhost's socket backend carries out (to, ipv4, ipv6: accepted, no effect). */
    private static final Set<String> SOCKET_KEYS = Set.of("backend", "id", "path", "host", "port", "to", "ipv4",
            "ipv6", "wait", "server", "delay", "nodelay");

    /** The boolean keys, which QemuOpts checks while splitting the option. */
    private static final Set<String> BOOLEAN_KEYS = Set.of("ipv4", "ipv6", "wait", "server", "delay", "nodelay",
            "telnet", "tn3270", "websocket", "mux", "signal", "append", "logappend", "tight", "abstract");

    private static final Set<String> QEMU_BACKENDS = Set.of("null", "socket", "udp", "msmouse", "vc", "ringbuf",
            "file", "pipe", "pty", "stdio", "serial", "parallel", "memory", "braille", "testdev", "spicevmc",
            "spiceport", "qemu-vdagent", "dbus", "mux", "wctablet");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");
    private static final Pattern TCP_COMPAT = Pattern.compile("([^:]{1,64})?:([^,]{1,32})(,.*)?", Pattern.DOTALL);
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private ChardevOptions() {
    }

    /**
     * A {@code -chardev} option.
     *
     * @param location the option as written
     * @param options its keys, the backend under {@code backend}
     * @return the chardev
     * @throws CommandLineException with QEMU's wording
     */
    static Chardev define(String location, KeyvalOptions options) throws CommandLineException {
        Map<String, String> values = options.values();
        for (String key : values.keySet()) {
            if (!QEMU_KEYS.contains(key)) {
                throw new CommandLineException(location, "Invalid parameter '" + key + "'");
            }
        }
        String id = values.get("id");
        if (id == null) {
            throw new CommandLineException(location, "chardev: no id specified");
        }
        if (!IDENTIFIER.matcher(id).matches()) {
            throw new CommandLineException(location, "Parameter 'id' expects an identifier",
                    "Identifiers consist of letters, digits, '-', '.', '_', starting with a letter.");
        }
        String backend = values.getOrDefault("backend", "");
        return switch (backend) {
            case "socket" -> new Chardev(id, socket(location, values), location);
            case "stdio" -> new Chardev(id, stdio(location, values), location);
            default -> throw new CommandLineException(location, QEMU_BACKENDS.contains(backend)
                    ? "chardev backend '" + backend + "' is not supported by emuhost (only 'socket' and 'stdio')"
                    : "'" + backend + "' is not a valid char driver name");
        };
    }

    /**
     * The short form of {@code -qmp}, {@code -monitor} and {@code -qtest} (QEMU's
     * {@code qemu_chr_parse_compat}).
     *
     * @param location the option as written
     * @param argument the chardev text, e.g. {@code unix:q.sock,server=on,wait=off}
     * @param id the id QEMU gives it, e.g. {@code compat_monitor0}
     * @return the chardev
     * @throws CommandLineException with QEMU's wording, {@code 'x' is not a valid char driver}
     *     and {@code parse error: x}
     */
    static Chardev compat(String location, String argument, String id) throws CommandLineException {
        if ("stdio".equals(argument)) {
            return new Chardev(id, new ChardevBackend.Stdio(), location);
        }
        if (argument.startsWith("unix:")) {
            KeyvalOptions options = compatOptions(location, argument, argument.substring("unix:".length()), "path");
            return new Chardev(id, socket(location, withBackend(options.values())), location);
        }
        if (argument.startsWith("tcp:")) {
            var matcher = TCP_COMPAT.matcher(argument.substring("tcp:".length()));
            if (!matcher.matches()) {
                throw new CommandLineException(location, "parse error: " + argument);
            }
            String rest = matcher.group(3) == null ? "" : matcher.group(3).substring(1);
            Map<String, String> values = withBackend(compatOptions(location, argument, rest, null).values());
            values.put("host", matcher.group(1) == null ? "" : matcher.group(1));
            values.put("port", matcher.group(2));
            return new Chardev(id, socket(location, values), location);
        }
        throw new CommandLineException(location, "'" + argument + "' is not a valid char driver",
                ErrorReport.PROGRAM + ": " + location + ": parse error: " + argument);
    }

    private static KeyvalOptions compatOptions(String location, String argument, String text, String impliedKey)
            throws CommandLineException {
        try {
            KeyvalOptions options = KeyvalParser.parse(text, impliedKey, KeyvalSyntax.QEMU_OPTS);
            for (String key : options.values().keySet()) {
                if (!QEMU_KEYS.contains(key) || "backend".equals(key) || "id".equals(key)) {
                    throw new KeyvalException("Invalid parameter '" + key + "'");
                }
                if (BOOLEAN_KEYS.contains(key)) {
                    BoolOption.get(location, options.values(), key, false);
                }
            }
            return options;
        } catch (KeyvalException | CommandLineException e) {
            throw new CommandLineException(location, e.getMessage(),
                    ErrorReport.PROGRAM + ": " + location + ": parse error: " + argument);
        }
    }

    private static Map<String, String> withBackend(Map<String, String> values) {
        Map<String, String> all = new java.util.LinkedHashMap<>(values);
        all.put("backend", "socket");
        return all;
    }

    private static ChardevBackend stdio(String location, Map<String, String> values) throws CommandLineException {
        for (String key : values.keySet()) {
            if (!Set.of("backend", "id", "signal").contains(key)) {
                throw unsupported(location, key);
            }
        }
        BoolOption.get(location, values, "signal", true);
        return new ChardevBackend.Stdio();
    }

    /** QEMU's qemu_chr_parse_socket checks, in its order. */
    private static ChardevBackend socket(String location, Map<String, String> values) throws CommandLineException {
        for (String key : values.keySet()) {
            if (!SOCKET_KEYS.contains(key)) {
                throw unsupported(location, key);
            }
        }
        String path = values.get("path");
        String host = values.get("host");
        String port = values.get("port");
        if (path != null && host != null) {
            throw new CommandLineException(location, "None or one of 'path', 'fd' or 'host' option required.");
        }
        if (host != null && port == null) {
            throw new CommandLineException(location, "chardev: socket: no port given");
        }
        if (path == null && port == null) {
            throw new CommandLineException(location, "chardev: socket: no host given");
        }
        boolean delay = BoolOption.get(location, values, "delay", true);
        boolean noDelay = BoolOption.get(location, values, "nodelay", false);
        if (values.containsKey("delay") && values.containsKey("nodelay")) {
            throw new CommandLineException(location, "'delay' and 'nodelay' are mutually exclusive");
        }
        boolean server = BoolOption.get(location, values, "server", false);
        boolean waitForClient = BoolOption.get(location, values, "wait", true);
        if (!server && values.containsKey("wait")) {
            throw new CommandLineException(location, "'wait' option is incompatible with socket in client connect mode");
        }
        BoolOption.get(location, values, "ipv4", false);
        BoolOption.get(location, values, "ipv6", false);
        SocketEndpoint endpoint;
        if (path != null) {
            if (path.isEmpty()) {
                throw new CommandLineException(location, "chardev: socket: no path given");
            }
            endpoint = new SocketEndpoint.Unix(Path.of(path));
        } else {
            String name = host == null ? "" : host;
            if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 0xffff) {
                throw new CommandLineException(location, "address resolution failed for " + name + ":" + port
                        + ": Servname not supported for ai_socktype");
            }
            endpoint = new SocketEndpoint.Tcp(name, Integer.parseInt(port));
        }
        return new ChardevBackend.Socket(endpoint, server, server && waitForClient, noDelay || !delay);
    }

    private static CommandLineException unsupported(String location, String key) {
        return new CommandLineException(location, "chardev option '" + key + "' is not supported by emuhost");
    }
}
