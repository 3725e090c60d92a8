package io.emuhost.karaf.shell.internal;

import io.emuhost.testkit.machine.FakeMachine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InfoReportTest {

    private final FakeMachine machine = new FakeMachine().mainRam(128L << 20).backend("mem1", 64L << 20)
            .pmem("nv1", 2, 0x100000000L, 64L << 20, "mem1");

    @Test
    void memoryDevices_hmpShape() {
        assertEquals("""
                Memory device [virtio-pmem]: "nv1"
                  memaddr: 0x100000000
                  size: 67108864
                  memdev: /objects/mem1
                """, InfoReport.format("memory-devices", machine));
    }

    @Test
    void memdev_hmpShape() {
        String text = InfoReport.format("memdev", machine);

        assertEquals("memory backend: pc.ram\n  size:  134217728\n", text.substring(0, text.indexOf("  merge")));
    }

    @Test
    void pci_locationIdsBarsAndId() {
        assertEquals("""
                  Bus  0, device   2, function 0:
                    Class 0384: PCI device 1af4:105b
                      PCI subsystem 1af4:1100
                      BAR4: 64 bit prefetchable memory at 0xfebfc000 [0xfebfffff].
                      id "nv1"
                """, InfoReport.format("pci", machine));
    }

    @Test
    void unknownTopic_namesTheTopics() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InfoReport.format("cpus", machine));

        assertEquals("unknown topic 'cpus', expected one of memory-devices, memdev, pci", e.getMessage());
    }
}
