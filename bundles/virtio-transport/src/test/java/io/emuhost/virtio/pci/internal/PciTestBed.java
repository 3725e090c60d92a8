package io.emuhost.virtio.pci.internal;

import static io.emuhost.api.virtio.VirtioIds.STATUS_ACKNOWLEDGE;
import static io.emuhost.api.virtio.VirtioIds.STATUS_DRIVER;
import static io.emuhost.api.virtio.VirtioIds.STATUS_DRIVER_OK;
import static io.emuhost.api.virtio.VirtioIds.STATUS_FEATURES_OK;

import io.emuhost.api.bus.IoHandler;
import io.emuhost.api.bus.MmioBar;
import io.emuhost.api.bus.PciBar;
import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.bus.PciSlot;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.virtio.VirtioIds;
import io.emuhost.testkit.device.TestProperties;
import io.emuhost.testkit.memory.HeapGuestMemory;

/**
 * A wrapped test device plugged into a slot with heap memory and recording interrupt sinks, plus
 * the register accesses a driver makes. Queue i's rings sit at 0x1000 + 0x3000 * i.
 */
final class PciTestBed {

    static final long VERSION_1 = 1L << VirtioIds.F_VERSION_1;
    static final long RING_RESET = 1L << VirtioIds.F_RING_RESET;
    static final int NOTIFY = 0x3000;
    static final int ISR = 0x1000;
    static final int DEVICE_CFG = 0x2000;

    final HeapGuestMemory memory = new HeapGuestMemory(0, 0x10000);
    final RecordingMsiSink msi = new RecordingMsiSink();
    final RecordingIntxLine intx = new RecordingIntxLine();
    final TestVirtioDevice device;
    final PciFunction function;
    final IoHandler bar4;

    PciTestBed(TestVirtioDevice device, String... properties) throws ConfigurationException {
        this.device = device;
        this.function = new VirtioPciTransport().wrap(device, TestProperties.of(properties));
        this.function.plug(new PciSlot(0, 3, 0, memory, msi, intx));
        this.bar4 = bar(4);
    }

    static PciTestBed pmem(String... properties) throws ConfigurationException {
        return new PciTestBed(TestVirtioDevice.pmemLike(), properties);
    }

    static long descAddress(int queue) {
        return 0x1000 + 0x3000L * queue;
    }

    IoHandler bar(int index) {
        for (PciBar bar : function.bars()) {
            if (bar.index() == index && bar instanceof MmioBar mmio) {
                return mmio.handler();
            }
        }
        throw new AssertionError("no register BAR " + index);
    }

    long read(int offset, int size) {
        return bar4.read(offset, size);
    }

    void write(int offset, int size, long value) {
        bar4.write(offset, size, value);
    }

    int status() {
        return (int) read(CommonConfig.DEVICE_STATUS, 1);
    }

    long offeredFeatures() {
        write(CommonConfig.DEVICE_FEATURE_SELECT, 4, 0);
        long low = read(CommonConfig.DEVICE_FEATURE, 4);
        write(CommonConfig.DEVICE_FEATURE_SELECT, 4, 1);
        return read(CommonConfig.DEVICE_FEATURE, 4) << 32 | low;
    }

    /** ACKNOWLEDGE, DRIVER, driver_feature, FEATURES_OK (virtio 1.2 §3.1.1 steps 1-5). */
    void negotiate(long features) {
        write(CommonConfig.DEVICE_STATUS, 1, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
        write(CommonConfig.DRIVER_FEATURE_SELECT, 4, 0);
        write(CommonConfig.DRIVER_FEATURE, 4, features & 0xffff_ffffL);
        write(CommonConfig.DRIVER_FEATURE_SELECT, 4, 1);
        write(CommonConfig.DRIVER_FEATURE, 4, features >>> 32);
        write(CommonConfig.DEVICE_STATUS, 1, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK);
    }

    void setUpQueue(int queue, int size) {
        long desc = descAddress(queue);
        write(CommonConfig.QUEUE_SELECT, 2, queue);
        write(CommonConfig.QUEUE_SIZE, 2, size);
        write(CommonConfig.QUEUE_DESC_LO, 4, desc);
        write(CommonConfig.QUEUE_DRIVER_LO, 4, desc + 0x1000);
        write(CommonConfig.QUEUE_DEVICE_LO, 4, desc + 0x2000);
        write(CommonConfig.QUEUE_ENABLE, 2, 1);
    }

    void driverOk() {
        write(CommonConfig.DEVICE_STATUS, 1,
                STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK | STATUS_DRIVER_OK);
    }

    /** Negotiates, enables every queue with 8 descriptors and sets DRIVER_OK. */
    void start(long features) {
        negotiate(features);
        for (int queue = 0; queue < device.queueCount(); queue++) {
            setUpQueue(queue, 8);
        }
        driverOk();
    }
}
