package io.emuhost.itests.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.MachineSpec;
import io.emuhost.backend.file.internal.FileBackendFactory;
import io.emuhost.backend.file.internal.RamBackendFactory;
import io.emuhost.cli.internal.options.CommandLine;
import io.emuhost.cli.internal.options.CommandLineParser;
import io.emuhost.machine.internal.MachineImpl;
import io.emuhost.machine.internal.StaticFactories;
import io.emuhost.monitor.internal.CommandRegistry;
import io.emuhost.monitor.internal.EventBus;
import io.emuhost.monitor.internal.MonitorContext;
import io.emuhost.monitor.internal.hmp.VmStatus;
import io.emuhost.virtio.pci.internal.VirtioPciTransport;
import io.emuhost.virtio.pmem.internal.VirtioPmemPciFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: {@code -m 1G,slots=2,maxmem=2T} with a 1 TiB sparse {@code memory-backend-file} and
 * {@code virtio-pmem-pci}, from the command line's parser to QMP: refused with QEMU 7.2's words
 * under the default qemu64 (40 bits), started with {@code -cpu qemu64,phys-bits=48}, where QEMU
 * 7.2 too puts the device at 1 TiB; the file stays sparse.
 */
class SparseTebibyteTest {

    private static final long TIB = 1L << 40;

    @TempDir
    Path dir;

    private final PrintStream diagnostics = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private MachineSpec spec(String... cpu) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("-m", "1G,slots=2,maxmem=2T"));
        args.addAll(List.of(cpu));
        return assertInstanceOf(CommandLine.class, new CommandLineParser(diagnostics, false).parse(args)).machine();
    }

    private final StaticFactories factories = new StaticFactories(
            Map.of("memory-backend-file", new FileBackendFactory(), "memory-backend-ram", new RamBackendFactory()),
            Map.of(VirtioPmemPciFactory.DRIVER, new VirtioPmemPciFactory(new VirtioPciTransport())));

    private MachineImpl machine(MachineSpec spec) throws ConfigurationException {
        return new MachineImpl(spec, factories, diagnostics);
    }

    @Test
    void withoutCpu_isRefusedWithQemusWords() throws Exception {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> machine(spec()));

        assertEquals("Address space limit 0xffffffffff < 0x300bfffffff phys-bits too low (40)", e.getMessage());
    }

    @Test
    void physBits48_startsAndTheFileStaysSparse() throws Exception {
        Path file = dir.resolve("tib.img");
        try (MachineImpl machine = machine(spec("-cpu", "qemu64,phys-bits=48"))) {
            machine.addObject("memory-backend-file", Map.of("id", "m1", "mem-path", file.toString(), "size", "1T",
                    "share", "on"), Frontend.COMMAND_LINE);
            machine.addDevice(VirtioPmemPciFactory.DRIVER, Map.of("id", "nv1", "memdev", "m1"), Frontend.COMMAND_LINE);
            // touch three pages: the start, the middle and the last page of the 1 TiB region
            for (long offset : new long[] {0, TIB / 2, TIB - 4096}) {
                machine.bus().memory().writeLong(TIB + offset, 0x5a5a_5a5a_5a5a_5a5aL);
            }

            CommandRegistry qmp = new CommandRegistry(new MonitorContext(machine, factories, new EventBus(),
                    diagnostics, VmStatus.PRELAUNCH, "9.9", Optional.empty()), List::of, () -> { });
            assertEquals("[{\"type\":\"virtio-pmem\",\"data\":{\"memdev\":\"/objects/m1\",\"memaddr\":1099511627776,"
                    + "\"size\":1099511627776,\"id\":\"nv1\"}}]",
                    MonitorFixture.json(qmp.executeQmp("query-memory-devices", Map.of())));
            assertEquals(48, MonitorFixture.JSON.readTree(MonitorFixture.json(qmp.executeQmp("qom-get",
                    Map.of("path", "/machine/unattached/device[0]", "property", "phys-bits")))).asInt());

            assertEquals(TIB, Files.size(file));
            long allocated = allocatedBytes(file);
            assertTrue(allocated <= 3 * (2L << 20), "the file stays sparse: " + allocated + " bytes allocated");
        }
        assertFalse(allocatedBytes(file) > 3 * (2L << 20));
    }

    /** st_blocks × 512, as du reports it. */
    private static long allocatedBytes(Path file) throws Exception {
        Process stat = new ProcessBuilder("stat", "-c", "%b", file.toString()).redirectErrorStream(true).start();
        String blocks = new String(stat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertEquals(0, stat.waitFor(), blocks);
        return Long.parseLong(blocks) * 512;
    }
}
