package io.emuhost.api.irq;

import org.osgi.annotation.versioning.ProviderType;

/** Where interrupt listeners register. */
@ProviderType
public interface InterruptEvents {

    /**
     * Adds a listener; it sees every delivery from now on.
     *
     * @param listener the listener
     */
    void addListener(InterruptListener listener);

    /**
     * Removes a listener added before.
     *
     * @param listener the listener
     */
    void removeListener(InterruptListener listener);
}
