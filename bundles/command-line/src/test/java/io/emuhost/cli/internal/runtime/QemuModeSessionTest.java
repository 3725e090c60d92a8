package io.emuhost.cli.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.frontend.ConnectionProtocol;
import io.emuhost.cli.internal.options.FactoryAvailability;
import io.emuhost.testkit.machine.FakeFactories;
import io.emuhost.testkit.machine.FakeMachine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --qemu} through the session: a shell script stands in for QEMU and records what it got. */
class QemuModeSessionTest {

    private static final String OBJECT = "memory-backend-file,id=m,share=on,mem-path=x,size=64M";

    @TempDir
    Path dir;

    private final FakeMachine machine = new FakeMachine();
    private final List<Integer> exits = Collections.synchronizedList(new ArrayList<>());
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path qemu;

    @BeforeEach
    void fakeQemu() throws Exception {
        qemu = Files.writeString(dir.resolve("qemu"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + dir.resolve("argv")
                + "\n[ -S /proc/$$/fd/4 ] || exit 99\nexit 3\n");
        Files.setPosixFilePermissions(qemu, PosixFilePermissions.fromString("rwx------"));
    }

    private EmulatorSession session(String... args) {
        MachineFactory machines = (config, shutdownRequests) -> machine.handle();
        ConnectionProtocols protocols = name -> Optional.<ConnectionProtocol>empty();
        SessionContext context = new SessionContext(FakeFactories.standard(), protocols, FactoryAvailability.IMMEDIATE,
                machines, exits::add, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "1.0.0", true);
        return new EmulatorSession(List.of(args), context);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(30)
    void qemuRuns_afterEmuhostServesTheDevice_andItsExitStatusIsEmuhosts() throws Exception {
        EmulatorSession session = session("--qemu", qemu.toString(), "-m", "1G,maxmem=4G", "-object", OBJECT,
                "-device", "virtio-pmem-pci,memdev=m,id=nv1", "-kernel", "k");
        session.run();
        for (int i = 0; i < 1000 && exits.isEmpty(); i++) {
            Thread.sleep(10);
        }
        session.close();

        assertEquals(List.of(3), exits, err());
        assertEquals(List.of("memory-backend-file", "virtio-pmem-pci", "x-remote-object"),
                machine.calls.stream().map(FakeMachine.Call::type).toList(), "the device exists before it is served");
        assertEquals("0x100000000", machine.calls.get(1).properties().get("memaddr"));
        assertEquals("nv1", machine.calls.get(2).properties().get("devid"));
        List<String> argv = Files.readAllLines(dir.resolve("argv"));
        assertTrue(argv.contains("x-pci-proxy-dev,id=nv1,fd=4,addr=0x10.0"), argv.toString());
        assertTrue(argv.contains("pc-dimm,id=nv1-dimm,memdev=m,addr=0x100000000"), argv.toString());
        assertEquals("", err(), "no default monitor on the terminal, which is QEMU's");
    }

    @Test
    void deviceEmuhostRejects_isReportedAtTheOptionAsWritten_andQemuNeverStarts() {
        machine.failing("virtio-pmem-pci", "Property 'virtio-pmem-pci.foo' not found");

        session("--qemu", qemu.toString(), "-m", "1G,maxmem=4G", "-object", OBJECT,
                "-device", "virtio-pmem-pci,memdev=m,foo=bar", "-kernel", "k").run();

        assertEquals(List.of(1), exits);
        assertEquals("emuhost: -device virtio-pmem-pci,memdev=m,foo=bar: Property 'virtio-pmem-pci.foo' not found\n",
                err());
        assertFalse(Files.exists(dir.resolve("argv")), "QEMU was not started");
        assertTrue(machine.calls.stream().noneMatch(call -> call.type().equals("x-remote-object")),
                "no connection waits for the device that failed");
    }

    @Test
    void badOption_isReportedBeforeTheMachineIsBuilt() {
        session("-m", "1G", "--qemu", qemu.toString()).run();

        assertEquals(List.of(1), exits);
        assertTrue(err().startsWith("emuhost: -m: not an emuhost option with --qemu"), err());
        assertTrue(machine.calls.isEmpty());
    }
}
