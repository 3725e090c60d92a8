package io.emuhost.api.memory;

/**
 * A guest memory access that could not be performed. Nothing was read or written, except after a
 * {@link BackingStoreFault}, where a bulk copy may have moved some of its bytes before the fault.
 *
 * <p>The variants name the broken rule and carry the offending values; the message is derived
 * from them.
 */
public abstract sealed class GuestMemoryException extends Exception
        permits GuestMemoryException.AddressOverflow,
                GuestMemoryException.BackingStoreFault,
                GuestMemoryException.InvalidAddress,
                GuestMemoryException.PartialAccess {

    private static final long serialVersionUID = 1L;

    private final long address;
    private final long length;

    private GuestMemoryException(String message, long address, long length) {
        super(message);
        this.address = address;
        this.length = length;
    }

    /**
     * The guest physical address of the failed access.
     *
     * @return the first address of the access
     */
    public long address() {
        return address;
    }

    /**
     * The length of the failed access.
     *
     * @return the number of bytes requested
     */
    public long length() {
        return length;
    }

    /** The access's end lies beyond 2^64: {@code address + length} overflows. */
    public static final class AddressOverflow extends GuestMemoryException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param address first address
         * @param length requested length
         */
        public AddressOverflow(long address, long length) {
            super(String.format("guest address 0x%x + 0x%x overflows", address, length), address, length);
        }
    }

    /** No memory region contains the first byte of the access. */
    public static final class InvalidAddress extends GuestMemoryException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param address first address
         * @param length requested length
         */
        public InvalidAddress(long address, long length) {
            super(String.format("guest address 0x%x (length 0x%x) is not backed by memory", address, length),
                    address, length);
        }
    }

    /** The access starts inside a memory region but runs past its end. */
    public static final class PartialAccess extends GuestMemoryException {
        private static final long serialVersionUID = 1L;
        private final long available;

        /**
         * Creates the exception.
         *
         * @param address first address
         * @param length requested length
         * @param available bytes available in the region from {@code address}
         */
        public PartialAccess(long address, long length, long available) {
            super(String.format("guest access 0x%x + 0x%x runs past its region after 0x%x bytes",
                    address, length, available), address, length);
            this.available = available;
        }

        /**
         * How many bytes from the address lie inside the region.
         *
         * @return the number of accessible bytes
         */
        public long available() {
            return available;
        }
    }

    /**
     * The access lies inside a memory region, but the host memory behind it faulted (SIGBUS): the
     * backing file shrank under the mapping (truncated from outside), the mapping lies past the
     * file's end, or the host could not supply the page. QEMU dies of the signal here; emuhost
     * fails this access only. The region stays mapped: accesses to its still-backed bytes succeed.
     */
    public static final class BackingStoreFault extends GuestMemoryException {
        private static final long serialVersionUID = 1L;
        private final String region;

        /**
         * Creates the exception.
         *
         * @param address first address
         * @param length requested length
         * @param region the name of the memory region (its backend's id)
         */
        public BackingStoreFault(long address, long length, String region) {
            super(String.format("guest access 0x%x + 0x%x faulted: the host memory of '%s' behind it is gone"
                    + " (backing file truncated, or mapped past its end)", address, length, region), address, length);
            this.region = region;
        }

        /**
         * The memory region whose host memory faulted.
         *
         * @return the region's name, e.g. the backend id
         */
        public String region() {
            return region;
        }
    }
}
