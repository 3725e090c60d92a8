package io.emuhost.backend.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.testkit.device.TestProperties;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** memory-backend-ram: anonymous, NORESERVE, 2 MiB aligned, no flush. */
class RamBackendFactoryTest {

    private static final long MIB = 1L << 20;

    private final RamBackendFactory factory = new RamBackendFactory();

    private HostMemoryBackend create(String... properties) throws ConfigurationException {
        return factory.create("pc.ram", TestProperties.of(properties));
    }

    private String message(String... properties) {
        return assertThrows(ConfigurationException.class, () -> create(properties)).getMessage();
    }

    @Test
    void properties_listTheCommonBackendProperties() {
        assertEquals(List.of("dump", "host-nodes", "merge", "policy", "prealloc", "prealloc-context",
                "prealloc-threads", "reserve", "share", "size", "x-use-canonical-path-for-ramblock-id"),
                factory.properties().stream().map(PropertySpec::name).toList());
    }

    @Test
    void create_isZeroFilledWritableAndTwoMiBAligned() throws Exception {
        try (HostMemoryBackend backend = create("size", "4M")) {
            ByteBuffer window = backend.window(0);

            assertEquals(0, window.getLong((int) (4 * MIB - 8)));
            window.putLong(8, 42);
            assertEquals(42, window.getLong(8));
            assertEquals(2 * MIB, backend.alignment());
            assertEquals(0, backend.hostAddress() % (2 * MIB));
            assertEquals(-1, backend.fd());
            assertEquals("memory-backend-ram", backend.type());
        }
    }

    @Test
    void create_sixtyFourGiB_mapsWithoutCommittingMemory() throws Exception {
        try (HostMemoryBackend backend = create("size", "64G")) {
            backend.window(63).put(12345, (byte) 7);

            assertEquals(64, backend.windowCount());
            assertEquals(7, backend.window(63).get(12345));
        }
    }

    @Test
    void flush_hasNoFile_failsWithBadFileDescriptor() throws Exception {
        try (HostMemoryBackend backend = create("size", "2M")) {
            IOException e = assertThrows(IOException.class, backend::flush);

            assertEquals("Bad file descriptor", e.getMessage());
        }
    }

    @Test
    void create_sizeZero_isRejectedBySetter() {
        assertEquals("property 'size' of memory-backend-ram doesn't take value '0'", message("size", "0"));
    }

    @Test
    void create_sizeWrappingToZero_cannotSetUpGuestMemory() {
        assertEquals("cannot set up guest memory 'pc.ram': Invalid argument", message("size", "0xffffffffffffffff"));
    }

    @Test
    void create_bindToNodeZero_isReportedByInfo() throws Exception {
        try (HostMemoryBackend backend = create("size", "2M", "policy", "bind", "host-nodes", "0", "prealloc", "on")) {
            assertEquals(new MemdevInfo("pc.ram", 2 * MIB, true, true, true, false, true, "bind", List.of(0)),
                    backend.info());
        }
    }

    @Test
    void create_bindToMissingNode_cannotBind() {
        assertEquals("cannot bind memory to host NUMA nodes: Invalid argument",
                message("size", "2M", "policy", "bind", "host-nodes", "100"));
    }

    @Test
    void create_hostNodesWithDefaultPolicy_isRejected() {
        assertEquals("host-nodes must be empty for policy default, or you should explicitly specify a policy other"
                + " than default", message("size", "2M", "host-nodes", "0"));
    }

    @Test
    void create_policyWithoutHostNodes_isRejected() {
        assertEquals("host-nodes must be set for policy interleave", message("size", "2M", "policy", "interleave"));
    }

    @Test
    void create_hostNodeRanges_areExpanded() throws Exception {
        try (HostMemoryBackend backend = create("size", "2M", "policy", "preferred", "host-nodes", "0-0:0")) {
            assertEquals(List.of(0), backend.info().hostNodes());
        }
    }

    @Test
    void create_shared_isSharedAnonymousMemory() throws Exception {
        try (HostMemoryBackend backend = create("size", "2M", "share", "on")) {
            backend.window(0).put(0, (byte) 1);

            assertTrue(backend.shared());
            assertTrue(backend.info().share());
        }
    }
}
