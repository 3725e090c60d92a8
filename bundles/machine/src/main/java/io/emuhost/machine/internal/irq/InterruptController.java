package io.emuhost.machine.internal.irq;

import io.emuhost.api.irq.InterruptEvents;
import io.emuhost.api.irq.InterruptListener;
import io.emuhost.machine.internal.memory.CopyOnWriteArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine's interrupt inputs as an observer sees them: 24 level-triggered GSIs (the I/O APIC's
 * inputs) where every asserting INTx line counts (shared lines are OR'ed), and MSI messages.
 * Listeners live in a {@link CopyOnWriteArray}, so a delivery takes no lock and allocates
 * nothing. INTx level changes are reported while the line's state is locked, so that each GSI's
 * events arrive in order; a listener must therefore hand work off rather than call back into the
 * machine's configuration space (PCI config accesses take the bus lock, which in turn updates
 * lines).
 */
public final class InterruptController implements InterruptEvents {

    /** The number of GSIs (I/O APIC inputs). */
    public static final int GSI_COUNT = 24;

    private static final Logger LOG = LoggerFactory.getLogger(InterruptController.class);

    private final CopyOnWriteArray<InterruptListener> listeners = new CopyOnWriteArray<>(InterruptListener[]::new);
    private final int[] assertions = new int[GSI_COUNT];

    @Override
    public void addListener(InterruptListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(InterruptListener listener) {
        listeners.remove(listener);
    }

    /**
     * Delivers an MSI message to every listener.
     *
     * @param address the message address
     * @param data the message data
     */
    public void deliverMsi(long address, int data) {
        for (InterruptListener listener : listeners.items()) {
            try {
                listener.msi(address, data);
            } catch (RuntimeException e) {
                LOG.warn("interrupt listener {} failed on MSI", listener, e);
            }
        }
    }

    /**
     * Whether a GSI is asserted.
     *
     * @param gsi 0..23
     * @return the level
     */
    public synchronized boolean level(int gsi) {
        return assertions[gsi] > 0;
    }

    /**
     * Whether a number is a GSI this controller has.
     *
     * @param gsi the number
     * @return true for 0..23
     */
    public static boolean isGsi(int gsi) {
        return gsi >= 0 && gsi < GSI_COUNT;
    }

    synchronized void raise(int gsi) {
        if (assertions[gsi]++ == 0) {
            notifyLevel(gsi, true);
        }
    }

    synchronized void lower(int gsi) {
        if (--assertions[gsi] == 0) {
            notifyLevel(gsi, false);
        }
    }

    private void notifyLevel(int gsi, boolean asserted) {
        for (InterruptListener listener : listeners.items()) {
            try {
                listener.intx(gsi, asserted);
            } catch (RuntimeException e) {
                LOG.warn("interrupt listener {} failed on GSI {}", listener, gsi, e);
            }
        }
    }
}
