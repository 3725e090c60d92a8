package io.emuhost.itests.karaf;

import io.emuhost.api.machine.Machine;
import io.emuhost.testkit.driver.VirtioPmemDriver;
import java.time.Duration;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The {@link Machine} service the emuhost-machine feature registers, and the testkit's guest
 * driver on its bus. Every emuhost type the test uses is in this class, which is loaded only after
 * the features are installed (the probe imports emuhost's packages dynamically).
 */
final class EmuhostMachine implements AutoCloseable {

    /** Guest RAM the driver uses for its ring and requests: 1 MiB at 1 MiB. */
    private static final long SCRATCH_BASE = 0x10_0000;
    private static final long SCRATCH_SIZE = 0x10_0000;

    private final ServiceTracker<Machine, Machine> tracker;
    private final Machine machine;

    private EmuhostMachine(ServiceTracker<Machine, Machine> tracker, Machine machine) {
        this.tracker = tracker;
        this.machine = machine;
    }

    /**
     * Waits for the machine service.
     *
     * @param context the probe's context
     * @param timeout how long to wait
     * @return the machine, held until {@link #close}
     * @throws InterruptedException if interrupted
     */
    static EmuhostMachine await(BundleContext context, Duration timeout) throws InterruptedException {
        ServiceTracker<Machine, Machine> tracker = new ServiceTracker<>(context, Machine.class, null);
        tracker.open();
        Machine machine = tracker.waitForService(timeout.toMillis());
        if (machine == null) {
            tracker.close();
            throw new AssertionError("no Machine service after " + timeout);
        }
        return new EmuhostMachine(tracker, machine);
    }

    boolean hasDevice(String id) {
        return machine.device(id).isPresent();
    }

    boolean hasObject(String id) {
        return machine.object(id).isPresent();
    }

    /**
     * A load from guest memory as emuhost sees it (with a QEMU attached: QEMU's RAM, mapped from
     * its SYNC_SYSMEM).
     *
     * @param address guest physical address
     * @param size 1, 2, 4 or 8
     * @return the value
     */
    long read(long address, int size) {
        return machine.bus().read(address, size);
    }

    /**
     * Does what a guest does to persist data on the first virtio-pmem device: probes it the way
     * Linux does, stores the bytes into the persistent range, and sends a FLUSH.
     *
     * @param offset where in the range
     * @param data the bytes
     * @return the FLUSH response status (0: the host fsynced the backing file)
     * @throws InterruptedException if interrupted while waiting for the response
     */
    int writeAndFlush(long offset, byte[] data) throws InterruptedException {
        VirtioPmemDriver pmem = VirtioPmemDriver.open(machine.bus(), machine.interrupts(),
                VirtioPmemDriver.options(SCRATCH_BASE, SCRATCH_SIZE));
        try {
            pmem.write(offset, data);
            return pmem.flush();
        } finally {
            pmem.close();
        }
    }

    /** Releases the service. */
    @Override
    public void close() {
        tracker.close();
    }
}
