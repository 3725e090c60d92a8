package io.emuhost.api.memory;

import java.util.List;

/**
 * What the monitor shows of a memory backend ({@code info memdev}, {@code query-memdev}), in
 * QEMU's field order.
 *
 * @param id the object id ({@code pc.ram} for the machine's main RAM)
 * @param size size in bytes as configured
 * @param merge the {@code merge} property (MADV_MERGEABLE)
 * @param dump the {@code dump} property (false: MADV_DONTDUMP)
 * @param prealloc the {@code prealloc} property
 * @param share the {@code share} property
 * @param reserve the {@code reserve} property (false: MAP_NORESERVE)
 * @param policy the host memory policy ({@code default}, {@code preferred}, {@code bind},
 *     {@code interleave})
 * @param hostNodes the {@code host-nodes} property
 */
public record MemdevInfo(String id, long size, boolean merge, boolean dump, boolean prealloc,
        boolean share, boolean reserve, String policy, List<Integer> hostNodes) {

    /**
     * Copies the node list so the record stays immutable.
     *
     * @param id the object id
     * @param size size in bytes
     * @param merge merge
     * @param dump dump
     * @param prealloc prealloc
     * @param share share
     * @param reserve reserve
     * @param policy policy
     * @param hostNodes host nodes
     */
    public MemdevInfo {
        hostNodes = List.copyOf(hostNodes);
    }
}
