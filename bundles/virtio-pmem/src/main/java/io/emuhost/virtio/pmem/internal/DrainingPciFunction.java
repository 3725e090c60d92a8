package io.emuhost.virtio.pmem.internal;

import io.emuhost.api.bus.PciBar;
import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.bus.PciIdentity;
import io.emuhost.api.bus.PciSlot;
import java.util.List;

/**
 * The transport's PCI function with hot-unplug made lossless: when the machine takes the function
 * off the bus (its BARs no longer decode, so no notification can arrive), the PMEM device first
 * answers every request the driver made available, with interrupts still connected, and only then
 * does the transport disconnect and reset it. A driver therefore never loses the completion of a
 * request the device could see; requests made available afterwards are never answered (the
 * device is gone, as a surprise-removed PCI function is).
 */
final class DrainingPciFunction implements PciFunction {

    private final PciFunction transport;
    private final VirtioPmemDevice device;

    DrainingPciFunction(PciFunction transport, VirtioPmemDevice device) {
        this.transport = transport;
        this.device = device;
    }

    @Override
    public PciIdentity identity() {
        return transport.identity();
    }

    @Override
    public List<PciBar> bars() {
        return transport.bars();
    }

    @Override
    public int capabilityPointer() {
        return transport.capabilityPointer();
    }

    @Override
    public int readConfig(int offset, int size) {
        return transport.readConfig(offset, size);
    }

    @Override
    public void writeConfig(int offset, int size, int value) {
        transport.writeConfig(offset, size, value);
    }

    @Override
    public void plug(PciSlot slot) {
        transport.plug(slot);
    }

    @Override
    public void reset() {
        transport.reset();
    }

    /** Drains the device, then lets the transport disconnect it (PciFunction: no access afterwards). */
    @Override
    public void unplug() {
        try {
            device.drain();
        } finally {
            transport.unplug();
        }
    }

    @Override
    public String toString() {
        return transport.toString();
    }
}
