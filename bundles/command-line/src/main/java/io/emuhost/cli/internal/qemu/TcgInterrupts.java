package io.emuhost.cli.internal.qemu;

import java.util.Optional;

/**
 * How a proxied device's INTx reaches a guest under TCG, where QEMU's x-pci-proxy-dev delivers
 * it through KVM irqfd only (shared/reference/qemu-multiprocess.md §1 item 7). emuhost's option
 * {@code -tcg-intx}.
 */
enum TcgInterrupts {
    /**
     * The guest polls ({@code irqpoll noapictimer}): works with any guest, about 4 ms per flush.
     * The default.
     */
    IRQPOLL("irqpoll"),
    /**
     * A {@code pci-serial} in function 1 of the proxied slot that emuhost rings (one byte per
     * interrupt): about 0.8 ms per flush, but the guest must keep the UART open.
     */
    DOORBELL("doorbell");

    private final String word;

    TcgInterrupts(String word) {
        this.word = word;
    }

    /** The option's value for this mode. */
    String word() {
        return word;
    }

    static Optional<TcgInterrupts> of(String word) {
        for (TcgInterrupts mode : values()) {
            if (mode.word.equals(word)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
