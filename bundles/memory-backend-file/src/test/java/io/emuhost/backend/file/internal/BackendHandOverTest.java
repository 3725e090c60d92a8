package io.emuhost.backend.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import io.emuhost.testkit.device.TestProperties;
import java.nio.file.Path;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backend handed over to another version of its factory keeps the very same memory and descriptor. */
class BackendHandOverTest {

    @TempDir
    Path dir;

    @Test
    void fileBackend_adoptedByAnotherFactory_sameMemorySameDescriptorOneMapping() throws Exception {
        Path file = dir.resolve("f.img");
        TestProperties properties = TestProperties.of("mem-path", file.toString(), "size", "2M", "share", "on");
        HostMemoryBackend old = new FileBackendFactory().create("m1", properties);
        old.window(0).putInt(0x100, 0x1234_5678);
        int fd = old.fd();
        long address = old.hostAddress();

        DeviceState state = old.suspend().orElseThrow();
        HostMemoryBackend adopted = new FileBackendFactory().restore("m1", properties, state);

        assertEquals(address, adopted.hostAddress());
        assertEquals(fd, adopted.fd());
        assertEquals(0x1234_5678, adopted.window(0).getInt(0x100));
        assertEquals(1, HostFiles.descriptorsOf(file));
        assertTrue(HostFiles.isMapped(file));
        assertThrows(RejectedExecutionException.class, () -> old.flushExecutor().execute(() -> { }),
                "the old flush thread still runs");
        old.close();
        assertTrue(HostFiles.isMapped(file), "closing the handed-over object unmapped the memory");
        adopted.flush();

        adopted.close();
        assertEquals(0, HostFiles.descriptorsOf(file));
        assertFalse(HostFiles.isMapped(file));
    }

    /**
     * Issue 9 item 8: the OFD lock belongs to the open file description, which the adopting
     * version takes over as it is: no moment without the lock, and it goes with the adopter's close.
     */
    @Test
    void fileBackend_adopted_keepsItsLockUntilTheAdopterCloses() throws Exception {
        Path file = dir.resolve("f.img");
        TestProperties properties = TestProperties.of("mem-path", file.toString(), "size", "2M", "share", "on");
        HostMemoryBackend old = new FileBackendFactory().create("m1", properties);
        DeviceState state = old.suspend().orElseThrow();
        old.close();
        assertLocked(file);

        HostMemoryBackend adopted = new FileBackendFactory().restore("m1", properties, state);
        assertLocked(file);
        assertEquals(1, HostFiles.descriptorsOf(file));

        adopted.close();
        new FileBackendFactory().create("m2", TestProperties.of("mem-path", file.toString(), "size", "2M",
                "share", "on")).close();
    }

    /** A previous version that took no lock (here: lock=off) hands over; the adopter takes it. */
    @Test
    void fileBackend_adoptedFromAnUnlockedVersion_takesTheLock() throws Exception {
        Path file = dir.resolve("f.img");
        HostMemoryBackend old = new FileBackendFactory().create("m1", TestProperties.of("mem-path", file.toString(),
                "size", "2M", "share", "on", "lock", "off"));
        DeviceState state = old.suspend().orElseThrow();

        try (HostMemoryBackend adopted = new FileBackendFactory().restore("m1", TestProperties.of("mem-path",
                file.toString(), "size", "2M", "share", "on"), state)) {
            assertLocked(file);
        }
    }

    private static void assertLocked(Path file) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new FileBackendFactory()
                .create("other", TestProperties.of("mem-path", file.toString(), "size", "2M", "share", "on")));
        assertTrue(e.getMessage().startsWith("can't lock backing store " + file + " for guest RAM: "), e.getMessage());
    }

    @Test
    void ramBackend_adopted_keepsItsContents() throws Exception {
        TestProperties properties = TestProperties.of("size", "4M");
        HostMemoryBackend old = new RamBackendFactory().create("pc.ram", properties);
        old.window(0).putLong(8, 42);

        HostMemoryBackend adopted = new RamBackendFactory().restore("pc.ram", properties,
                old.suspend().orElseThrow());

        assertEquals(42, adopted.window(0).getLong(8));
        assertEquals(-1, adopted.fd());
        adopted.close();
    }

    @Test
    void restore_withALargerSizeThanTheMapping_isIncompatibleAndMapsNothing() throws Exception {
        Path file = dir.resolve("f.img");
        HostMemoryBackend old = new FileBackendFactory().create("m1",
                TestProperties.of("mem-path", file.toString(), "size", "2M", "share", "on"));
        DeviceState state = old.suspend().orElseThrow();

        StateException e = assertThrows(StateException.Incompatible.class, () -> new FileBackendFactory().restore("m1",
                TestProperties.of("mem-path", file.toString(), "size", "4M", "share", "on"), state));
        assertTrue(e.getMessage().contains("mapping of 2097152 bytes for a size of 4194304"), e.getMessage());

        new FileBackendFactory().restore("m1", TestProperties.of("mem-path", file.toString(), "size", "2M",
                "share", "on"), state).close();
        assertEquals(0, HostFiles.descriptorsOf(file));
    }

    @Test
    void suspendTwice_handsOverOnce() throws Exception {
        HostMemoryBackend old = new RamBackendFactory().create("r", TestProperties.of("size", "2M"));
        DeviceState state = old.suspend().orElseThrow();

        assertTrue(old.suspend().isEmpty());
        new RamBackendFactory().restore("r", TestProperties.of("size", "2M"), state).close();
    }
}
