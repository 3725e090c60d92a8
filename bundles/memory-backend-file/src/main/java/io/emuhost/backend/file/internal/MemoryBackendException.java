package io.emuhost.backend.file.internal;

import io.emuhost.api.device.ConfigurationException;

/**
 * A memory backend that cannot be created. The variants name the broken rule and carry the bad
 * values; the message is QEMU 7.2's wording (backends/hostmem*.c, softmmu/physmem.c).
 */
abstract sealed class MemoryBackendException extends ConfigurationException
        permits MemoryBackendException.AlignmentNotPageMultiple,
                MemoryBackendException.AlignmentNotPowerOfTwo,
                MemoryBackendException.BackingStoreLocked,
                MemoryBackendException.BackingStoreTooSmall,
                MemoryBackendException.BackingStoreTooSmallForOffset,
                MemoryBackendException.Errno,
                MemoryBackendException.HostNodesMissing,
                MemoryBackendException.HostNodesWithDefaultPolicy,
                MemoryBackendException.InvalidHostNode,
                MemoryBackendException.OffsetBeyondFileLimit,
                MemoryBackendException.OffsetNotPageMultiple,
                MemoryBackendException.PreallocWithoutReserve,
                MemoryBackendException.PropertyValueRejected,
                MemoryBackendException.RomOffWithReadonlyShare,
                MemoryBackendException.RomOnWithoutReadonly,
                MemoryBackendException.SizeBelowPageSize {

    private static final long serialVersionUID = 1L;

    private MemoryBackendException(String message) {
        super(message);
    }

    /** An errno failure: the message ends with libc's strerror text. */
    abstract static sealed class Errno extends MemoryBackendException
            permits CannotBindHostNodes, CannotExtendBackingStore, CannotMapBackingStore, CannotOpenBackingStore,
                    CannotSetUpGuestMemory, PreallocFailed {
        private static final long serialVersionUID = 1L;

        private Errno(String prefix, int errno) {
            super(prefix + ": " + LibC.strerror(errno));
        }
    }

    static final class AlignmentNotPageMultiple extends MemoryBackendException {
        private static final long serialVersionUID = 1L;

        AlignmentNotPageMultiple(long align, long pageSize) {
            super(String.format("alignment 0x%x must be multiples of page size 0x%x", align, pageSize));
        }
    }

    static final class AlignmentNotPowerOfTwo extends MemoryBackendException {
        private static final long serialVersionUID = 1L;

        AlignmentNotPowerOfTwo(long align) {
            super(String.format("alignment 0x%x must be a power of two", align));
        }
    }

    static final class BackingStoreTooSmall extends MemoryBackendException {
        private static final long serialVersionUID = 1L;

        BackingStoreTooSmall(long fileSize, long size) {
            super(String.format("backing store size 0x%x does not match 'size' option 0x%x", fileSize, size));
        }
    }

    /**
     * Another open file description holds a lock on the mapped range that conflicts with ours
     * (emuhost's own check, see {@link BackingFileLock}; QEMU has none).
     */
    static final class BackingStoreLocked extends MemoryBackendException {
        private static final long serialVersionUID = 1L;

        /**
         * @param path the mem-path
         * @param heldType F_WRLCK or F_RDLCK as F_OFD_GETLK reported it; F_UNLCK when it could not say
         * @param pid the holder's pid as F_OFD_GETLK reported it: -1 for an OFD lock (which has no owning process)
         */
        BackingStoreLocked(String path, short heldType, int pid) {
            super("can't lock backing store " + path + " for guest RAM: " + holder(heldType, pid)
                    + "; lock=off maps it anyway");
        }

        private static String holder(short heldType, int pid) {
            String lock = switch (heldType) {
                case LibC.F_WRLCK -> "an exclusive lock";
                case LibC.F_RDLCK -> "a shared lock";
                default -> "a lock";
            };
            if (pid > 0) {
                return "process " + pid + " holds " + lock + " on it";
            }
            return "another open file description holds " + lock + " on it (an OFD lock, as another"
                    + " memory-backend-file takes; the kernel does not say which process)";
        }
    }

    /** QEMU 9.2 / 10.0 physmem.c file_ram_alloc, the check once {@code offset} exists. */
    static final class BackingStoreTooSmallForOffset extends MemoryBackendException {
        private static final long serialVersionUID = 1L;

        BackingStoreTooSmallForOffset(String region, long fileSize, long size, long offset) {
            super(String.format("%s backing store size 0x%x is too small for 'size' option 0x%x plus 'offset'"
                    + " option 0x%x", region, fileSize, size, offset));
        }
    }

    /**
     * ftruncate of a new or empty regular file to {@code offset + size} failed (the file system's
     * largest file, a quota): QEMU only prints {@code ftruncate: <strerror>} and maps past the
     * end of the file, where the first access raises SIGBUS; emuhost refuses.
     */
    static final class CannotExtendBackingStore extends Errno {
        private static final long serialVersionUID = 1L;

        CannotExtendBackingStore(String path, long offset, long size, int errno) {
            super(String.format("can't extend backing store %s to 'offset' option 0x%x plus 'size' option 0x%x",
                    path, offset, size), errno);
        }
    }

    /** {@code offset + size} is not a file offset (off_t is signed 64-bit); QEMU does not check. */
    static final class OffsetBeyondFileLimit extends MemoryBackendException {
        private static final long serialVersionUID = 1L;

        OffsetBeyondFileLimit(long offset, long size) {
            super(String.format("'offset' option 0x%x plus 'size' option 0x%x is beyond the largest file offset"
                    + " 0x%x", offset, size, Long.MAX_VALUE));
        }
    }

    static final class CannotBindHostNodes extends Errno {
        private static final long serialVersionUID = 1L;

        CannotBindHostNodes(int errno) {
            super("cannot bind memory to host NUMA nodes", errno);
        }
    }

    static final class CannotMapBackingStore extends Errno {
        private static final long serialVersionUID = 1L;

        CannotMapBackingStore(int errno) {
            super("unable to map backing store for guest RAM", errno);
        }
    }

    static final class CannotOpenBackingStore extends Errno {
        private static final long serialVersionUID = 1L;

        CannotOpenBackingStore(String path, int errno) {
            super("can't open backing store " + path + " for guest RAM", errno);
        }
    }

    static final class CannotSetUpGuestMemory extends Errno {
        private static final long serialVersionUID = 1L;

        CannotSetUpGuestMemory(String region, int errno) {
            super("cannot set up guest memory '" + region + "'", errno);
        }
    }

    static final class HostNodesWithDefaultPolicy extends MemoryBackendException {
        private static final long serialVersionUID = 1L;

        HostNodesWithDefaultPolicy() {
            super("host-nodes must be empty for policy default, or you should explicitly specify a policy other"
                    + " than default");
        }
    }

    static final class HostNodesMissing extends MemoryBackendException {
        private static final long serialVersionUID = 1L;

        HostNodesMissing(HostMemPolicy policy) {
            super("host-nodes must be set for policy " + policy.qapiName());
        }
    }

    static final class OffsetNotPageMultiple extends MemoryBackendException {
        private static final long serialVersionUID = 1L;

        OffsetNotPageMultiple(long offset, long pageSize) {
            super(String.format("offset 0x%x must be multiples of page size 0x%x", offset, pageSize));
        }
    }

    static final class PreallocFailed extends Errno {
        private static final long serialVersionUID = 1L;

        PreallocFailed(int errno) {
            super("qemu_prealloc_mem: preallocating memory failed", errno);
        }
    }

    static final class SizeBelowPageSize extends MemoryBackendException {
        private static final long serialVersionUID = 1L;

        SizeBelowPageSize(long size, long pageSize) {
            super(String.format("memory size 0x%x must be equal to or larger than page size 0x%x", size, pageSize));
        }
    }

    static final class InvalidHostNode extends MemoryBackendException {
        private static final long serialVersionUID = 1L;

        InvalidHostNode(int node) {
            super("Invalid host-nodes value: " + node);
        }
    }

    static final class PreallocWithoutReserve extends MemoryBackendException {
        private static final long serialVersionUID = 1L;

        PreallocWithoutReserve() {
            super("'prealloc=on' and 'reserve=off' are incompatible");
        }
    }

    /** A property setter refused the value (e.g. {@code size=0}). */
    static final class PropertyValueRejected extends MemoryBackendException {
        private static final long serialVersionUID = 1L;

        PropertyValueRejected(String property, String type, long value) {
            super("property '" + property + "' of " + type + " doesn't take value '"
                    + Long.toUnsignedString(value) + "'");
        }
    }

    static final class RomOffWithReadonlyShare extends MemoryBackendException {
        private static final long serialVersionUID = 1L;

        RomOffWithReadonlyShare() {
            super("property 'rom' = 'off' is incompatible with 'readonly' = 'on' and 'share' = 'on'");
        }
    }

    static final class RomOnWithoutReadonly extends MemoryBackendException {
        private static final long serialVersionUID = 1L;

        RomOnWithoutReadonly() {
            super("property 'rom' = 'on' is not supported with 'readonly' = 'off'");
        }
    }
}
