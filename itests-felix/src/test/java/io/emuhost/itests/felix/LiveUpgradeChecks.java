package io.emuhost.itests.felix;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.machine.PciDeviceInfo;
import io.emuhost.api.monitor.MonitorCommand;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** The SPEC's observations on a live virtio-pmem device, shared by the life-cycle tests. */
final class LiveUpgradeChecks {

    /** How long the tests keep a factory away, to see whether flushes are held. */
    static final long GAP_MILLIS = 400;
    /** Time for a flush that was already being fsynced when the factory left. */
    static final long SETTLE_MILLIS = 100;

    private LiveUpgradeChecks() {
    }

    /**
     * While no virtio-pmem-pci factory is present: nv1 stays in place (same id, slot, memaddr,
     * mapping), device_add of the driver is refused, and no FLUSH completes (notifications held).
     */
    static void deviceFactoryAbsent(Expectations expect, Machine machine, LivePmem nv1, FlushLoop loop)
            throws InterruptedException {
        expect.check(machine.device(nv1.deviceId).isPresent(), "SPEC: Machine.device(nv1) present while its factory is absent");
        Optional<MemoryDeviceInfo> placed = machine.memoryDevices().stream()
                .filter(d -> d.id().filter(nv1.deviceId::equals).isPresent()).findFirst();
        expect.equal(Optional.of(nv1.placed), placed, "SPEC: Machine.memoryDevices() lists nv1 unchanged while its factory is absent");
        Optional<PciDeviceInfo> pci = machine.pciDevices().stream()
                .filter(d -> d.qdevId().filter(nv1.deviceId::equals).isPresent()).findFirst();
        expect.equal(Optional.of(nv1.pci.slot() + "." + nv1.pci.function()),
                pci.map(p -> p.slot() + "." + p.function()), "SPEC: nv1 keeps its PCI slot while its factory is absent");
        expect.equal(1, HostResources.mappingsOf(nv1.file).size(), "SPEC: the backing file stays mapped (maps lines)");
        expect.run("SPEC: device_add virtio-pmem-pci refused while the factory is absent", () -> {
            try {
                machine.addDevice("virtio-pmem-pci", Map.of("id", "nvx", "memdev", nv1.backendId), Frontend.COMMAND_LINE);
                machine.deleteDevice("nvx");
                throw new AssertionError("device_add virtio-pmem-pci succeeded while the factory is absent");
            } catch (ConfigurationException e) {
                if (!"'virtio-pmem-pci' is not a valid device model name".equals(e.getMessage())) {
                    throw new AssertionError("wrong message: " + e.getMessage());
                }
            }
        });
        Thread.sleep(SETTLE_MILLIS);
        long before = loop.answered();
        Thread.sleep(GAP_MILLIS);
        long during = loop.answered() - before;
        System.out.println("flushes answered during " + GAP_MILLIS + " ms without a virtio-pmem-pci factory: " + during);
        expect.equal(0L, during, "SPEC: notifications are held while no factory is present (FLUSHes answered in the gap)");
        expect.check(loop.error() == null, "the driver saw no error during the gap: " + loop.error());
        expect.check(loop.published() == loop.answered() + 1,
                "SPEC: a FLUSH made available during the gap waits for the restore: " + loop.describe());
    }

    /**
     * After the factory returned: nv1 in place and flushing again (the FLUSH held in the gap
     * completes with status 0), listed by the virtio-pmem bundle's own monitor command.
     */
    static void deviceRestored(Expectations expect, BundleContext context, Machine machine, LivePmem nv1, FlushLoop loop)
            throws Exception {
        long answered = loop.answered();
        expect.check(loop.awaitAnswered(answered + 5, 30), "flushes complete again after the factory returned: " + loop.describe());
        expect.check(machine.device(nv1.deviceId).isPresent(), "Machine.device(nv1) present after the factory returned");
        expect.equal(Optional.of(nv1.placed), machine.memoryDevices().stream()
                .filter(d -> d.id().filter(nv1.deviceId::equals).isPresent()).findFirst(),
                "nv1's memory device unchanged after the factory returned");
        expect.equal(1, HostResources.mappingsOf(nv1.file).size(), "the backing file is mapped once after the factory returned");
        expect.check(listedByVirtioPmem(context, nv1.deviceId),
                "SPEC: nv1 was restored into the returning factory (info virtio-pmem of the current bundle lists it)");
    }

    /** Whether {@code x-query-virtio-pmem} of the (newest) virtio-pmem bundle lists the device. */
    static boolean listedByVirtioPmem(BundleContext context, String id) throws Exception {
        for (ServiceReference<MonitorCommand> reference : context.getServiceReferences(MonitorCommand.class, null)) {
            MonitorCommand command = context.getService(reference);
            try {
                if (command != null && command.spec().qmpName().filter("x-query-virtio-pmem"::equals).isPresent()) {
                    List<?> devices = (List<?>) command.execute(null);
                    return devices.stream().anyMatch(d -> id.equals(((Map<?, ?>) d).get("id")));
                }
            } finally {
                context.ungetService(reference);
            }
        }
        return false;
    }

    /**
     * The {@code fsyncs} counter {@code x-query-virtio-pmem} shows for a device.
     *
     * @return the count, or -1 if the device is not listed
     */
    static long fsyncs(BundleContext context, String id) throws Exception {
        for (ServiceReference<MonitorCommand> reference : context.getServiceReferences(MonitorCommand.class, null)) {
            MonitorCommand command = context.getService(reference);
            try {
                if (command != null && command.spec().qmpName().filter("x-query-virtio-pmem"::equals).isPresent()) {
                    for (Object device : (List<?>) command.execute(null)) {
                        Map<?, ?> fields = (Map<?, ?>) device;
                        if (id.equals(fields.get("id"))) {
                            return ((Number) fields.get("fsyncs")).longValue();
                        }
                    }
                }
            } finally {
                context.ungetService(reference);
            }
        }
        return -1;
    }

    /** Stops the loop and checks it saw no error and no lost or duplicated completion. */
    static void loopClean(Expectations expect, LivePmem nv1, FlushLoop loop) throws InterruptedException {
        expect.check(loop.stopAndJoin(30), "the flush loop ends: " + loop.describe());
        expect.check(loop.error() == null, "SPEC: the flushing driver saw no error: " + loop.error());
        expect.run("SPEC: no completion lost or duplicated", () -> nv1.assertEveryFlushAnsweredOnce(loop));
        System.out.println("flush loop: " + loop.describe());
    }

    /** device_del works and frees everything; object_del then unmaps the file. */
    static void deleteAll(Expectations expect, Machine machine, LivePmem nv1) {
        expect.run("device_del nv1", () -> machine.deleteDevice(nv1.deviceId));
        expect.check(machine.device(nv1.deviceId).isEmpty(), "nv1 gone after device_del");
        expect.run("object_del of nv1's backend", () -> machine.deleteObject(nv1.backendId));
        expect.equal(0, HostResources.mappingsOf(nv1.file).size(), "no mapping of the backing file after object_del");
    }

    static Device device(Machine machine, String id) {
        return machine.device(id).orElseThrow(() -> new AssertionError("no device " + id));
    }
}
