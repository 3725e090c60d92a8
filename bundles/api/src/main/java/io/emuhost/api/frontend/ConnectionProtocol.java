package io.emuhost.api.frontend;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Machine;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A protocol that drives a machine over a byte stream connection: QEMU's qtest ({@code -qtest})
 * and the monitors, QMP ({@code -qmp}) and HMP ({@code -monitor}). Registered as an OSGi service
 * with the property {@link #PROTOCOL} naming the protocol; the host finds it by that name, as it
 * finds a {@link io.emuhost.api.device.DeviceFactory} by its driver. When several services name
 * one protocol, the host uses the one from the highest bundle version.
 *
 * <p>When the service is unregistered (its bundle stops or is updated), the sessions it opened
 * are closed, which ends their running {@link ProtocolSession#serve}; the host opens the next
 * session from the protocol service registered then.
 */
@ConsumerType
public interface ConnectionProtocol {

    /** Service property: the protocol's name, e.g. {@value #QTEST}. */
    String PROTOCOL = "emuhost.protocol";

    /** The name of QEMU's qtest protocol ({@code -qtest}). */
    String QTEST = "qtest";

    /** The qtest option naming its log ({@code -qtest-log}): a file, or {@code none}. */
    String QTEST_LOG = "log";

    /** The name of the QEMU Machine Protocol ({@code -qmp}, {@code -mon mode=control}). @since 1.1 */
    String QMP = "qmp";

    /** The name of the human monitor ({@code -monitor}, {@code -mon mode=readline}). @since 1.1 */
    String HMP = "hmp";

    /** Monitor option: the chardev's id, which names the monitor in diagnostics. @since 1.1 */
    String CHARDEV = "chardev";

    /** QMP option {@code on}: replies pretty-printed ({@code -mon pretty=on}). @since 1.1 */
    String PRETTY = "pretty";

    /**
     * HMP option {@code on}: the session echoes what it reads and edits lines as QEMU's readline
     * does (sockets, and standard input when it is a terminal). @since 1.1
     */
    String ECHO = "echo";

    /** Monitor option: the guest name ({@code -name}), if one was given. @since 1.1 */
    String NAME = "name";

    /** Monitor option {@code on}: the machine was started with {@code -S} (prelaunch). @since 1.1 */
    String PRELAUNCH = "prelaunch";

    /**
     * Opens a session: the state that outlives single connections (for qtest: the IRQ intercept,
     * the virtual clock and the log; for a monitor: its event subscription and value budget).
     *
     * @param machine the machine the session drives
     * @param options the protocol's options from the command line; for qtest, {@link #QTEST_LOG}:
     *     a file (created or truncated), {@code none}, or absent to log to standard error; for the
     *     monitors {@link #CHARDEV}, {@link #PRETTY}, {@link #ECHO}, {@link #NAME} and
     *     {@link #PRELAUNCH}
     * @return the session, to be closed by the caller
     * @throws ConfigurationException if an option is unknown or malformed; nothing was opened
     */
    ProtocolSession open(Machine machine, Map<String, String> options) throws ConfigurationException;
}
