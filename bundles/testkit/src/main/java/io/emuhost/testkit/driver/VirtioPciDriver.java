package io.emuhost.testkit.driver;

import static io.emuhost.api.virtio.VirtioIds.STATUS_ACKNOWLEDGE;
import static io.emuhost.api.virtio.VirtioIds.STATUS_DEVICE_NEEDS_RESET;
import static io.emuhost.api.virtio.VirtioIds.STATUS_DRIVER;
import static io.emuhost.api.virtio.VirtioIds.STATUS_DRIVER_OK;
import static io.emuhost.api.virtio.VirtioIds.STATUS_FAILED;
import static io.emuhost.api.virtio.VirtioIds.STATUS_FEATURES_OK;

import io.emuhost.api.bus.GuestBus;
import io.emuhost.api.irq.InterruptEvents;
import io.emuhost.api.virtio.VirtioIds;
import io.emuhost.testkit.virtqueue.DriverSplitQueue;
import java.util.List;
import java.util.Optional;

/**
 * A guest-side virtio-pci modern driver (virtio 1.2 §4.1) over a machine's {@link GuestBus},
 * doing what Linux's virtio_pci_modern and virtio core do. {@link #open} finds the function on
 * bus 0, reads and sizes its BARs (firmware programmed them), walks its capabilities, enables
 * memory decoding and bus mastering, resets the device, negotiates features (§3.1.1), sets up
 * the queues in guest RAM, wires MSI-X (config vector 0, queue {@code i} on vector {@code i + 1})
 * or INTx, and sets DRIVER_OK.
 *
 * <p>Completions are interrupt-driven: {@link #awaitUsed} looks at the used rings only after an
 * interrupt for this function arrived (with INTx, after reading the ISR, which deasserts the
 * line), as Linux's vring_interrupt does. A configuration interrupt that reports
 * DEVICE_NEEDS_RESET ends the wait with {@link VirtioDriverException.DeviceNeedsReset}.
 * Methods are thread-safe; waits are serialized.
 */
public final class VirtioPciDriver implements AutoCloseable {

    private final GuestBus bus;
    private final InterruptEvents interrupts;
    private final DriverOptions options;
    private final PciFunctionAccess pci;
    private final VirtioPciLayout layout;
    private final ScratchArena scratch;
    private final CommonCfgAccess common;
    private final long isr;
    private final DeviceConfig deviceConfig;
    private long features;
    private DriverSplitQueue[] queues = new DriverSplitQueue[0];
    private long[] notifyAddress = new long[0];
    private InterruptWaiter waiter;
    private boolean msix;
    private CompletionTracker completions;

    private VirtioPciDriver(GuestBus bus, InterruptEvents interrupts, DriverOptions options, PciFunctionAccess pci,
            VirtioPciLayout layout) {
        this.bus = bus;
        this.interrupts = interrupts;
        this.options = options;
        this.pci = pci;
        this.layout = layout;
        this.scratch = new ScratchArena(options.scratchBase(), options.scratchSize());
        this.common = new CommonCfgAccess(bus, layout.address(layout.commonCfg()));
        this.isr = layout.address(layout.isrCfg());
        this.deviceConfig = layout.deviceCfg()
                .map(cap -> new DeviceConfig(bus, layout.address(layout.commonCfg()), layout.address(cap)))
                .orElse(null);
    }

    /**
     * Finds and initializes a device, accepting every supported feature the device offers.
     *
     * @param bus the machine's bus
     * @param interrupts where the machine reports delivered interrupts
     * @param options what to look for and how to set it up
     * @return the driver, with the device in DRIVER_OK
     * @throws VirtioDriverException if a step fails
     */
    public static VirtioPciDriver open(GuestBus bus, InterruptEvents interrupts, DriverOptions options) {
        return open(bus, interrupts, options, FeatureValidator.NONE);
    }

    /**
     * Finds and initializes a device.
     *
     * @param bus the machine's bus
     * @param interrupts where the machine reports delivered interrupts
     * @param options what to look for and how to set it up
     * @param validator drops features before FEATURES_OK
     * @return the driver, with the device in DRIVER_OK
     * @throws VirtioDriverException if a step fails
     */
    public static VirtioPciDriver open(GuestBus bus, InterruptEvents interrupts, DriverOptions options,
            FeatureValidator validator) {
        PciFunctionAccess pci = new PciFunctionAccess(options.configMechanism().over(bus));
        List<PciAddress> found = pci.find(0, options.vendorId(), options.deviceId());
        if (found.size() <= options.instance()) {
            throw new VirtioDriverException.DeviceNotFound(options.vendorId(), options.deviceId(),
                    options.instance(), found.size());
        }
        PciAddress fn = found.get(options.instance());
        VirtioPciDriver driver = new VirtioPciDriver(bus, interrupts, options, pci, VirtioPciLayout.read(pci, fn));
        try {
            driver.initialize(validator);
        } catch (RuntimeException e) {
            try {
                driver.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return driver;
    }

    private void initialize(FeatureValidator validator) {
        PciConfigAccess config = pci.config();
        PciAddress fn = layout.fn();
        config.write(fn, PciRegisters.COMMAND, 2, config.read(fn, PciRegisters.COMMAND, 2)
                | PciRegisters.COMMAND_MEMORY | PciRegisters.COMMAND_BUS_MASTER);
        reset();
        addStatus(STATUS_ACKNOWLEDGE);
        addStatus(STATUS_DRIVER);
        negotiate(validator);
        msix = layout.msix().filter(c -> options.msix() && c.tableSize() >= 1 + options.queues()).isPresent();
        setUpInterrupts();
        setUpQueues();
        addStatus(STATUS_DRIVER_OK);
        int status = status();
        if ((status & STATUS_DEVICE_NEEDS_RESET) != 0) {
            throw new VirtioDriverException.DeviceNeedsReset(fn, status);
        }
    }

    /** virtio 1.2 §3.1.1 steps 4-6. */
    private void negotiate(FeatureValidator validator) {
        long offered = common.deviceFeatures();
        // virtio 1.2 §6.1: a driver for the modern interface requires VIRTIO_F_VERSION_1
        if ((offered & 1L << VirtioIds.F_VERSION_1) == 0) {
            addStatus(STATUS_FAILED);
            throw new VirtioDriverException.FeatureNotOffered(VirtioIds.F_VERSION_1, offered);
        }
        long accepted = validator.validate(layout, offered & options.features()) & offered;
        common.driverFeatures(accepted);
        addStatus(STATUS_FEATURES_OK);
        int status = status();
        // virtio 1.2 §3.1.1 step 6: re-read device status to ensure FEATURES_OK is still set
        if ((status & STATUS_FEATURES_OK) == 0) {
            addStatus(STATUS_FAILED);
            throw new VirtioDriverException.FeaturesNotAccepted(accepted, status);
        }
        this.features = accepted;
    }

    private void setUpInterrupts() {
        InterruptSetup setup = new InterruptSetup(bus, pci.config(), layout, common);
        int vectors = 1 + options.queues();
        waiter = msix ? setup.msixWaiter(vectors) : setup.intxWaiter();
        interrupts.addListener(waiter);
        if (msix) {
            setup.enableMsix(vectors);
        } else {
            setup.enableIntx();
        }
    }

    /** virtio 1.2 §4.1.5.1.3, then queue_enable for each queue as Linux's vp_modern_find_vqs. */
    private void setUpQueues() {
        QueueSetup setup = QueueSetup.configure(common, bus.memory(), layout, options, scratch, msix);
        queues = setup.rings();
        notifyAddress = setup.notifyAddress();
        completions = new CompletionTracker(queues, waiter, msix, new Acknowledger(), options.timeout());
        setup.enable(common);
    }

    /**
     * Resets the device: writes 0 to device_status and waits until it reads 0 (virtio 1.2
     * §4.1.4.3.2).
     *
     * @throws VirtioDriverException.ResetTimeout if the status does not clear in time
     */
    public void reset() {
        common.reset(options.timeout());
    }

    /**
     * Whether the function is still on the bus, as Linux's pci_device_is_present: its vendor ID
     * does not read all ones.
     *
     * @return false once the function was unplugged
     */
    public boolean present() {
        return pci.config().read(layout.fn(), PciRegisters.VENDOR_ID, 2) != PciRegisters.NO_VENDOR;
    }

    /**
     * Reads device_status.
     *
     * @return the status byte
     */
    public int status() {
        return common.status();
    }

    private void addStatus(int bits) {
        common.addStatus(bits);
    }

    /**
     * The function this driver drives.
     *
     * @return its address
     */
    public PciAddress address() {
        return layout.fn();
    }

    /**
     * The function's BARs and virtio structures.
     *
     * @return the layout
     */
    public VirtioPciLayout layout() {
        return layout;
    }

    /**
     * The negotiated features.
     *
     * @return the bits written to driver_feature and accepted with FEATURES_OK
     */
    public long features() {
        return features;
    }

    /**
     * Whether a feature was negotiated.
     *
     * @param bit the feature bit
     * @return true if negotiated
     */
    public boolean hasFeature(int bit) {
        return (features & 1L << bit) != 0;
    }

    /**
     * Whether interrupts come by MSI-X (else INTx).
     *
     * @return true for MSI-X
     */
    public boolean usesMsix() {
        return msix;
    }

    /**
     * Interrupts received for a vector so far (INTx: assertions, as vector 0).
     *
     * @param vector MSI-X vector (0 config, {@code 1 + q} queue q) or 0 for INTx
     * @return the count
     */
    public long interruptCount(int vector) {
        return waiter.count(vector);
    }

    /**
     * A queue's driver side.
     *
     * @param index queue index
     * @return the queue
     */
    public DriverSplitQueue queue(int index) {
        return queues[index];
    }

    /**
     * Takes a block of the guest-RAM scratch area (for request buffers, indirect tables).
     *
     * @param size bytes
     * @param alignment a power of two
     * @return its guest physical address
     */
    public long allocate(long size, long alignment) {
        return scratch.allocate(size, alignment);
    }

    /**
     * Sends an available-buffer notification: writes the queue index (16 bits) to the queue's
     * notify address (virtio 1.2 §4.1.5.2).
     *
     * @param queue the queue index
     */
    public void kick(int queue) {
        mmioWrite(notifyAddress[queue], 2, queue);
    }

    /**
     * Notifies the device only if it asked for it (Linux's virtqueue_kick: EVENT_IDX's
     * avail_event, else VIRTQ_USED_F_NO_NOTIFY).
     *
     * @param queue the queue index
     * @return true if a notification was sent
     */
    public boolean kickIfNeeded(int queue) {
        boolean needed = queues[queue].prepareKick(hasFeature(VirtioIds.F_EVENT_IDX));
        if (needed) {
            kick(queue);
        }
        return needed;
    }

    /**
     * Waits, interrupt-driven, until the device returned the chain with this head. Allocates
     * nothing.
     *
     * @param queue the queue index
     * @param head the head descriptor index
     * @return the used length the device reported
     * @throws VirtioDriverException.CompletionTimeout if it does not come within the timeout
     * @throws VirtioDriverException.DeviceRemoved if the function leaves the bus first
     * @throws VirtioDriverException.DeviceNeedsReset if the device signals DEVICE_NEEDS_RESET
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public int awaitUsed(int queue, int head) throws InterruptedException {
        return completions.awaitUsed(queue, head);
    }

    /**
     * The device-specific configuration structure.
     *
     * @return reads with generation retry
     * @throws VirtioDriverException.CapabilityMissing if the function has no device
     *     configuration capability
     */
    public DeviceConfig deviceConfig() {
        if (deviceConfig == null) {
            throw new VirtioDriverException.CapabilityMissing(layout.fn(), VirtioPciLayout.DEVICE_CFG);
        }
        return deviceConfig;
    }

    /**
     * Looks up a shared memory region by id (virtio 1.2 §4.1.4.7), as Linux's vp_get_shm_region.
     *
     * @param id the shmid
     * @return the region, or empty if there is no such capability or it does not fit its BAR
     */
    public Optional<SharedMemoryWindow> sharedMemory(int id) {
        return layout.sharedMemoryWindow(id);
    }

    /**
     * Resets the device (as Linux's remove does), disables MSI-X and stops listening for
     * interrupts.
     */
    @Override
    public void close() {
        try {
            reset();
        } finally {
            layout.msix().ifPresent(cap -> MsixTable.disable(pci.config(), layout.fn(), cap));
            if (waiter != null) {
                interrupts.removeListener(waiter);
            }
        }
    }

    private long mmioRead(long address, int size) {
        return bus.read(address, size);
    }

    private void mmioWrite(long address, int size, long value) {
        bus.write(address, size, value);
    }

    /** INTx acknowledgement and configuration changes, for the completion tracker. */
    private final class Acknowledger implements CompletionTracker.Acknowledger {

        @Override
        public int readIsr() {
            return (int) mmioRead(isr, 1);
        }

        @Override
        public boolean present() {
            return VirtioPciDriver.this.present();
        }

        @Override
        public VirtioDriverException removed(int queue, int head) {
            return new VirtioDriverException.DeviceRemoved(layout.fn(), queue, head);
        }

        @Override
        public void configChanged() {
            int status = status();
            // virtio 1.2 §2.1.2: DEVICE_NEEDS_RESET comes with a configuration change notification
            if ((status & STATUS_DEVICE_NEEDS_RESET) != 0) {
                throw new VirtioDriverException.DeviceNeedsReset(layout.fn(), status);
            }
        }
    }
}
