package io.emuhost.syntax;

import java.util.Optional;

/** QEMU's boolean words (util/qapi-util.c {@code qapi_bool_parse}): on/yes/true/y and off/no/false/n. */
public final class QemuBool {

    private QemuBool() {
    }

    /**
     * Reads a boolean word.
     *
     * @param text the word as written
     * @return its value, or empty if it is not one of QEMU's boolean words
     */
    public static Optional<Boolean> parse(String text) {
        return switch (text) {
            case "on", "yes", "true", "y" -> Optional.of(true);
            case "off", "no", "false", "n" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
