package io.emuhost.api.virtio;

import io.emuhost.api.memory.GuestMemoryException;

/**
 * The driver broke a virtqueue rule (virtio 1.2 §2.7). The device that sees one sets
 * DEVICE_NEEDS_RESET; the host is not affected. Messages follow QEMU's wording where QEMU has one.
 * Variants are sorted by name.
 */
public abstract sealed class VirtQueueException extends Exception
        permits VirtQueueException.AvailIndexJump,
                VirtQueueException.DescriptorLoop,
                VirtQueueException.HeadOutOfRange,
                VirtQueueException.IndirectNotNegotiated,
                VirtQueueException.IndirectTableSize,
                VirtQueueException.IndirectWithNext,
                VirtQueueException.MemoryFault,
                VirtQueueException.NestedIndirect,
                VirtQueueException.NextOutOfRange,
                VirtQueueException.TotalLengthOverflow,
                VirtQueueException.WritableBeforeReadable,
                VirtQueueException.ZeroLengthBuffer {

    private static final long serialVersionUID = 1L;

    private VirtQueueException(String message) {
        super(message);
    }

    private VirtQueueException(String message, Throwable cause) {
        super(message, cause);
    }

    /** avail.idx moved by more than the queue size since the device last looked (§2.7.13.3). */
    public static final class AvailIndexJump extends VirtQueueException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param lastAvail the device's last seen avail index
         * @param availIdx the index the driver published
         */
        public AvailIndexJump(int lastAvail, int availIdx) {
            super(String.format("Guest moved avail index from %d to %d", lastAvail, availIdx));
        }
    }

    /** A chain has more descriptors than the queue (or indirect table) holds: a loop (§2.7.5.2). */
    public static final class DescriptorLoop extends VirtQueueException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param head the chain's head
         */
        public DescriptorLoop(int head) {
            super("Looped descriptor (head " + head + ")");
        }
    }

    /** The avail ring names a head descriptor beyond the queue size. */
    public static final class HeadOutOfRange extends VirtQueueException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param head the bad head index
         */
        public HeadOutOfRange(int head) {
            super("Guest says index " + head + " is available");
        }
    }

    /** VIRTQ_DESC_F_INDIRECT used without VIRTIO_F_INDIRECT_DESC (§2.7.5.3.1). */
    public static final class IndirectNotNegotiated extends VirtQueueException {
        private static final long serialVersionUID = 1L;

        /** Creates the exception. */
        public IndirectNotNegotiated() {
            super("Indirect descriptor without VIRTIO_F_INDIRECT_DESC");
        }
    }

    /** An indirect table whose length is 0 or not a multiple of 16 (§2.7.5.3.1). */
    public static final class IndirectTableSize extends VirtQueueException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param length the table length
         */
        public IndirectTableSize(long length) {
            super("Invalid size for indirect buffer table (" + length + ")");
        }
    }

    /** A descriptor with both INDIRECT and NEXT set (§2.7.5.3.1). */
    public static final class IndirectWithNext extends VirtQueueException {
        private static final long serialVersionUID = 1L;

        /** Creates the exception. */
        public IndirectWithNext() {
            super("Indirect descriptor with VIRTQ_DESC_F_NEXT set");
        }
    }

    /** A ring, table or buffer lies outside guest memory. */
    public static final class MemoryFault extends VirtQueueException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param cause the failed access
         */
        public MemoryFault(GuestMemoryException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** An indirect descriptor inside an indirect table (§2.7.5.3.1). */
    public static final class NestedIndirect extends VirtQueueException {
        private static final long serialVersionUID = 1L;

        /** Creates the exception. */
        public NestedIndirect() {
            super("Indirect descriptor inside an indirect table");
        }
    }

    /** A descriptor's next field is beyond the queue (or table) size. */
    public static final class NextOutOfRange extends VirtQueueException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param next the bad next index
         */
        public NextOutOfRange(int next) {
            super("Desc next is " + next);
        }
    }

    /** The chain's buffers add up to 2^32 bytes or more (§2.7.5.2). */
    public static final class TotalLengthOverflow extends VirtQueueException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param total the total so far
         */
        public TotalLengthOverflow(long total) {
            super("Descriptor chain longer than 2^32 bytes (" + total + ")");
        }
    }

    /** A device-readable buffer after a device-writable one (§2.7.4.2). */
    public static final class WritableBeforeReadable extends VirtQueueException {
        private static final long serialVersionUID = 1L;

        /** Creates the exception. */
        public WritableBeforeReadable() {
            super("Incorrect order for descriptors");
        }
    }

    /** A buffer of length 0. */
    public static final class ZeroLengthBuffer extends VirtQueueException {
        private static final long serialVersionUID = 1L;

        /** Creates the exception. */
        public ZeroLengthBuffer() {
            super("virtio: zero sized buffers are not allowed");
        }
    }
}
