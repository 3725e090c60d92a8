package io.emuhost.monitor.internal.command;

import io.emuhost.api.machine.CpuSpec;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.CommandArguments;
import java.util.List;
import java.util.Map;

/**
 * {@code query-cpus-fast} / {@code info cpus}: the machine's one CPU, in QEMU 7.2's shape
 * ({@code cpu-index}, {@code qom-path}, {@code thread-id}, {@code props}, {@code target}) plus
 * {@code qom-type}, the model's QOM type ({@code qemu64-x86_64-cpu}). Its other settings
 * ({@code phys-bits}, {@code host-phys-bits}, {@code vendor}) are read with {@code qom-get} on the
 * {@code qom-path}, as in QEMU. There is no vCPU thread: {@code thread-id} is the host process,
 * whose main thread's id it is on Linux.
 */
public final class CpusCommand extends HostCommand {

    /** Where QEMU 7.2 puts the first CPU of the pc machine. */
    public static final String QOM_PATH = "/machine/unattached/device[0]";

    private final Machine machine;

    /**
     * Creates the command.
     *
     * @param machine the machine
     */
    public CpusCommand(Machine machine) {
        super(info("query-cpus-fast", "cpus", "show infos for each CPU"));
        this.machine = machine;
    }

    @Override
    public Object execute(CommandArguments arguments) {
        CpuSpec cpu = machine.cpu();
        Map<String, Object> props = Json.of("core-id", 0, "thread-id", 0, "node-id", 0, "socket-id", 0);
        return List.of(Json.of("thread-id", ProcessHandle.current().pid(), "props", props, "qom-path", QOM_PATH,
                "cpu-index", 0, "target", "x86_64", "qom-type", cpu.qomType()));
    }

    /** hmp_info_cpus: {@code * CPU #0: thread_id=N}. */
    @Override
    public String formatHuman(Object result) {
        StringBuilder text = new StringBuilder();
        for (Object entry : Json.array(result)) {
            Map<?, ?> cpu = Json.object(entry);
            text.append("* CPU #").append(Json.integer(cpu, "cpu-index")).append(": thread_id=")
                    .append(Json.integer(cpu, "thread-id")).append('\n');
        }
        return text.toString();
    }
}
