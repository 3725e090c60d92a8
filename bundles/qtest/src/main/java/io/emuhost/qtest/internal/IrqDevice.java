package io.emuhost.qtest.internal;

import io.emuhost.api.machine.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A device that {@code irq_intercept_*} and {@code set_irq_in} name by QOM path, resolved as
 * QEMU's {@code object_resolve_path} does: an absolute path must match whole (empty components
 * are skipped), a partial path matches the end of exactly one path. The pc machine's devices
 * with GPIO inputs: the I/O APIC at {@code /machine/i440fx/ioapic} (24 inputs, one per GSI), so
 * {@code ioapic} and {@code i440fx/ioapic} work as in QEMU's tests, while {@code /machine/ioapic}
 * does not exist (QEMU 7.2 answers {@code FAIL Unknown device}). Devices created with an id
 * live at {@code /machine/peripheral/<id>} and have no GPIO inputs or outputs.
 *
 * @param path the canonical path
 * @param gpioInputs the number of unnamed GPIO inputs
 */
record IrqDevice(String path, int gpioInputs) {

    /** The I/O APIC's canonical path on the pc machine. */
    static final String IOAPIC_PATH = "/machine/i440fx/ioapic";
    /** The I/O APIC's inputs (QEMU's IOAPIC_NUM_PINS). */
    static final int IOAPIC_PINS = 24;

    private static final String PERIPHERAL = "/machine/peripheral/";

    /** @return whether this is the I/O APIC, whose inputs are the machine's GSIs */
    boolean isIoapic() {
        return path.equals(IOAPIC_PATH);
    }

    /**
     * Resolves a path.
     *
     * @param machine the machine whose devices are looked up
     * @param path the path as the client wrote it
     * @return the device, or empty if nothing (or more than one thing) matches
     */
    static Optional<IrqDevice> resolve(Machine machine, String path) {
        List<String> parts = components(path);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        List<IrqDevice> matches = new ArrayList<>();
        IrqDevice ioapic = new IrqDevice(IOAPIC_PATH, IOAPIC_PINS);
        if (matches(components(IOAPIC_PATH), parts, path.startsWith("/"))) {
            matches.add(ioapic);
        }
        String id = parts.get(parts.size() - 1);
        String devicePath = PERIPHERAL + id;
        if (matches(components(devicePath), parts, path.startsWith("/")) && machine.device(id).isPresent()) {
            matches.add(new IrqDevice(devicePath, 0));
        }
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    private static boolean matches(List<String> canonical, List<String> parts, boolean absolute) {
        if (absolute) {
            return canonical.equals(parts);
        }
        return parts.size() <= canonical.size()
                && canonical.subList(canonical.size() - parts.size(), canonical.size()).equals(parts);
    }

    private static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }
}
