package io.emuhost.virtio.pmem.internal;

/**
 * A descriptor chain that is not a well-formed virtio-pmem request (virtio 1.2 §5.19.6). The
 * device that sees one sets DEVICE_NEEDS_RESET and ignores its queue until reset. Variants are
 * sorted by name.
 */
public abstract sealed class PmemRequestException extends Exception
        permits PmemRequestException.BufferNotInGuestMemory,
                PmemRequestException.DescriptorInUse,
                PmemRequestException.RequestTooShort,
                PmemRequestException.ResponseTooShort {

    private static final long serialVersionUID = 1L;

    private PmemRequestException(String message) {
        super(message);
    }

    /** The request or response lies (partly) outside guest memory. */
    public static final class BufferNotInGuestMemory extends PmemRequestException {
        private static final long serialVersionUID = 1L;
        private final long address;
        private final long length;

        /**
         * Creates the exception.
         *
         * @param address the guest physical address of the access
         * @param length the length of the access
         */
        public BufferNotInGuestMemory(long address, long length) {
            super(String.format("virtio-pmem buffer 0x%x (length 0x%x) is not in guest memory", address, length));
            this.address = address;
            this.length = length;
        }

        /**
         * The guest physical address of the access.
         *
         * @return the address
         */
        public long address() {
            return address;
        }

        /**
         * The length of the access.
         *
         * @return bytes
         */
        public long length() {
            return length;
        }
    }

    /**
     * The chain's head is still in flight: the driver made it available again before the device
     * used it (virtio 1.2 §2.7.13: the driver owns a descriptor again only once it is used).
     */
    public static final class DescriptorInUse extends PmemRequestException {
        private static final long serialVersionUID = 1L;
        private final int head;

        /**
         * Creates the exception.
         *
         * @param head the head descriptor index
         */
        public DescriptorInUse(int head) {
            super("virtio-pmem request head " + head + " is already in flight");
            this.head = head;
        }

        /**
         * The head descriptor index.
         *
         * @return the head
         */
        public int head() {
            return head;
        }
    }

    /** The device-readable part is shorter than {@code struct virtio_pmem_req} (4 bytes). */
    public static final class RequestTooShort extends PmemRequestException {
        private static final long serialVersionUID = 1L;
        private final long length;

        /**
         * Creates the exception.
         *
         * @param length the device-readable length
         */
        public RequestTooShort(long length) {
            super("virtio-pmem request too short: " + length + " readable bytes, need 4");
            this.length = length;
        }

        /**
         * The device-readable length of the chain.
         *
         * @return bytes
         */
        public long length() {
            return length;
        }
    }

    /** The device-writable part is shorter than {@code struct virtio_pmem_resp} (4 bytes). */
    public static final class ResponseTooShort extends PmemRequestException {
        private static final long serialVersionUID = 1L;
        private final long length;

        /**
         * Creates the exception.
         *
         * @param length the device-writable length
         */
        public ResponseTooShort(long length) {
            super("virtio-pmem response too short: " + length + " writable bytes, need 4");
            this.length = length;
        }

        /**
         * The device-writable length of the chain.
         *
         * @return bytes
         */
        public long length() {
            return length;
        }
    }
}
