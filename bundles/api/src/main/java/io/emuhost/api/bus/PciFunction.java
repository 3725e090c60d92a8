package io.emuhost.api.bus;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One PCI function. The machine's bus owns the standard type-0 header (bytes 0x00..0x3f: identity,
 * command/status, BARs, capability pointer, interrupt line/pin) and delegates the rest of
 * configuration space (0x40..0xfff, where the capabilities live) to the function.
 */
@ConsumerType
public interface PciFunction {

    /**
     * The header's identity fields.
     *
     * @return the identity
     */
    PciIdentity identity();

    /**
     * The function's BARs, by index; unlisted BARs are absent (read as 0).
     *
     * @return the BARs
     */
    List<PciBar> bars();

    /**
     * The offset of the first capability (header byte 0x34), or 0 if there are none.
     *
     * @return the capability pointer
     */
    int capabilityPointer();

    /**
     * A configuration read at or above 0x40. Bytes the function does not implement read as 0.
     *
     * @param offset byte offset, 0x40..0xfff
     * @param size 1, 2 or 4, naturally aligned
     * @return the value
     */
    int readConfig(int offset, int size);

    /**
     * A configuration write at or above 0x40. Writes to read-only bytes are ignored.
     *
     * @param offset byte offset, 0x40..0xfff
     * @param size 1, 2 or 4, naturally aligned
     * @param value the value
     */
    void writeConfig(int offset, int size, int value);

    /**
     * Called once when the machine puts the function on its bus, before any access.
     *
     * @param slot where the function sits and how it reaches the host
     */
    void plug(PciSlot slot);

    /**
     * A reset of the function as a whole, as QEMU resets its devices at a system reset (its
     * multi-process {@code DEVICE_RESET}): the function's own state returns to what it was
     * after {@link #plug}; the bus keeps the header (the firmware programs it again). The
     * default has nothing to reset.
     *
     * @since 1.1
     */
    default void reset() {
    }

    /**
     * Called once when the function is taken off the bus. After it returns the function raises
     * no interrupts and touches no guest memory.
     */
    void unplug();
}
