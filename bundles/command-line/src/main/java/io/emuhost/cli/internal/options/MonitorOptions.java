package io.emuhost.cli.internal.options;

import io.emuhost.cli.internal.chardev.Chardev;
import io.emuhost.cli.internal.chardev.ChardevBackend;
import io.emuhost.syntax.KeyvalOptions;
import io.emuhost.syntax.report.ErrorReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Collects the chardev and monitor options ({@code -chardev}, {@code -mon}, {@code -monitor},
 * {@code -qmp}, {@code -qmp-pretty}, {@code -qtest}, {@code -qtest-log}) and resolves them once
 * all options are read, as QEMU 7.2's {@code monitor_parse} and {@code mon_init_func} do.
 */
final class MonitorOptions {

    private final Map<String, Chardev> chardevs = new LinkedHashMap<>();
    private final List<MonitorRequest> requests = new ArrayList<>();
    private int compatIndex;
    private boolean monitorGiven;
    private String qtestLocation;
    private String qtestArgument;
    private String qtestLog;

    /** {@code -chardev}. */
    void chardev(String location, KeyvalOptions options) throws CommandLineException {
        add(ChardevOptions.define(location, options));
    }

    /** {@code -monitor}: {@code none...} and {@code vc...} give no monitor (there is no console). */
    void monitor(String location, String argument) throws CommandLineException {
        monitorGiven = true;
        if (argument.startsWith("none") || "vc".equals(argument) || argument.startsWith("vc:")) {
            return;
        }
        monitorParse(location, argument, MonitorProtocol.HMP, false);
    }

    /** {@code -qmp} and {@code -qmp-pretty}. */
    void qmp(String location, String argument, boolean pretty) throws CommandLineException {
        monitorGiven = true;
        monitorParse(location, argument, MonitorProtocol.QMP, pretty);
    }

    /** {@code -mon}. */
    void mon(String location, KeyvalOptions options) throws CommandLineException {
        monitorGiven = true;
        requests.add(MonitorRequest.parse(location, options));
    }

    /** {@code -qtest}: the last one counts, as in QEMU. */
    void qtest(String location, String argument) {
        qtestLocation = location;
        qtestArgument = argument;
    }

    /** {@code -qtest-log}: the last one counts. */
    void qtestLog(String argument) {
        qtestLog = argument;
    }

    private void monitorParse(String location, String argument, MonitorProtocol protocol, boolean pretty)
            throws CommandLineException {
        String label;
        if (argument.startsWith("chardev:")) {
            label = argument.substring("chardev:".length());
        } else {
            label = "compat_monitor" + compatIndex;
            add(ChardevOptions.compat(location, argument, label));
        }
        requests.add(new MonitorRequest(label, protocol, pretty, location));
        compatIndex++;
    }

    private void add(Chardev chardev) throws CommandLineException {
        if (chardevs.containsKey(chardev.id())) {
            throw new CommandLineException(chardev.location(), "Duplicate ID '" + chardev.id() + "' for chardev");
        }
        if (chardev.backend() instanceof ChardevBackend.Stdio && usesStdio()) {
            throw new CommandLineException(chardev.location(), "cannot use stdio by multiple character devices");
        }
        chardevs.put(chardev.id(), chardev);
    }

    private boolean usesStdio() {
        return chardevs.values().stream().anyMatch(c -> c.backend() instanceof ChardevBackend.Stdio);
    }

    /**
     * The monitors, in command-line order.
     *
     * @param defaultOnStdio whether, without any monitor option, the human monitor goes on
     *     standard input and output (QEMU's default monitor)
     * @return the monitors
     * @throws CommandLineException {@code chardev "x" not found}, {@code Device 'x' is in use},
     *     {@code 'pretty' is not compatible with HMP monitors}
     */
    List<MonitorSpec> monitors(boolean defaultOnStdio) throws CommandLineException {
        List<MonitorSpec> monitors = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (MonitorRequest request : requests) {
            Chardev chardev = chardevs.get(request.chardevId());
            if (chardev == null) {
                throw new CommandLineException(request.location(), "chardev \"" + request.chardevId() + "\" not found");
            }
            if (!used.add(chardev.id())) {
                throw new CommandLineException(request.location(), "Device '" + chardev.id() + "' is in use");
            }
            if (request.pretty() && request.protocol() == MonitorProtocol.HMP) {
                throw new CommandLineException(request.location(), "'pretty' is not compatible with HMP monitors");
            }
            monitors.add(new MonitorSpec(chardev, request.protocol(), request.pretty()));
        }
        if (!monitorGiven && defaultOnStdio && !usesStdio()) {
            monitors.add(new MonitorSpec(new Chardev("compat_monitor0", new ChardevBackend.Stdio(), "-monitor stdio"),
                    MonitorProtocol.HMP, false));
        }
        return monitors;
    }

    /**
     * The qtest server, if {@code -qtest} was given.
     *
     * @return the server's chardev and log
     * @throws CommandLineException QEMU's qtest errors, which name no option:
     *     {@code 'x' is not a valid char driver}, {@code Failed to initialize device for qtest: "x"}
     */
    Optional<QtestSpec> qtest() throws CommandLineException {
        if (qtestArgument == null) {
            return Optional.empty();
        }
        Chardev chardev;
        try {
            chardev = ChardevOptions.compat(qtestLocation, qtestArgument, "qtest");
        } catch (CommandLineException e) {
            throw new CommandLineException(null, e.getMessage(),
                    ErrorReport.PROGRAM + ": Failed to initialize device for qtest: \"" + qtestArgument + "\"");
        }
        if (chardev.backend() instanceof ChardevBackend.Stdio && usesStdio()) {
            throw new CommandLineException(null, "cannot use stdio by multiple character devices",
                    ErrorReport.PROGRAM + ": Failed to initialize device for qtest: \"" + qtestArgument + "\"");
        }
        return Optional.of(new QtestSpec(chardev, Optional.ofNullable(qtestLog)));
    }
}
