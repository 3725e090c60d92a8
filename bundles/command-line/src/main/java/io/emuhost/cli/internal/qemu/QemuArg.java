package io.emuhost.cli.internal.qemu;

/**
 * One element of QEMU's command line: an option with its argument, or a word that is no option
 * (QEMU's positional disk image).
 *
 * @param word the option as written ({@code -device}, {@code --device}) or the positional word
 * @param name the option's name without dashes, or null for a positional word
 * @param argument the option's argument, or null if it takes none (or is missing at the end)
 */
record QemuArg(String word, String name, String argument) {

    /**
     * The words as QEMU gets them.
     *
     * @return one or two words
     */
    java.util.List<String> words() {
        return argument == null ? java.util.List.of(word) : java.util.List.of(word, argument);
    }

    /**
     * Where QEMU's errors about this option point.
     *
     * @return {@code <word> <argument>}
     */
    String location() {
        return argument == null ? word : word + " " + argument;
    }
}
