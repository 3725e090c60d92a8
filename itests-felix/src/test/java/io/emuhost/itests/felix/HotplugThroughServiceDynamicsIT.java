package io.emuhost.itests.felix;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.device.UserObject;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import io.emuhost.testkit.driver.VirtioPmemDriver;
import java.nio.file.Path;
import java.util.Map;
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
 * Issue 4 item 5, hotplug through service dynamics: the machine finds factories in the service
 * registry at the moment of each {@code device_add}/{@code object_add}, so a stopped bundle's
 * type is refused with QEMU's wording and a started bundle's type is served at once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HotplugThroughServiceDynamicsIT {

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
    public void virtioPmemStopped_addDeviceRefused_startedThenServed() throws Exception {
        Path file = LivePmem.newBackingFile("hotplug");
        LivePmem.addBackend(machine, "mem1", file, "16M");
        Bundle pmem = bundles.get(EmuhostRuntime.PMEM);

        pmem.stop();
        bundles.awaitGone(DeviceFactory.class, "(" + DeviceFactory.DRIVER + "=virtio-pmem-pci)");
        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> machine.addDevice(
                "virtio-pmem-pci", Map.of("id", "nv1", "memdev", "mem1"), Frontend.COMMAND_LINE));

        assertEquals("'virtio-pmem-pci' is not a valid device model name", refused.getMessage());
        assertTrue("nothing was plugged", machine.device("nv1").isEmpty());
        assertTrue(machine.memoryDevices().isEmpty());

        pmem.start();
        bundles.await(DeviceFactory.class, "(" + DeviceFactory.DRIVER + "=virtio-pmem-pci)");
        Device device = machine.addDevice("virtio-pmem-pci", Map.of("id", "nv1", "memdev", "mem1"),
                Frontend.COMMAND_LINE);

        assertEquals(EmuhostRuntime.PMEM, FrameworkUtil.getBundle(device.getClass()).getSymbolicName());
        assertTrue(machine.device("nv1").isPresent());
        VirtioPmemDriver driver = VirtioPmemDriver.open(machine.bus(), machine.interrupts(),
                VirtioPmemDriver.options(LivePmem.SCRATCH_BASE, LivePmem.SCRATCH_SIZE));
        assertEquals(0, driver.flush());
        driver.close();
        machine.deleteDevice("nv1");
        machine.deleteObject("mem1");
    }

    @Test
    public void memoryBackendFileStopped_addObjectRefused_startedThenServed() throws Exception {
        Path file = LivePmem.newBackingFile("hotplug-object");
        Bundle backend = bundles.get(EmuhostRuntime.BACKEND);

        backend.stop();
        bundles.awaitGone(ObjectFactory.class, "(" + ObjectFactory.TYPE + "=memory-backend-file)");
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> LivePmem.addBackend(machine, "mem1", file, "16M"));

        assertEquals("Parameter 'qom-type' does not accept value 'memory-backend-file'", refused.getMessage());
        assertTrue(machine.object("mem1").isEmpty());
        assertTrue("no mapping made", HostResources.mappingsOf(file).isEmpty());

        backend.start();
        bundles.await(ObjectFactory.class, "(" + ObjectFactory.TYPE + "=memory-backend-file)");
        LivePmem.addBackend(machine, "mem1", file, "16M");
        UserObject object = machine.object("mem1").orElseThrow();

        assertEquals("memory-backend-file", object.type());
        assertEquals(EmuhostRuntime.BACKEND, bundles.references(ObjectFactory.class,
                "(" + ObjectFactory.TYPE + "=memory-backend-file)").iterator().next().getBundle().getSymbolicName());
        assertEquals(1, HostResources.mappingsOf(file).size());
        machine.deleteObject("mem1");
        assertTrue("object_del unmaps", HostResources.mappingsOf(file).isEmpty());
    }

    @Test
    public void virtioRngStopped_addDeviceRefused_startedThenServed() throws Exception {
        Bundle rng = bundles.get(EmuhostRuntime.RNG);

        rng.stop();
        bundles.awaitGone(DeviceFactory.class, "(" + DeviceFactory.DRIVER + "=virtio-rng-pci)");
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> machine.addDevice("virtio-rng-pci", Map.of("id", "rng0"), Frontend.COMMAND_LINE));

        assertEquals("'virtio-rng-pci' is not a valid device model name", refused.getMessage());
        rng.start();
        bundles.await(DeviceFactory.class, "(" + DeviceFactory.DRIVER + "=virtio-rng-pci)");
        machine.addDevice("virtio-rng-pci", Map.of("id", "rng0"), Frontend.COMMAND_LINE);
        assertTrue(machine.device("rng0").isPresent());
        machine.deleteDevice("rng0");
        assertFalse(machine.device("rng0").isPresent());
    }

    @Test
    public void virtioTransportStopped_pmemFactoryGoesWithIt_returnsWithIt() throws Exception {
        Path file = LivePmem.newBackingFile("hotplug-transport");
        LivePmem.addBackend(machine, "mem1", file, "16M");
        Bundle transport = bundles.get(EmuhostRuntime.TRANSPORT);

        transport.stop();
        bundles.awaitGone(DeviceFactory.class, "(" + DeviceFactory.DRIVER + "=virtio-pmem-pci)");
        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> machine.addDevice(
                "virtio-pmem-pci", Map.of("id", "nv1", "memdev", "mem1"), Frontend.COMMAND_LINE));
        assertEquals("'virtio-pmem-pci' is not a valid device model name", refused.getMessage());

        transport.start();
        bundles.await(DeviceFactory.class, "(" + DeviceFactory.DRIVER + "=virtio-pmem-pci)");
        machine.addDevice("virtio-pmem-pci", Map.of("id", "nv1", "memdev", "mem1"), Frontend.COMMAND_LINE);
        assertTrue(machine.device("nv1").isPresent());
        machine.deleteDevice("nv1");
        machine.deleteObject("mem1");
    }
}
