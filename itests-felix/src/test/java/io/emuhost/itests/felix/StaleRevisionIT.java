package io.emuhost.itests.felix;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.virtio.VirtioIds;
import io.emuhost.testkit.driver.VirtioDriverException;
import io.emuhost.testkit.driver.VirtioPciDriver;
import io.emuhost.testkit.virtqueue.Buffer;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * After virtio-pmem is uninstalled, refreshed and installed again under a live device, a guest
 * that sends a malformed request gets what it gets from a fresh device (DEVICE_NEEDS_RESET, and
 * a reset recovers it); the device must not still run code of the refreshed-away revision, whose
 * jar Felix has closed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class StaleRevisionIT {

    @Inject
    BundleContext context;

    @Inject
    Machine machine;

    @Configuration
    public Option[] config() {
        return EmuhostRuntime.shipped();
    }

    @Test
    public void virtioPmemReinstalled_malformedRequest_needsResetThenResetRecovers() throws Exception {
        Bundles bundles = new Bundles(context);
        LivePmem nv1 = LivePmem.plug(machine, "nv1", "mem1", 0);
        assertEquals(0, nv1.driver.flush());
        Bundle pmem = bundles.get(EmuhostRuntime.PMEM);

        String location = bundles.uninstall(pmem);
        bundles.installAndStart(location);
        bundles.await(DeviceFactory.class, "(" + DeviceFactory.DRIVER + "=virtio-pmem-pci)");

        VirtioPciDriver pci = nv1.driver.pciDriver();
        long request = pci.allocate(4, 4);
        int head = pci.queue(0).addChain(Buffer.readable(request, 4));
        pci.kick(0);
        VirtioDriverException.DeviceNeedsReset needsReset;
        try {
            pci.awaitUsed(0, head);
            throw new AssertionError("a malformed request was served");
        } catch (VirtioDriverException.DeviceNeedsReset e) {
            needsReset = e;
        }
        assertEquals(VirtioIds.STATUS_DEVICE_NEEDS_RESET, needsReset.status() & VirtioIds.STATUS_DEVICE_NEEDS_RESET);
        pci.reset();
        assertEquals(0, pci.status());
        assertTrue(machine.device("nv1").isPresent());
    }
}
