package io.emuhost.virtio.rng.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emuhost.api.bus.PciIdentity;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.PlugContext;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.testkit.device.TestProperties;
import io.emuhost.virtio.pci.internal.VirtioPciTransport;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VirtioRngPciFactoryTest {

    private final VirtioPciTransport transport = new VirtioPciTransport();
    private final VirtioRngPciFactory factory = new VirtioRngPciFactory(transport);
    /** The factory asks nothing of the host: no backend, no device memory. */
    private final PlugContext noContext = null;

    @Test
    void properties_areTheTransportsOnly() {
        assertEquals(transport.properties().stream().map(PropertySpec::name).toList(),
                factory.properties().stream().map(PropertySpec::name).toList());
    }

    @Test
    void create_wrapsTheEntropyDeviceAsVirtioPci1af4_1044() throws Exception {
        Device device = factory.create(TestProperties.of(), noContext);

        PciIdentity identity = device.pciFunction().identity();
        assertEquals(0x1af4, identity.vendorId());
        assertEquals(0x1044, identity.deviceId());
        assertEquals("virtio-rng-pci", device.driver());
        assertEquals(Optional.empty(), device.memoryDevice());
        device.close();
    }

    @Test
    void create_badTransportProperty_passesOnTheTransportsError() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> factory.create(TestProperties.of("event_idx", "maybe"), noContext));

        assertEquals("Parameter 'event_idx' expects 'on' or 'off'", e.getMessage());
    }
}
