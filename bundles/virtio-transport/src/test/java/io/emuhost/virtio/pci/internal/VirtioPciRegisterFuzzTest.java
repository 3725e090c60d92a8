package io.emuhost.virtio.pci.internal;

import static io.emuhost.api.virtio.VirtioIds.STATUS_ACKNOWLEDGE;
import static io.emuhost.api.virtio.VirtioIds.STATUS_DRIVER;
import static io.emuhost.api.virtio.VirtioIds.STATUS_DRIVER_OK;
import static io.emuhost.api.virtio.VirtioIds.STATUS_FEATURES_OK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.emuhost.api.bus.IoHandler;
import io.emuhost.api.device.ConfigurationException;
import java.util.List;

/**
 * Fuzz target: random sequences of (region, offset, width, value) reads and writes against a
 * wrapped virtio device — BAR4 (common configuration, ISR, device configuration, notifications,
 * virtio 1.2 §4.1.4), the MSI-X table and PBA in BAR1 (PCI 3.0 §6.8.2), and PCI configuration
 * space — with MSI-X and with INTx only. Invariants: no access throws (a guest register access
 * has no error path: bad values are ignored or set NEEDS_RESET); after a reset the function
 * negotiates, sets DRIVER_OK and delivers a queue notification as for a fresh driver.
 * Regression inputs: {@code VirtioPciRegisterFuzzTestInputs/registerAccesses/}.
 */
class VirtioPciRegisterFuzzTest {

    private static final int[] WIDTHS = {1, 2, 4, 8};
    private static final int MAX_ACCESSES = 64;
    private static final int CONFIG_SPACE = 256;
    private static final int ALL_OK = STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK | STATUS_DRIVER_OK;

    private final PciTestBed msix;
    private final PciTestBed intx;
    private final long msixBarSize;

    VirtioPciRegisterFuzzTest() throws ConfigurationException {
        msix = PciTestBed.pmem();
        intx = PciTestBed.pmem("vectors", "0");
        msixBarSize = msix.function.bars().stream().filter(bar -> bar.index() == VirtioPciFunction.MSIX_BAR)
                .findFirst().orElseThrow().size();
    }

    @FuzzTest
    void registerAccesses(FuzzedDataProvider data) {
        PciTestBed bed = data.consumeBoolean() ? msix : intx;
        if (data.consumeBoolean()) {
            bed.start(PciTestBed.VERSION_1);
        }
        IoHandler msixBar = bed == msix ? bed.bar(VirtioPciFunction.MSIX_BAR) : null;
        int accesses = data.consumeInt(0, MAX_ACCESSES);
        for (int i = 0; i < accesses; i++) {
            int width = WIDTHS[data.consumeInt(0, WIDTHS.length - 1)];
            boolean write = data.consumeBoolean();
            long value = data.consumeLong();
            switch (data.consumeInt(0, 2)) {
                case 0 -> access(bed.bar4, barOffset(data, ModernBar.SIZE, width), width, write, value);
                case 1 -> {
                    if (msixBar != null) {
                        access(msixBar, data.consumeLong(0, msixBarSize - width), width, write, value);
                    }
                }
                default -> {
                    int configWidth = Math.min(width, 4);
                    int offset = data.consumeInt(0, CONFIG_SPACE - configWidth);
                    if (write) {
                        bed.function.writeConfig(offset, configWidth, (int) value);
                    } else {
                        bed.function.readConfig(offset, configWidth);
                    }
                }
            }
        }

        servesAFreshDriver(bed);
    }

    /** Mostly the first bytes of a region, where the registers are; sometimes anywhere in the BAR. */
    private static long barOffset(FuzzedDataProvider data, long barSize, int width) {
        if (data.consumeInt(0, 7) == 0) {
            return data.consumeLong(0, barSize - width);
        }
        long region = ModernBar.REGION_SIZE * data.consumeInt(0, (int) (barSize / ModernBar.REGION_SIZE) - 1);
        return region + data.consumeInt(0, 0x40);
    }

    private static void access(IoHandler handler, long offset, int width, boolean write, long value) {
        if (write) {
            handler.write(offset, width, value);
        } else {
            handler.read(offset, width);
        }
    }

    /** A system reset, then what Linux's virtio-pci driver does (virtio 1.2 §3.1.1). */
    private static void servesAFreshDriver(PciTestBed bed) {
        bed.function.reset();
        bed.device.activations.clear();
        bed.device.notifiedQueues.clear();
        bed.device.driverFeatures.clear();
        bed.msi.messages.clear();

        bed.start(PciTestBed.VERSION_1);
        bed.write(PciTestBed.NOTIFY, 2, 0);

        assertEquals(ALL_OK, bed.status(), "device status after a fresh start");
        assertEquals(1, bed.device.activations.size(), "activations");
        assertEquals(List.of(0), bed.device.notifiedQueues, "notifications");
        bed.function.reset();
    }
}
