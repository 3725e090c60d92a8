package io.emuhost.backend.file.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.testkit.device.TestProperties;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the guest sees through the windows and what reaches the file (reference §1.4). */
class FileBackendMappingTest {

    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;
    private static final byte[] DATA = "emuhost".getBytes(StandardCharsets.US_ASCII);

    private final FileBackendFactory factory = new FileBackendFactory();

    @TempDir
    Path dir;

    private HostMemoryBackend create(String... properties) throws Exception {
        return factory.create("m1", TestProperties.of(properties));
    }

    @Test
    void window_ofFourGiBSharedFile_writesAboveThreeGiBIntoSparseFile() throws Exception {
        Path file = dir.resolve("big.img");
        try (HostMemoryBackend backend = create("mem-path", file.toString(), "size", "4G", "share", "on")) {
            ByteBuffer window = backend.window(3);
            window.putLong(12345, 0x0102030405060708L);
            backend.flush();

            assertEquals(4, backend.windowCount());
            assertEquals(ByteOrder.LITTLE_ENDIAN, window.order());
            assertEquals(GIB, window.capacity());
        }
        byte[] expected = {8, 7, 6, 5, 4, 3, 2, 1};
        assertArrayEquals(expected, HostFiles.read(file, 3 * GIB + 12345, 8));
        assertTrue(HostFiles.blocks(file) < 256, "file stays sparse: " + HostFiles.blocks(file));
    }

    @Test
    void window_lastWindow_endsAtConfiguredSize() throws Exception {
        try (HostMemoryBackend backend = create("mem-path", dir.resolve("f").toString(), "size",
                Long.toString(GIB + 4096))) {
            assertEquals(2, backend.windowCount());
            assertEquals(4096, backend.window(1).capacity());
            assertThrows(IndexOutOfBoundsException.class, () -> backend.window(2));
        }
    }

    @Test
    void window_privateMapping_writesNeverReachTheFile() throws Exception {
        Path file = HostFiles.sparse(dir.resolve("f.img"), 2 * MIB);
        try (HostMemoryBackend backend = create("mem-path", file.toString(), "size", "2M")) {
            backend.window(0).put(100, DATA);
            backend.flush();

            assertFalse(backend.shared());
            assertEquals(DATA[0], backend.window(0).get(100));
        }
        assertArrayEquals(new byte[DATA.length], HostFiles.read(file, 100, DATA.length));
    }

    @Test
    void window_sharedMapping_showsExternalWrites() throws Exception {
        Path file = HostFiles.sparse(dir.resolve("f.img"), 2 * MIB);
        try (HostMemoryBackend backend = create("mem-path", file.toString(), "size", "2M", "share", "on")) {
            HostFiles.write(file, 4096, DATA);

            byte[] seen = new byte[DATA.length];
            backend.window(0).get(4096, seen);
            assertArrayEquals(DATA, seen);
        }
    }

    @Test
    void window_readonly_isReadOnlyAndFileUnchanged() throws Exception {
        Path file = HostFiles.sparse(dir.resolve("f.img"), 2 * MIB);
        HostFiles.write(file, 0, DATA);
        try (HostMemoryBackend backend = create("mem-path", file.toString(), "size", "2M", "readonly", "on",
                "share", "on")) {
            ByteBuffer window = backend.window(0);

            assertTrue(window.isReadOnly());
            assertEquals(ByteOrder.LITTLE_ENDIAN, window.order());
            assertEquals(DATA[0], window.get(0));
            assertThrows(ReadOnlyBufferException.class, () -> window.put(0, (byte) 1));
        }
        assertArrayEquals(DATA, HostFiles.read(file, 0, DATA.length));
    }

    @Test
    void window_readonlyWithRomOff_isWritablePrivateCopy() throws Exception {
        Path file = HostFiles.sparse(dir.resolve("f.img"), 2 * MIB);
        try (HostMemoryBackend backend = create("mem-path", file.toString(), "size", "2M", "readonly", "on",
                "rom", "off")) {
            backend.window(0).put(0, DATA);

            assertFalse(backend.readOnly());
        }
        assertArrayEquals(new byte[DATA.length], HostFiles.read(file, 0, DATA.length));
    }

    @Test
    void window_withOffset_startsAtThatFileOffset() throws Exception {
        Path file = HostFiles.sparse(dir.resolve("f.img"), 4 * MIB);
        HostFiles.write(file, 3 * MIB, DATA);
        try (HostMemoryBackend backend = create("mem-path", file.toString(), "size", "1M", "offset", "3M",
                "share", "on")) {
            byte[] seen = new byte[DATA.length];
            backend.window(0).get(0, seen);

            assertArrayEquals(DATA, seen);
        }
    }

    @Test
    void close_discardDataShared_punchesTheWholeFile() throws Exception {
        Path file = HostFiles.sparse(dir.resolve("f.img"), 2 * MIB);
        HostFiles.write(file, 8192, DATA);
        MemoryBackend backend = create("mem-path", file.toString(), "size", "2M", "share", "on",
                "discard-data", "on");

        backend.close();

        assertArrayEquals(new byte[DATA.length], HostFiles.read(file, 8192, DATA.length));
        assertEquals(0, HostFiles.blocks(file));
        assertEquals(2 * MIB, java.nio.file.Files.size(file));
    }

    @Test
    void close_discardDataPrivate_leavesTheFile() throws Exception {
        Path file = HostFiles.sparse(dir.resolve("f.img"), 2 * MIB);
        HostFiles.write(file, 8192, DATA);
        MemoryBackend backend = create("mem-path", file.toString(), "size", "2M", "discard-data", "on");

        backend.close();

        assertArrayEquals(DATA, HostFiles.read(file, 8192, DATA.length));
    }

    @Test
    void create_preallocShared_allocatesTheFile() throws Exception {
        Path file = dir.resolve("f.img");
        try (HostMemoryBackend backend = create("mem-path", file.toString(), "size", "4M", "share", "on",
                "prealloc", "on")) {
            assertEquals(8192, HostFiles.blocks(file));
            assertTrue(backend.info().prealloc());
        }
    }

    @Test
    void create_preallocPrivate_leavesTheFileSparse() throws Exception {
        Path file = dir.resolve("f.img");
        try (HostMemoryBackend backend = create("mem-path", file.toString(), "size", "4M", "prealloc", "on")) {
            assertEquals(0, HostFiles.blocks(file));
        }
    }

    @Test
    void create_preallocReadonly_populatesWithoutWriting() throws Exception {
        Path file = HostFiles.sparse(dir.resolve("f.img"), 4 * MIB);
        try (HostMemoryBackend backend = create("mem-path", file.toString(), "size", "4M", "share", "on",
                "readonly", "on", "prealloc", "on")) {
            assertEquals(0, HostFiles.blocks(file));
        }
    }
}
