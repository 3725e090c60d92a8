package io.emuhost.monitor.internal.hmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * QEMU's {@code help_cmd}: one {@code <prefix> name params -- help} line per command, for a
 * whole table or for the command the words name.
 */
public final class HelpDump {

    /** QEMU's {@code MAX_ARGS}: with more words, {@code help} prints nothing. */
    static final int MAX_WORDS = 16;

    private HelpDump() {
    }

    /**
     * The help for the commands a {@code help} argument names.
     *
     * @param table the top-level table
     * @param argument the text after {@code help}, e.g. {@code info memdev}; empty for all
     * @return the text, lines ending in {@code \n}
     */
    public static String dump(HmpCommandTable table, String argument) {
        Optional<List<String>> words = words(argument);
        StringBuilder text = new StringBuilder();
        words.ifPresent(w -> dump(table, w, 0, text));
        return text.toString();
    }

    /** QEMU's {@code parse_cmdline}: up to 16 words, quoted or not; empty if it fails. */
    private static Optional<List<String>> words(String argument) {
        HmpWords cursor = new HmpWords(argument, 0);
        List<String> words = new ArrayList<>();
        while (true) {
            cursor.skipSpaces();
            if (cursor.atEnd()) {
                return Optional.of(words);
            }
            Optional<String> word = cursor.word();
            if (words.size() >= MAX_WORDS || word.isEmpty()) {
                return Optional.empty();
            }
            words.add(word.get());
        }
    }

    private static void dump(HmpCommandTable table, List<String> words, int index, StringBuilder text) {
        List<String> prefix = words.subList(0, Math.min(index, words.size()));
        if (index >= words.size()) {
            table.entries().forEach(entry -> line(prefix, entry, text));
            return;
        }
        Optional<HmpCommandTable.Entry> found = table.find(words.get(index));
        if (found.isEmpty()) {
            text.append("unknown command: '").append(String.join(" ", words.subList(0, index + 1))).append("'\n");
        } else if (found.get().subcommands().isPresent()) {
            dump(found.get().subcommands().get(), words, index + 1, text);
        } else {
            line(prefix, found.get(), text);
        }
    }

    private static void line(List<String> prefix, HmpCommandTable.Entry entry, StringBuilder text) {
        prefix.forEach(word -> text.append(word).append(' '));
        text.append(entry.name()).append(' ').append(entry.command().spec().hmpParams()).append(" -- ")
                .append(entry.command().spec().help()).append('\n');
    }
}
