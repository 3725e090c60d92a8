package io.emuhost.api.monitor;

import java.util.List;
import java.util.Optional;

/**
 * How a command is named, called and described on the monitors.
 *
 * @param qmpName the QMP command name (e.g. {@code x-query-virtio-pmem}), or empty for HMP only
 * @param hmpName the HMP name with {@code |}-separated aliases (e.g. {@code quit|q}), or empty
 *     for QMP only
 * @param hmpInfo true if the HMP name is an {@code info} subcommand ({@code info virtio-pmem})
 * @param hmpParams the HMP parameter synopsis for {@code help} (e.g. {@code [-f] id})
 * @param help the one-line help
 * @param arguments the arguments, in HMP order
 * @param extraArguments true if arguments beyond {@code arguments} are accepted and passed on
 *     ({@code device_add}, {@code object-add}); otherwise they are rejected with
 *     {@code Parameter 'x' is unexpected}
 */
public record CommandSpec(Optional<String> qmpName, Optional<String> hmpName, boolean hmpInfo, String hmpParams,
        String help, List<ArgumentSpec> arguments, boolean extraArguments) {

    /**
     * Copies the argument list so the record stays immutable.
     *
     * @param qmpName QMP name
     * @param hmpName HMP name
     * @param hmpInfo info subcommand
     * @param hmpParams HMP synopsis
     * @param help help
     * @param arguments arguments
     * @param extraArguments extra arguments accepted
     */
    public CommandSpec {
        arguments = List.copyOf(arguments);
    }
}
