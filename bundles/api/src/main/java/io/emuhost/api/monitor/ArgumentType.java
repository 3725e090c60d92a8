package io.emuhost.api.monitor;

/** Argument types, with their QMP JSON type and their HMP syntax. */
public enum ArgumentType {
    /** JSON string; HMP: one word. */
    STRING,
    /** JSON integer; HMP: one number (decimal or 0x hex). */
    INTEGER,
    /** JSON integer; HMP: a size with an optional K/M/G/T suffix. */
    SIZE,
    /** JSON boolean; HMP: on/off. */
    BOOLEAN,
    /**
     * HMP: one {@code key=value,...} word whose first element may be an implied key (QEMU's
     * {@code O} args type), delivered in {@link CommandArguments#extra()}; QMP: the members not
     * named by other arguments.
     */
    KEYVAL,
    /** HMP: the rest of the line as one string; QMP: a JSON string. */
    REST
}
