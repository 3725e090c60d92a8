package io.emuhost.virtio.pci.internal;

import io.emuhost.api.bus.IoHandler;
import io.emuhost.api.irq.MsiSink;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import java.util.Arrays;

/**
 * The MSI-X table and pending bit array (PCI Local Bus 3.0 §6.8.2) behind the MSI-X BAR, and the
 * capability's MSI-X Enable and Function Mask bits. Laid out like QEMU's exclusive MSI-X BAR:
 * table at 0, PBA at 0x800, 4 KiB, growing only when the table does not fit below 0x800.
 * With 0 vectors it stands for "no MSI-X": never enabled.
 *
 * <pre>
 * entry (16 bytes): 0x0 Message Address | 0x4 Message Upper Address | 0x8 Message Data | 0xc Vector Control (bit 0: Mask)
 * </pre>
 */
final class MsixTable implements IoHandler {

    static final int ENTRY_SIZE = 16;
    static final long TABLE_OFFSET = 0;
    private static final int MIN_BAR_SIZE = 4096;
    private static final int ADDRESS_LO = 0;
    private static final int ADDRESS_HI = 1;
    private static final int DATA = 2;
    private static final int VECTOR_CONTROL = 3;
    private static final int VECTOR_MASKED = 1;
    private static final String STATE_VECTORS = "virtio-pci.msix.vectors";
    private static final String STATE_TABLE = "virtio-pci.msix.table";
    private static final String STATE_PENDING = "virtio-pci.msix.pending";
    private static final String STATE_ENABLED = "virtio-pci.msix.enabled";
    private static final String STATE_FUNCTION_MASKED = "virtio-pci.msix.function-masked";

    private final int vectors;
    private final int[] table;
    private final long[] pending;
    private final long pbaOffset;
    private final long barSize;
    private volatile boolean enabled;
    private boolean functionMasked;
    private MsiSink sink;

    MsixTable(int vectors) {
        this.vectors = vectors;
        this.table = new int[vectors * 4];
        this.pending = new long[(vectors + 63) / 64];
        long pba = MIN_BAR_SIZE / 2;
        if ((long) vectors * ENTRY_SIZE > pba) {
            pba = (long) vectors * ENTRY_SIZE;
        }
        this.pbaOffset = pba;
        this.barSize = Math.max(MIN_BAR_SIZE, nextPowerOfTwo(pba + pending.length * 8L));
        for (int vector = 0; vector < vectors; vector++) {
            // PCI 3.0 §6.8.2.9: every vector starts masked
            table[vector * 4 + VECTOR_CONTROL] = VECTOR_MASKED;
        }
    }

    int vectors() {
        return vectors;
    }

    long barSize() {
        return barSize;
    }

    long pbaOffset() {
        return pbaOffset;
    }

    boolean enabled() {
        return enabled;
    }

    synchronized void connect(MsiSink newSink) {
        sink = newSink;
    }

    synchronized void disconnect() {
        sink = null;
    }

    /** The capability's Message Control changed (PCI 3.0 §6.8.2.3). */
    synchronized void control(boolean enable, boolean functionMask) {
        enabled = enable && vectors > 0;
        functionMasked = functionMask;
        for (int vector = 0; vector < vectors; vector++) {
            deliverIfPending(vector);
        }
    }

    /**
     * Signals a vector if MSI-X is enabled: delivered now, or left pending while masked (PCI 3.0
     * §6.8.3.5). A vector outside the table is dropped.
     *
     * @return false if MSI-X is disabled and the caller must use INTx instead
     */
    synchronized boolean signal(int vector) {
        if (!enabled) {
            return false;
        }
        if (vector >= 0 && vector < vectors) {
            if (functionMasked || isMasked(vector)) {
                pending[vector >>> 6] |= 1L << vector;
            } else {
                deliver(vector);
            }
        }
        return true;
    }

    /** Saves the table, the pending bits and the control bits (live upgrade). */
    synchronized void save(DeviceState.Builder state) {
        state.put(STATE_VECTORS, vectors);
        state.put(STATE_TABLE, StateArrays.fromInts(table));
        state.put(STATE_PENDING, StateArrays.fromLongs(pending));
        state.put(STATE_ENABLED, enabled);
        state.put(STATE_FUNCTION_MASKED, functionMasked);
    }

    /** Takes over a saved table; the number of vectors must be the same. */
    synchronized void restore(DeviceState state) throws StateException {
        long saved = state.longValue(STATE_VECTORS);
        if (saved != vectors) {
            throw new StateException.Incompatible("MSI-X vectors " + saved + " != " + vectors);
        }
        StateArrays.toInts(state.bytes(STATE_TABLE, table.length * Integer.BYTES), table);
        StateArrays.toLongs(state.bytes(STATE_PENDING, pending.length * Long.BYTES), pending);
        enabled = state.bool(STATE_ENABLED) && vectors > 0;
        functionMasked = state.bool(STATE_FUNCTION_MASKED);
    }

    synchronized void clearPending() {
        Arrays.fill(pending, 0);
    }

    @Override
    public synchronized long read(long offset, int size) {
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = value << 8 | readByte(offset + i);
        }
        return value;
    }

    @Override
    public synchronized void write(long offset, int size, long value) {
        if (offset < TABLE_OFFSET || offset + size > (long) vectors * ENTRY_SIZE) {
            return; // the PBA and the holes are read-only
        }
        for (int i = 0; i < size; i++) {
            int dword = (int) ((offset + i) >>> 2);
            int shift = (int) ((offset + i) & 3) * 8;
            table[dword] = table[dword] & ~(0xff << shift) | (int) (value >>> (8 * i) & 0xff) << shift;
        }
        int first = (int) (offset / ENTRY_SIZE);
        int last = (int) ((offset + size - 1) / ENTRY_SIZE);
        for (int vector = first; vector <= last; vector++) {
            deliverIfPending(vector);
        }
    }

    private int readByte(long offset) {
        if (offset >= TABLE_OFFSET && offset < (long) vectors * ENTRY_SIZE) {
            return table[(int) (offset >>> 2)] >>> ((int) (offset & 3) * 8) & 0xff;
        }
        long pbaByte = offset - pbaOffset;
        if (pbaByte >= 0 && pbaByte < pending.length * 8L) {
            return (int) (pending[(int) (pbaByte >>> 3)] >>> ((pbaByte & 7) * 8)) & 0xff;
        }
        return 0;
    }

    private boolean isMasked(int vector) {
        return (table[vector * 4 + VECTOR_CONTROL] & VECTOR_MASKED) != 0;
    }

    private void deliverIfPending(int vector) {
        long bit = 1L << vector;
        if (enabled && !functionMasked && !isMasked(vector) && (pending[vector >>> 6] & bit) != 0) {
            pending[vector >>> 6] &= ~bit;
            deliver(vector);
        }
    }

    private void deliver(int vector) {
        if (sink == null) {
            return;
        }
        long address = (long) table[vector * 4 + ADDRESS_HI] << 32 | Integer.toUnsignedLong(table[vector * 4 + ADDRESS_LO]);
        sink.deliver(address, table[vector * 4 + DATA]);
    }

    private static long nextPowerOfTwo(long value) {
        return value <= 1 ? 1 : Long.highestOneBit(value - 1) << 1;
    }
}
