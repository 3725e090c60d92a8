package io.emuhost.monitor.internal.command;

import io.emuhost.api.machine.Machine;
import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.monitor.CommandArguments;
import java.util.List;
import java.util.Map;

/**
 * {@code query-memdev} / {@code info memdev} (QEMU {@code hmp_info_memdev}). QMP keys in the
 * order QEMU 7.2 emits them (reference §7); HMP with two spaces after {@code size:}, the host
 * nodes as ranges ({@code 0-2,5}) and one blank line after the last backend.
 */
public final class MemdevCommand extends HostCommand {

    private final Machine machine;

    /**
     * Creates the command.
     *
     * @param machine the machine
     */
    public MemdevCommand(Machine machine) {
        super(info("query-memdev", "memdev", "show memory backends"));
        this.machine = machine;
    }

    @Override
    public Object execute(CommandArguments arguments) {
        return json(machine.memdevs());
    }

    /**
     * The QMP value.
     *
     * @param memdevs the backends
     * @return the list
     */
    public static List<Map<String, Object>> json(List<MemdevInfo> memdevs) {
        return memdevs.stream().map(m -> Json.of("share", m.share(), "reserve", m.reserve(), "prealloc",
                m.prealloc(), "host-nodes", m.hostNodes(), "size", m.size(), "merge", m.merge(), "dump", m.dump(),
                "policy", m.policy(), "id", m.id())).toList();
    }

    @Override
    public String formatHuman(Object result) {
        StringBuilder text = new StringBuilder();
        for (Object element : Json.array(result)) {
            Map<?, ?> m = Json.object(element);
            text.append("memory backend: ").append(Json.string(m, "id")).append('\n')
                    .append("  size:  ").append(Long.toUnsignedString(Json.integer(m, "size"))).append('\n')
                    .append("  merge: ").append(Json.bool(m, "merge")).append('\n')
                    .append("  dump: ").append(Json.bool(m, "dump")).append('\n')
                    .append("  prealloc: ").append(Json.bool(m, "prealloc")).append('\n')
                    .append("  share: ").append(Json.bool(m, "share")).append('\n')
                    .append("  reserve: ").append(Json.bool(m, "reserve")).append('\n')
                    .append("  policy: ").append(Json.string(m, "policy")).append('\n')
                    .append("  host nodes: ").append(ranges(Json.array(m.get("host-nodes")))).append('\n');
        }
        return text.append('\n').toString();
    }

    /**
     * Runs of consecutive ascending numbers as {@code a-b}, as QEMU's string output visitor prints
     * a list.
     *
     * @param nodes the node numbers
     * @return e.g. {@code 0-2,5} for {@code [0, 1, 2, 5]}
     */
    static String ranges(List<?> nodes) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < nodes.size()) {
            int end = i;
            while (end + 1 < nodes.size()
                    && ((Number) nodes.get(end + 1)).longValue() == ((Number) nodes.get(end)).longValue() + 1) {
                end++;
            }
            text.append(text.length() == 0 ? "" : ",").append(nodes.get(i));
            if (end > i) {
                text.append('-').append(nodes.get(end));
            }
            i = end + 1;
        }
        return text.toString();
    }
}
