package io.emuhost.backend.file.internal;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A backend's property values as QEMU's {@code qom-get} returns them (the getters of
 * backends/hostmem.c and hostmem-file.c): sizes and counts as integers, policy and OnOffAuto as
 * their QAPI names, links as the target's path ({@code ""} when unset). Sorted by name, the order
 * of the factories' property lists.
 */
final class BackendQomProperties {

    private BackendQomProperties() {
    }

    /**
     * The properties every backend has ({@code memory-backend-ram}).
     *
     * @param options the parsed options
     * @return name to value
     */
    static SortedMap<String, Object> of(MemoryBackendOptions options) {
        return Collections.unmodifiableSortedMap(common(options));
    }

    /**
     * The properties of {@code memory-backend-file}.
     *
     * @param options the parsed options
     * @return name to value
     */
    static SortedMap<String, Object> of(FileBackendOptions options) {
        TreeMap<String, Object> values = common(options.common());
        values.put("align", options.align());
        values.put("discard-data", options.discardData());
        values.put("lock", options.lock());
        values.put("mem-path", options.memPath());
        values.put("offset", options.offset());
        values.put("pmem", options.pmem());
        values.put("readonly", options.readonly());
        values.put("rom", options.romProperty().name().toLowerCase(Locale.ROOT));
        return Collections.unmodifiableSortedMap(values);
    }

    private static TreeMap<String, Object> common(MemoryBackendOptions options) {
        TreeMap<String, Object> values = new TreeMap<>();
        values.put("dump", options.dump());
        values.put("host-nodes", options.hostNodes().list());
        values.put("merge", options.merge());
        values.put("policy", options.policy().qapiName());
        values.put("prealloc", options.prealloc());
        // QEMU object_get_link_property: the target's canonical path, "" for none
        values.put("prealloc-context", options.preallocContext().map(id -> "/objects/" + id).orElse(""));
        values.put("prealloc-threads", options.preallocThreads());
        values.put("reserve", options.reserve());
        values.put("share", options.share());
        values.put("size", options.size());
        values.put("x-use-canonical-path-for-ramblock-id", options.canonicalPath());
        return values;
    }
}
