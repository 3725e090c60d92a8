package io.emuhost.api.device;

/**
 * A configuration that cannot be carried out. The message is what the user sees, in QEMU's wording
 * where QEMU has one; the error class is the QMP error class. Nothing running or stored was
 * changed.
 */
public class ConfigurationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorClass errorClass;

    /**
     * Creates a {@link ErrorClass#GENERIC_ERROR}.
     *
     * @param message the user-visible text
     */
    public ConfigurationException(String message) {
        this(ErrorClass.GENERIC_ERROR, message);
    }

    /**
     * Creates an error of the given class.
     *
     * @param errorClass the QMP error class
     * @param message the user-visible text
     */
    public ConfigurationException(ErrorClass errorClass, String message) {
        super(message);
        this.errorClass = errorClass;
    }

    /**
     * Creates a {@link ErrorClass#GENERIC_ERROR} with a cause.
     *
     * @param message the user-visible text
     * @param cause the underlying failure
     */
    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
        this.errorClass = ErrorClass.GENERIC_ERROR;
    }

    /**
     * The QMP error class.
     *
     * @return the class
     */
    public ErrorClass errorClass() {
        return errorClass;
    }

    /** QMP error classes (QAPI {@code QapiErrorClass}). */
    public enum ErrorClass {
        /** Most errors. */
        GENERIC_ERROR("GenericError"),
        /** The command does not exist. */
        COMMAND_NOT_FOUND("CommandNotFound"),
        /** A referenced device or object does not exist. */
        DEVICE_NOT_FOUND("DeviceNotFound");

        private final String qmpName;

        ErrorClass(String qmpName) {
            this.qmpName = qmpName;
        }

        /**
         * The class name on the QMP wire.
         *
         * @return e.g. {@code GenericError}
         */
        public String qmpName() {
            return qmpName;
        }
    }
}
