package io.emuhost.backend.file.internal;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The properties every memory backend has (QAPI {@code MemoryBackendProperties}).
 *
 * @param size the size as given (nonzero)
 * @param share MAP_SHARED rather than MAP_PRIVATE
 * @param merge MADV_MERGEABLE
 * @param dump false: MADV_DONTDUMP
 * @param prealloc touch every page at creation
 * @param preallocContext accepted for compatibility and ignored: there are no thread-context objects
 * @param preallocThreads accepted for {@code qom-get} only: preallocation is one MADV_POPULATE_WRITE call
 * @param reserve false: MAP_NORESERVE
 * @param policy NUMA policy
 * @param hostNodes NUMA nodes of the policy
 * @param canonicalPath name the region {@code /objects/<id>} instead of {@code <id>}
 */
record MemoryBackendOptions(long size, boolean share, boolean merge, boolean dump,
        boolean prealloc, Optional<String> preallocContext, long preallocThreads, boolean reserve,
        HostMemPolicy policy, HostNodes hostNodes, boolean canonicalPath) {

    private static final long UINT32_MAX = 0xffff_ffffL;

    /** The specs of these properties, sorted by name as {@code -object TYPE,help} lists them. */
    static List<PropertySpec> specs() {
        return List.of(
                spec("dump", PropertyType.BOOL, "on", "Set to 'off' to exclude from core dump"),
                spec("host-nodes", PropertyType.INT_LIST, null, "Binds memory to the list of NUMA host nodes"),
                spec("merge", PropertyType.BOOL, "on", "Mark memory as mergeable"),
                spec("policy", PropertyType.ENUM, "default", "Set the NUMA policy"),
                spec("prealloc", PropertyType.BOOL, "off", "Preallocate memory"),
                spec("prealloc-context", PropertyType.LINK, null,
                        "Context to use for creating CPU threads for preallocation (ignored)"),
                spec("prealloc-threads", PropertyType.UINT32, "1", "Number of CPU threads to use for prealloc"),
                spec("reserve", PropertyType.BOOL, "on", "Reserve swap space (or huge pages) if applicable"),
                spec("share", PropertyType.BOOL, "off", "Mark the memory as private to QEMU or shared"),
                spec("size", PropertyType.SIZE, null, "Size of the memory region (ex: 500M)"),
                spec("x-use-canonical-path-for-ramblock-id", PropertyType.BOOL, "off",
                        "Name the RAM block after the object's canonical path"));
    }

    static PropertySpec spec(String name, PropertyType type, String defaultValue, String description) {
        return new PropertySpec(name, type, Optional.ofNullable(defaultValue), description);
    }

    /**
     * Reads the properties in QAPI member order (so the first missing or malformed one is the
     * one QEMU names), then applies the property setters' checks. {@code prealloc-threads} is
     * checked and kept for {@code qom-get} (default 1: the machine's CPU count).
     *
     * @param type the QOM type, for error messages
     */
    static MemoryBackendOptions parse(String type, Properties properties) throws ConfigurationException {
        boolean dump = properties.bool("dump", true);
        HostNodes hostNodes = HostNodes.parse("host-nodes", properties.optionalString("host-nodes"));
        boolean merge = properties.bool("merge", true);
        HostMemPolicy policy = HostMemPolicy.parse("policy", properties.optionalString("policy"));
        boolean prealloc = properties.bool("prealloc", false);
        OptionalLong threads = properties.uint64("prealloc-threads");
        if (threads.isPresent() && Long.compareUnsigned(threads.getAsLong(), UINT32_MAX) > 0) {
            throw new ConfigurationException("Parameter 'prealloc-threads' expects uint32_t");
        }
        Optional<String> preallocContext = properties.optionalString("prealloc-context");
        boolean share = properties.bool("share", false);
        boolean reserve = properties.bool("reserve", true);
        OptionalLong size = properties.size("size");
        if (size.isEmpty()) {
            throw new ConfigurationException("Parameter 'size' is missing");
        }
        boolean canonicalPath = properties.bool("x-use-canonical-path-for-ramblock-id", false);

        // QEMU backends/hostmem.c property setters
        if (threads.isPresent() && threads.getAsLong() == 0) {
            throw new MemoryBackendException.PropertyValueRejected("prealloc-threads", type, 0);
        }
        if (prealloc && !reserve) {
            throw new MemoryBackendException.PreallocWithoutReserve();
        }
        if (size.getAsLong() == 0) {
            throw new MemoryBackendException.PropertyValueRejected("size", type, 0);
        }
        return new MemoryBackendOptions(size.getAsLong(), share, merge, dump, prealloc, preallocContext,
                threads.orElse(1), reserve,
                policy, hostNodes, canonicalPath);
    }

    /** The RAM block name QEMU derives from the backend (host_memory_backend_get_name). */
    String regionName(String id) {
        return canonicalPath ? "/objects/" + id : id;
    }
}
