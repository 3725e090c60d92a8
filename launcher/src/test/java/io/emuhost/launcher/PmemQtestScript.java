package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What QEMU's libqos does to a virtio-pmem-pci function on the pc machine, over qtest only:
 * find 1af4:105b through CF8/CFC, size and program BAR4, route INTA as SeaBIOS would (PIIX3
 * PIRQ register and Interrupt Line = 10), walk the virtio capabilities, initialize the device
 * (virtio 1.2 §3.1.1), set up queue 0 in guest RAM with {@code write}, and FLUSH with one
 * indirect descriptor as Linux's virtio_pmem does, waiting for the used ring and INTx.
 */
final class PmemQtestScript {

    static final long BAR4_ADDRESS = 0xe000_0000L;
    static final int GSI = 10;

    private static final int CF8 = 0xcf8;
    private static final int CFC = 0xcfc;
    private static final int PIIX3_DEVFN = 1 << 3;
    private static final int PIIX3_PIRQ_ROUTE = 0x60;
    private static final int COMMAND_MEMORY = 0x2;
    private static final int COMMAND_BUS_MASTER = 0x4;
    private static final int CONFIG_SNAPSHOT = 0x98;
    private static final long BAR4_SIZE = 16 << 10;

    // virtio 1.2 §4.1.4.3 common configuration offsets
    private static final int DEVICE_FEATURE_SELECT = 0x00;
    private static final int DEVICE_FEATURE = 0x04;
    private static final int DRIVER_FEATURE_SELECT = 0x08;
    private static final int DRIVER_FEATURE = 0x0c;
    private static final int DEVICE_STATUS = 0x14;
    private static final int QUEUE_SELECT = 0x16;
    private static final int QUEUE_SIZE = 0x18;
    private static final int QUEUE_ENABLE = 0x1c;
    private static final int QUEUE_NOTIFY_OFF = 0x1e;
    private static final int QUEUE_DESC = 0x20;
    private static final int QUEUE_DRIVER = 0x28;
    private static final int QUEUE_DEVICE = 0x30;

    private static final int ACKNOWLEDGE = 1;
    private static final int DRIVER = 2;
    private static final int DRIVER_OK = 4;
    private static final int FEATURES_OK = 8;
    private static final long F_INDIRECT_DESC = 1L << 28;
    private static final long F_EVENT_IDX = 1L << 29;
    private static final long F_VERSION_1 = 1L << 32;

    // guest RAM layout of the ring and the request (below 1 GiB, 4 KiB aligned)
    private static final long DESC = 0x10_0000;
    private static final long AVAIL = 0x10_1000;
    private static final long USED = 0x10_2000;
    private static final long INDIRECT = 0x10_3000;
    private static final long REQUEST = 0x10_4000;
    private static final long RESPONSE = 0x10_4010;
    private static final int QUEUE_LAYOUT_SIZE = 0x5000;

    private static final int VIRTQ_DESC_F_NEXT = 1;
    private static final int VIRTQ_DESC_F_WRITE = 2;
    private static final int VIRTQ_DESC_F_INDIRECT = 4;
    private static final int DESCRIPTOR_SIZE = 16;
    private static final long NO_RESPONSE = 0xffff_ffffL;

    private final QtestClient qtest;
    private int devfn = -1;

    PmemQtestScript(QtestClient qtest) {
        this.qtest = qtest;
    }

    /** Runs the whole script. */
    PmemObservation run() throws IOException, InterruptedException {
        devfn = find(0x1af4, 0x105b);
        byte[] config = readConfig();
        long bar4 = programBar4();
        routeIntx();
        List<PciCap> caps = capabilities();
        long common = bar4 + cap(caps, PciCap.COMMON_CFG).barOffset();
        long isr = bar4 + cap(caps, PciCap.ISR_CFG).barOffset();
        long device = bar4 + cap(caps, PciCap.DEVICE_CFG).barOffset();
        PciCap notify = cap(caps, PciCap.NOTIFY_CFG);

        qtest.writeb(common + DEVICE_STATUS, 0);
        assertEquals(0, qtest.readb(common + DEVICE_STATUS), "device_status after reset");
        qtest.writeb(common + DEVICE_STATUS, ACKNOWLEDGE);
        qtest.writeb(common + DEVICE_STATUS, ACKNOWLEDGE | DRIVER);
        long features = readFeatures(common);
        long accepted = features & (F_VERSION_1 | F_INDIRECT_DESC | F_EVENT_IDX);
        writeFeatures(common, accepted);
        qtest.writeb(common + DEVICE_STATUS, ACKNOWLEDGE | DRIVER | FEATURES_OK);
        int status = (int) qtest.readb(common + DEVICE_STATUS);

        long notifyAddress = setUpQueue(common, bar4 + notify.barOffset(), notify.notifyOffMultiplier());
        qtest.writeb(common + DEVICE_STATUS, ACKNOWLEDGE | DRIVER | FEATURES_OK | DRIVER_OK);
        byte[] deviceConfig = qtest.read(device, 16);

        assertEquals("OK", qtest.command("irq_intercept_in ioapic"));
        submitFlush();
        qtest.writew(notifyAddress, 0);
        awaitUsed();
        awaitIrq(true);
        int isrValue = (int) qtest.readb(isr);
        awaitIrq(false);
        return new PmemObservation(config, caps, features, deviceConfig, status, qtest.readl(RESPONSE),
                qtest.readl(USED + 4), qtest.readl(USED + 8), isrValue, qtest.irqLines());
    }

    private int find(int vendor, int deviceId) throws IOException, InterruptedException {
        for (int slot = 0; slot < 32; slot++) {
            long id = configRead(slot << 3, 0);
            if (id == ((long) deviceId << 16 | vendor)) {
                return slot << 3;
            }
        }
        return fail("no " + Integer.toHexString(vendor) + ":" + Integer.toHexString(deviceId) + " on bus 0");
    }

    private byte[] readConfig() throws IOException, InterruptedException {
        ByteBuffer bytes = ByteBuffer.allocate(CONFIG_SNAPSHOT).order(ByteOrder.LITTLE_ENDIAN);
        for (int offset = 0; offset < CONFIG_SNAPSHOT; offset += 4) {
            bytes.putInt((int) configRead(devfn, offset));
        }
        return bytes.array();
    }

    /** libqos qpci_iomap: size the BAR with all ones, then place it; enable memory and bus mastering. */
    private long programBar4() throws IOException, InterruptedException {
        configWrite(devfn, 0x20, 0xffff_ffffL);
        configWrite(devfn, 0x24, 0xffff_ffffL);
        long sized = configRead(devfn, 0x20) & ~0xfL | configRead(devfn, 0x24) << 32;
        assertEquals(BAR4_SIZE, -sized, "BAR4 size");
        configWrite(devfn, 0x20, BAR4_ADDRESS);
        configWrite(devfn, 0x24, 0);
        long command = configRead(devfn, 0x04) & 0xffff;
        configWrite(devfn, 0x04, command | COMMAND_MEMORY | COMMAND_BUS_MASTER);
        return BAR4_ADDRESS;
    }

    /** As SeaBIOS: PIIX3 PIRQ(slot + pin - 2) routed to IRQ 10, and the Interrupt Line register says so. */
    private void routeIntx() throws IOException, InterruptedException {
        int pirq = ((devfn >> 3) - 1) & 3;
        qtest.outl(CF8, configAddress(PIIX3_DEVFN, PIIX3_PIRQ_ROUTE));
        qtest.outb(CFC + pirq, GSI);
        qtest.outl(CF8, configAddress(devfn, 0x3c));
        qtest.outb(CFC, GSI);
    }

    private List<PciCap> capabilities() throws IOException, InterruptedException {
        List<PciCap> caps = new ArrayList<>();
        int offset = (int) configRead(devfn, 0x34) & 0xfc;
        while (offset != 0 && caps.size() < 48) {
            long header = configRead(devfn, offset);
            int id = (int) header & 0xff;
            int next = (int) (header >> 8) & 0xff;
            if (id == PciCap.VENDOR) {
                int length = (int) (header >> 16) & 0xff;
                int cfgType = (int) (header >> 24) & 0xff;
                int bar = (int) configRead(devfn, offset + 4) & 0xff;
                long barOffset = configRead(devfn, offset + 8);
                long barLength = configRead(devfn, offset + 12);
                long multiplier = cfgType == PciCap.NOTIFY_CFG ? configRead(devfn, offset + 16) : 0;
                caps.add(new PciCap(offset, id, next, length, cfgType, bar, barOffset, barLength, multiplier));
            } else {
                caps.add(new PciCap(offset, id, next, 0, 0, 0, 0, 0, 0));
            }
            offset = next & 0xfc;
        }
        return caps;
    }

    private static PciCap cap(List<PciCap> caps, int cfgType) {
        return caps.stream().filter(c -> c.id() == PciCap.VENDOR && c.cfgType() == cfgType && c.bar() == 4)
                .findFirst().orElseGet(() -> fail("no virtio capability of type " + cfgType + " in " + caps));
    }

    private long readFeatures(long common) throws IOException, InterruptedException {
        qtest.writel(common + DEVICE_FEATURE_SELECT, 0);
        long low = qtest.readl(common + DEVICE_FEATURE);
        qtest.writel(common + DEVICE_FEATURE_SELECT, 1);
        return qtest.readl(common + DEVICE_FEATURE) << 32 | low;
    }

    private void writeFeatures(long common, long features) throws IOException, InterruptedException {
        qtest.writel(common + DRIVER_FEATURE_SELECT, 0);
        qtest.writel(common + DRIVER_FEATURE, features & 0xffff_ffffL);
        qtest.writel(common + DRIVER_FEATURE_SELECT, 1);
        qtest.writel(common + DRIVER_FEATURE, features >>> 32);
    }

    /** virtio 1.2 §4.1.5.1.3: the ring in zeroed guest RAM; returns the queue's notify address. */
    private long setUpQueue(long common, long notifyBase, long multiplier) throws IOException, InterruptedException {
        assertEquals("OK", qtest.command("memset 0x" + Long.toHexString(DESC) + " " + QUEUE_LAYOUT_SIZE + " 0"));
        qtest.writew(common + QUEUE_SELECT, 0);
        assertTrue(qtest.readw(common + QUEUE_SIZE) > 0, "queue 0 exists");
        writeAddress(common + QUEUE_DESC, DESC);
        writeAddress(common + QUEUE_DRIVER, AVAIL);
        writeAddress(common + QUEUE_DEVICE, USED);
        long notifyOff = qtest.readw(common + QUEUE_NOTIFY_OFF);
        qtest.writew(common + QUEUE_ENABLE, 1);
        return notifyBase + notifyOff * multiplier;
    }

    private void writeAddress(long register, long address) throws IOException, InterruptedException {
        qtest.writel(register, address & 0xffff_ffffL);
        qtest.writel(register + 4, address >>> 32);
    }

    /** Linux's virtio_pmem_flush: out = {type FLUSH}, in = {ret}, sent as one indirect descriptor. */
    private void submitFlush() throws IOException, InterruptedException {
        qtest.write(REQUEST, le32(0));
        qtest.write(RESPONSE, le32(NO_RESPONSE));
        ByteBuffer table = ByteBuffer.allocate(2 * DESCRIPTOR_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        descriptor(table, REQUEST, 4, VIRTQ_DESC_F_NEXT, 1);
        descriptor(table, RESPONSE, 4, VIRTQ_DESC_F_WRITE, 0);
        qtest.write(INDIRECT, table.array());
        ByteBuffer head = ByteBuffer.allocate(DESCRIPTOR_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        descriptor(head, INDIRECT, 2 * DESCRIPTOR_SIZE, VIRTQ_DESC_F_INDIRECT, 0);
        qtest.write(DESC, head.array());
        ByteBuffer avail = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
        avail.putShort((short) 0).putShort((short) 1).putShort((short) 0);
        qtest.write(AVAIL, avail.array());
    }

    private static void descriptor(ByteBuffer table, long address, int length, int flags, int next) {
        table.putLong(address).putInt(length).putShort((short) flags).putShort((short) next);
    }

    private static byte[] le32(long value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array();
    }

    private void awaitUsed() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (qtest.readw(USED + 2) != 1) {
            if (System.nanoTime() - deadline > 0) {
                fail("the FLUSH was not completed: used idx " + qtest.readw(USED + 2));
            }
            Thread.sleep(5);
        }
    }

    private void awaitIrq(boolean level) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (qtest.irqLevel(GSI) != level) {
            if (System.nanoTime() - deadline > 0) {
                fail("GSI " + GSI + " did not go " + (level ? "up" : "down") + "; IRQ lines: " + qtest.irqLines());
            }
            Thread.sleep(5);
        }
    }

    private long configRead(int fn, int offset) throws IOException, InterruptedException {
        qtest.outl(CF8, configAddress(fn, offset));
        return qtest.inl(CFC);
    }

    private void configWrite(int fn, int offset, long value) throws IOException, InterruptedException {
        qtest.outl(CF8, configAddress(fn, offset));
        qtest.outl(CFC, value);
    }

    private static long configAddress(int fn, int offset) {
        return 0x8000_0000L | fn << 8 | offset & 0xfc;
    }
}
