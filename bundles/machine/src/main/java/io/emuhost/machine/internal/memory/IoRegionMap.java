package io.emuhost.machine.internal.memory;

import java.util.Arrays;

/**
 * Disjoint {@link IoRegion}s sorted by address (MMIO or port I/O). Lookups read one volatile array
 * and take no lock; changes replace the array ({@link CopyOnWriteArray}).
 */
public final class IoRegionMap {

    /** By address; overlapping regions clash. */
    private static final CopyOnWriteArray.Order<IoRegion> BY_ADDRESS = (added, present) ->
            present.overlaps(added.base(), added.size()) ? 0 : Long.compare(added.base(), present.base());

    private final CopyOnWriteArray<IoRegion> regions = new CopyOnWriteArray<>(IoRegion[]::new);

    /**
     * Adds a region unless it overlaps one already mapped.
     *
     * @param region the region
     * @return false (and nothing changed) if the range is taken
     */
    public boolean tryMap(IoRegion region) {
        return regions.insert(region, BY_ADDRESS);
    }

    /**
     * Adds a region that must not overlap.
     *
     * @param region the region
     * @throws IllegalStateException if it overlaps
     */
    public void map(IoRegion region) {
        if (!tryMap(region)) {
            throw new IllegalStateException(region.name() + " overlaps a mapped I/O region");
        }
    }

    /**
     * Removes a region; does nothing if it is not mapped.
     *
     * @param region the region (compared by identity)
     */
    public void unmap(IoRegion region) {
        regions.remove(region);
    }

    /**
     * The region wholly containing {@code [address, address + length)}.
     *
     * @param address first address
     * @param length bytes
     * @return the region, or null
     */
    public IoRegion find(long address, int length) {
        IoRegion[] rs = regions.items();
        int lo = 0;
        int hi = rs.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            IoRegion r = rs[mid];
            if (address < r.base()) {
                hi = mid - 1;
            } else if (address - r.base() >= r.size()) {
                lo = mid + 1;
            } else {
                return length <= r.size() - (address - r.base()) ? r : null;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return regions.toString();
    }
}
