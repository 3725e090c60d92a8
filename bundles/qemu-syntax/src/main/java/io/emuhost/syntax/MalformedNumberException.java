package io.emuhost.syntax;

/** A number or size that QEMU's parsers (util/cutils.c) would reject. */
public final class MalformedNumberException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String text;

    /**
     * Creates the exception.
     *
     * @param text the rejected input
     */
    public MalformedNumberException(String text) {
        super("malformed number: '" + text + "'");
        this.text = text;
    }

    /**
     * The rejected input.
     *
     * @return the text
     */
    public String text() {
        return text;
    }
}
