package io.emuhost.syntax;

/** A size string that is not a size ({@code qemu_strtosz} failing with EINVAL or ERANGE). */
public final class SizeSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String value;
    private final boolean outOfRange;

    /**
     * Creates the exception.
     *
     * @param value the string as written
     * @param outOfRange true if the number is well-formed but does not fit 64 bits
     */
    public SizeSyntaxException(String value, boolean outOfRange) {
        super((outOfRange ? "size out of range: " : "not a size: ") + value);
        this.value = value;
        this.outOfRange = outOfRange;
    }

    /**
     * The string as written.
     *
     * @return the value
     */
    public String value() {
        return value;
    }

    /**
     * Whether the number is well-formed but too large (ERANGE).
     *
     * @return true if out of range
     */
    public boolean outOfRange() {
        return outOfRange;
    }
}
