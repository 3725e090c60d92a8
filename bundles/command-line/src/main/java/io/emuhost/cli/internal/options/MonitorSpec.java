package io.emuhost.cli.internal.options;

import io.emuhost.cli.internal.chardev.Chardev;

/**
 * A monitor the command line asks for: {@code -monitor}, {@code -qmp}, {@code -mon}, or the
 * default monitor on standard input and output.
 *
 * @param chardev where it runs
 * @param protocol HMP or QMP
 * @param pretty {@code pretty=on} ({@code -qmp-pretty}): QMP replies spread over indented lines
 */
public record MonitorSpec(Chardev chardev, MonitorProtocol protocol, boolean pretty) {
}
