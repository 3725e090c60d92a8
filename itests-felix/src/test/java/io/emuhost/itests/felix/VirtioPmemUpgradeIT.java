package io.emuhost.itests.felix;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.emuhost.api.device.Device;
import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.machine.Machine;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
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
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/**
 * Issue 4 item 3: virtio-pmem 1.0.0 (bundles/virtio-pmem) and 1.1.0 (the fixture module built
 * from the same sources, same symbolic name). Updating the live bundle to 1.1.0 moves the factory
 * and new devices to 1.1.0 while a driver keeps flushing; installing 1.1.0 beside 1.0.0 makes
 * the machine pick the highest version for new devices.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class VirtioPmemUpgradeIT {

    private static final Version V100 = Version.parseVersion("1.0.0");
    private static final Version V110 = Version.parseVersion("1.1.0");
    private static final String PMEM_FACTORY = "(" + DeviceFactory.DRIVER + "=virtio-pmem-pci)";

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

    @Test
    public void update_1_0_0_to_1_1_0_underFlushingDriver() throws Exception {
        Expectations expect = new Expectations("virtio-pmem update 1.0.0 -> 1.1.0");
        Bundle pmem = bundles.get(EmuhostRuntime.PMEM);
        assertEquals(V100, pmem.getVersion());
        LivePmem nv1 = LivePmem.plug(machine, "nv1", "mem1", 0);
        assertEquals(V100, FrameworkUtil.getBundle(nv1.device().getClass()).getVersion());
        FlushLoop loop = FlushLoop.start(nv1.driver, "upgrade");
        assertTrue(loop.awaitAnswered(5, 10));

        bundles.updateAndRefresh(pmem, EmuhostRuntime.pmem110Location());

        assertEquals("the bundle is now 1.1.0", V110, pmem.getVersion());
        assertEquals(EmuhostRuntime.PMEM, pmem.getSymbolicName());
        assertEquals("one virtio-pmem bundle", 1, bundles.all(EmuhostRuntime.PMEM).size());
        bundles.await(DeviceFactory.class, PMEM_FACTORY);
        assertEquals("the virtio-pmem-pci factory is served by 1.1.0", List.of(V110), factoryVersions());
        LivePmem nv2 = LivePmem.plug(machine, "nv2", "mem2", 1);
        assertEquals("a new device comes from 1.1.0", V110, FrameworkUtil.getBundle(nv2.device().getClass()).getVersion());
        assertTrue("a new device runs 1.1.0's classes", Bundles.loadedByCurrentRevision(nv2.device().getClass(), pmem));
        assertEquals(0, nv2.driver.flush());

        // SPEC: the existing device continues, restored into 1.1.0
        LiveUpgradeChecks.deviceRestored(expect, context, machine, nv1, loop);
        Device restored = LiveUpgradeChecks.device(machine, "nv1");
        expect.check(Bundles.loadedByCurrentRevision(restored.getClass(), pmem),
                "SPEC: nv1 was restored into virtio-pmem 1.1.0 (its device object is of 1.1.0's classes)");
        LiveUpgradeChecks.loopClean(expect, nv1, loop);
        nv2.driver.close();
        LiveUpgradeChecks.deleteAll(expect, machine, nv2);
        LiveUpgradeChecks.deleteAll(expect, machine, nv1);
        expect.verify();
    }

    @Test
    public void install_1_1_0_beside_1_0_0_newDevicesFromHighestVersion() throws Exception {
        Expectations expect = new Expectations("virtio-pmem 1.1.0 beside 1.0.0");
        Bundle v100 = bundles.get(EmuhostRuntime.PMEM);
        LivePmem nv1 = LivePmem.plug(machine, "nv1", "mem1", 0);
        FlushLoop loop = FlushLoop.start(nv1.driver, "beside");
        assertTrue(loop.awaitAnswered(5, 10));

        Bundle v110 = bundles.installAndStart(EmuhostRuntime.pmem110Location());

        assertEquals(EmuhostRuntime.PMEM, v110.getSymbolicName());
        assertEquals(V110, v110.getVersion());
        assertEquals("both versions installed side by side", 2, bundles.all(EmuhostRuntime.PMEM).size());
        assertEquals(Bundle.ACTIVE, v100.getState());
        assertEquals(Bundle.ACTIVE, v110.getState());
        assertEquals("two virtio-pmem-pci factories", List.of(V100, V110), factoryVersions());
        LivePmem nv2 = LivePmem.plug(machine, "nv2", "mem2", 1);
        assertEquals("the machine picks the highest version for new devices", v110.getBundleId(),
                FrameworkUtil.getBundle(nv2.device().getClass()).getBundleId());
        assertEquals(V110, FrameworkUtil.getBundle(nv2.device().getClass()).getVersion());
        assertEquals(0, nv2.driver.flush());
        assertEquals("nv1 stays with the 1.0.0 factory that made it while that one is present", v100.getBundleId(),
                FrameworkUtil.getBundle(LiveUpgradeChecks.device(machine, "nv1").getClass()).getBundleId());
        long answered = loop.answered();
        assertTrue("nv1 flushes on: " + loop.describe(), loop.awaitAnswered(answered + 5, 10));

        // 1.1.0 stopped: new devices come from 1.0.0 again
        v110.stop();
        bundles.awaitGone(DeviceFactory.class, "(&" + PMEM_FACTORY + "(service.bundleid=" + v110.getBundleId() + "))");
        LivePmem nv3 = LivePmem.plug(machine, "nv3", "mem3", 2);
        expect.equal(v100.getBundleId(), FrameworkUtil.getBundle(nv3.device().getClass()).getBundleId(),
                "with 1.1.0 stopped, 1.0.0 serves new devices");
        expect.check(machine.device("nv2").isPresent(), "SPEC: nv2 (made by 1.1.0) stays in place while 1.1.0 is stopped");
        v110.start();
        bundles.await(DeviceFactory.class, "(&" + PMEM_FACTORY + "(service.bundleid=" + v110.getBundleId() + "))");
        expect.run("nv2 flushes after 1.1.0 returned", () -> {
            if (nv2.driver.flush() != 0) {
                throw new AssertionError("failed");
            }
        });

        // SPEC: 1.0.0 uninstalled while 1.1.0 serves: nv1 and nv3 are restored into 1.1.0 at once
        bundles.uninstall(v100);
        expect.run("nv1 flushes after 1.0.0 was uninstalled", () -> {
            long now = loop.answered();
            if (!loop.awaitAnswered(now + 5, 30)) {
                throw new AssertionError(loop.describe());
            }
        });
        for (String id : List.of("nv1", "nv3")) {
            Device device = LiveUpgradeChecks.device(machine, id);
            expect.equal(v110.getBundleId(), FrameworkUtil.getBundle(device.getClass()).getBundleId(),
                    "SPEC: " + id + " restored into 1.1.0 after 1.0.0 was uninstalled (bundle id of its device object)");
        }
        expect.check(LiveUpgradeChecks.listedByVirtioPmem(context, "nv1"), "SPEC: 1.1.0's info virtio-pmem lists nv1");
        LiveUpgradeChecks.loopClean(expect, nv1, loop);
        nv2.driver.close();
        nv3.driver.close();
        LiveUpgradeChecks.deleteAll(expect, machine, nv3);
        LiveUpgradeChecks.deleteAll(expect, machine, nv2);
        LiveUpgradeChecks.deleteAll(expect, machine, nv1);
        expect.verify();
    }

    private List<Version> factoryVersions() throws Exception {
        Collection<ServiceReference<DeviceFactory>> references = bundles.references(DeviceFactory.class, PMEM_FACTORY);
        return references.stream().map(r -> r.getBundle().getVersion()).sorted().collect(Collectors.toList());
    }
}
