package io.emuhost.qtest.internal;

import io.emuhost.api.machine.Machine;
import java.util.Optional;

/**
 * Executes one qtest request and sends its reply (reference §8, softmmu/qtest.c of QEMU 7.2):
 * port I/O, sized and bulk memory accesses through the machine's bus, IRQ interception, the
 * virtual clock, {@code endianness} and {@code module_load}. A request QEMU would crash on
 * throws {@link MalformedRequestException}; the caller answers {@code ERR}.
 */
final class QtestDispatcher {

    private static final String OUT = " ADDR VALUE";
    private static final String IN = " ADDR";
    private static final String INTERCEPT = " QOM-PATH";
    private static final String SET_IRQ_IN = "set_irq_in QOM-PATH NAME NUM LEVEL";
    private static final String CLOCK_STEP = "clock_step [NS]";
    private static final String CLOCK_SET = "clock_set NS";
    private static final String MODULE_LOAD = "module_load PREFIX NAME";
    private static final String UNNAMED_GPIO_IN = "unnamed-gpio-in";
    private static final long MAX_PORT = 0xffff;

    private final Machine machine;
    private final BusAccess access;
    private final MemoryCommands memory;
    private final IrqInterceptor interceptor;
    private final VirtualClock clock;

    QtestDispatcher(Machine machine, IrqInterceptor interceptor, VirtualClock clock) {
        this.machine = machine;
        this.access = new BusAccess(machine.bus());
        this.memory = new MemoryCommands(access);
        this.interceptor = interceptor;
        this.clock = clock;
    }

    /**
     * Executes a request.
     *
     * @param request the request
     * @param out where the reply goes
     * @throws MalformedRequestException if QEMU would assert on it
     */
    void execute(Request request, QtestOutput out) throws MalformedRequestException {
        String command = request.command();
        switch (command) {
            case "irq_intercept_in", "irq_intercept_out" -> intercept(request, out);
            case "set_irq_in" -> setIrqIn(request, out);
            case "outb" -> out(request, out, 1);
            case "outw" -> out(request, out, 2);
            case "outl" -> out(request, out, 4);
            case "inb" -> in(request, out, 1);
            case "inw" -> in(request, out, 2);
            case "inl" -> in(request, out, 4);
            case "writeb" -> write(request, out, 1);
            case "writew" -> write(request, out, 2);
            case "writel" -> write(request, out, 4);
            case "writeq" -> write(request, out, 8);
            case "readb" -> read(request, out, 1);
            case "readw" -> read(request, out, 2);
            case "readl" -> read(request, out, 4);
            case "readq" -> read(request, out, 8);
            case "read" -> memory.read(request, out);
            case "b64read" -> memory.b64read(request, out);
            case "write" -> memory.write(request, out);
            case "b64write" -> memory.b64write(request, out);
            case "memset" -> memory.memset(request, out);
            case "endianness" -> out.send("OK little\n");
            case "clock_step" -> out.send("OK " + (request.has(1)
                    ? clock.step(request.signed(1, CLOCK_STEP)) : clock.stepToNextDeadline()) + "\n");
            case "clock_set" -> out.send("OK " + clock.set(request.signed(1, CLOCK_SET)) + "\n");
            case "module_load" -> moduleLoad(request, out);
            default -> out.send("FAIL Unknown command '" + command + "'\n");
        }
    }

    private void intercept(Request request, QtestOutput out) throws MalformedRequestException {
        Optional<IrqDevice> device = IrqDevice.resolve(machine, request.word(1, request.command() + INTERCEPT));
        out.send(device.isEmpty() ? "FAIL Unknown device\n" : interceptor.intercept(device.get()));
    }

    private void setIrqIn(Request request, QtestOutput out) throws MalformedRequestException {
        String path = request.word(1, SET_IRQ_IN);
        // QEMU asserts all four words are there before it resolves the path
        request.word(4, SET_IRQ_IN);
        Optional<IrqDevice> device = IrqDevice.resolve(machine, path);
        if (device.isEmpty()) {
            out.send("FAIL Unknown device\n");
            return;
        }
        String list = request.word(2, SET_IRQ_IN);
        int input = request.signed32(3, SET_IRQ_IN);
        int level = request.signed32(4, SET_IRQ_IN);
        // QEMU: qdev_get_gpio_in_named asserts n < num_in; only the unnamed list exists here
        if (!list.equals(UNNAMED_GPIO_IN) || input < 0 || input >= device.get().gpioInputs()) {
            throw new MalformedRequestException.NoSuchGpio(path, list, input);
        }
        interceptor.setInput(device.get(), input, level);
        out.send("OK\n");
    }

    private void out(Request request, QtestOutput out, int size) throws MalformedRequestException {
        String usage = request.command() + OUT;
        long port = port(request, usage);
        long value = request.unsigned(2, usage);
        machine.bus().out((int) port, size, (int) value);
        out.send("OK\n");
    }

    private void in(Request request, QtestOutput out, int size) throws MalformedRequestException {
        long port = port(request, request.command() + IN);
        int value = machine.bus().in((int) port, size);
        out.send("OK 0x" + pad(Integer.toHexString(value), 4) + "\n");
    }

    private void write(Request request, QtestOutput out, int size) throws MalformedRequestException {
        String usage = request.command() + OUT;
        access.store(request.unsigned(1, usage), size, request.unsigned(2, usage));
        out.send("OK\n");
    }

    private void read(Request request, QtestOutput out, int size) throws MalformedRequestException {
        long value = access.load(request.unsigned(1, request.command() + IN), size);
        out.send("OK 0x" + pad(Long.toHexString(value), 16) + "\n");
    }

    /** Modules are bundles here; nothing is loadable by QEMU's module names, so QEMU's FAIL. */
    private void moduleLoad(Request request, QtestOutput out) throws MalformedRequestException {
        request.word(2, MODULE_LOAD);
        out.send("FAIL\n");
    }

    private static long port(Request request, String usage) throws MalformedRequestException {
        long port = request.unsigned(1, usage);
        // QEMU: g_assert(addr <= 0xffff)
        if (Long.compareUnsigned(port, MAX_PORT) > 0) {
            throw new MalformedRequestException.PortOutOfRange(port);
        }
        return port;
    }

    private static String pad(String hex, int width) {
        return hex.length() >= width ? hex : "0".repeat(width - hex.length()) + hex;
    }
}
