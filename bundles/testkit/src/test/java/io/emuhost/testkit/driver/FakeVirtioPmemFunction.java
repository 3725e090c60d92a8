package io.emuhost.testkit.driver;

import io.emuhost.api.memory.GuestMemoryException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of a virtio-pmem-pci function (QEMU's layout, reference §3) to drive the driver:
 * BAR4 = common 0x0000, ISR 0x1000, device 0x2000, notify 0x3000 (multiplier 4), MSI-X table
 * 0x3800 when enabled; an optional shared-memory BAR2. A flush is answered synchronously on the
 * notifying thread with ret 0 and used length 4.
 */
final class FakeVirtioPmemFunction {

    static final long BAR4 = 0xfebf_c000L;
    static final long BAR4_SIZE = 0x4000;
    static final long BAR2 = 0x8000_0000L;
    static final int BAR2_SIZE = 0x10000;
    static final long PMEM_BASE = 0x1_0000_0000L;
    static final int PMEM_SIZE = 0x10000;
    static final int GSI = 10;
    static final int QUEUE_MAX = 128;
    static final long OFFERED = 1L << 28 | 1L << 29 | 1L << 32 | 1L << 40;

    // options, set before the driver opens the function
    boolean msix = true;
    boolean shmCap;
    long offered = OFFERED;
    boolean refuseFeaturesOk;
    boolean suppressInterrupts;
    boolean needsResetOnNotify;
    boolean bumpGenerationOnce;

    // observations
    final List<Integer> statusWrites = new ArrayList<>();
    final List<SeenRequest> requests = new ArrayList<>();
    long driverFeatures;
    int queueSize = QUEUE_MAX;
    long queueDesc;
    long queueDriver;
    long queueDevice;
    boolean queueEnabled;
    int configVector = 0xffff;
    int queueVector = 0xffff;
    boolean lineAsserted;
    int notifications;

    private final FakePciMachine machine;
    private final ByteBuffer config = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
    private final byte[] shm = new byte[BAR2_SIZE];
    private final int[] msixTable = new int[2 * 4];
    private int status;
    private int generation;
    private int isr;
    private int dfselect;
    private int gfselect;
    private int lastAvail;
    private int usedIdx;

    /** What the device saw of one request. */
    record SeenRequest(int headFlags, int headLen, int reqFlags, int reqLen, int respFlags, int respLen, int type) {
    }

    FakeVirtioPmemFunction(FakePciMachine machine) {
        this.machine = machine;
        machine.memory.addRegion(PMEM_BASE, PMEM_SIZE);
        config.putShort(0x00, (short) 0x1af4).putShort(0x02, (short) 0x105b).putShort(0x06, (short) 0x10)
                .put(0x08, (byte) 1).putInt(0x20, (int) BAR4 | 0xc).putShort(0x2c, (short) 0x1af4)
                .putShort(0x2e, (short) 0x1100).put(0x34, (byte) 0x40).put(0x3c, (byte) GSI).put(0x3d, (byte) 1);
        vendorCap(0x40, 0x50, 16, VirtioPciLayout.COMMON_CFG, 4, 0x0000, 0x1000);
        vendorCap(0x50, 0x60, 16, VirtioPciLayout.ISR_CFG, 4, 0x1000, 0x1000);
        vendorCap(0x60, 0x70, 16, VirtioPciLayout.DEVICE_CFG, 4, 0x2000, 0x1000);
        vendorCap(0x70, 0x84, 20, VirtioPciLayout.NOTIFY_CFG, 4, 0x3000, 0x800);
        config.putInt(0x80, 4);
        vendorCap(0x84, 0x98, 20, VirtioPciLayout.PCI_CFG, 0, 0, 0);
        config.put(0x98, (byte) 0x11).put(0x99, (byte) 0xa4).putShort(0x9a, (short) 1)
                .putInt(0x9c, 0x3800 | 4).putInt(0xa0, 0x3c00 | 4);
        vendorCap(0xa4, 0x00, 24, VirtioPciLayout.SHARED_MEMORY_CFG, 2, 0, BAR2_SIZE);
        config.putInt(0x18, (int) BAR2 | 0x4);
    }

    private void vendorCap(int at, int next, int len, int type, int bar, int offset, int length) {
        config.put(at, (byte) 0x09).put(at + 1, (byte) next).put(at + 2, (byte) len).put(at + 3, (byte) type)
                .put(at + 4, (byte) bar).putInt(at + 8, offset).putInt(at + 12, length);
    }

    /** Applies the options to the capability chain. */
    void applyOptions() {
        config.put(0x84 + 1, (byte) (msix ? 0x98 : shmCap ? 0xa4 : 0));
        config.put(0x99, (byte) (shmCap ? 0xa4 : 0));
    }

    boolean claims(long address) {
        boolean memoryOn = (config.getShort(0x04) & 0x2) != 0;
        return memoryOn && (address >= BAR4 && address < BAR4 + BAR4_SIZE || address >= BAR2 && address < BAR2 + BAR2_SIZE);
    }

    int configRead(int offset, int size) {
        applyOptions();
        return switch (size) {
            case 1 -> config.get(offset) & 0xff;
            case 2 -> config.getShort(offset) & 0xffff;
            default -> config.getInt(offset);
        };
    }

    void configWrite(int offset, int size, int value) {
        if (offset == 0x04 && size == 2) {
            config.putShort(0x04, (short) (value & 0x407));
        } else if (offset == 0x20 && size == 4) {
            config.putInt(0x20, value & 0xffff_c000 | 0xc);
        } else if (offset == 0x24 || offset == 0x1c) {
            config.putInt(offset, value);
        } else if (offset == 0x18 && size == 4) {
            config.putInt(0x18, value & ~(BAR2_SIZE - 1) | 0x4);
        } else if (offset == 0x9a && size == 2) {
            config.putShort(0x9a, (short) (value & 0xc000 | 1));
        }
    }

    boolean msixEnabled() {
        return msix && (config.getShort(0x9a) & 0xc000) == 0x8000;
    }

    int msixEntry(int vector, int field) {
        return msixTable[vector * 4 + field / 4];
    }

    long mmioRead(long address, int size) {
        if (address >= BAR2 && address < BAR2 + BAR2_SIZE) {
            long value = 0;
            for (int i = size - 1; i >= 0; i--) {
                value = value << 8 | shm[(int) (address - BAR2) + i] & 0xff;
            }
            return value;
        }
        int off = (int) (address - BAR4);
        return switch (off) {
            case 0x04 -> dfselect == 0 ? offered & 0xffff_ffffL : dfselect == 1 ? offered >>> 32 : 0;
            case 0x0c -> gfselect == 0 ? driverFeatures & 0xffff_ffffL : driverFeatures >>> 32;
            case 0x10 -> configVector;
            case 0x12 -> 1;
            case 0x14 -> status;
            case 0x15 -> generation;
            case 0x18 -> queueSize;
            case 0x1a -> queueVector;
            case 0x1c -> queueEnabled ? 1 : 0;
            case 0x1e -> 0;
            case 0x1000 -> readIsr();
            default -> off >= 0x2000 && off < 0x2010 ? deviceConfig(off - 0x2000, size)
                    : off >= 0x3800 && off < 0x3820 ? Integer.toUnsignedLong(msixTable[(off - 0x3800) / 4]) : 0;
        };
    }

    private long deviceConfig(int off, int size) {
        ByteBuffer cfg = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(0, PMEM_BASE)
                .putLong(8, PMEM_SIZE);
        long value = size == 8 ? cfg.getLong(off) : size == 4 ? Integer.toUnsignedLong(cfg.getInt(off)) : cfg.get(off);
        if (bumpGenerationOnce) {
            bumpGenerationOnce = false;
            generation++;
            return 0xbad;
        }
        return value;
    }

    private int readIsr() {
        int value = isr;
        isr = 0;
        if (lineAsserted) {
            lineAsserted = false;
            machine.setGsi(GSI, false);
        }
        return value;
    }

    void mmioWrite(long address, int size, long value) {
        if (address >= BAR2 && address < BAR2 + BAR2_SIZE) {
            for (int i = 0; i < size; i++) {
                shm[(int) (address - BAR2) + i] = (byte) (value >>> 8 * i);
            }
            return;
        }
        int off = (int) (address - BAR4);
        int v = (int) value;
        switch (off) {
            case 0x00 -> dfselect = v;
            case 0x08 -> gfselect = v;
            case 0x0c -> driverFeatures = gfselect == 0 ? driverFeatures & ~0xffff_ffffL | Integer.toUnsignedLong(v)
                    : driverFeatures & 0xffff_ffffL | (long) v << 32;
            case 0x10 -> configVector = msix && v < 2 ? v : 0xffff;
            case 0x14 -> writeStatus(v);
            case 0x18 -> queueSize = v;
            case 0x1a -> queueVector = msix && v < 2 ? v : 0xffff;
            case 0x1c -> queueEnabled = v == 1;
            case 0x20 -> queueDesc = queueDesc & ~0xffff_ffffL | Integer.toUnsignedLong(v);
            case 0x24 -> queueDesc = queueDesc & 0xffff_ffffL | (long) v << 32;
            case 0x28 -> queueDriver = queueDriver & ~0xffff_ffffL | Integer.toUnsignedLong(v);
            case 0x2c -> queueDriver = queueDriver & 0xffff_ffffL | (long) v << 32;
            case 0x30 -> queueDevice = queueDevice & ~0xffff_ffffL | Integer.toUnsignedLong(v);
            case 0x34 -> queueDevice = queueDevice & 0xffff_ffffL | (long) v << 32;
            case 0x3000 -> notifyQueue();
            default -> {
                if (off >= 0x3800 && off < 0x3820) {
                    msixTable[(off - 0x3800) / 4] = v;
                }
            }
        }
    }

    private void writeStatus(int v) {
        statusWrites.add(v);
        if (v == 0) {
            status = 0;
            isr = 0;
            queueEnabled = false;
            queueSize = QUEUE_MAX;
            lastAvail = 0;
            usedIdx = 0;
        } else {
            status = refuseFeaturesOk ? v & ~0x8 : v;
        }
    }

    private void notifyQueue() {
        notifications++;
        if (!queueEnabled) {
            return;
        }
        if (needsResetOnNotify) {
            status |= 0x40;
            raise(0x3);
            return;
        }
        try {
            var mem = machine.memory;
            int availIdx = mem.readShort(queueDriver + 2);
            while (lastAvail != availIdx) {
                int head = mem.readShort(queueDriver + 4 + 2L * (lastAvail % queueSize));
                long d = queueDesc + 16L * head;
                long table = mem.readLong(d);
                int headLen = mem.readInt(d + 8);
                int headFlags = mem.readShort(d + 12);
                long req = mem.readLong(table);
                long resp = mem.readLong(table + 16);
                requests.add(new SeenRequest(headFlags, headLen, mem.readShort(table + 12), mem.readInt(table + 8),
                        mem.readShort(table + 16 + 12), mem.readInt(table + 16 + 8), mem.readInt(req)));
                mem.writeInt(resp, 0);
                long elem = queueDevice + 4 + 8L * (usedIdx % queueSize);
                mem.writeInt(elem, head);
                mem.writeInt(elem + 4, 4);
                usedIdx = usedIdx + 1 & 0xffff;
                mem.writeShort(queueDevice + 2, usedIdx);
                lastAvail = lastAvail + 1 & 0xffff;
            }
            mem.writeShort(queueDevice + 4 + 8L * queueSize, lastAvail);
        } catch (GuestMemoryException e) {
            throw new IllegalStateException(e);
        }
        if (!suppressInterrupts) {
            raise(0x1);
        }
    }

    private void raise(int isrBits) {
        if (msixEnabled()) {
            int v = isrBits == 0x1 ? queueVector : configVector;
            long addr = Integer.toUnsignedLong(msixEntry(v, 0)) | (long) msixEntry(v, 4) << 32;
            machine.deliverMsi(addr, msixEntry(v, 8));
            return;
        }
        isr |= isrBits;
        if (!lineAsserted && (config.getShort(0x04) & 0x400) == 0) {
            lineAsserted = true;
            machine.setGsi(GSI, true);
        }
    }

    byte[] shmBytes() {
        return shm;
    }
}
