package io.emuhost.machine.internal.hmp;

import io.emuhost.api.memory.MemdevInfo;
import java.util.List;

/**
 * {@code info memdev} (QEMU {@code hmp_info_memdev}): two spaces after {@code size:}, the host
 * nodes as QEMU's string output visitor prints a list (ranges as {@code a-b}), and one blank line
 * after the last backend.
 */
public final class InfoMemdev implements HmpCommand {

    @Override
    public String name() {
        return "memdev";
    }

    @Override
    public String params() {
        return "";
    }

    @Override
    public String help() {
        return "show memory backends";
    }

    @Override
    public HmpOutcome run(String arguments, HmpSession session) {
        session.out().print(format(session.machine().memdevs()));
        return HmpOutcome.CONTINUE;
    }

    /**
     * Formats the backends.
     *
     * @param backends the backends, main RAM included
     * @return the text
     */
    public static String format(List<MemdevInfo> backends) {
        StringBuilder text = new StringBuilder();
        for (MemdevInfo m : backends) {
            text.append("memory backend: ").append(m.id()).append('\n')
                    .append("  size:  ").append(m.size()).append('\n')
                    .append("  merge: ").append(m.merge()).append('\n')
                    .append("  dump: ").append(m.dump()).append('\n')
                    .append("  prealloc: ").append(m.prealloc()).append('\n')
                    .append("  share: ").append(m.share()).append('\n')
                    .append("  reserve: ").append(m.reserve()).append('\n')
                    .append("  policy: ").append(m.policy()).append('\n')
                    .append("  host nodes: ").append(ranges(m.hostNodes())).append('\n');
        }
        return text.append('\n').toString();
    }

    /** Runs of consecutive ascending numbers as {@code a-b}, e.g. {@code [0, 1, 2, 5]} → {@code 0-2,5}. */
    static String ranges(List<Integer> nodes) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < nodes.size()) {
            int end = i;
            while (end + 1 < nodes.size() && nodes.get(end + 1) == nodes.get(end) + 1) {
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
