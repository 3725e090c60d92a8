package io.emuhost.backend.file.internal;

import io.emuhost.api.device.ConfigurationException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The {@code host-nodes} property: a set of host NUMA nodes, given as numbers and ranges
 * separated by ',' or ':' (e.g. {@code 0-1:3}).
 */
final class HostNodes {

    /** QEMU's MAX_NODES: node numbers must stay below it. */
    static final int MAX_NODES = 128;

    private static final int UINT16_MAX = 0xffff;

    private final BitSet nodes;

    private HostNodes(BitSet nodes) {
        this.nodes = nodes;
    }

    static HostNodes parse(String property, Optional<String> value) throws ConfigurationException {
        BitSet nodes = new BitSet();
        if (value.isEmpty() || value.get().isEmpty()) {
            return new HostNodes(nodes);
        }
        for (String item : value.get().split("[,:]", -1)) {
            int dash = item.indexOf('-');
            int first = parseNode(property, dash < 0 ? item : item.substring(0, dash));
            int last = dash < 0 ? first : parseNode(property, item.substring(dash + 1));
            if (last < first) {
                throw expectsUint16(property);
            }
            nodes.set(first, last + 1);
        }
        return new HostNodes(nodes);
    }

    private static int parseNode(String property, String text) throws ConfigurationException {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            throw expectsUint16(property);
        }
        int node = Integer.parseInt(text);
        if (node > UINT16_MAX) {
            throw expectsUint16(property);
        }
        if (node >= MAX_NODES) {
            // QEMU backends/hostmem.c host_memory_backend_set_host_nodes
            throw new MemoryBackendException.InvalidHostNode(node);
        }
        return node;
    }

    private static ConfigurationException expectsUint16(String property) {
        return new ConfigurationException("Parameter '" + property + "' expects uint16_t");
    }

    boolean isEmpty() {
        return nodes.isEmpty();
    }

    List<Integer> list() {
        List<Integer> list = new ArrayList<>();
        nodes.stream().forEach(list::add);
        return List.copyOf(list);
    }

    /** mbind(2)'s nodemask: MAX_NODES + 1 bits, as QEMU declares it. */
    long[] nodemask() {
        long[] mask = new long[(MAX_NODES + 1 + 63) / 64];
        long[] set = nodes.toLongArray();
        System.arraycopy(set, 0, mask, 0, set.length);
        return mask;
    }

    /**
     * mbind(2)'s maxnode: the highest node + 2, because the kernel cuts off the last node
     * (QEMU passes maxnode + 1 for the same reason).
     */
    long maxnode() {
        return nodes.length() + 1L;
    }
}
