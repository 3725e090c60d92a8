package io.emuhost.testkit.driver;

import static io.emuhost.testkit.driver.CommonCfg.CONFIG_MSIX_VECTOR;

import io.emuhost.api.bus.GuestBus;

/**
 * Interrupt wiring as Linux's vp_find_vqs: MSI-X with the configuration on vector 0 and queue
 * {@code i} on vector {@code i + 1} (the queue vectors are mapped with the queues), INTx
 * disabled; or INTx on the function's interrupt line. The caller registers the waiter before
 * enabling, so that nothing delivered is missed.
 */
final class InterruptSetup {

    /** The configuration change vector. */
    static final int CONFIG_VECTOR = 0;

    private final GuestBus bus;
    private final PciConfigAccess config;
    private final VirtioPciLayout layout;
    private final CommonCfgAccess common;

    InterruptSetup(GuestBus bus, PciConfigAccess config, VirtioPciLayout layout, CommonCfgAccess common) {
        this.bus = bus;
        this.config = config;
        this.layout = layout;
        this.common = common;
    }

    /** @return a waiter for the function's MSI-X messages on {@code vectors} vectors */
    InterruptWaiter msixWaiter(int vectors) {
        return InterruptWaiter.msix(msiDataBase(layout.fn()), vectors);
    }

    /** @return a waiter for the function's INTx line */
    InterruptWaiter intxWaiter() {
        return InterruptWaiter.intx(config.read(layout.fn(), PciRegisters.INTERRUPT_LINE, 1));
    }

    /**
     * Fills and enables the MSI-X table, disables INTx, maps the configuration vector.
     *
     * @param vectors how many table entries to use
     * @throws VirtioDriverException.MsixVectorRejected if the device refuses the vector
     */
    void enableMsix(int vectors) {
        PciAddress fn = layout.fn();
        int command = config.read(fn, PciRegisters.COMMAND, 2);
        MsixTable.enable(bus, config, layout, layout.msix().orElseThrow(), vectors, msiDataBase(fn));
        config.write(fn, PciRegisters.COMMAND, 2, command | PciRegisters.COMMAND_INTX_DISABLE);
        common.mapVector(CONFIG_MSIX_VECTOR, CONFIG_VECTOR, "config");
    }

    /** Enables INTx (clears Interrupt Disable in the command register). */
    void enableIntx() {
        PciAddress fn = layout.fn();
        int command = config.read(fn, PciRegisters.COMMAND, 2);
        config.write(fn, PciRegisters.COMMAND, 2, command & ~PciRegisters.COMMAND_INTX_DISABLE);
    }

    /** Unique per function and vector: {@code bus << 16 | device << 11 | function << 8 | vector}. */
    private static int msiDataBase(PciAddress fn) {
        return fn.bus() << 16 | fn.device() << 11 | fn.function() << 8;
    }
}
