package io.emuhost.machine.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.frontend.ConnectionProtocol;
import io.emuhost.machine.internal.ConnectionProtocols;
import io.emuhost.machine.internal.MachineConfig;
import io.emuhost.machine.internal.chardev.SocketClient;
import io.emuhost.machine.internal.cli.FactoryAvailability;
import io.emuhost.machine.internal.cli.FakeFactories;
import io.emuhost.machine.internal.cli.FakeMachine;
import io.emuhost.machine.internal.monitor.EventBus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorSessionTest {

    private final FakeMachine machine = new FakeMachine();
    private final List<MachineConfig> configs = new ArrayList<>();
    private final List<Machine> published = new ArrayList<>();
    private final List<Integer> exits = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String stdin = "";
    private String machineError;
    private ConnectionProtocols protocols = ConnectionProtocols.NONE;

    private EmulatorSession session(String... args) {
        MachineFactory machines = config -> {
            configs.add(config);
            if (machineError != null) {
                throw new ConfigurationException(machineError);
            }
            return machine;
        };
        SessionContext context = new SessionContext(FakeFactories.standard(), protocols, FactoryAvailability.IMMEDIATE, machines,
                published::add, exits::add, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "1.0.0", new EventBus(), List::of, false);
        return new EmulatorSession(args.length == 1 && args[0] == null ? null : List.of(args), context);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void run_help_printsAndExitsZeroWithoutMachine() {
        session("-object", "help").run();

        assertEquals(List.of(0), exits);
        assertTrue(out().startsWith("List of user creatable objects:\n"));
        assertTrue(configs.isEmpty());
    }

    @Test
    void run_commandLineError_printsItAndExitsOne() {
        session("-foo").run();

        assertEquals(List.of(1), exits);
        assertEquals("emuhost: -foo: invalid option\n", err());
    }

    @Test
    void run_seed_buildsPublishesPopulatesAndQuitsWithZero() {
        stdin = "info status\nquit\n";

        session("-m", "1G,slots=2,maxmem=16G", "-object", "memory-backend-file,id=mem1,share=on,mem-path=x,size=4G",
                "-device", "virtio-pmem-pci,memdev=mem1,id=nv1", "-monitor", "stdio").run();

        assertEquals(List.of(new MachineConfig("pc", 1L << 30, 2, OptionalLong.of(16L << 30))), configs);
        assertEquals(1, published.size());
        assertSame(machine, published.get(0));
        assertEquals(List.of("memory-backend-file", "virtio-pmem-pci"),
                machine.calls.stream().map(FakeMachine.Call::type).toList());
        assertTrue(out().contains("(qemu) VM status: running\n"), out());
        assertEquals(List.of(0), exits);
    }

    @Test
    void run_startPaused_showsPrelaunch() {
        stdin = "info status\n";

        session("-S", "-nographic").run();

        assertTrue(out().contains("VM status: paused (prelaunch)\n"), out());
    }

    @Test
    void run_monitorInputEnds_machineKeepsRunning() {
        session("-monitor", "stdio").run();

        assertTrue(exits.isEmpty());
        assertEquals(1, published.size());
    }

    @Test
    void run_noMonitor_returnsWithoutExit() {
        session().run();

        assertTrue(exits.isEmpty());
        assertTrue(out().isEmpty());
    }

    @Test
    void run_deviceError_printsItWithTheOptionAndExitsOne() {
        machine.failing("virtio-pmem-pci", "not enough space, currently 0x0 in use of total space for memory devices 0x0");

        session("-device", "virtio-pmem-pci,memdev=m").run();

        assertEquals(List.of(1), exits);
        assertEquals("emuhost: -device virtio-pmem-pci,memdev=m: not enough space, currently 0x0 in use of total "
                + "space for memory devices 0x0\n", err());
    }

    @Test
    void run_machineCannotBeBuilt_printsAndExitsOne() {
        machineError = "cannot set up guest memory 'pc.ram': Cannot allocate memory";

        session("-m", "1T").run();

        assertEquals(List.of(1), exits);
        assertEquals("emuhost: cannot set up guest memory 'pc.ram': Cannot allocate memory\n", err());
    }

    @Test
    void run_withoutCommandLine_buildsTheDefaultMachineOnly() {
        session((String) null).run();

        assertEquals(List.of(MachineConfig.defaults()), configs);
        assertEquals(1, published.size());
        assertTrue(exits.isEmpty());
    }

    @Test
    void run_qmpSocket_servesClientsAndQuitExitsZero(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("q.sock");
        EmulatorSession session = session("-qmp", "unix:" + socket + ",server=on,wait=off");
        session.run();

        try (SocketClient client = SocketClient.unix(socket)) {
            assertTrue(client.line().startsWith("{\"QMP\": "));
            client.send("{\"execute\": \"qmp_capabilities\"}{\"execute\": \"quit\"}\n");
            assertEquals("{\"return\": {}}", client.line());
            assertTrue(client.line().contains("\"event\": \"SHUTDOWN\""));
            assertEquals("{\"return\": {}}", client.line());
        }
        for (int i = 0; i < 500 && exits.isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertEquals(List.of(0), exits);
        session.close();
        assertFalse(Files.exists(socket));
    }

    @Test
    void run_qtestWithoutItsProtocolBundle_printsTheOptionAndExitsOneBeforeBinding(@TempDir Path dir) {
        String option = "unix:" + dir.resolve("qt.sock") + ",server=on,wait=off";

        session("-qtest", option).run();

        assertEquals(List.of(1), exits);
        assertEquals("emuhost: -qtest " + option + ": no qtest protocol bundle is installed\n", err());
        assertTrue(configs.isEmpty());
        assertFalse(Files.exists(dir.resolve("qt.sock")));
    }

    @Test
    void run_qtestSocket_servesClientsWithTheProtocolServiceAndItsLogOption(@TempDir Path dir) throws Exception {
        EchoProtocol qtest = new EchoProtocol("qtest");
        protocols = name -> name.equals(ConnectionProtocol.QTEST) ? Optional.of(qtest) : Optional.empty();
        Path socket = dir.resolve("qt.sock");
        EmulatorSession session = session("-qtest", "unix:" + socket + ",server=on,wait=off", "-qtest-log", "none");
        session.run();

        try (SocketClient client = SocketClient.unix(socket)) {
            client.send("endianness\n");
            assertEquals("qtest 1: endianness", client.line());
        }
        assertEquals(Map.of(ConnectionProtocol.QTEST_LOG, "none"), qtest.sessions.get(0).options);
        session.close();
        assertTrue(qtest.sessions.get(0).closed, "closing the session closes the protocol session");
    }

    @Test
    void run_socketCannotBeBound_printsTheOptionAndExitsOne(@TempDir Path dir) {
        String option = "unix:" + dir.resolve("no/q.sock") + ",server=on,wait=off";

        session("-qmp", option).run();

        assertEquals(List.of(1), exits);
        assertEquals("emuhost: -qmp " + option + ": Failed to bind socket to " + dir.resolve("no/q.sock")
                + ": No such file or directory\n", err());
        assertTrue(configs.isEmpty());
    }

    @Test
    void run_deviceErrorAfterSocketsOpened_unlinksThem(@TempDir Path dir) {
        machine.failing("virtio-pmem-pci", "bad");

        session("-qmp", "unix:" + dir.resolve("q.sock") + ",server=on,wait=off",
                "-device", "virtio-pmem-pci,memdev=m").run();

        assertEquals(List.of(1), exits);
        assertFalse(Files.exists(dir.resolve("q.sock")));
    }

    @Test
    void close_closesTheBuiltMachine() {
        EmulatorSession session = session();
        session.run();

        session.close();

        assertTrue(machine.closed);
    }
}
