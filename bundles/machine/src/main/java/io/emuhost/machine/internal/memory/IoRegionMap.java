package io.emuhost.machine.internal.memory;

import java.util.Arrays;

/**
 * Disjoint {@link IoRegion}s sorted by address (MMIO or port I/O). Lookups read one volatile array
 * and take no lock; changes replace the array.
 */
public final class IoRegionMap {

    private volatile IoRegion[] regions = new IoRegion[0];

    /**
     * Adds a region unless it overlaps one already mapped.
     *
     * @param region the region
     * @return false (and nothing changed) if the range is taken
     */
    public synchronized boolean tryMap(IoRegion region) {
        IoRegion[] current = regions;
        int insertAt = 0;
        for (IoRegion r : current) {
            if (r.overlaps(region.base(), region.size())) {
                return false;
            }
            if (r.base() < region.base()) {
                insertAt++;
            }
        }
        IoRegion[] next = new IoRegion[current.length + 1];
        System.arraycopy(current, 0, next, 0, insertAt);
        next[insertAt] = region;
        System.arraycopy(current, insertAt, next, insertAt + 1, current.length - insertAt);
        regions = next;
        return true;
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
    public synchronized void unmap(IoRegion region) {
        IoRegion[] current = regions;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == region) {
                IoRegion[] next = new IoRegion[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                regions = next;
                return;
            }
        }
    }

    /**
     * The region wholly containing {@code [address, address + length)}.
     *
     * @param address first address
     * @param length bytes
     * @return the region, or null
     */
    public IoRegion find(long address, int length) {
        IoRegion[] rs = regions;
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
        return Arrays.toString(regions);
    }
}
