package io.emuhost.api.irq;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Observes the interrupts the machine delivers to its (absent or external) CPU: what qtest's
 * {@code irq_intercept_*} reports and what a driver in the testkit waits for. Called on the
 * delivering thread; must return quickly.
 */
@ConsumerType
public interface InterruptListener {

    /**
     * An MSI message was delivered.
     *
     * @param address message address
     * @param data message data
     */
    void msi(long address, int data);

    /**
     * A GSI (interrupt-controller input) changed level.
     *
     * @param gsi the global system interrupt number
     * @param asserted the new level
     */
    void intx(int gsi, boolean asserted);
}
