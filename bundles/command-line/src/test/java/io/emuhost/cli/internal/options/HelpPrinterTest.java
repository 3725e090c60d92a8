package io.emuhost.cli.internal.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.testkit.machine.FakeFactories;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HelpPrinterTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final HelpPrinter printer = new HelpPrinter(FakeFactories.standard(), "1.2.3",
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void print_cpuModels_listsQemusModelsAndHost() {
        assertEquals(0, printer.print(new HelpRequest.CpuModels()));

        assertTrue(out().startsWith("Available CPUs:\nx86 486\nx86 486-v1\nx86 Broadwell\n"), out());
        assertTrue(out().endsWith("x86 qemu64\nx86 qemu64-v1\nx86 base\nx86 host\nx86 max\n"), out());
    }

    @Test
    void print_objectTypes_listsThemSorted() {
        assertEquals(0, printer.print(new HelpRequest.ObjectTypes()));

        assertEquals("List of user creatable objects:\n  memory-backend-file\n  memory-backend-ram\n", out());
    }

    @Test
    void print_objectProperties_listsSortedPropertyLines() {
        printer.print(new HelpRequest.ObjectProperties("-object memory-backend-file,help", "memory-backend-file"));

        assertEquals("memory-backend-file options:\n"
                + "  mem-path=<string>\n"
                + "  share=<bool>           - Mark the memory as private to QEMU or shared (default: false)\n"
                + "  size=<size>            - Size of the memory region (ex: 500M)\n", out());
    }

    @Test
    void print_typeWithoutProperties_saysSo() {
        printer.print(new HelpRequest.ObjectProperties("-object memory-backend-ram,help", "memory-backend-ram"));

        assertEquals("There are no options for memory-backend-ram.\n", out());
    }

    @Test
    void print_unknownObjectType_failsLikeQemu() {
        assertEquals(1, printer.print(new HelpRequest.ObjectProperties("-object nosuch,help", "nosuch")));

        assertEquals("emuhost: -object nosuch,help: Parameter 'qom-type' does not accept value 'nosuch'\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void print_deviceDrivers_listsThemUnderMisc() {
        printer.print(new HelpRequest.DeviceDrivers());

        assertEquals("\nMisc devices:\nname \"virtio-pmem-pci\", bus PCI, desc \"virtio persistent memory\"\n", out());
    }

    @Test
    void print_unknownDevice_reportsNotFoundAndStillExitsZero() {
        assertEquals(0, printer.print(new HelpRequest.DeviceProperties("-device x,help", "x")));

        assertEquals("emuhost: -device x,help: Device 'x' not found\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void print_versionAndUsage_nameTheVersion() {
        printer.print(new HelpRequest.Version());
        assertEquals("emuhost version 1.2.3\n", out());

        printer.print(new HelpRequest.Usage());
        assertTrue(out().contains("usage: emuhost [options]"));
    }
}
