package io.emuhost.backend.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import io.emuhost.testkit.device.TestProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Property-level rules of memory-backend-file, checked before any file is touched. */
class FileBackendPropertiesTest {

    private final FileBackendFactory factory = new FileBackendFactory();

    @TempDir
    Path dir;

    private String message(String... properties) {
        return assertThrows(ConfigurationException.class,
                () -> factory.create("m1", TestProperties.of(properties))).getMessage();
    }

    @Test
    void properties_listQemu72PropertiesPlusOffsetRomAndLock_sortedByName() {
        List<String> names = factory.properties().stream().map(PropertySpec::name).toList();

        assertEquals(List.of("align", "discard-data", "dump", "host-nodes", "lock", "mem-path", "merge", "offset",
                "pmem", "policy", "prealloc", "prealloc-context", "prealloc-threads", "readonly", "reserve", "rom", "share",
                "size", "x-use-canonical-path-for-ramblock-id"), names);
    }

    @Test
    void properties_romIsOnOffAutoDefaultingToAuto() {
        PropertySpec rom = factory.properties().stream().filter(p -> p.name().equals("rom")).findFirst().orElseThrow();

        assertEquals(PropertyType.ON_OFF_AUTO, rom.type());
        assertEquals(Optional.of("auto"), rom.defaultValue());
    }

    @Test
    void create_sizeZero_isRejectedBySetter() {
        assertEquals("property 'size' of memory-backend-file doesn't take value '0'",
                message("mem-path", dir.resolve("f").toString(), "size", "0"));
        assertFalse(Files.exists(dir.resolve("f")));
    }

    @Test
    void create_sizeMissing_isReportedBeforeMemPath() {
        assertEquals("Parameter 'size' is missing", message());
    }

    @Test
    void create_memPathMissing_isReported() {
        assertEquals("Parameter 'mem-path' is missing", message("size", "1M"));
    }

    @Test
    void create_preallocWithReserveOff_isIncompatible() {
        assertEquals("'prealloc=on' and 'reserve=off' are incompatible",
                message("mem-path", dir.resolve("f").toString(), "size", "1M", "prealloc", "on", "reserve", "off"));
    }

    @Test
    void create_preallocThreadsZero_isRejectedBySetter() {
        assertEquals("property 'prealloc-threads' of memory-backend-file doesn't take value '0'",
                message("mem-path", dir.resolve("f").toString(), "size", "1M", "prealloc-threads", "0"));
    }

    @Test
    void create_unknownPolicy_isNotAccepted() {
        assertEquals("Parameter 'policy' does not accept value 'nearest'",
                message("mem-path", dir.resolve("f").toString(), "size", "1M", "policy", "nearest"));
    }

    @Test
    void create_hostNodeAboveMaxNodes_isInvalid() {
        assertEquals("Invalid host-nodes value: 128",
                message("mem-path", dir.resolve("f").toString(), "size", "1M", "host-nodes", "128"));
    }

    @Test
    void create_romOnWithoutReadonly_isNotSupported() {
        assertEquals("property 'rom' = 'on' is not supported with 'readonly' = 'off'",
                message("mem-path", dir.resolve("f").toString(), "size", "1M", "rom", "on"));
        assertFalse(Files.exists(dir.resolve("f")));
    }

    @Test
    void create_romOffWithReadonlyShared_isIncompatible() {
        assertEquals("property 'rom' = 'off' is incompatible with 'readonly' = 'on' and 'share' = 'on'",
                message("mem-path", dir.resolve("f").toString(), "size", "1M", "rom", "off", "readonly", "on",
                        "share", "on"));
    }

    @Test
    void create_reversedHostNodeRange_isMalformed() {
        assertEquals("Parameter 'host-nodes' expects uint16_t",
                message("mem-path", dir.resolve("f").toString(), "size", "1M", "host-nodes", "1-0"));
    }

    @Test
    void create_preallocContext_isAcceptedAndIgnored() throws Exception {
        try (HostMemoryBackend backend = factory.create("m1", TestProperties.of("mem-path",
                dir.resolve("f").toString(), "size", "1M", "prealloc", "on", "prealloc-context", "tc1"))) {
            assertEquals(true, backend.info().prealloc());
        }
    }
}
