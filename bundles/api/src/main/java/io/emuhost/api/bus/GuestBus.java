package io.emuhost.api.bus;

import io.emuhost.api.memory.GuestMemory;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The machine as a CPU sees it: guest-physical loads and stores (RAM, device memory, ROM and MMIO
 * regions) and x86 port I/O. This is what a qtest client, an accelerator or the testkit's driver
 * uses. All values are little-endian; sizes are 1, 2, 4 or 8 bytes (1, 2 or 4 for ports). A load
 * or store whose memory's host backing faults throws {@link BusFaultException} and touches nothing
 * else.
 */
@ProviderType
public interface GuestBus {

    /**
     * A load. Addresses that nothing claims read as 0 (as QEMU's unassigned memory does).
     *
     * @param address guest physical address
     * @param size access size in bytes
     * @return the value, zero-extended
     * @throws BusFaultException if the host memory behind the address faulted
     */
    long read(long address, int size);

    /**
     * A store. Stores to addresses that nothing claims, and to ROM, are dropped.
     *
     * @param address guest physical address
     * @param size access size in bytes
     * @param value the value (low {@code size} bytes are used)
     * @throws BusFaultException if the host memory behind the address faulted
     */
    void write(long address, int size, long value);

    /**
     * A port input. Ports that nothing claims read as all ones.
     *
     * @param port I/O port, 0..0xffff
     * @param size access size in bytes
     * @return the value, zero-extended
     */
    int in(int port, int size);

    /**
     * A port output. Outputs to ports that nothing claims are dropped.
     *
     * @param port I/O port, 0..0xffff
     * @param size access size in bytes
     * @param value the value (low {@code size} bytes are used)
     */
    void out(int port, int size, int value);

    /**
     * The memory part of the bus (RAM and device memory; not MMIO), with bounds checks.
     *
     * @return the guest memory
     */
    GuestMemory memory();
}
