package io.emuhost.machine.internal.memory;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.memory.MemoryBackend;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The device-memory area and the memory devices placed in it, with QEMU 7.2's checks, messages
 * and first-fit placement (hw/mem/memory-device.c memory_device_pre_plug / get_free_addr).
 * Warnings and the one-time note about an automatic area are printed on the diagnostics stream
 * as {@code warning: <msg>} and {@code note: <msg>} lines.
 */
public final class DeviceMemoryArea {

    private final PcMemoryLayout layout;
    private final PrintStream diagnostics;
    private final List<PlacedMemoryDevice> devices = new ArrayList<>();
    private boolean noteShown;

    /**
     * Creates the area.
     *
     * @param layout the machine's memory layout
     * @param diagnostics where warnings and notes go
     */
    public DeviceMemoryArea(PcMemoryLayout layout, PrintStream diagnostics) {
        this.layout = layout;
        this.diagnostics = diagnostics;
    }

    /**
     * Places a memory device: at the hint if nonzero, else first fit from the area's base.
     *
     * @param backend the memory; its size and alignment decide the range
     * @param hint the requested address, 0 for automatic placement
     * @param type the memory-device kind
     * @param id the device id
     * @return the placed device, now counted in the area
     * @throws ConfigurationException with QEMU's wording, in QEMU's order of checks
     */
    public synchronized PlacedMemoryDevice plug(MemoryBackend backend, long hint, String type, Optional<String> id)
            throws ConfigurationException {
        long size = backend.size();
        long align = backend.alignment();
        long areaBase = layout.deviceMemoryBase();
        long areaSize = layout.deviceMemorySize();
        if (areaSize == 0) {
            throw new ConfigurationException("memory devices (e.g. for memory hotplug) are not enabled,"
                    + " please specify the maxmem option");
        }
        if ((areaBase & (align - 1)) != 0) {
            diagnostics.println(String.format("warning: the alignment (0x%x) exceeds the expected maximum alignment,"
                    + " memory will get fragmented and not all 'maxmem' might be usable for memory devices.", align));
        }
        long used = usedBytes();
        long budget = layout.deviceMemoryBudget();
        if (Long.compareUnsigned(used + size, used) < 0 || Long.compareUnsigned(used + size, budget) > 0) {
            throw new ConfigurationException(String.format("not enough space, currently 0x%x in use of total space"
                    + " for memory devices 0x%x", used, budget));
        }
        if (hint != 0 && (hint & (align - 1)) != 0) {
            throw new ConfigurationException(String.format("address must be aligned to 0x%x bytes", align));
        }
        if ((size & (align - 1)) != 0) {
            throw new ConfigurationException(String.format("backend memory size must be multiple of 0x%x", align));
        }
        long start;
        if (hint != 0) {
            if (overflows(hint, size) || !inArea(hint, size)) {
                throw new ConfigurationException(String.format("can't add memory device [0x%x:0x%x], usable range for"
                        + " memory devices [0x%x:0x%x]", hint, size, areaBase, areaSize));
            }
            start = hint;
        } else {
            start = PcMemoryLayout.alignUp(areaBase, align);
            if (overflows(start, size)) {
                throw new ConfigurationException("can't add memory device, device too big");
            }
        }
        start = firstFit(start, size, align, hint != 0);
        if (start == 0 || !inArea(start, size)) {
            throw new ConfigurationException("could not find position in guest address space for memory device"
                    + " - memory fragmented due to alignments");
        }
        PlacedMemoryDevice placed = new PlacedMemoryDevice(type, id, start, size, backend);
        insertSorted(placed);
        showNoteOnce();
        return placed;
    }

    /** Walks the devices by address; returns the start that fits, or 0 when none does. */
    private long firstFit(long start, long size, long align, boolean hinted) throws ConfigurationException {
        for (PlacedMemoryDevice d : devices) {
            long last = start + size - 1;
            if (d.address() <= last && start <= d.last()) {
                if (hinted) {
                    throw new ConfigurationException("address range conflicts with memory device id='"
                            + d.id().orElse("(unnamed)") + "'");
                }
                long next = PcMemoryLayout.alignUp(d.last() + 1, align);
                if (next == 0 || overflows(next, size)) {
                    return 0;
                }
                start = next;
            } else if (d.address() > last) {
                break;
            }
        }
        return start;
    }

    private boolean inArea(long start, long size) {
        long areaBase = layout.deviceMemoryBase();
        long areaLast = areaBase + layout.deviceMemorySize() - 1;
        return Long.compareUnsigned(start, areaBase) >= 0
                && Long.compareUnsigned(start + size - 1, areaLast) <= 0;
    }

    private static boolean overflows(long start, long size) {
        return Long.compareUnsigned(start + size, start) < 0 || start + size - 1 < 0;
    }

    private void insertSorted(PlacedMemoryDevice placed) {
        int at = 0;
        while (at < devices.size() && devices.get(at).address() < placed.address()) {
            at++;
        }
        devices.add(at, placed);
    }

    private void showNoteOnce() {
        if (layout.automatic() && !noteShown) {
            noteShown = true;
            diagnostics.println(String.format("note: maxmem is not set, so device memory [0x%x:0x%x] was reserved"
                    + " automatically; set -m <size>,maxmem=<max>[,slots=<n>] to fix its budget",
                    layout.deviceMemoryBase(), layout.deviceMemorySize()));
        }
    }

    /**
     * Takes a device out of the area; does nothing if it is not placed.
     *
     * @param placed the device (compared by identity)
     */
    public synchronized void unplug(PlacedMemoryDevice placed) {
        devices.removeIf(d -> d == placed);
    }

    /**
     * The placed devices, by address.
     *
     * @return a snapshot
     */
    public synchronized List<PlacedMemoryDevice> devices() {
        return List.copyOf(devices);
    }

    /**
     * The bytes used by placed devices (memory_device_used_region_size).
     *
     * @return the sum of their sizes
     */
    public synchronized long usedBytes() {
        long used = 0;
        for (PlacedMemoryDevice d : devices) {
            used += d.size();
        }
        return used;
    }

    /**
     * The layout the area belongs to.
     *
     * @return the layout
     */
    public PcMemoryLayout layout() {
        return layout;
    }
}
