package io.emuhost.api.monitor;

import io.emuhost.api.device.ConfigurationException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A monitor command. Registered as an OSGi service, it is served on every monitor: as an HMP
 * command (or {@code info} subcommand) and as a QMP command, whichever names its
 * {@link CommandSpec} gives. The host's own commands use the same interface.
 *
 * <p>One {@link #execute} serves both protocols: it returns the QMP {@code return} value as plain
 * JSON-shaped Java values ({@code Map<String, ?>} with insertion order kept, {@code List<?>},
 * {@code String}, {@code Long}/{@code Integer}, {@code Boolean}; {@code null} for {@code {}}),
 * and {@link #formatHuman} turns that value into what HMP prints.
 */
@ConsumerType
public interface MonitorCommand {

    /**
     * The command's names, arguments and help.
     *
     * @return the spec
     */
    CommandSpec spec();

    /**
     * Runs the command. Called on the monitor's thread; several monitors may call concurrently.
     *
     * @param arguments the validated arguments
     * @return the QMP return value
     * @throws ConfigurationException with QEMU's wording and QMP error class; HMP prints
     *     {@code Error: <message>}
     */
    Object execute(CommandArguments arguments) throws ConfigurationException;

    /**
     * What HMP prints for a result of {@link #execute}: complete lines, each ending in
     * {@code \n}, or the empty string.
     *
     * @param result the value {@code execute} returned
     * @return the text
     */
    String formatHuman(Object result);
}
