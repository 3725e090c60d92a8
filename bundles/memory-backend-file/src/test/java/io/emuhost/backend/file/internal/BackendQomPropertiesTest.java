package io.emuhost.backend.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.emuhost.api.device.PropertySpec;
import io.emuhost.testkit.device.TestProperties;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qomProperties()}: every declared property with the value QEMU's {@code qom-get} returns (reference §1.1). */
class BackendQomPropertiesTest {

    @TempDir
    Path dir;

    private static List<String> names(List<PropertySpec> specs) {
        return specs.stream().map(PropertySpec::name).toList();
    }

    @Test
    void qomProperties_fileBackend_givesEveryPropertyAsQomGetReturnsIt() throws Exception {
        FileBackendFactory factory = new FileBackendFactory();
        String path = dir.resolve("f.img").toString();
        try (HostMemoryBackend backend = factory.create("mem1", TestProperties.of("mem-path", path, "size", "4M",
                "share", "on", "align", "2M", "merge", "off", "prealloc-threads", "4", "discard-data", "on"))) {
            Map<String, Object> values = backend.qomProperties();

            assertEquals(names(factory.properties()), List.copyOf(values.keySet()));
            assertEquals(Map.ofEntries(Map.entry("align", 2L << 20), Map.entry("discard-data", true),
                    Map.entry("dump", true), Map.entry("host-nodes", List.of()), Map.entry("lock", true), Map.entry("mem-path", path),
                    Map.entry("merge", false), Map.entry("offset", 0L), Map.entry("pmem", false),
                    Map.entry("policy", "default"), Map.entry("prealloc", false), Map.entry("prealloc-context", ""),
                    Map.entry("prealloc-threads", 4L), Map.entry("readonly", false), Map.entry("reserve", true),
                    Map.entry("rom", "auto"), Map.entry("share", true), Map.entry("size", 4L << 20),
                    Map.entry("x-use-canonical-path-for-ramblock-id", false)), values);
        }
    }

    @Test
    void qomProperties_ramBackend_hasTheCommonPropertiesWithoutMemPath() throws Exception {
        RamBackendFactory factory = new RamBackendFactory();
        try (HostMemoryBackend backend = factory.create("pc.ram", TestProperties.of("size", "2M"))) {
            Map<String, Object> values = backend.qomProperties();

            assertEquals(names(factory.properties()), List.copyOf(values.keySet()));
            assertFalse(values.containsKey("mem-path"));
            assertEquals(2L << 20, values.get("size"));
            assertEquals(false, values.get("share"));
            assertEquals(1L, values.get("prealloc-threads"));
        }
    }
}
