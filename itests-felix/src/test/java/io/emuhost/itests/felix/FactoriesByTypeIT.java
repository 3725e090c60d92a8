package io.emuhost.itests.felix;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.frontend.ConnectionProtocol;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.virtio.VirtioTransport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Issue 4 item 5, first part: in the Felix emuhost.jar runs, each factory is a service found by
 * its type property, registered by the bundle that owns the type.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FactoriesByTypeIT {

    @Inject
    BundleContext context;

    @Inject
    Machine machine;

    @Configuration
    public Option[] config() {
        return EmuhostRuntime.shipped();
    }

    @Test
    public void everyBundleActive() {
        List<String> notActive = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() != Bundle.ACTIVE && bundle.getHeaders().get("Fragment-Host") == null) {
                notActive.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " state " + bundle.getState());
            }
        }
        assertTrue("not active: " + notActive, notActive.isEmpty());
        for (String bsn : List.of(EmuhostRuntime.API, EmuhostRuntime.TESTKIT, EmuhostRuntime.BACKEND,
                EmuhostRuntime.TRANSPORT, EmuhostRuntime.PMEM, EmuhostRuntime.RNG, EmuhostRuntime.MACHINE,
                EmuhostRuntime.QTEST)) {
            assertEquals(bsn, 1, new Bundles(context).all(bsn).size());
        }
    }

    @Test
    public void objectFactories_byType_fromMemoryBackendFile() throws Exception {
        assertServedBy(ObjectFactory.class, ObjectFactory.TYPE, "memory-backend-file", EmuhostRuntime.BACKEND);
        assertServedBy(ObjectFactory.class, ObjectFactory.TYPE, "memory-backend-ram", EmuhostRuntime.BACKEND);
    }

    @Test
    public void deviceFactories_byDriver_fromTheirBundles() throws Exception {
        assertServedBy(DeviceFactory.class, DeviceFactory.DRIVER, "virtio-pmem-pci", EmuhostRuntime.PMEM);
        assertServedBy(DeviceFactory.class, DeviceFactory.DRIVER, "virtio-rng-pci", EmuhostRuntime.RNG);
    }

    @Test
    public void virtioTransport_pci_fromVirtioTransport() throws Exception {
        assertServedBy(VirtioTransport.class, VirtioTransport.KIND, "pci", EmuhostRuntime.TRANSPORT);
    }

    @Test
    public void connectionProtocol_qtest_fromQtestBundle() throws Exception {
        assertServedBy(ConnectionProtocol.class, ConnectionProtocol.PROTOCOL, ConnectionProtocol.QTEST, EmuhostRuntime.QTEST);
    }

    @Test
    public void machine_fromMachineBundle_defaultMachineEmpty() {
        ServiceReference<Machine> reference = context.getServiceReference(Machine.class);
        assertNotNull(reference);
        assertEquals(EmuhostRuntime.MACHINE, reference.getBundle().getSymbolicName());
        assertTrue(machine.memoryDevices().isEmpty());
        assertTrue(machine.device("nv1").isEmpty());
    }

    private <T> void assertServedBy(Class<T> type, String key, String value, String bsn) throws Exception {
        Collection<ServiceReference<T>> references = context.getServiceReferences(type, "(" + key + "=" + value + ")");
        assertEquals(type.getSimpleName() + " " + key + "=" + value, 1, references.size());
        ServiceReference<T> reference = references.iterator().next();
        assertEquals(type.getSimpleName() + " " + key + "=" + value + " registered by", bsn,
                reference.getBundle().getSymbolicName());
        T service = context.getService(reference);
        try {
            assertNotNull(service);
            assertEquals(bsn, org.osgi.framework.FrameworkUtil.getBundle(service.getClass()).getSymbolicName());
        } finally {
            context.ungetService(reference);
        }
    }
}
