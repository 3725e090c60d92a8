package io.emuhost.remote.internal;

/**
 * The framing of QEMU 7.2's multi-process link ({@code include/hw/remote/mpqemu-link.h};
 * shared/reference/qemu-multiprocess.md §1 Framing): native x86_64 layout, little-endian.
 *
 * <pre>
 * header   int32 cmd @0, 4 bytes padding, uint64 size @8            16 bytes
 * payload  exactly size bytes, size ≤ 192 (the MPQemuMsg data union)
 * fds      SCM_RIGHTS on the sendmsg that carries the header
 * </pre>
 */
final class Wire {

    static final int HEADER_SIZE = 16;
    static final int HEADER_CMD = 0;
    static final int HEADER_SIZE_FIELD = 8;
    static final int MAX_PAYLOAD = 192;
    /** REMOTE_MAX_FDS: the proxy never sends more (proxy-memory-listener.c "Number of fds is more than 8"). */
    static final int MAX_FDS = 8;

    /** PciConfDataMsg: u32 addr @0, u32 val @4, i32 len @8. */
    static final int CONF_SIZE = 12;
    static final int CONF_ADDR = 0;
    static final int CONF_VAL = 4;
    static final int CONF_LEN = 8;

    /** BarAccessMsg: u64 addr @0, u64 val @8, u32 size @16, bool memory @20, 3 bytes padding. */
    static final int BAR_SIZE = 24;
    static final int BAR_ADDR = 0;
    static final int BAR_VAL = 8;
    static final int BAR_ACCESS_SIZE = 16;
    static final int BAR_MEMORY = 20;

    /** SyncSysmemMsg: u64 gpas[8] @0, u64 sizes[8] @64, off_t offsets[8] @128. */
    static final int SYNC_SIZE = 192;
    static final int SYNC_GPAS = 0;
    static final int SYNC_SIZES = 64;
    static final int SYNC_OFFSETS = 128;

    /** The RET payload: one u64. */
    static final int RET_SIZE = 8;

    private Wire() {
    }
}
