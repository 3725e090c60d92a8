package io.emuhost.remote.internal;

/**
 * MPQemuCmd (QEMU 7.2 {@code include/hw/remote/mpqemu-link.h}); the ordinal is the wire value.
 * Reference: shared/reference/qemu-multiprocess.md §1 Commands.
 */
enum MpqemuCommand {
    /** Guest RAM sections with one fd each; no reply. */
    SYNC_SYSMEM,
    /** The reply, remote to QEMU. */
    RET,
    /** A configuration write; RET (value ignored). */
    PCI_CFGWRITE,
    /** A configuration read; RET carries the value. */
    PCI_CFGREAD,
    /** A BAR store at an absolute address; RET (value ignored). */
    BAR_WRITE,
    /** A BAR load at an absolute address; RET carries the value. */
    BAR_READ,
    /** The INTx eventfds [irq, resample]; no reply. */
    SET_IRQFD,
    /** System reset; RET. */
    DEVICE_RESET;

    private static final MpqemuCommand[] BY_WIRE_VALUE = values();

    /**
     * The command with a wire value, without allocating.
     *
     * @param cmd the header's cmd field
     * @return the command, or null if there is none (cmd ≥ MPQEMU_CMD_MAX or negative)
     */
    static MpqemuCommand of(int cmd) {
        return cmd >= 0 && cmd < BY_WIRE_VALUE.length ? BY_WIRE_VALUE[cmd] : null;
    }
}
