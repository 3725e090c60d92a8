package io.emuhost.monitor.internal;

import io.emuhost.api.device.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Every monitor's way into the command registry: the host's own commands and the
 * {@link io.emuhost.api.monitor.MonitorCommand} services of other bundles, one table for all
 * monitors. HMP sessions (stdio or sockets) and QMP sessions (sockets) are transports around it.
 */
public interface MonitorHub {

    /**
     * Runs one HMP session until end of input or {@code quit}: prints the banner and the prompt,
     * reads lines (over-long lines cut at 4095 characters), runs them.
     *
     * @param in the session's input
     * @param out the session's output
     * @param echo whether to echo input lines (sockets and terminals, as QEMU's readline does)
     * @return true if the session ended with {@code quit}
     * @throws IOException if the streams fail
     */
    boolean serveHmp(InputStream in, PrintStream out, boolean echo) throws IOException;

    /**
     * Runs one HMP command line and returns what it printed ({@code human-monitor-command}).
     *
     * @param commandLine the line
     * @return the output, {@code Error: ...} lines included
     */
    String runHmpLine(String commandLine);

    /**
     * Executes a QMP command other than {@code qmp_capabilities}, checking the arguments against
     * its spec with QEMU's wording ({@code The command x has not been found} (CommandNotFound),
     * {@code Parameter 'x' is unexpected}, {@code Invalid parameter type for 'x', expected: string}).
     *
     * @param name the command
     * @param arguments the JSON arguments as Java values (Map, List, String, Long, Boolean)
     * @return the {@code return} value (null for {@code {}})
     * @throws ConfigurationException the error to send back
     */
    Object executeQmp(String name, Map<String, Object> arguments) throws ConfigurationException;

    /**
     * The QMP command names, for {@code query-commands}.
     *
     * @return names in registration order
     */
    List<String> qmpCommandNames();
}
