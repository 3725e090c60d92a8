package io.emuhost.machine.internal.memory;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * An array that readers take with one volatile read and never lock, and that changes replace
 * (copy-on-write, changes serialized): the machine's address maps, kept sorted by the caller's
 * order ({@link #insert}), and its listener lists ({@link #add}). A lookup allocates nothing.
 *
 * @param <T> the element type
 */
public final class CopyOnWriteArray<T> {

    /** Where an element goes relative to one already there. */
    @FunctionalInterface
    public interface Order<T> {
        /**
         * Compares a new element with one in the array.
         *
         * @param added the element being inserted
         * @param present an element of the array
         * @return negative if {@code added} goes before {@code present}, positive if after, 0 if
         *     they clash (then nothing is inserted)
         */
        int compare(T added, T present);
    }

    private final IntFunction<T[]> newArray;
    private volatile T[] items;

    /**
     * Creates an empty array.
     *
     * @param newArray makes arrays of the element type, e.g. {@code IoRegion[]::new}
     */
    public CopyOnWriteArray(IntFunction<T[]> newArray) {
        this.newArray = newArray;
        this.items = newArray.apply(0);
    }

    /**
     * The current elements. Read it once per lookup and never modify it.
     *
     * @return the array
     */
    public T[] items() {
        return items;
    }

    /**
     * Inserts an element where the order puts it, unless it clashes with one already there.
     *
     * @param item the element
     * @param order where it goes
     * @return false (and nothing changed) if it clashes
     */
    public synchronized boolean insert(T item, Order<? super T> order) {
        T[] current = items;
        int insertAt = 0;
        for (T present : current) {
            int c = order.compare(item, present);
            if (c == 0) {
                return false;
            }
            if (c > 0) {
                insertAt++;
            }
        }
        T[] next = newArray.apply(current.length + 1);
        System.arraycopy(current, 0, next, 0, insertAt);
        next[insertAt] = item;
        System.arraycopy(current, insertAt, next, insertAt + 1, current.length - insertAt);
        items = next;
        return true;
    }

    /**
     * Appends an element.
     *
     * @param item the element
     */
    public synchronized void add(T item) {
        T[] next = Arrays.copyOf(items, items.length + 1);
        next[next.length - 1] = item;
        items = next;
    }

    /**
     * Removes an element; does nothing if it is not there.
     *
     * @param item the element (compared by identity)
     * @return whether it was there
     */
    public synchronized boolean remove(T item) {
        T[] current = items;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == item) {
                T[] next = newArray.apply(current.length - 1);
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                items = next;
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return Arrays.toString(items);
    }
}
