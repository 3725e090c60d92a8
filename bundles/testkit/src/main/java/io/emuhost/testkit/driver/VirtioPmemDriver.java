package io.emuhost.testkit.driver;

import io.emuhost.api.bus.GuestBus;
import io.emuhost.api.irq.InterruptEvents;
import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.testkit.memory.UncheckedGuestMemoryException;
import io.emuhost.testkit.virtqueue.Buffer;
import java.util.Objects;

/**
 * A guest-side virtio-pmem driver (virtio 1.2 §5.19) doing what Linux's virtio_pmem and
 * nd_virtio do: find the 1af4:105b function, learn the persistent range from the configuration
 * (or from shared memory region 0 when VIRTIO_PMEM_F_SHMEM_REGION is negotiated), and send
 * FLUSH requests as one indirect descriptor pointing to a two-entry table (4-byte request,
 * 4-byte response). Data moves the way a CPU moves it: loads and stores at {@code start + offset}.
 */
public final class VirtioPmemDriver implements AutoCloseable {

    /** The virtio-pmem PCI vendor ID. */
    public static final int VENDOR_ID = 0x1af4;
    /** The virtio-pmem PCI device ID: 0x1040 + 27 (virtio 1.2 §4.1.2). */
    public static final int DEVICE_ID = 0x105b;
    /** VIRTIO_PMEM_F_SHMEM_REGION (virtio 1.2 §5.19.3). */
    public static final int F_SHMEM_REGION = 0;
    /** VIRTIO_PMEM_SHMEM_REGION_ID. */
    public static final int SHMEM_REGION_ID = 0;
    /** VIRTIO_PMEM_REQ_TYPE_FLUSH (virtio 1.2 §5.19.6). */
    public static final int REQ_TYPE_FLUSH = 0;
    /** What {@link #flush} returns if the device wrote no response. */
    public static final int NO_RESPONSE = 0x7fff_ffff;

    private static final int REQUEST_QUEUE = 0;
    private static final int CONFIG_START = 0;
    private static final int CONFIG_SIZE = 8;
    private static final int REQ_LEN = 4;
    private static final int RESP_LEN = 4;
    private static final int TABLE_ENTRIES = 2;
    private static final int DESC_SIZE = 16;

    private final VirtioPciDriver driver;
    private final GuestBus bus;
    private final GuestMemory memory;
    private final long start;
    private final long size;
    private final long request;
    private final long response;
    private final long table;
    private final Buffer[] flushBuffers;
    private int lastUsedLength;

    private VirtioPmemDriver(VirtioPciDriver driver, GuestBus bus) {
        this.driver = driver;
        this.bus = bus;
        this.memory = bus.memory();
        if (driver.hasFeature(F_SHMEM_REGION)) {
            // virtio 1.2 §5.19.5.2: with SHMEM_REGION the range is shared memory region 0
            SharedMemoryWindow region = driver.sharedMemory(SHMEM_REGION_ID).orElseThrow();
            this.start = region.address();
            this.size = region.length();
        } else {
            this.start = driver.deviceConfig().read64(CONFIG_START);
            this.size = driver.deviceConfig().read64(CONFIG_SIZE);
        }
        this.request = driver.allocate(REQ_LEN, 8);
        this.response = driver.allocate(RESP_LEN, 8);
        this.table = driver.allocate((long) DESC_SIZE * TABLE_ENTRIES, DESC_SIZE);
        // virtio 1.2 §5.19.6: struct virtio_pmem_req (device-readable), then virtio_pmem_resp
        this.flushBuffers = new Buffer[] {Buffer.readable(request, REQ_LEN), Buffer.writable(response, RESP_LEN)};
    }

    /**
     * Options for the first virtio-pmem function, with the driver's defaults.
     *
     * @param scratchBase guest-RAM area for the ring and request buffers
     * @param scratchSize its size (a few KiB are enough for a 128-entry queue)
     * @return the options
     */
    public static DriverOptions options(long scratchBase, long scratchSize) {
        return DriverOptions.of(VENDOR_ID, DEVICE_ID, scratchBase, scratchSize);
    }

    /**
     * Probes a device without offering VIRTIO_PMEM_F_SHMEM_REGION (Linux before 6.8).
     *
     * @param bus the machine's bus
     * @param interrupts where the machine reports interrupts
     * @param options see {@link #options}
     * @return the driver, device in DRIVER_OK
     */
    public static VirtioPmemDriver open(GuestBus bus, InterruptEvents interrupts, DriverOptions options) {
        return open(bus, interrupts, options, false);
    }

    /**
     * Probes a device.
     *
     * @param bus the machine's bus
     * @param interrupts where the machine reports interrupts
     * @param options see {@link #options}
     * @param shmemRegion whether to accept VIRTIO_PMEM_F_SHMEM_REGION (Linux 6.8+); it is dropped
     *     before FEATURES_OK if shared memory region 0 is missing, as Linux's validate hook does
     * @return the driver, device in DRIVER_OK
     */
    public static VirtioPmemDriver open(GuestBus bus, InterruptEvents interrupts, DriverOptions options,
            boolean shmemRegion) {
        DriverOptions effective = shmemRegion ? options.withDeviceFeatures(1L << F_SHMEM_REGION) : options;
        VirtioPciDriver driver = VirtioPciDriver.open(bus, interrupts, effective, VirtioPmemDriver::validate);
        try {
            return new VirtioPmemDriver(driver, bus);
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
    }

    private static long validate(VirtioPciLayout layout, long features) {
        if ((features & 1L << F_SHMEM_REGION) != 0 && layout.sharedMemoryWindow(SHMEM_REGION_ID).isEmpty()) {
            return features & ~(1L << F_SHMEM_REGION);
        }
        return features;
    }

    /**
     * The guest physical address of the persistent range.
     *
     * @return start
     */
    public long start() {
        return start;
    }

    /**
     * The size of the persistent range.
     *
     * @return bytes
     */
    public long size() {
        return size;
    }

    /**
     * Whether the range came from shared memory region 0.
     *
     * @return true if VIRTIO_PMEM_F_SHMEM_REGION was negotiated
     */
    public boolean usesSharedMemoryRegion() {
        return driver.hasFeature(F_SHMEM_REGION);
    }

    /**
     * The virtio-pci driver underneath.
     *
     * @return the transport driver
     */
    public VirtioPciDriver pciDriver() {
        return driver;
    }

    /**
     * Sends one FLUSH (virtio 1.2 §5.19.6) and waits for its completion. Allocates nothing.
     *
     * @return the response's {@code ret}: 0 on success; nonzero on failure (the spec says −1,
     *     QEMU answers 1); {@link #NO_RESPONSE} if the device wrote nothing
     * @throws VirtioDriverException if the request does not complete:
     *     {@link VirtioDriverException.DeviceRemoved} if the device was unplugged first
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public synchronized int flush() throws InterruptedException {
        try {
            memory.writeInt(request, REQ_TYPE_FLUSH);
            memory.writeInt(response, NO_RESPONSE);
        } catch (GuestMemoryException e) {
            throw new UncheckedGuestMemoryException(e);
        }
        int head = driver.queue(REQUEST_QUEUE).addIndirectChain(table, flushBuffers);
        driver.kickIfNeeded(REQUEST_QUEUE);
        lastUsedLength = driver.awaitUsed(REQUEST_QUEUE, head);
        try {
            return memory.readInt(response);
        } catch (GuestMemoryException e) {
            throw new UncheckedGuestMemoryException(e);
        }
    }

    /**
     * The used length the device reported for the last flush.
     *
     * @return bytes written into the response
     */
    public synchronized int lastUsedLength() {
        return lastUsedLength;
    }

    /**
     * Stores bytes into the persistent range, as a CPU would.
     *
     * @param offset offset in the range
     * @param data the bytes
     * @throws IndexOutOfBoundsException if the bytes do not fit the range
     */
    public void write(long offset, byte[] data) {
        long address = checkedAddress(offset, data.length);
        try {
            if (memory.isMapped(address, data.length)) {
                memory.write(address, data, 0, data.length);
                return;
            }
        } catch (GuestMemoryException e) {
            throw new UncheckedGuestMemoryException(e);
        }
        for (int i = 0; i < data.length; i++) {
            bus.write(address + i, 1, data[i]);
        }
    }

    /**
     * Loads bytes from the persistent range, as a CPU would.
     *
     * @param offset offset in the range
     * @param length number of bytes
     * @return the bytes
     * @throws IndexOutOfBoundsException if the bytes do not lie in the range
     */
    public byte[] read(long offset, int length) {
        long address = checkedAddress(offset, length);
        byte[] data = new byte[length];
        try {
            if (memory.isMapped(address, length)) {
                memory.read(address, data, 0, length);
                return data;
            }
        } catch (GuestMemoryException e) {
            throw new UncheckedGuestMemoryException(e);
        }
        for (int i = 0; i < length; i++) {
            data[i] = (byte) bus.read(address + i, 1);
        }
        return data;
    }

    private long checkedAddress(long offset, int length) {
        Objects.checkFromIndexSize(offset, length, size);
        return start + offset;
    }

    /** Resets the device and releases the interrupt listener. */
    @Override
    public void close() {
        driver.close();
    }
}
