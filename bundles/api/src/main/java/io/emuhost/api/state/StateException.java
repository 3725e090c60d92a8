package io.emuhost.api.state;

/**
 * A saved {@link DeviceState} cannot be restored: a field the restoring version needs is absent
 * or does not fit, or the device it describes differs from the one being restored. The device
 * then stays suspended, and a later factory may try again. Variants are sorted by name.
 */
public abstract sealed class StateException extends Exception
        permits StateException.Incompatible,
                StateException.MissingField,
                StateException.OutOfRange,
                StateException.WrongLength,
                StateException.WrongType {

    private static final long serialVersionUID = 1L;

    private StateException(String message) {
        super(message);
    }

    /** The state describes another device than the one restoring it (driver, features, layout). */
    public static final class Incompatible extends StateException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param what what differs, e.g. {@code offered features 0x1 != 0x0}
         */
        public Incompatible(String what) {
            super("saved state does not fit this device: " + what);
        }
    }

    /** A field the restoring version needs was not saved. */
    public static final class MissingField extends StateException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param driver the state's driver
         * @param field the missing field
         */
        public MissingField(String driver, String field) {
            super("saved state of " + driver + " has no field '" + field + "'");
        }
    }

    /** A numeric field lies outside what the register can hold. */
    public static final class OutOfRange extends StateException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param field the field
         * @param value the saved value
         * @param min the smallest valid value
         * @param max the largest valid value
         */
        public OutOfRange(String field, long value, long min, long max) {
            super("saved state field '" + field + "' is " + value + ", expected " + min + ".." + max);
        }
    }

    /** A byte-array field has another length than the restoring version expects. */
    public static final class WrongLength extends StateException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param field the field
         * @param length the saved length
         * @param expected the expected length
         */
        public WrongLength(String field, int length, int expected) {
            super("saved state field '" + field + "' has " + length + " bytes, expected " + expected);
        }
    }

    /** A field was saved with another type than the restoring version reads. */
    public static final class WrongType extends StateException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param field the field
         * @param expected the type the reader expects
         */
        public WrongType(String field, String expected) {
            super("saved state field '" + field + "' is not a " + expected);
        }
    }
}
