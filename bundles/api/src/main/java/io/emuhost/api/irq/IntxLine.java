package io.emuhost.api.irq;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A level-triggered legacy interrupt line (INTx) of one PCI function. The machine routes it to a
 * GSI and honours the function's Interrupt Disable command bit.
 */
@ProviderType
public interface IntxLine {

    /**
     * Sets the line's level. Setting the level it already has does nothing.
     *
     * @param asserted true to assert, false to deassert
     */
    void set(boolean asserted);
}
