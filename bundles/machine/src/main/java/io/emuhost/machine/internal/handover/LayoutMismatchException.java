package io.emuhost.machine.internal.handover;

/**
 * A restored device's PCI function does not look like the one the guest knows (identity, BARs,
 * capability pointer), so it cannot take its place: the guest's driver would see another device.
 */
public final class LayoutMismatchException extends Exception {

    private static final long serialVersionUID = 1L;

    LayoutMismatchException(String what, Object was, Object is) {
        super("restored function differs from the plugged one: " + what + " was " + was + ", is " + is);
    }
}
