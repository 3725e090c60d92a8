package io.emuhost.testkit.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.testkit.memory.HeapGuestMemory;
import io.emuhost.testkit.memory.TestMemoryBackend;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestPlugContextTest {

    private final HeapGuestMemory memory = new HeapGuestMemory(0, 4096);

    @Test
    void backends_areClaimedOnceWithTheMachinesWording() throws Exception {
        TestMemoryBackend mem1 = new TestMemoryBackend("mem1", 1 << 20);
        TestPlugContext context = new TestPlugContext(memory, "nv1").withBackend("mem1", mem1);

        assertEquals(Optional.of("nv1"), context.deviceId());
        assertSame(memory, context.guestMemory());
        assertSame(mem1, context.claimBackend("mem1"));
        assertTrue(context.isClaimed("mem1"));
        assertEquals("can't use already busy memdev: mem1",
                assertThrows(ConfigurationException.class, () -> context.claimBackend("mem1")).getMessage());
        ConfigurationException missing = assertThrows(ConfigurationException.class, () -> context.claimBackend("x"));
        assertEquals("Device 'x' not found", missing.getMessage());
        assertEquals(ConfigurationException.ErrorClass.DEVICE_NOT_FOUND, missing.errorClass());
    }

    @Test
    void plugMemory_placesAtTheHintOrConsecutivelyAndAnswersAgainTheSame() {
        TestMemoryBackend a = new TestMemoryBackend("a", 1 << 20);
        TestMemoryBackend b = new TestMemoryBackend("b", 1 << 20);
        TestPlugContext context = new TestPlugContext(memory, null);

        assertEquals(TestPlugContext.DEVICE_MEMORY_BASE, context.plugMemory(a, 0, "virtio-pmem"));
        assertEquals(TestPlugContext.DEVICE_MEMORY_BASE + (1 << 20), context.plugMemory(b, 0, "virtio-pmem"));
        assertEquals(TestPlugContext.DEVICE_MEMORY_BASE, context.plugMemory(a, 0, "virtio-pmem"), "a restored device");
        assertEquals(Optional.empty(), context.deviceId());
    }
}
