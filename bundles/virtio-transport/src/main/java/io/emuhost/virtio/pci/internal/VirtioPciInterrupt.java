package io.emuhost.virtio.pci.internal;

import io.emuhost.api.irq.IntxLine;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import io.emuhost.api.virtio.VirtioIds;
import io.emuhost.api.virtio.VirtioInterrupt;

/**
 * Interrupt routing of virtio-pci (virtio 1.2 §4.1.5.3-§4.1.5.4): an MSI-X vector while MSI-X is
 * enabled, otherwise INTx with the ISR status byte (§4.1.4.5). Like QEMU, the ISR bits are set in
 * both cases, and a configuration interrupt sets both bits (0x3).
 *
 * <p>Called from device threads; it never takes the common configuration's lock, only its own
 * (ISR and line level stay consistent) and the MSI-X table's.
 */
final class VirtioPciInterrupt implements VirtioInterrupt {

    /** VIRTIO_MSI_NO_VECTOR (§4.1.5.1.2). */
    static final int NO_VECTOR = 0xffff;
    static final int ISR_QUEUE = 0x1;
    static final int ISR_CONFIG = 0x2;
    private static final String STATE_ISR = "virtio-pci.isr";
    private static final String STATE_CONFIG_VECTOR = "virtio-pci.config-msix-vector";

    private final DeviceStatus status;
    private final MsixTable msix;
    private final QueueRegisters[] queues;
    private volatile int configVector = NO_VECTOR;
    private IntxLine intx;
    private int isr;

    VirtioPciInterrupt(DeviceStatus status, MsixTable msix, QueueRegisters[] queues) {
        this.status = status;
        this.msix = msix;
        this.queues = queues;
    }

    synchronized void connect(IntxLine line) {
        intx = line;
    }

    /** Deasserts the line and forgets it: no interrupt leaves the function afterwards. */
    synchronized void disconnect() {
        clearIsr();
        intx = null;
    }

    /**
     * Forgets the line without touching its level: the function is handed over, and the line,
     * which belongs to the slot, stays as the restored function finds it.
     */
    synchronized void detach() {
        intx = null;
    }

    /** Saves the ISR status and the configuration vector (live upgrade). */
    synchronized void save(DeviceState.Builder state) {
        state.put(STATE_ISR, isr);
        state.put(STATE_CONFIG_VECTOR, configVector);
    }

    /** Takes over a saved ISR status and configuration vector, before the line is connected. */
    synchronized void restore(DeviceState state) throws StateException {
        isr = (int) state.longValue(STATE_ISR, 0, ISR_QUEUE | ISR_CONFIG);
        configVector = mapVector((int) state.longValue(STATE_CONFIG_VECTOR, 0, NO_VECTOR));
    }

    /** A valid MSI-X vector, or NO_VECTOR if MSI-X is absent or the vector is out of range (§4.1.5.1.2). */
    int mapVector(int vector) {
        return vector < msix.vectors() ? vector : NO_VECTOR;
    }

    int configVector() {
        return configVector;
    }

    void setConfigVector(int vector) {
        configVector = mapVector(vector);
    }

    /** The ISR read: returns the bits, clears them and deasserts INTx (§4.1.4.5.1). */
    synchronized int readIsr() {
        int bits = isr;
        clearIsr();
        return bits;
    }

    /** Device reset: ISR 0, INTx deasserted, no pending MSI-X message, config vector unset. */
    synchronized void reset() {
        clearIsr();
        configVector = NO_VECTOR;
        msix.clearPending();
    }

    private void clearIsr() {
        isr = 0;
        if (intx != null) {
            intx.set(false);
        }
    }

    @Override
    public void queue(int queueIndex) {
        if (queueIndex >= 0 && queueIndex < queues.length) {
            raise(ISR_QUEUE, queues[queueIndex].msixVector);
        }
    }

    @Override
    public void config() {
        status.changeGeneration();
        if (status.isDriverOk()) {
            raise(ISR_CONFIG | ISR_QUEUE, configVector);
        }
    }

    @Override
    public void needsReset() {
        // virtio 1.2 §2.1.2: set DEVICE_NEEDS_RESET, then a configuration change notification
        status.add(VirtioIds.STATUS_DEVICE_NEEDS_RESET);
        status.changeGeneration();
        raise(ISR_CONFIG | ISR_QUEUE, configVector);
    }

    private void raise(int bits, int vector) {
        synchronized (this) {
            isr |= bits;
        }
        if (msix.signal(vector)) {
            return;
        }
        synchronized (this) {
            if (intx != null && isr != 0) {
                intx.set(true);
            }
        }
    }
}
