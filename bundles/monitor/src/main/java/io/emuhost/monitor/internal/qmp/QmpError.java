package io.emuhost.monitor.internal.qmp;

/**
 * A QMP error reply's {@code error} member.
 *
 * @param errorClass the QAPI error class, e.g. {@code GenericError}, {@code CommandNotFound}
 * @param desc the description, QEMU's wording
 */
record QmpError(String errorClass, String desc) {

    /** QEMU's default error class. */
    static final String GENERIC = "GenericError";

    /** The class of unknown commands and of commands before or after negotiation. */
    static final String COMMAND_NOT_FOUND = "CommandNotFound";

    /**
     * A {@code GenericError}.
     *
     * @param desc the description
     * @return the error
     */
    static QmpError generic(String desc) {
        return new QmpError(GENERIC, desc);
    }
}
