package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.Device;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import io.emuhost.api.virtio.ActivationContext;
import io.emuhost.testkit.device.FakeTransport;
import io.emuhost.testkit.device.RecordingInterrupt;
import io.emuhost.testkit.device.ScriptedQueue;
import io.emuhost.testkit.device.TestPlugContext;
import io.emuhost.testkit.device.TestProperties;
import io.emuhost.testkit.memory.HeapGuestMemory;
import io.emuhost.testkit.virtqueue.Buffer;
import io.emuhost.testkit.virtqueue.UsedElement;
import java.lang.annotation.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The factory with the testkit's fake transport: what the machine asks of it. */
class EntropyDeviceFactoryTest {

    private final FakeTransport transport = new FakeTransport();
    private final EntropyDeviceFactory factory = new EntropyDeviceFactory(transport, configuration(4096));
    private final TestPlugContext context = new TestPlugContext(new HeapGuestMemory(0, 4096), "rng0");

    /** The configuration SCR would pass, as plain Java. */
    static FactoryConfiguration configuration(int maxBytesPerRequest) {
        return new FactoryConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return FactoryConfiguration.class;
            }

            @Override
            public int max_bytes_per_request() {
                return maxBytesPerRequest;
            }
        };
    }

    @Test
    void create_wrapsAnEntropyDeviceIntoThePciTransport() throws Exception {
        Device device = factory.create(TestProperties.of(), context);

        assertEquals(EntropyDeviceFactory.DRIVER, device.driver());
        assertSame(transport.function(), device.pciFunction());
        assertEquals(4, transport.wrapped().deviceId());
        assertTrue(device.memoryDevice().isEmpty());
    }

    @Test
    void configuration_boundsTheRequestsOfItsDevices() throws Exception {
        HeapGuestMemory memory = new HeapGuestMemory(0, 1 << 16);
        RecordingInterrupt interrupt = new RecordingInterrupt();
        ScriptedQueue queue = new ScriptedQueue(memory, 0, EntropyDevice.QUEUE_MAX_SIZE, interrupt);
        new EntropyDeviceFactory(transport, configuration(16)).create(TestProperties.of(), context);
        transport.wrapped().activate(new ActivationContext(memory, List.of(queue), interrupt, 0));
        int head = queue.offer(Buffer.writable(0x100, 64));

        transport.wrapped().queueNotify(0);

        assertEquals(List.of(new UsedElement(head, 16)), queue.used());
    }

    @Test
    void properties_areTheTransports() {
        assertEquals(List.of(FakeTransport.EVENT_IDX), factory.properties());
    }

    @Test
    void suspendAndRestore_handTheDeviceOverToAnotherFactory() throws Exception {
        DeviceState state = factory.create(TestProperties.of(), context).suspend().orElseThrow();
        EntropyDeviceFactory next = new EntropyDeviceFactory(transport, configuration(4096));

        Device restored = next.restore(TestProperties.of(), context, state);

        assertEquals(EntropyDeviceFactory.DRIVER, restored.driver());
    }

    @Test
    void restore_refusesAnotherDriversState() {
        DeviceState other = DeviceState.builder("virtio-pmem-pci").build();
        assertThrows(StateException.Incompatible.class, () -> factory.restore(TestProperties.of(), context, other));
    }
}
