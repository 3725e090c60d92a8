package io.emuhost.backend.file.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.testkit.device.TestProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File size, alignment and offset rules (reference §1.2, §1.3 steps 3-5). */
class FileBackendSizeTest {

    private static final long MIB = 1 << 20;

    private final FileBackendFactory factory = new FileBackendFactory();

    @TempDir
    Path dir;

    private String message(String... properties) {
        return assertThrows(ConfigurationException.class,
                () -> factory.create("m1", TestProperties.of(properties))).getMessage();
    }

    @Test
    void create_emptyFile_isExtendedToSize() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.img"));

        try (HostMemoryBackend backend = factory.create("m1", TestProperties.of("mem-path", file.toString(),
                "size", "4M"))) {
            assertEquals(4 * MIB, Files.size(file));
        }
    }

    @Test
    void create_largerFile_isKeptAndNotTruncated() throws Exception {
        Path file = HostFiles.sparse(dir.resolve("big.img"), 8 * MIB);
        byte[] tail = "label".getBytes(StandardCharsets.US_ASCII);
        HostFiles.write(file, 8 * MIB - tail.length, tail);

        try (HostMemoryBackend backend = factory.create("m1", TestProperties.of("mem-path", file.toString(),
                "size", "2M", "share", "on"))) {
            assertEquals(2 * MIB, backend.size());
        }
        assertEquals(8 * MIB, Files.size(file));
        assertArrayEquals(tail, HostFiles.read(file, 8 * MIB - tail.length, tail.length));
    }

    @Test
    void create_smallerNonEmptyFile_isRejectedAndKept() throws Exception {
        Path file = HostFiles.sparse(dir.resolve("small.img"), 64 * MIB);

        assertEquals("backing store size 0x4000000 does not match 'size' option 0x10000000",
                message("mem-path", file.toString(), "size", "256M"));
        assertEquals(64 * MIB, Files.size(file));
    }

    @Test
    void create_unalignedSizeAgainstFileOfRoundedSize_isAccepted() throws Exception {
        Path file = HostFiles.sparse(dir.resolve("f.img"), 4096);

        try (HostMemoryBackend backend = factory.create("m1", TestProperties.of("mem-path", file.toString(),
                "size", "100"))) {
            assertEquals(100, backend.size());
            assertEquals(100, backend.window(0).capacity());
        }
    }

    @Test
    void create_offsetPastEndOfFile_isRejectedNamingOffsetInQemu10Words() throws Exception {
        Path file = HostFiles.sparse(dir.resolve("f.img"), 4 * MIB);

        assertEquals("m1 backing store size 0x400000 is too small for 'size' option 0x200000 plus 'offset'"
                + " option 0x300000",
                message("mem-path", file.toString(), "size", "2M", "offset", "3M"));
    }

    /** Issue 9 item 3: QEMU 8.1 lets offset + size wrap; off_t cannot hold it. */
    @Test
    void create_offsetPlusSizeBeyondOffT_isRefusedNamingOffsetAndLeavesNoFile() {
        Path file = dir.resolve("f.img");

        assertEquals("'offset' option 0x7fffffffffe00000 plus 'size' option 0x400000 is beyond the largest file"
                + " offset 0x7fffffffffffffff",
                message("mem-path", file.toString(), "size", "4M", "offset", "0x7fffffffffe00000"));
        assertFalse(Files.exists(file));
    }

    @Test
    void create_offsetWrappingPastZero_isRefusedNamingOffset() throws Exception {
        Path file = HostFiles.sparse(dir.resolve("f.img"), MIB);

        assertEquals("'offset' option 0xfffffffffff00000 plus 'size' option 0x200000 is beyond the largest file"
                + " offset 0x7fffffffffffffff",
                message("mem-path", file.toString(), "size", "2M", "offset", "0xfffffffffff00000"));
    }

    /**
     * Issue 9 item 3: {@code offset=1E} on a new file. Where the file system cannot hold such a
     * file (ext4: 16 TiB) ftruncate fails and the object is refused, naming 'offset', with no file
     * left; where it can (tmpfs, xfs, btrfs), the file is extended to cover the mapping. Either
     * way the mapping never lies past the end of the file.
     */
    @Test
    void create_offset1EOnNewFile_isRefusedOrCoveredNeverPastEndOfFile() throws Exception {
        Path file = dir.resolve("f.img");
        TestProperties properties = TestProperties.of("mem-path", file.toString(), "size", "2M", "offset", "1E",
                "share", "on");
        try (HostMemoryBackend backend = factory.create("m1", properties)) {
            assertTrue(Files.size(file) >= (1L << 60) + 2 * MIB, "mapped past the end of a " + Files.size(file)
                    + "-byte file");
            backend.window(0).put(0, (byte) 1);
        } catch (ConfigurationException e) {
            assertEquals("can't extend backing store " + file + " to 'offset' option 0x1000000000000000 plus 'size'"
                    + " option 0x200000: File too large", e.getMessage());
            assertFalse(Files.exists(file));
        }
    }

    /** A read-only descriptor cannot extend an empty file: QEMU maps it anyway, past its end. */
    @Test
    void create_readonlyEmptyFile_isRefusedNotMappedPastEndOfFile() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.img"));

        assertEquals("can't extend backing store " + file + " to 'offset' option 0x0 plus 'size' option 0x200000:"
                + " Invalid argument", message("mem-path", file.toString(), "size", "2M", "readonly", "on"));
        assertTrue(Files.exists(file));
        assertEquals(0, Files.size(file));
    }

    @Test
    void create_offsetNotPageMultiple_isRejected() {
        assertEquals("offset 0x800 must be multiples of page size 0x1000",
                message("mem-path", dir.resolve("f").toString(), "size", "2M", "offset", "2048"));
    }

    @Test
    void create_alignNotPageMultiple_isRejected() {
        assertEquals("alignment 0x800 must be multiples of page size 0x1000",
                message("mem-path", dir.resolve("f").toString(), "size", "2M", "align", "2K"));
    }

    @Test
    void create_alignNotPowerOfTwo_isRejected() {
        assertEquals("alignment 0x3000 must be a power of two",
                message("mem-path", dir.resolve("f").toString(), "size", "2M", "align", "12K"));
    }

    @Test
    void create_sizeFileCheckComesBeforeAlignCheck() throws Exception {
        Path file = HostFiles.sparse(dir.resolve("small.img"), MIB);

        assertEquals("backing store size 0x100000 does not match 'size' option 0x200000",
                message("mem-path", file.toString(), "size", "2M", "align", "12K"));
    }

    @Test
    void create_sizeWrappingToZero_isBelowPageSize() {
        assertEquals("memory size 0x0 must be equal to or larger than page size 0x1000",
                message("mem-path", dir.resolve("f").toString(), "size", "0xffffffffffffffff"));
    }

    @Test
    void alignment_isMaxOfPageSizeAndAlign() throws Exception {
        try (HostMemoryBackend paged = factory.create("m1", TestProperties.of("mem-path",
                dir.resolve("a").toString(), "size", "2M"));
             HostMemoryBackend aligned = factory.create("m2", TestProperties.of("mem-path",
                dir.resolve("b").toString(), "size", "2M", "align", "2M"))) {
            assertEquals(4096, paged.alignment());
            assertEquals(2 * MIB, aligned.alignment());
            assertEquals(0, aligned.hostAddress() % (2 * MIB));
        }
    }
}
