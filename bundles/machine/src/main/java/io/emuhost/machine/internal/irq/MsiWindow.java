package io.emuhost.machine.internal.irq;

import io.emuhost.api.bus.IoHandler;

/**
 * The x86 MSI address window at 0xFEE00000..0xFEEFFFFF: a DWORD write there is an interrupt
 * message (Intel SDM Vol. 3 §11.11.1), delivered to the controller; reads return 0.
 */
public final class MsiWindow implements IoHandler {

    /** The window's base address. */
    public static final long BASE = 0xfee0_0000L;
    /** The window's size: 1 MiB. */
    public static final long SIZE = 1L << 20;

    private final InterruptController controller;

    /**
     * Creates the window.
     *
     * @param controller where messages go
     */
    public MsiWindow(InterruptController controller) {
        this.controller = controller;
    }

    @Override
    public long read(long offset, int size) {
        return 0;
    }

    @Override
    public void write(long offset, int size, long value) {
        controller.deliverMsi(BASE + offset, (int) value);
    }
}
