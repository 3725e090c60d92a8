package io.emuhost.qtest.internal;

/**
 * A qtest request that QEMU would answer with an assertion failure (a crash of the whole
 * emulator): a missing or malformed argument, a value out of range. The server answers
 * {@code ERR <message>} instead and keeps serving. The variants name the broken rule and carry
 * the bad value; the message is derived from them.
 */
public abstract sealed class MalformedRequestException extends Exception
        permits MalformedRequestException.EmptyCommand,
                MalformedRequestException.InvalidHexDigit,
                MalformedRequestException.InvalidNumber,
                MalformedRequestException.LineTooLong,
                MalformedRequestException.MissingArgument,
                MalformedRequestException.NoSuchGpio,
                MalformedRequestException.PortOutOfRange,
                MalformedRequestException.TransferTooLarge,
                MalformedRequestException.ZeroLength {

    private static final long serialVersionUID = 1L;

    private MalformedRequestException(String message) {
        super(message);
    }

    /** An empty line: there is no command word (QEMU asserts {@code command != NULL}). */
    public static final class EmptyCommand extends MalformedRequestException {
        private static final long serialVersionUID = 1L;

        /** Creates the exception. */
        public EmptyCommand() {
            super("empty command");
        }
    }

    /** {@code DATA} of {@code write} holds a character that is no hex digit. */
    public static final class InvalidHexDigit extends MalformedRequestException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param data the argument
         * @param index where the bad character is
         */
        public InvalidHexDigit(String data, int index) {
            super("invalid hex digit '" + data.charAt(index) + "' at offset " + index + " of DATA");
        }
    }

    /** An argument that QEMU's {@code qemu_strtou64}/{@code qemu_strtoi64} (base 0) rejects. */
    public static final class InvalidNumber extends MalformedRequestException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param name the argument's name in the usage, e.g. {@code ADDR}
         * @param text the argument
         * @param range what was expected, e.g. {@code an unsigned 64-bit number}
         */
        public InvalidNumber(String name, String text, String range) {
            super(name + " '" + text + "' is not " + range + " (decimal, 0x hex or 0 octal)");
        }
    }

    /** A request line longer than the server buffers. */
    public static final class LineTooLong extends MalformedRequestException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param limit the longest line accepted, in bytes
         */
        public LineTooLong(int limit) {
            super("request line longer than " + limit + " bytes, discarded");
        }
    }

    /** Fewer arguments than the command needs. */
    public static final class MissingArgument extends MalformedRequestException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param name the missing argument's name
         * @param usage the command's usage, e.g. {@code outb ADDR VALUE}
         */
        public MissingArgument(String name, String usage) {
            super("missing " + name + ", usage: " + usage);
        }
    }

    /** {@code set_irq_in} names an input the device does not have. */
    public static final class NoSuchGpio extends MalformedRequestException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param path the device path
         * @param list the GPIO list name
         * @param number the input number
         */
        public NoSuchGpio(String path, String list, int number) {
            super("'" + path + "' has no input " + number + " in GPIO list '" + list + "'");
        }
    }

    /** A port number above 0xffff (QEMU asserts {@code addr <= 0xffff}). */
    public static final class PortOutOfRange extends MalformedRequestException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param port the port number
         */
        public PortOutOfRange(long port) {
            super("port 0x" + Long.toUnsignedString(port, 16) + " is out of range 0..0xffff");
        }
    }

    /** A transfer larger than the server does in one request. */
    public static final class TransferTooLarge extends MalformedRequestException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param size the requested size
         * @param limit the largest size served
         */
        public TransferTooLarge(long size, long limit) {
            super("SIZE 0x" + Long.toUnsignedString(size, 16) + " exceeds the limit 0x" + Long.toHexString(limit));
        }
    }

    /** {@code read} with SIZE 0 (QEMU asserts {@code len}: it would send garbage). */
    public static final class ZeroLength extends MalformedRequestException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param command the command
         */
        public ZeroLength(String command) {
            super(command + ": SIZE must not be 0");
        }
    }
}
