package io.emuhost.itests.felix;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import io.emuhost.testkit.driver.VirtioDriverException;
import io.emuhost.testkit.memory.UncheckedGuestMemoryException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Issue 4 item 5: stop + start, update (same jar) + refresh, and uninstall + install of each
 * bundle while virtio-pmem device nv1 is live and a guest driver flushes in a loop, checked
 * against the live-upgrade SPEC (see the module's README section in the report): device bundles
 * and the transport leave the device in place with notifications held and restore it; the
 * backend bundle leaves existing backends mapped and working; the machine bundle closes the
 * machine and a fresh one comes up. A fresh framework per test.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class BundleLifecycleUnderLiveDeviceIT {

    enum Operation { STOP_START, UPDATE_REFRESH, UNINSTALL_INSTALL }

    private static final String PMEM_FACTORY = "(" + DeviceFactory.DRIVER + "=virtio-pmem-pci)";
    private static final String RNG_FACTORY = "(" + DeviceFactory.DRIVER + "=virtio-rng-pci)";
    private static final String FILE_FACTORY = "(" + ObjectFactory.TYPE + "=memory-backend-file)";

    @Inject
    BundleContext context;

    @Inject
    Machine machine;

    private Bundles bundles;

    @Configuration
    public Option[] config() {
        return EmuhostRuntime.shipped();
    }

    @Before
    public void setUp() {
        bundles = new Bundles(context);
    }

    // ---- virtio-pmem -------------------------------------------------------------------------

    @Test
    public void virtioPmem_stopStart() throws Exception {
        deviceFactoryCycle(EmuhostRuntime.PMEM, Operation.STOP_START);
    }

    @Test
    public void virtioPmem_updateRefresh() throws Exception {
        deviceFactoryCycle(EmuhostRuntime.PMEM, Operation.UPDATE_REFRESH);
    }

    @Test
    public void virtioPmem_uninstallInstall() throws Exception {
        deviceFactoryCycle(EmuhostRuntime.PMEM, Operation.UNINSTALL_INSTALL);
    }

    /** SPEC: Machine.deleteDevice("nv1") works while the factory is absent, and after it returned. */
    @Test
    public void virtioPmem_stopped_deviceDelWorks() throws Exception {
        Expectations expect = new Expectations("virtio-pmem stopped, device_del");
        LivePmem nv1 = LivePmem.plug(machine, "nv1", "mem1", 0);
        FlushLoop loop = FlushLoop.start(nv1.driver, "delete");
        expect.check(loop.awaitAnswered(5, 10), "flushing before the stop: " + loop.describe());
        Bundle pmem = bundles.get(EmuhostRuntime.PMEM);

        pmem.stop();
        bundles.awaitGone(DeviceFactory.class, PMEM_FACTORY);
        expect.run("device_del nv1 while virtio-pmem is stopped", () -> machine.deleteDevice("nv1"));
        expect.check(loop.stopAndJoin(30), "the driver does not hang after device_del: " + loop.describe());
        expect.check(loop.error() == null || loop.error() instanceof VirtioDriverException.DeviceRemoved,
                "the flushing driver sees its answer or DeviceRemoved: " + loop.error());
        expect.equal(0L, loop.failedAnswers(), "no failed FLUSH");
        expect.check(machine.device("nv1").isEmpty(), "nv1 gone");
        expect.check(machine.memoryDevices().isEmpty(), "memory devices empty");
        expect.run("object_del of the freed backend", () -> machine.deleteObject("mem1"));
        expect.equal(0, HostResources.mappingsOf(nv1.file).size(), "backing file unmapped");

        pmem.start();
        bundles.await(DeviceFactory.class, PMEM_FACTORY);
        expect.check(machine.device("nv1").isEmpty(), "nv1 not resurrected by the returning factory");
        LivePmem again = LivePmem.plug(machine, "nv1", "mem1", 0);
        expect.equal(0, again.driver.flush(), "a new nv1 flushes");
        LiveUpgradeChecks.deleteAll(expect, machine, again);
        expect.verify();
    }

    // ---- virtio-transport --------------------------------------------------------------------

    @Test
    public void virtioTransport_stopStart() throws Exception {
        deviceFactoryCycle(EmuhostRuntime.TRANSPORT, Operation.STOP_START);
    }

    @Test
    public void virtioTransport_updateRefresh() throws Exception {
        deviceFactoryCycle(EmuhostRuntime.TRANSPORT, Operation.UPDATE_REFRESH);
    }

    @Test
    public void virtioTransport_uninstallInstall() throws Exception {
        deviceFactoryCycle(EmuhostRuntime.TRANSPORT, Operation.UNINSTALL_INSTALL);
    }

    /** virtio-pmem, or virtio-transport whose absence takes the virtio-pmem-pci factory with it. */
    private void deviceFactoryCycle(String bsn, Operation operation) throws Exception {
        Expectations expect = new Expectations(bsn + " " + operation);
        LivePmem nv1 = LivePmem.plug(machine, "nv1", "mem1", 0);
        FlushLoop loop = FlushLoop.start(nv1.driver, bsn);
        expect.check(loop.awaitAnswered(5, 10), "flushing before the operation: " + loop.describe());
        Bundle bundle = bundles.get(bsn);

        switch (operation) {
            case STOP_START -> {
                bundle.stop();
                bundles.awaitGone(DeviceFactory.class, PMEM_FACTORY);
                LiveUpgradeChecks.deviceFactoryAbsent(expect, machine, nv1, loop);
                bundle.start();
            }
            case UPDATE_REFRESH -> bundles.updateAndRefresh(bundle);
            case UNINSTALL_INSTALL -> {
                String location = bundles.uninstall(bundle);
                bundles.awaitGone(DeviceFactory.class, PMEM_FACTORY);
                LiveUpgradeChecks.deviceFactoryAbsent(expect, machine, nv1, loop);
                bundle = bundles.installAndStart(location);
            }
        }
        bundles.await(DeviceFactory.class, PMEM_FACTORY);

        LiveUpgradeChecks.deviceRestored(expect, context, machine, nv1, loop);
        Bundle pmem = bundles.get(EmuhostRuntime.PMEM);
        Device restored = LiveUpgradeChecks.device(machine, "nv1");
        expect.equal(pmem.getBundleId(), FrameworkUtil.getBundle(restored.getClass()).getBundleId(),
                "SPEC: nv1's device object comes from the installed virtio-pmem bundle");
        expect.check(Bundles.loadedByCurrentRevision(restored.getClass(), pmem),
                "SPEC: nv1 runs the current revision of virtio-pmem (restored into the returning factory), not a stale one");
        // new devices are made by the returned factory
        expect.run("a second device after the factory returned", () -> {
            LivePmem nv2 = LivePmem.plug(machine, "nv2", "mem2", 1);
            if (nv2.driver.flush() != 0) {
                throw new AssertionError("nv2 flush failed");
            }
            nv2.driver.close();
            LiveUpgradeChecks.deleteAll(expect, machine, nv2);
        });
        LiveUpgradeChecks.loopClean(expect, nv1, loop);
        LiveUpgradeChecks.deleteAll(expect, machine, nv1);
        expect.verify();
    }

    // ---- memory-backend-file -----------------------------------------------------------------

    @Test
    public void memoryBackendFile_stopStart() throws Exception {
        backendCycle(Operation.STOP_START);
    }

    @Test
    public void memoryBackendFile_updateRefresh() throws Exception {
        backendCycle(Operation.UPDATE_REFRESH);
    }

    @Test
    public void memoryBackendFile_uninstallInstall() throws Exception {
        backendCycle(Operation.UNINSTALL_INSTALL);
    }

    private void backendCycle(Operation operation) throws Exception {
        Expectations expect = new Expectations("memory-backend-file " + operation);
        LivePmem nv1 = LivePmem.plug(machine, "nv1", "mem1", 0);
        FlushLoop loop = FlushLoop.start(nv1.driver, "backend");
        expect.check(loop.awaitAnswered(5, 10), "flushing before the operation: " + loop.describe());
        Bundle bundle = bundles.get(EmuhostRuntime.BACKEND);

        switch (operation) {
            case STOP_START -> {
                bundle.stop();
                backendAbsent(expect, nv1, loop);
                bundle.start();
            }
            case UPDATE_REFRESH -> bundles.updateAndRefresh(bundle);
            case UNINSTALL_INSTALL -> {
                String location = bundles.uninstall(bundle);
                backendAbsent(expect, nv1, loop);
                bundle = bundles.installAndStart(location);
            }
        }
        bundles.await(ObjectFactory.class, FILE_FACTORY);

        expect.equal(1, HostResources.mappingsOf(nv1.file).size(), "SPEC: the backing file stays mapped once");
        long answered = loop.answered();
        expect.check(loop.awaitAnswered(answered + 5, 30), "flushes go on after the backend bundle returned: " + loop.describe());
        writeFlushAndRead(expect, nv1, 0x20000, 2, "after the backend bundle returned");
        expect.check(lockedByAnother(nv1.file), "SPEC: the backing file's lock is kept across the hand-over");
        expect.run("SPEC: a second writable backend of the live backend's file is refused after the bundle returned",
                () -> {
                    try {
                        LivePmem.addBackend(machine, "mem3", nv1.file, "16M");
                        machine.deleteObject("mem3");
                        throw new AssertionError("a second share=on backend of " + nv1.file + " started");
                    } catch (ConfigurationException e) {
                        if (!e.getMessage().startsWith("can't lock backing store " + nv1.file + " for guest RAM: ")) {
                            throw new AssertionError("wrong message: " + e.getMessage());
                        }
                    }
                });
        expect.run("SPEC: object_add memory-backend-file works after the bundle returned", () -> {
            Path file = LivePmem.newBackingFile("mem2");
            LivePmem.addBackend(machine, "mem2", file, "4M");
            if (HostResources.mappingsOf(file).size() != 1) {
                throw new AssertionError("mem2 not mapped once: " + HostResources.mappingsOf(file));
            }
            machine.deleteObject("mem2");
            if (!HostResources.mappingsOf(file).isEmpty()) {
                throw new AssertionError("mem2 still mapped after object_del");
            }
        });
        LiveUpgradeChecks.loopClean(expect, nv1, loop);
        LiveUpgradeChecks.deleteAll(expect, machine, nv1);
        expect.verify();
    }

    /**
     * SPEC: the existing backend is handed over: it stays mapped and guest stores reach the file,
     * flushes wait for the next version, object_add of the type is refused.
     */
    private void backendAbsent(Expectations expect, LivePmem nv1, FlushLoop loop) throws Exception {
        bundles.awaitGone(ObjectFactory.class, FILE_FACTORY);
        expect.run("SPEC: object_add memory-backend-file refused while the factory is absent", () -> {
            try {
                LivePmem.addBackend(machine, "memx", LivePmem.newBackingFile("memx"), "4M");
                throw new AssertionError("object_add succeeded while the factory is absent");
            } catch (ConfigurationException e) {
                if (!"Parameter 'qom-type' does not accept value 'memory-backend-file'".equals(e.getMessage())) {
                    throw new AssertionError("wrong message: " + e.getMessage());
                }
            }
        });
        expect.equal(1, HostResources.mappingsOf(nv1.file).size(), "SPEC: the backing file stays mapped while the backend bundle is away");
        expect.check(lockedByAnother(nv1.file), "SPEC: the backing file stays locked while the backend bundle is away");
        writeFlushAndRead(expect, nv1, 0x10000, 1, "while the backend bundle is away");
        Thread.sleep(LiveUpgradeChecks.SETTLE_MILLIS);
        long answered = loop.answered();
        Thread.sleep(LiveUpgradeChecks.GAP_MILLIS);
        expect.equal(answered, loop.answered(),
                "SPEC: flushes wait while the backend is handed over (no fsync without a backend to adopt the file)");
        expect.check(loop.error() == null, "the driver saw no error while the backend bundle is away: " + loop.error());
        expect.check(loop.published() == loop.answered() + 1,
                "SPEC: the FLUSH made available while the backend bundle is away waits for it: " + loop.describe());
        expect.check(machine.object(nv1.backendId).isPresent(), "the backend object is still there");
    }

    /**
     * Whether a lock on the file refuses a shared POSIX lock (FileChannel.tryLock is F_SETLK,
     * which conflicts with the backend's OFD lock even within this process).
     */
    private static boolean lockedByAnother(Path file) throws java.io.IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        }
    }

    /** A store through the mapping, a FLUSH (the loop's), and the bytes in the file. */
    private static void writeFlushAndRead(Expectations expect, LivePmem nv1, long offset, long seed, String when)
            throws Exception {
        byte[] data = new byte[4096];
        new SplittableRandom(seed).nextBytes(data);
        nv1.driver.write(offset, data);
        byte[] inFile = new byte[data.length];
        try (var channel = Files.newByteChannel(nv1.file)) {
            channel.position(offset);
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(inFile);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read fully
            }
        }
        expect.check(Arrays.equals(data, inFile), "guest stores reach the backing file " + when);
    }

    // ---- virtio-rng --------------------------------------------------------------------------

    @Test
    public void virtioRng_stopStart() throws Exception {
        rngCycle(Operation.STOP_START);
    }

    @Test
    public void virtioRng_updateRefresh() throws Exception {
        rngCycle(Operation.UPDATE_REFRESH);
    }

    @Test
    public void virtioRng_uninstallInstall() throws Exception {
        rngCycle(Operation.UNINSTALL_INSTALL);
    }

    /** Another vendor's device bundle coming and going does not disturb virtio-pmem. */
    private void rngCycle(Operation operation) throws Exception {
        Expectations expect = new Expectations("virtio-rng " + operation);
        LivePmem nv1 = LivePmem.plug(machine, "nv1", "mem1", 0);
        machine.addDevice("virtio-rng-pci", Map.of("id", "rng0"), Frontend.COMMAND_LINE);
        FlushLoop loop = FlushLoop.start(nv1.driver, "rng");
        expect.check(loop.awaitAnswered(5, 10), "flushing before the operation: " + loop.describe());
        Bundle bundle = bundles.get(EmuhostRuntime.RNG);

        switch (operation) {
            case STOP_START -> {
                bundle.stop();
                rngAbsent(expect);
                bundle.start();
            }
            case UPDATE_REFRESH -> bundles.updateAndRefresh(bundle);
            case UNINSTALL_INSTALL -> {
                String location = bundles.uninstall(bundle);
                rngAbsent(expect);
                bundle = bundles.installAndStart(location);
            }
        }
        bundles.await(DeviceFactory.class, RNG_FACTORY);

        expect.check(machine.device("rng0").isPresent(), "rng0 kept");
        expect.run("device_add virtio-rng-pci after the bundle returned", () -> {
            machine.addDevice("virtio-rng-pci", Map.of("id", "rng1"), Frontend.COMMAND_LINE);
            machine.deleteDevice("rng1");
        });
        long answered = loop.answered();
        expect.check(loop.awaitAnswered(answered + 5, 10), "virtio-pmem flushes throughout: " + loop.describe());
        LiveUpgradeChecks.loopClean(expect, nv1, loop);
        expect.run("device_del rng0", () -> machine.deleteDevice("rng0"));
        LiveUpgradeChecks.deleteAll(expect, machine, nv1);
        expect.verify();
    }

    private void rngAbsent(Expectations expect) throws Exception {
        bundles.awaitGone(DeviceFactory.class, RNG_FACTORY);
        expect.run("device_add virtio-rng-pci refused while its factory is absent", () -> {
            try {
                machine.addDevice("virtio-rng-pci", Map.of("id", "rngx"), Frontend.COMMAND_LINE);
                throw new AssertionError("device_add virtio-rng-pci succeeded without its factory");
            } catch (ConfigurationException e) {
                if (!"'virtio-rng-pci' is not a valid device model name".equals(e.getMessage())) {
                    throw new AssertionError("wrong message: " + e.getMessage());
                }
            }
        });
        expect.check(machine.device("rng0").isPresent(), "SPEC (as for virtio-pmem): rng0 stays while its factory is absent");
    }

    // ---- machine -----------------------------------------------------------------------------

    @Test
    public void machine_stopStart() throws Exception {
        machineCycle(Operation.STOP_START);
    }

    @Test
    public void machine_updateRefresh() throws Exception {
        machineCycle(Operation.UPDATE_REFRESH);
    }

    @Test
    public void machine_uninstallInstall() throws Exception {
        machineCycle(Operation.UNINSTALL_INSTALL);
    }

    /** SPEC: the machine closes (devices unplugged, backends flushed and unmapped); a fresh empty machine follows. */
    private void machineCycle(Operation operation) throws Exception {
        Expectations expect = new Expectations("machine " + operation);
        LivePmem nv1 = LivePmem.plug(machine, "nv1", "mem1", 0);
        FlushLoop loop = FlushLoop.start(nv1.driver, "machine");
        expect.check(loop.awaitAnswered(5, 10), "flushing before the operation: " + loop.describe());
        Bundle bundle = bundles.get(EmuhostRuntime.MACHINE);

        switch (operation) {
            case STOP_START -> {
                bundle.stop();
                machineGone(expect, nv1, loop);
                bundle.start();
            }
            case UPDATE_REFRESH -> {
                bundles.updateAndRefresh(bundle);
                machineGone(expect, nv1, loop);
            }
            case UNINSTALL_INSTALL -> {
                String location = bundles.uninstall(bundle);
                machineGone(expect, nv1, loop);
                bundle = bundles.installAndStart(location);
            }
        }
        Machine fresh = bundles.await(Machine.class, null);

        expect.check(fresh != machine, "a new Machine service");
        expect.check(fresh.device("nv1").isEmpty(), "SPEC: the new machine is empty (no nv1)");
        expect.check(fresh.object("mem1").isEmpty(), "SPEC: the new machine is empty (no mem1)");
        expect.check(fresh.memoryDevices().isEmpty(), "SPEC: the new machine has no memory devices");
        expect.equal(0, HostResources.mappingsOf(nv1.file).size(), "SPEC: the old backing file stays unmapped");
        expect.run("a device on the new machine flushes", () -> {
            LivePmem again = LivePmem.plug(fresh, "nv1", "mem1", 0);
            if (again.driver.flush() != 0) {
                throw new AssertionError("flush failed on the new machine");
            }
            again.driver.close();
            LiveUpgradeChecks.deleteAll(expect, fresh, again);
        });
        expect.verify();
    }

    private void machineGone(Expectations expect, LivePmem nv1, FlushLoop loop) throws Exception {
        if (bundles.references(Machine.class, null).stream().anyMatch(r -> r.getBundle() != null
                && r.getBundle().getState() == Bundle.ACTIVE && context.getService(r) == machine)) {
            expect.check(false, "the old Machine service is still registered");
        }
        expect.equal(0, HostResources.mappingsOf(nv1.file).size(),
                "SPEC: machine closed: no mapping of the backing file left in /proc/self/maps");
        expect.check(loop.stopAndJoin(15), "the driver does not hang when the machine closes: " + loop.describe());
        System.out.println("driver when the machine closed: " + loop.describe());
        // the guest outlives its machine here: its next access finds the function gone (DeviceRemoved)
        // or, if it was reading the used ring in guest RAM when pc.ram was unmapped, no memory there
        expect.check(loop.error() == null || loop.error() instanceof VirtioDriverException.DeviceRemoved
                || loop.error() instanceof UncheckedGuestMemoryException,
                "the flushing driver sees its answer, DeviceRemoved or its RAM gone when the machine closes: " + loop.error());
        expect.equal(0L, loop.failedAnswers(), "no failed FLUSH when the machine closes");
    }
}
