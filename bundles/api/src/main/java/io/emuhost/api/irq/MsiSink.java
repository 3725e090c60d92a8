package io.emuhost.api.irq;

import org.osgi.annotation.versioning.ProviderType;

/** Delivers message-signalled interrupts (PCI Local Bus 3.0 §6.8): a DWORD write to an address. */
@ProviderType
public interface MsiSink {

    /**
     * Sends one MSI message. Allocates nothing; never blocks.
     *
     * @param address the message address (0xfeeXXXXX on x86)
     * @param data the message data
     */
    void deliver(long address, int data);
}
