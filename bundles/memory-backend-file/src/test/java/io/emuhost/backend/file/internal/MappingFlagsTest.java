package io.emuhost.backend.file.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.testkit.device.TestProperties;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mmap flags and madvise hints the kernel records for each property (reference §1.3.6). */
class MappingFlagsTest {

    @TempDir
    Path dir;

    private List<String> fileFlags(String... properties) throws Exception {
        String[] all = new String[properties.length + 4];
        System.arraycopy(new String[] {"mem-path", dir.resolve("f.img").toString(), "size", "2M"}, 0, all, 0, 4);
        System.arraycopy(properties, 0, all, 4, properties.length);
        try (HostMemoryBackend backend = new FileBackendFactory().create("m1", TestProperties.of(all))) {
            return HostFiles.vmFlags(backend.hostAddress());
        }
    }

    private List<String> ramFlags(String... properties) throws Exception {
        try (HostMemoryBackend backend = new RamBackendFactory().create("pc.ram", TestProperties.of(properties))) {
            return HostFiles.vmFlags(backend.hostAddress());
        }
    }

    @Test
    void fileDefault_isPrivateWritableReservedAndDumped() throws Exception {
        List<String> flags = fileFlags();

        assertTrue(flags.contains("wr"), flags::toString);
        assertFalse(flags.contains("sh"), flags::toString);
        assertFalse(flags.contains("nr"), flags::toString);
        assertFalse(flags.contains("dd"), flags::toString);
        assertFalse(flags.contains("hg"), flags::toString);
    }

    @Test
    void fileShareReserveOffDumpOff_isSharedNoreserveDontdump() throws Exception {
        List<String> flags = fileFlags("share", "on", "reserve", "off", "dump", "off");

        assertTrue(flags.contains("sh"), flags::toString);
        assertTrue(flags.contains("nr"), flags::toString);
        assertTrue(flags.contains("dd"), flags::toString);
    }

    @Test
    void fileReadonly_isNotWritable() throws Exception {
        List<String> flags = fileFlags("readonly", "on");

        assertFalse(flags.contains("wr"), flags::toString);
    }

    @Test
    void fileMergeOnPrivate_isMergeableAndOffIsNot() throws Exception {
        assertTrue(fileFlags().contains("mg"));
        assertFalse(fileFlags("merge", "off").contains("mg"));
    }

    @Test
    void ram_isNoreserveHugepageAndDontfork() throws Exception {
        List<String> flags = ramFlags("size", "4M", "reserve", "on");

        assertTrue(flags.contains("nr"), flags::toString);
        assertTrue(flags.contains("hg"), flags::toString);
        assertTrue(flags.contains("dc"), flags::toString);
        assertTrue(flags.contains("mg"), flags::toString);
    }
}
