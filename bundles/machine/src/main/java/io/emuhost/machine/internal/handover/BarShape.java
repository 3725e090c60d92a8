package io.emuhost.machine.internal.handover;

import io.emuhost.api.bus.MmioBar;
import io.emuhost.api.bus.PciBar;
import io.emuhost.api.bus.RamBar;
import io.emuhost.api.memory.MemoryBackend;
import java.util.List;

/**
 * What the guest sees of a BAR: number, size, width, prefetchable bit and kind; for a RAM BAR
 * also the memory behind it. A restored function must have the same shapes, and keeping shapes
 * rather than the BARs keeps nothing of the function that had them.
 *
 * @param index BAR number
 * @param size size in bytes
 * @param is64Bit 64-bit BAR
 * @param prefetchable prefetchable bit
 * @param registers true for registers (MMIO), false for RAM
 * @param backend the memory of a RAM BAR, else null
 */
record BarShape(int index, long size, boolean is64Bit, boolean prefetchable, boolean registers,
        MemoryBackend backend) {

    static List<BarShape> of(List<PciBar> bars) {
        return bars.stream().map(BarShape::of).toList();
    }

    private static BarShape of(PciBar bar) {
        return new BarShape(bar.index(), bar.size(), bar.is64Bit(), bar.prefetchable(), bar instanceof MmioBar,
                bar instanceof RamBar ram ? ram.backend() : null);
    }

    @Override
    public String toString() {
        return String.format("BAR%d[%s%s%s, 0x%x]", index, registers ? "mmio" : "ram", is64Bit ? " 64-bit" : "",
                prefetchable ? " pref" : "", size);
    }
}
