package io.emuhost.machine.internal.irq;

import io.emuhost.api.irq.IntxLine;

/**
 * One PCI function's INTx line, routed to the GSI its Interrupt Line register names (as the
 * firmware programmed the PIIX router) and gated by the Interrupt Disable command bit
 * (PCI Local Bus 3.0 §6.2.2). The level the function requested stays visible to the
 * Interrupt Status bit whatever the gate says (§6.2.3).
 */
public final class RoutedIntxLine implements IntxLine {

    private static final int NOT_ASSERTED = -1;

    private final InterruptController controller;
    private boolean requested;
    private boolean disabled;
    private int gsi = NOT_ASSERTED;
    private int assertedGsi = NOT_ASSERTED;

    /**
     * Creates an unrouted, deasserted line.
     *
     * @param controller where the line's level goes
     */
    public RoutedIntxLine(InterruptController controller) {
        this.controller = controller;
    }

    @Override
    public synchronized void set(boolean asserted) {
        requested = asserted;
        update();
    }

    /**
     * The level the function requested (the Interrupt Status bit).
     *
     * @return true if asserted by the function
     */
    public synchronized boolean requested() {
        return requested;
    }

    /**
     * Routes the line; values that are no GSI (0, 0xff "unknown", ≥ 24) leave it unconnected.
     *
     * @param interruptLine the Interrupt Line register
     */
    public synchronized void route(int interruptLine) {
        gsi = interruptLine > 0 && InterruptController.isGsi(interruptLine) ? interruptLine : NOT_ASSERTED;
        update();
    }

    /**
     * Follows the Interrupt Disable bit of the command register.
     *
     * @param interruptDisable true when the bit is set
     */
    public synchronized void disable(boolean interruptDisable) {
        disabled = interruptDisable;
        update();
    }

    /** Deasserts for good: the function left the bus. */
    public synchronized void detach() {
        requested = false;
        update();
    }

    private void update() {
        int target = requested && !disabled ? gsi : NOT_ASSERTED;
        if (target == assertedGsi) {
            return;
        }
        if (assertedGsi != NOT_ASSERTED) {
            controller.lower(assertedGsi);
        }
        if (target != NOT_ASSERTED) {
            controller.raise(target);
        }
        assertedGsi = target;
    }
}
