package io.emuhost.testkit.driver;

import io.emuhost.api.irq.InterruptListener;

/**
 * Counts the interrupts meant for one function and wakes the driver thread waiting for them:
 * MSI messages to {@link #MSI_ADDRESS} whose data falls in the function's range (one count per
 * vector), or assertions of its INTx GSI (counted as vector 0). Called on the machine's delivering
 * thread; never touches the device.
 */
final class InterruptWaiter implements InterruptListener {

    /** The x86 MSI address for APIC 0 (Intel SDM vol. 3 §10.11.1). */
    static final long MSI_ADDRESS = 0xfee0_0000L;

    private final int msiDataBase;
    private final int gsi;
    private final long[] counts;
    private long events;
    private boolean level;

    private InterruptWaiter(int msiDataBase, int vectors, int gsi) {
        this.msiDataBase = msiDataBase;
        this.gsi = gsi;
        this.counts = new long[vectors];
    }

    static InterruptWaiter msix(int dataBase, int vectors) {
        return new InterruptWaiter(dataBase, vectors, -1);
    }

    static InterruptWaiter intx(int gsi) {
        return new InterruptWaiter(0, 1, gsi);
    }

    @Override
    public synchronized void msi(long address, int data) {
        int vector = data - msiDataBase;
        if (gsi < 0 && address == MSI_ADDRESS && vector >= 0 && vector < counts.length) {
            counts[vector]++;
            events++;
            notifyAll();
        }
    }

    @Override
    public synchronized void intx(int line, boolean asserted) {
        if (line == gsi) {
            level = asserted;
            if (asserted) {
                counts[0]++;
                events++;
                notifyAll();
            }
        }
    }

    /**
     * Whether the function's INTx line is asserted now. The line is level-triggered: while it
     * stays asserted (nobody could acknowledge, e.g. the ISR no longer decodes) an interrupt is
     * pending even though no new assertion was counted.
     */
    synchronized boolean lineAsserted() {
        return gsi >= 0 && level;
    }

    /** All interrupts counted so far. */
    synchronized long events() {
        return events;
    }

    /** Interrupts counted for one vector (INTx: vector 0). */
    synchronized long count(int vector) {
        return counts[vector];
    }

    /**
     * Waits until more than {@code seen} interrupts were counted.
     *
     * @return false if the deadline ({@link System#nanoTime()} based) passed first
     */
    synchronized boolean awaitMore(long seen, long deadlineNanos) throws InterruptedException {
        while (events == seen) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(left / 1_000_000, (int) (left % 1_000_000));
        }
        return true;
    }
}
