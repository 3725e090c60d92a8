package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A polling virtio-pmem driver over qtest only, for many FLUSH requests: finds the function
 * through CF8/CFC, programs BAR4, initializes the device (virtio 1.2 §3.1.1) and sets up queue 0
 * in guest RAM as {@link PmemQtestScript} does; then publishes FLUSH requests each on its own
 * two-descriptor chain with its own response word, and reads the used ring. No interrupts: the
 * driver polls the used index.
 */
final class QtestPmemDriver {

    static final int CF8 = 0xcf8;
    static final int CFC = 0xcfc;
    static final long BAR4_ADDRESS = 0xe000_0000L;
    /** Requests in flight at most; also how many response words there are. */
    static final int SLOTS = 64;

    // virtio 1.2 §4.1.4.3 common configuration offsets
    private static final int DRIVER_FEATURE_SELECT = 0x08;
    private static final int DRIVER_FEATURE = 0x0c;
    private static final int DEVICE_FEATURE_SELECT = 0x00;
    private static final int DEVICE_FEATURE = 0x04;
    private static final int DEVICE_STATUS = 0x14;
    private static final int QUEUE_SELECT = 0x16;
    private static final int QUEUE_SIZE = 0x18;
    private static final int QUEUE_ENABLE = 0x1c;
    private static final int QUEUE_NOTIFY_OFF = 0x1e;
    private static final int QUEUE_DESC = 0x20;
    private static final int QUEUE_DRIVER = 0x28;
    private static final int QUEUE_DEVICE = 0x30;
    private static final int STATUS_OK = 1 | 2 | 8 | 4; // ACKNOWLEDGE | DRIVER | FEATURES_OK | DRIVER_OK
    private static final long F_VERSION_1 = 1L << 32;

    // guest RAM layout (below 1 GiB): ring for SLOTS*2 descriptors, then request and response words
    private static final long DESC = 0x20_0000;
    private static final long AVAIL = 0x20_1000;
    private static final long USED = 0x20_2000;
    private static final long REQUEST = 0x20_3000;
    private static final long RESPONSES = 0x20_4000;
    private static final int LAYOUT_SIZE = 0x5000;
    private static final long NO_RESPONSE = 0xffff_ffffL;

    private final QtestClient qtest;
    private final int devfn;
    private int queueSize;
    private long notifyAddress;
    private long deviceCfg;
    private int availIdx;

    private QtestPmemDriver(QtestClient qtest, int devfn) {
        this.qtest = qtest;
        this.devfn = devfn;
    }

    /** Finds 1af4:105b on bus 0 and makes it ready to FLUSH. */
    static QtestPmemDriver open(QtestClient qtest) throws IOException, InterruptedException {
        for (int slot = 0; slot < 32; slot++) {
            if (configRead(qtest, slot << 3, 0) == 0x105b_1af4L) {
                QtestPmemDriver driver = new QtestPmemDriver(qtest, slot << 3);
                driver.initialize();
                return driver;
            }
        }
        return fail("no 1af4:105b on bus 0");
    }

    int devfn() {
        return devfn;
    }

    private void initialize() throws IOException, InterruptedException {
        // libqos qpci_iomap: size BAR4 (64-bit), place it, enable memory and bus mastering
        configWrite(0x20, 0xffff_ffffL);
        configWrite(0x24, 0xffff_ffffL);
        assertTrue((configRead(qtest, devfn, 0x20) & ~0xfL) != 0, "BAR4 implemented");
        configWrite(0x20, BAR4_ADDRESS);
        configWrite(0x24, 0);
        configWrite(0x04, configRead(qtest, devfn, 0x04) & 0xffff | 0x6);
        long common = BAR4_ADDRESS + capability(PciCap.COMMON_CFG, 8);
        long notifyBase = BAR4_ADDRESS + capability(PciCap.NOTIFY_CFG, 8);
        long multiplier = configRead(qtest, devfn, capabilityOffset(PciCap.NOTIFY_CFG) + 16);
        deviceCfg = BAR4_ADDRESS + capability(PciCap.DEVICE_CFG, 8);

        qtest.writeb(common + DEVICE_STATUS, 0);
        qtest.writeb(common + DEVICE_STATUS, 1);
        qtest.writeb(common + DEVICE_STATUS, 1 | 2);
        qtest.writel(common + DEVICE_FEATURE_SELECT, 1);
        assertTrue((qtest.readl(common + DEVICE_FEATURE) & 1) != 0, "VIRTIO_F_VERSION_1 offered");
        qtest.writel(common + DRIVER_FEATURE_SELECT, 0);
        qtest.writel(common + DRIVER_FEATURE, 0);
        qtest.writel(common + DRIVER_FEATURE_SELECT, 1);
        qtest.writel(common + DRIVER_FEATURE, F_VERSION_1 >>> 32);
        qtest.writeb(common + DEVICE_STATUS, 1 | 2 | 8);
        assertEquals(1 | 2 | 8, qtest.readb(common + DEVICE_STATUS), "FEATURES_OK kept");

        assertEquals("OK", qtest.command("memset 0x" + Long.toHexString(DESC) + " " + LAYOUT_SIZE + " 0"));
        qtest.writew(common + QUEUE_SELECT, 0);
        queueSize = (int) qtest.readw(common + QUEUE_SIZE);
        assertTrue(queueSize >= 2 * SLOTS, "queue size " + queueSize);
        writeAddress(common + QUEUE_DESC, DESC);
        writeAddress(common + QUEUE_DRIVER, AVAIL);
        writeAddress(common + QUEUE_DEVICE, USED);
        notifyAddress = notifyBase + qtest.readw(common + QUEUE_NOTIFY_OFF) * multiplier;
        qtest.writew(common + QUEUE_ENABLE, 1);
        qtest.writeb(common + DEVICE_STATUS, STATUS_OK);
        qtest.write(REQUEST, new byte[4]); // virtio_pmem_req.type = VIRTIO_PMEM_REQ_TYPE_FLUSH (0)
    }

    /** virtio 1.2 §5.19.6: the device configuration's start field. */
    long start() throws IOException, InterruptedException {
        return qtest.readl(deviceCfg) | qtest.readl(deviceCfg + 4) << 32;
    }

    /**
     * Publishes FLUSH number {@code n} (n counts from 0 per driver) and notifies queue 0.
     * Its chain is descriptors 2*(n % SLOTS) and the next one; its answer goes to response word n % SLOTS.
     */
    void publishFlush(int n) throws IOException, InterruptedException {
        int slot = n % SLOTS;
        long response = RESPONSES + 4L * slot;
        qtest.writel(response, NO_RESPONSE);
        ByteBuffer chain = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        chain.putLong(REQUEST).putInt(4).putShort((short) 1).putShort((short) (2 * slot + 1)); // VIRTQ_DESC_F_NEXT
        chain.putLong(response).putInt(4).putShort((short) 2).putShort((short) 0); // VIRTQ_DESC_F_WRITE
        qtest.write(DESC + 32L * slot, chain.array());
        // virtio 1.2 §2.7.13: ring entry first, then the index
        qtest.writew(AVAIL + 4 + 2L * (availIdx % queueSize), 2 * slot);
        availIdx = availIdx + 1 & 0xffff;
        qtest.writew(AVAIL + 2, availIdx);
        qtest.writew(notifyAddress, 0);
    }

    /** Guest-physical write through qtest, e.g. into the pmem range. */
    void qtestWrite(long address, byte[] data) throws IOException, InterruptedException {
        qtest.write(address, data);
    }

    /** The used ring's idx. */
    int usedIdx() throws IOException, InterruptedException {
        return (int) qtest.readw(USED + 2);
    }

    /** The head id of used element {@code i} (a free-running index). */
    long usedId(int i) throws IOException, InterruptedException {
        return qtest.readl(USED + 4 + 8L * (i % queueSize));
    }

    /** virtio_pmem_resp.ret of FLUSH number {@code n}, {@code 0xffffffff} while unanswered. */
    long ret(int n) throws IOException, InterruptedException {
        return qtest.readl(RESPONSES + 4L * (n % SLOTS));
    }

    private int capabilityOffset(int cfgType) throws IOException, InterruptedException {
        int offset = (int) configRead(qtest, devfn, 0x34) & 0xfc;
        for (int guard = 0; offset != 0 && guard < 48; guard++) {
            long header = configRead(qtest, devfn, offset);
            if ((header & 0xff) == PciCap.VENDOR && (header >> 24 & 0xff) == cfgType
                    && (configRead(qtest, devfn, offset + 4) & 0xff) == 4) {
                return offset;
            }
            offset = (int) (header >> 8) & 0xfc;
        }
        return fail("no virtio capability of type " + cfgType + " in BAR4");
    }

    private long capability(int cfgType, int field) throws IOException, InterruptedException {
        return configRead(qtest, devfn, capabilityOffset(cfgType) + field);
    }

    private void writeAddress(long register, long address) throws IOException, InterruptedException {
        qtest.writel(register, address & 0xffff_ffffL);
        qtest.writel(register + 4, address >>> 32);
    }

    private void configWrite(int offset, long value) throws IOException, InterruptedException {
        qtest.outl(CF8, configAddress(devfn, offset));
        qtest.outl(CFC, value);
    }

    /** A configuration dword through CF8/CFC (PCI local bus 3.0 §3.2.2.3.2), bus 0. */
    static long configRead(QtestClient qtest, int devfn, int offset) throws IOException, InterruptedException {
        qtest.outl(CF8, configAddress(devfn, offset));
        return qtest.inl(CFC);
    }

    private static long configAddress(int devfn, int offset) {
        return 0x8000_0000L | devfn << 8 | offset & 0xfc;
    }
}
