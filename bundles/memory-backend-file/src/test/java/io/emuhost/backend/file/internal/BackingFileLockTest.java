package io.emuhost.backend.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.testkit.device.TestProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The advisory OFD lock on the backing store (issue 9 item 8; emuhost only): exclusive for a
 * writable shared mapping, shared otherwise, {@code lock=off} to skip it.
 */
class BackingFileLockTest {

    /** fcntl F_SETLK: a classic POSIX record lock, owned by the process. */
    private static final int F_SETLK = 6;

    private final FileBackendFactory factory = new FileBackendFactory();

    @TempDir
    Path dir;

    private Path file;

    private HostMemoryBackend create(String id, String... more) throws ConfigurationException {
        if (file == null) {
            file = dir.resolve("shared.img");
        }
        List<String> properties = new ArrayList<>(List.of("mem-path", file.toString(), "size", "2M"));
        properties.addAll(List.of(more));
        return factory.create(id, TestProperties.of(properties.toArray(String[]::new)));
    }

    private String refusal(String id, String... more) {
        return assertThrows(MemoryBackendException.BackingStoreLocked.class, () -> create(id, more)).getMessage();
    }

    private String ofdHolder(String lock) {
        return "can't lock backing store " + file + " for guest RAM: another open file description holds " + lock
                + " on it (an OFD lock, as another memory-backend-file takes; the kernel does not say which"
                + " process); lock=off maps it anyway";
    }

    @Test
    void twoWritableSharedMappings_secondRefusedNamingTheFile() throws Exception {
        try (HostMemoryBackend first = create("m1", "share", "on")) {
            assertEquals(ofdHolder("an exclusive lock"), refusal("m2", "share", "on"));
            assertEquals(1, HostFiles.descriptorsOf(file), "the refused backend kept its descriptor");
        }
    }

    @Test
    void twoReadonlyMappings_bothStart() throws Exception {
        HostFiles.sparse(dir.resolve("shared.img"), 2 << 20);
        try (HostMemoryBackend first = create("m1", "share", "on", "readonly", "on");
             HostMemoryBackend second = create("m2", "share", "on", "readonly", "on");
             HostMemoryBackend third = create("m3", "readonly", "on")) {
            assertTrue(first.readOnly() && second.readOnly() && third.readOnly());
        }
    }

    @Test
    void readonlyThenWritable_writableRefused() throws Exception {
        try (HostMemoryBackend reader = create("m1", "share", "on", "readonly", "on")) {
            assertEquals(ofdHolder("a shared lock"), refusal("m2", "share", "on"));
        }
    }

    @Test
    void writableThenReadonly_readonlyRefused() throws Exception {
        try (HostMemoryBackend writer = create("m1", "share", "on")) {
            assertEquals(ofdHolder("an exclusive lock"), refusal("m2", "share", "on", "readonly", "on"));
        }
    }

    @Test
    void privateMappings_shareAndExcludeAWriter() throws Exception {
        try (HostMemoryBackend first = create("m1");
             HostMemoryBackend second = create("m2", "share", "off")) {
            assertEquals(ofdHolder("a shared lock"), refusal("m3", "share", "on"));
        }
    }

    @Test
    void lockOff_bothStart() throws Exception {
        try (HostMemoryBackend first = create("m1", "share", "on");
             HostMemoryBackend second = create("m2", "share", "on", "lock", "off");
             HostMemoryBackend third = create("m3", "share", "on", "lock", "off")) {
            assertEquals(false, second.qomProperties().get("lock"));
            assertEquals(true, first.qomProperties().get("lock"));
        }
    }

    @Test
    void closedBackend_releasesTheLock() throws Exception {
        create("m1", "share", "on").close();

        try (HostMemoryBackend again = create("m2", "share", "on")) {
            assertEquals(ofdHolder("an exclusive lock"), refusal("m3", "share", "on"));
        }
        create("m4", "share", "on").close();
    }

    @Test
    void disjointRangesOfOneFile_bothStart() throws Exception {
        HostFiles.sparse(dir.resolve("shared.img"), 4 << 20);
        try (HostMemoryBackend low = create("m1", "share", "on");
             HostMemoryBackend high = create("m2", "share", "on", "offset", "2M")) {
            assertEquals(ofdHolder("an exclusive lock"), refusal("m3", "share", "on", "offset", "1M"));
        }
    }

    /** A classic POSIX lock has an owner: F_OFD_GETLK reports its pid, and the message names it. */
    @Test
    void posixLockOfAProcess_refusedNamingItsPid() throws Exception {
        Path path = HostFiles.sparse(dir.resolve("shared.img"), 2 << 20);
        int fd = LibC.open(path.toString(), LibC.O_RDWR, 0);
        try (Memory flock = new Memory(LibC.FLOCK_SIZE)) {
            flock.clear();
            flock.setShort(LibC.FLOCK_TYPE, LibC.F_RDLCK);
            LibC.fcntl(fd, F_SETLK, flock);

            assertEquals("can't lock backing store " + path + " for guest RAM: process " + ProcessHandle.current().pid()
                    + " holds a shared lock on it; lock=off maps it anyway", refusal("m1", "share", "on"));
        } finally {
            LibC.close(fd);
        }
    }

    /** The unlinked temporary file of a directory mem-path: no one else can open it. */
    @Test
    void directory_isNotLocked() throws Exception {
        try (HostMemoryBackend backend = factory.create("m1",
                TestProperties.of("mem-path", dir.toString(), "size", "1M", "share", "on"))) {
            assertTrue(!BackingFileLock.applies(backend.fd()));
        }
    }

    /**
     * Character devices other than device-DAX are not locked: each mapping of /dev/zero is its
     * own memory, so two writable shared ones do not conflict.
     */
    @Test
    void devZero_isNotLockedTwoSharedMappingsStart() throws Exception {
        TestProperties one = TestProperties.of("mem-path", "/dev/zero", "size", "1M", "share", "on");
        TestProperties two = TestProperties.of("mem-path", "/dev/zero", "size", "1M", "share", "on");
        try (HostMemoryBackend first = factory.create("m1", one);
             HostMemoryBackend second = factory.create("m2", two)) {
            first.window(0).put(0, (byte) 1);
            assertEquals(0, second.window(0).get(0), "two /dev/zero mappings share memory");
        }
    }
}
