package io.emuhost.qtest.internal;

import io.emuhost.api.irq.InterruptEvents;
import io.emuhost.api.irq.InterruptListener;
import java.util.Arrays;

/**
 * qtest's IRQ interception (softmmu/qtest.c {@code qtest_irq_handler}): once a device is
 * intercepted, every level change of one of its inputs is sent as {@code IRQ raise N} or
 * {@code IRQ lower N}, where a change is measured against the levels this connection has seen
 * (all 0 when it opened). Only one device can be intercepted for the life of the server, as in
 * QEMU; asking again for the same device is fine.
 *
 * <p>What is reported: with the I/O APIC intercepted ({@code irq_intercept_in ioapic}, or
 * {@code irq_intercept_out ioapic}, which QEMU accepts but reports nothing for), each GSI level
 * change of the machine's INTx routing as {@code IRQ raise|lower GSI}, levels forced with
 * {@code set_irq_in}, and each MSI message as {@code IRQ raise V} then {@code IRQ lower V}
 * where V is the vector, message data bits 7:0 (Intel SDM Vol. 3 §11.11.2). QEMU does not
 * report MSIs at all (they are memory writes); ours are edges on the vector's number, which
 * cannot collide with a GSI (0..23) for a valid vector (16..255, vectors below 32 being reserved,
 * SDM Vol. 3 §6.2). Intercepting a device from {@code /machine/peripheral} reports nothing, as
 * in QEMU (a PCI function has no unnamed GPIOs).
 */
final class IrqInterceptor implements InterruptListener {

    /** libqtest accepts IRQ numbers below 256 (its MAX_IRQ). */
    static final int MAX_IRQ = 256;

    private final InterruptEvents interrupts;
    private final int[] levels = new int[MAX_IRQ];
    private IrqDevice intercepted;
    private boolean listening;
    private QtestOutput output;

    IrqInterceptor(InterruptEvents interrupts) {
        this.interrupts = interrupts;
    }

    /**
     * A client connected: its lines go there, and it has seen no level yet.
     *
     * @param connection the connection's output
     */
    synchronized void attach(QtestOutput connection) {
        output = connection;
        Arrays.fill(levels, 0);
    }

    /** The client went away: changes are tracked but not sent. */
    synchronized void detach() {
        output = null;
    }

    /**
     * {@code irq_intercept_in} / {@code irq_intercept_out}.
     *
     * @param device the resolved device
     * @return the reply, with its newline
     */
    synchronized String intercept(IrqDevice device) {
        if (intercepted != null) {
            return intercepted.equals(device) ? "OK\n" : "FAIL IRQ intercept already enabled\n";
        }
        intercepted = device;
        if (device.isIoapic()) {
            interrupts.addListener(this);
            listening = true;
        }
        return "OK\n";
    }

    /**
     * {@code set_irq_in}: forces an input's level. Without a CPU nothing consumes the level; it
     * is reported when the device is intercepted.
     *
     * @param device the device
     * @param input the input number, checked by the caller
     * @param level the level; nonzero is raised
     */
    synchronized void setInput(IrqDevice device, int input, int level) {
        if (device.equals(intercepted)) {
            changed(input, level);
        }
    }

    @Override
    public synchronized void intx(int gsi, boolean asserted) {
        if (gsi >= 0 && gsi < MAX_IRQ) {
            changed(gsi, asserted ? 1 : 0);
        }
    }

    @Override
    public synchronized void msi(long address, int data) {
        int vector = data & 0xff;
        send("IRQ raise " + vector + "\n");
        send("IRQ lower " + vector + "\n");
    }

    /** Stops listening to the machine. */
    synchronized void close() {
        if (listening) {
            interrupts.removeListener(this);
            listening = false;
        }
    }

    private void changed(int n, int level) {
        if (levels[n] != level) {
            levels[n] = level;
            send(level != 0 ? "IRQ raise " + n + "\n" : "IRQ lower " + n + "\n");
        }
    }

    private void send(String line) {
        if (output != null) {
            output.send(line);
        }
    }
}
