package io.emuhost.machine.internal.irq;

import io.emuhost.api.irq.MsiSink;

/**
 * A function's MSI path: an MSI is a memory write by the function, so it reaches the
 * interrupt controller only while the Bus Master Enable command bit is set
 * (PCI Local Bus 3.0 §6.2.2, §6.8). Allocates nothing.
 */
public final class GatedMsiSink implements MsiSink {

    /** The function's Bus Master Enable bit. */
    @FunctionalInterface
    public interface BusMaster {
        /**
         * Reads the bit.
         *
         * @return true if the function may master the bus
         */
        boolean enabled();
    }

    private final InterruptController controller;
    private final BusMaster busMaster;

    /**
     * Creates the sink.
     *
     * @param controller where messages go
     * @param busMaster the function's Bus Master Enable bit
     */
    public GatedMsiSink(InterruptController controller, BusMaster busMaster) {
        this.controller = controller;
        this.busMaster = busMaster;
    }

    @Override
    public void deliver(long address, int data) {
        if (busMaster.enabled()) {
            controller.deliverMsi(address, data);
        }
    }
}
