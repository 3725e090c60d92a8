package io.emuhost.machine.internal.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.MachineSpec;
import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.testkit.memory.TestMemoryBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class DeviceMemoryAreaTest {

    private static final long KIB = 1L << 10;
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private static final long FOUR_GIB = 0x1_0000_0000L;

    private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();

    private DeviceMemoryArea area(long ram, int slots, long maxMem) throws ConfigurationException {
        return area(PcMemoryLayout.of(new MachineSpec("pc", ram, slots, OptionalLong.of(maxMem))));
    }

    private DeviceMemoryArea area(PcMemoryLayout layout) {
        return new DeviceMemoryArea(layout, new PrintStream(diagnostics, true, StandardCharsets.UTF_8));
    }

    private static MemoryBackend stub(String id, long size, long alignment) {
        return new TestMemoryBackend(id, size).withAlignment(alignment);
    }

    private static long plug(DeviceMemoryArea area, MemoryBackend backend, long hint) throws ConfigurationException {
        return area.plug(backend, hint, "virtio-pmem", Optional.of(backend.id() + "-dev")).address();
    }

    private static String failure(Executable plug) {
        return assertThrows(ConfigurationException.class, plug).getMessage();
    }

    private String diagnostics() {
        return diagnostics.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plug_4MThen4KThen4MAligned2M_firstFitAsQemu() throws Exception {
        DeviceMemoryArea area = area(GIB, 2, 8 * GIB);

        long first = plug(area, stub("a", 4 * MIB, 4 * KIB), 0);
        long second = plug(area, stub("b", 4 * KIB, 4 * KIB), 0);
        long third = plug(area, stub("c", 4 * MIB, 2 * MIB), 0);

        assertEquals(FOUR_GIB, first);
        assertEquals(0x1_0040_0000L, second);
        assertEquals(0x1_0060_0000L, third);
    }

    @Test
    void plug_afterAHintedDevice_skipsItInAddressOrder() throws Exception {
        DeviceMemoryArea area = area(GIB, 2, 8 * GIB);
        plug(area, stub("a", 256 * MIB, 4 * KIB), 0);
        plug(area, stub("hinted", 64 * MIB, 4 * KIB), 0x2_0000_0000L);

        long second = plug(area, stub("b", 128 * MIB, 4 * KIB), 0);
        long third = plug(area, stub("c", 64 * MIB, 4 * KIB), 0);

        assertEquals(0x1_1000_0000L, second);
        assertEquals(0x1_1800_0000L, third);
        assertEquals(0x2_0000_0000L, area.devices().get(3).address());
    }

    @Test
    void plug_4KThen4MWith4KAlignment_packsRightBehind() throws Exception {
        DeviceMemoryArea area = area(GIB, 2, 8 * GIB);
        plug(area, stub("small", 4 * KIB, 4 * KIB), 0);

        assertEquals(0x1_0000_1000L, plug(area, stub("memfd", 4 * MIB, 4 * KIB), 0));
    }

    @Test
    void plug_overBudget_failsWithNotEnoughSpace() throws Exception {
        DeviceMemoryArea area = area(GIB, 0, 1200 * MIB);

        assertEquals("not enough space, currently 0x0 in use of total space for memory devices 0xb000000",
                failure(() -> plug(area, stub("m", 256 * MIB, 4 * KIB), 0)));
    }

    @Test
    void plug_unalignedHint_failsWithAddressMustBeAligned() throws Exception {
        DeviceMemoryArea area = area(GIB, 2, 8 * GIB);

        assertEquals("address must be aligned to 0x1000 bytes",
                failure(() -> plug(area, stub("m", 256 * MIB, 4 * KIB), -1L)));
    }

    @Test
    void plug_sizeNotMultipleOfAlignment_failsWithBackendMemorySize() throws Exception {
        DeviceMemoryArea area = area(GIB, 2, 8 * GIB);

        assertEquals("backend memory size must be multiple of 0x200000",
                failure(() -> plug(area, stub("ram", 3 * MIB, 2 * MIB), 0)));
    }

    @Test
    void plug_hintOutsideArea_failsWithUsableRange() throws Exception {
        DeviceMemoryArea area = area(GIB, 2, 8 * GIB);

        assertEquals("can't add memory device [0x80000000:0x10000000], usable range for memory devices"
                        + " [0x100000000:0x240000000]",
                failure(() -> plug(area, stub("m", 256 * MIB, 4 * KIB), 0x8000_0000L)));
    }

    @Test
    void plug_sizeWrappingTheAddressSpace_failsWithDeviceTooBig() {
        PcMemoryLayout huge = new PcMemoryLayout(GIB, GIB, 0, FOUR_GIB, FOUR_GIB, -FOUR_GIB, -1L, false);
        DeviceMemoryArea area = area(huge);

        assertEquals("can't add memory device, device too big",
                failure(() -> plug(area, stub("m", -2 * GIB, 4 * KIB), 0)));
    }

    @Test
    void plug_hintOverlappingNamedDevice_failsWithConflictNamingIt() throws Exception {
        DeviceMemoryArea area = area(GIB, 2, 8 * GIB);
        area.plug(stub("m1", 256 * MIB, 4 * KIB), 0, "virtio-pmem", Optional.of("nv1"));

        assertEquals("address range conflicts with memory device id='nv1'",
                failure(() -> plug(area, stub("m2", 256 * MIB, 4 * KIB), 0x1_0800_0000L)));
    }

    @Test
    void plug_hintOverlappingUnnamedDevice_saysUnnamed() throws Exception {
        DeviceMemoryArea area = area(GIB, 2, 8 * GIB);
        area.plug(stub("m1", 256 * MIB, 4 * KIB), 0, "virtio-pmem", Optional.empty());

        assertEquals("address range conflicts with memory device id='(unnamed)'",
                failure(() -> plug(area, stub("m2", 4 * KIB, 4 * KIB), FOUR_GIB)));
    }

    @Test
    void plug_noGapLeft_failsWithFragmented() throws Exception {
        DeviceMemoryArea area = area(GIB, 0, GIB + 512 * MIB);
        plug(area, stub("middle", 256 * MIB, 4 * KIB), FOUR_GIB + 128 * MIB);

        assertEquals("could not find position in guest address space for memory device - memory fragmented due"
                        + " to alignments",
                failure(() -> plug(area, stub("m", 256 * MIB, 4 * KIB), 0)));
    }

    @Test
    void plug_maxmemEqualToRam_failsWithNotEnabled() throws Exception {
        DeviceMemoryArea area = area(GIB, 0, GIB);

        assertEquals("memory devices (e.g. for memory hotplug) are not enabled, please specify the maxmem option",
                failure(() -> plug(area, stub("m", 4 * KIB, 4 * KIB), 0)));
    }

    @Test
    void plug_alignmentAboveAreaBaseAlignment_warnsAndStillPlaces() throws Exception {
        DeviceMemoryArea area = area(GIB, 0, 17 * GIB);

        long address = plug(area, stub("big", 8 * GIB, 8 * GIB), 0);

        assertEquals(0x2_0000_0000L, address);
        assertEquals("warning: the alignment (0x200000000) exceeds the expected maximum alignment, memory will get"
                + " fragmented and not all 'maxmem' might be usable for memory devices.\n", diagnostics());
    }

    @Test
    void plug_automaticArea_printsOneNoteOnFirstPlacementOnly() throws Exception {
        DeviceMemoryArea area = area(PcMemoryLayout.of(MachineSpec.defaults()));

        plug(area, stub("a", 4 * KIB, 4 * KIB), 0);
        plug(area, stub("b", 4 * KIB, 4 * KIB), 0);

        assertEquals("note: maxmem is not set, so device memory [0x100000000:0x7f00000000] was reserved"
                + " automatically; set -m <size>,maxmem=<max>[,slots=<n>] to fix its budget\n", diagnostics());
    }

    @Test
    void plug_withMaxmem_printsNoNote() throws Exception {
        DeviceMemoryArea area = area(GIB, 2, 8 * GIB);

        plug(area, stub("a", 4 * KIB, 4 * KIB), 0);

        assertEquals("", diagnostics());
    }

    @Test
    void unplug_freesTheRangeAndTheBudget() throws Exception {
        DeviceMemoryArea area = area(GIB, 0, GIB + 256 * MIB);
        PlacedMemoryDevice first = area.plug(stub("a", 256 * MIB, 4 * KIB), 0, "virtio-pmem",
                Optional.empty());

        area.unplug(first);

        assertEquals(FOUR_GIB, plug(area, stub("b", 256 * MIB, 4 * KIB), 0));
    }
}
