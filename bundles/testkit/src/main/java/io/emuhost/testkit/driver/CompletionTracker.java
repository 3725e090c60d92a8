package io.emuhost.testkit.driver;

import io.emuhost.testkit.virtqueue.DriverSplitQueue;
import java.lang.invoke.VarHandle;
import java.time.Duration;

/**
 * Turns interrupts into completed chains, as Linux's vp_interrupt and vring_interrupt do: after
 * each interrupt for the function it acknowledges it (INTx: reads the ISR), reports a
 * configuration change, and drains every queue's used ring, marking each returned head done.
 * Waiters look at the used rings only after an interrupt, so a missing interrupt shows up as a
 * {@link VirtioDriverException.CompletionTimeout}.
 */
final class CompletionTracker {

    /** The function side of interrupt handling. */
    interface Acknowledger {

        /** Reads (and so clears) the ISR; INTx only. */
        int readIsr();

        /** A configuration change notification arrived. */
        void configChanged();

        /**
         * Whether the function is still on the bus (its vendor ID does not read all ones).
         *
         * @return false once it was unplugged
         */
        boolean present();

        /**
         * What to throw when the function left while a head was in flight.
         *
         * @param queue the queue
         * @param head the head
         * @return the exception
         */
        VirtioDriverException removed(int queue, int head);
    }

    /** How often a waiting driver checks that the function is still there. */
    static final long PRESENCE_CHECK_NANOS = 20_000_000L;

    private static final int CONFIG_VECTOR = 0;

    private final DriverSplitQueue[] queues;
    private final InterruptWaiter waiter;
    private final boolean msix;
    private final Acknowledger ack;
    private final Duration timeout;
    private final boolean[][] done;
    private final int[][] usedLength;
    private long handledEvents;
    private long handledConfigInterrupts;

    CompletionTracker(DriverSplitQueue[] queues, InterruptWaiter waiter, boolean msix, Acknowledger ack,
            Duration timeout) {
        this.queues = queues.clone();
        this.waiter = waiter;
        this.msix = msix;
        this.ack = ack;
        this.timeout = timeout;
        this.done = new boolean[queues.length][];
        this.usedLength = new int[queues.length][];
        for (int q = 0; q < queues.length; q++) {
            done[q] = new boolean[queues[q].size()];
            usedLength[q] = new int[queues[q].size()];
        }
    }

    /**
     * Waits for a head, handling interrupts as they come. The machine has no hotplug controller
     * to tell the driver about a removal, so the wait checks every {@link #PRESENCE_CHECK_NANOS}
     * that the function is still there; a function only leaves after its last interrupt, so the
     * interrupts counted before it is seen gone are handled first, and the used rings are read
     * once more before the head is given up.
     */
    synchronized int awaitUsed(int queue, int head) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done[queue][head]) {
            long events = waiter.events();
            if (System.nanoTime() - deadline >= 0) {
                throw new VirtioDriverException.CompletionTimeout(queue, head, timeout, events);
            }
            if (events != handledEvents || waiter.lineAsserted()) {
                // an INTx line still asserted after its handler ran is delivered again (level-triggered)
                handledEvents = events;
                handleInterrupt();
            } else if (!waiter.awaitMore(events, Math.min(deadline, System.nanoTime() + PRESENCE_CHECK_NANOS))
                    && !ack.present() && waiter.events() == events) {
                // the function left; what it answered before may have come without an interrupt
                // the driver could see (INTx already asserted, ISR unreadable): look once more
                drainAll();
                if (!done[queue][head]) {
                    throw ack.removed(queue, head);
                }
            }
        }
        done[queue][head] = false;
        return usedLength[queue][head];
    }

    private void handleInterrupt() {
        boolean configChanged;
        if (msix) {
            long configInterrupts = waiter.count(CONFIG_VECTOR);
            configChanged = configInterrupts != handledConfigInterrupts;
            handledConfigInterrupts = configInterrupts;
        } else {
            // virtio 1.2 §4.1.4.5: reading the ISR clears it and deasserts INTx
            configChanged = (ack.readIsr() & CommonCfg.ISR_CONFIG) != 0;
        }
        if (configChanged) {
            ack.configChanged();
        }
        drainAll();
    }

    private void drainAll() {
        for (int q = 0; q < queues.length; q++) {
            drain(q);
        }
    }

    /** Collects used elements, then re-arms used_event and re-checks (Linux's virtqueue_enable_cb). */
    private void drain(int q) {
        DriverSplitQueue queue = queues[q];
        do {
            while (queue.takeUsed()) {
                int id = queue.takenId();
                if (id >= 0 && id < done[q].length) {
                    done[q][id] = true;
                    usedLength[q][id] = queue.takenLength();
                }
            }
            // virtio 1.2 §2.7.10: used_event asks for a notification once used.idx passes it
            queue.setUsedEvent(queue.lastUsedIdx());
            VarHandle.fullFence();
        } while (queue.usedIdx() != queue.lastUsedIdx());
    }
}
