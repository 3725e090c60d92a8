package io.emuhost.testkit.virtqueue;

import java.util.function.LongBinaryOperator;

/**
 * Fills a driver-side split ring with descriptors, indirect tables and available entries chosen
 * by a fuzzer, for fuzz targets of the device side. Every choice is a call {@code pick(min, max)}
 * returning a value in {@code [min, max]} (Jazzer's {@code FuzzedDataProvider::consumeLong} fits),
 * so the ring stays mostly plausible: addresses near the ones the caller names, small lengths,
 * the low flag bits, {@code next} inside the table, with an occasional arbitrary value for each.
 * Writes only through {@link DriverSplitQueue}'s raw tools, so every byte lands inside guest memory
 * (addresses the caller names must leave room for the tables it asks for).
 */
public final class RingScribbler {

    /** Entries written into each indirect table. */
    public static final int TABLE_ENTRIES = 8;

    private final LongBinaryOperator pick;
    private final long[] addresses;

    /**
     * Creates a scribbler.
     *
     * @param pick the fuzzer's choice: a value in {@code [min, max]}
     * @param addresses guest addresses buffers and tables should point near (buffers, tables,
     *     the rings themselves, the end of memory)
     */
    public RingScribbler(LongBinaryOperator pick, long... addresses) {
        this.pick = pick;
        this.addresses = addresses.clone();
    }

    /**
     * Writes up to {@code driver.size()} descriptors of the queue's table, {@link #TABLE_ENTRIES}
     * entries of each indirect table, then publishes up to one ring of heads and may overwrite
     * {@code avail.idx}.
     *
     * @param driver the ring to fill
     * @param indirectTables guest addresses of tables to fill, each with room for
     *     {@link #TABLE_ENTRIES} descriptors
     */
    public void scribble(DriverSplitQueue driver, long... indirectTables) {
        int size = driver.size();
        int descriptors = (int) pick.applyAsLong(0, size);
        for (int i = 0; i < descriptors; i++) {
            driver.writeDescriptor(i, address(), length(), flags(), next(size));
        }
        for (long table : indirectTables) {
            int entries = (int) pick.applyAsLong(0, TABLE_ENTRIES);
            for (int i = 0; i < entries; i++) {
                driver.writeTableEntry(table, i, address(), length(), flags(), next(TABLE_ENTRIES));
            }
        }
        int heads = (int) pick.applyAsLong(0, size + 1L);
        for (int i = 0; i < heads; i++) {
            driver.publish(next(size));
        }
        if (pick.applyAsLong(0, 15) == 0) {
            driver.setAvailIdx((int) pick.applyAsLong(0, 0xffff));
        }
    }

    private long address() {
        int choice = (int) pick.applyAsLong(0, addresses.length);
        if (choice == addresses.length) {
            return pick.applyAsLong(Long.MIN_VALUE, Long.MAX_VALUE);
        }
        return addresses[choice] + pick.applyAsLong(-16, 64);
    }

    private int length() {
        return switch ((int) pick.applyAsLong(0, 3)) {
            case 0 -> (int) pick.applyAsLong(0, 64);
            case 1 -> SplitRing.DESC_SIZE * (int) pick.applyAsLong(0, 2L * TABLE_ENTRIES);
            case 2 -> (int) pick.applyAsLong(Integer.MIN_VALUE, Integer.MAX_VALUE);
            default -> 4;
        };
    }

    private int flags() {
        return (int) (pick.applyAsLong(0, 3) == 0 ? pick.applyAsLong(0, 0xffff) : pick.applyAsLong(0, 7));
    }

    private int next(int tableSize) {
        return (int) (pick.applyAsLong(0, 7) == 0 ? pick.applyAsLong(0, 0xffff) : pick.applyAsLong(0, tableSize - 1));
    }
}
