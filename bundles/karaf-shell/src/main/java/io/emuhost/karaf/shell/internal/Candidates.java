package io.emuhost.karaf.shell.internal;

import java.util.Collection;
import java.util.List;
import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.CommandLine;

/** Turns words into completion candidates for the word under the cursor. */
final class Candidates {

    private Candidates() {
    }

    /**
     * The part of the word under the cursor that lies before the cursor.
     *
     * @param line the command line
     * @return the prefix, "" on an empty word
     */
    static String prefix(CommandLine line) {
        String word = line.getCursorArgument();
        if (word == null) {
            return "";
        }
        return word.substring(0, Math.min(Math.max(line.getArgumentPosition(), 0), word.length()));
    }

    /**
     * Adds the words that start with the prefix as complete candidates (the shell appends a
     * space after one).
     *
     * @param prefix what was typed
     * @param words the possible words
     * @param candidates where to add
     */
    static void complete(String prefix, Collection<String> words, List<Candidate> candidates) {
        for (String word : words) {
            if (word.startsWith(prefix)) {
                candidates.add(new Candidate(word, true));
            }
        }
    }

    /**
     * Adds candidates as plain strings, for {@code Completer.complete}.
     *
     * @param found the candidates
     * @param strings where to add their values
     * @return the position Karaf's completion contract expects: -1 if nothing matched, else 0
     */
    static int values(List<Candidate> found, List<String> strings) {
        found.forEach(candidate -> strings.add(candidate.value()));
        return found.isEmpty() ? -1 : 0;
    }
}
