package io.emuhost.cli.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.frontend.ConnectionProtocol;
import io.emuhost.api.machine.MachineSpec;
import io.emuhost.cli.internal.options.FactoryAvailability;
import io.emuhost.testkit.machine.FakeFactories;
import io.emuhost.testkit.machine.FakeMachine;
import io.emuhost.testkit.socket.SocketClient;
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
    private final List<MachineSpec> configs = new ArrayList<>();
    private final List<Integer> exits = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String stdin = "";
    private String machineError;
    private final EchoProtocol hmp = new EchoProtocol(ConnectionProtocol.HMP);
    private final EchoProtocol qmp = new EchoProtocol(ConnectionProtocol.QMP);
    private final EchoProtocol qtest = new EchoProtocol(ConnectionProtocol.QTEST);
    private Map<String, ConnectionProtocol> installed = Map.of(ConnectionProtocol.HMP, hmp, ConnectionProtocol.QMP, qmp);

    private EmulatorSession session(String... args) {
        MachineFactory machines = (config, shutdownRequests) -> {
            configs.add(config);
            if (machineError != null) {
                throw new ConfigurationException(machineError);
            }
            machine.owner = shutdownRequests;
            return machine.handle();
        };
        ConnectionProtocols protocols = name -> Optional.ofNullable(installed.get(name));
        SessionContext context = new SessionContext(FakeFactories.standard(), protocols, FactoryAvailability.IMMEDIATE,
                machines, exits::add, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "1.0.0", false);
        return new EmulatorSession(List.of(args), context);
    }

    private void awaitExit() throws InterruptedException {
        for (int i = 0; i < 500 && exits.isEmpty(); i++) {
            Thread.sleep(10);
        }
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
    void run_seed_buildsPopulatesServesTheHumanMonitorAndQuitsWithZero() throws InterruptedException {
        stdin = "info status\nquit\n";

        session("-m", "1G,slots=2,maxmem=16G", "-object", "memory-backend-file,id=mem1,share=on,mem-path=x,size=4G",
                "-device", "virtio-pmem-pci,memdev=mem1,id=nv1", "-monitor", "stdio").run();
        awaitExit();

        assertEquals(List.of(new MachineSpec("pc", 1L << 30, 2, OptionalLong.of(16L << 30))), configs);
        assertEquals(List.of("memory-backend-file", "virtio-pmem-pci"),
                machine.calls.stream().map(FakeMachine.Call::type).toList());
        assertTrue(out().contains("hmp 1: info status\r\nhmp 1: quit\r\n"), out());
        assertEquals(Map.of(ConnectionProtocol.CHARDEV, "compat_monitor0", ConnectionProtocol.PRELAUNCH, "off",
                ConnectionProtocol.ECHO, "off"), hmp.sessions.get(0).options);
        assertEquals(List.of("host-qmp-quit"), machine.shutdownRequests);
        assertEquals(List.of(0), exits);
        assertTrue(hmp.sessions.get(0).shutDown, "quit lets the monitor finish before the exit");
    }

    @Test
    void run_startPausedWithAName_tellsTheMonitor() {
        session("-S", "-name", "guest1", "-nographic").run();

        assertEquals(Map.of(ConnectionProtocol.CHARDEV, "compat_monitor0", ConnectionProtocol.PRELAUNCH, "on",
                ConnectionProtocol.ECHO, "off", ConnectionProtocol.NAME, "guest1"), hmp.sessions.get(0).options);
    }

    @Test
    void run_monitorInputEnds_machineKeepsRunning() {
        session("-monitor", "stdio").run();

        assertTrue(exits.isEmpty());
        assertFalse(machine.closed);
    }

    @Test
    void run_monitorWithoutItsProtocolBundle_printsTheOptionAndExitsOneBeforeBuilding() {
        installed = Map.of();

        session("-monitor", "stdio").run();

        assertEquals(List.of(1), exits);
        assertEquals("emuhost: -monitor stdio: no hmp protocol bundle is installed\n", err());
        assertTrue(configs.isEmpty());
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
    void run_qmpSocket_servesClientsAndQuitExitsZero(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("q.sock");
        EmulatorSession session = session("-qmp", "unix:" + socket + ",server=on,wait=off");
        session.run();

        try (SocketClient client = SocketClient.unix(socket)) {
            client.send("query-status\nquit\n");
            assertEquals("qmp 1: query-status", client.line());
            assertEquals("qmp 1: quit", client.line());
        }
        awaitExit();
        assertEquals(List.of(0), exits);
        assertEquals(Map.of(ConnectionProtocol.CHARDEV, "compat_monitor0", ConnectionProtocol.PRELAUNCH, "off",
                ConnectionProtocol.PRETTY, "off"), qmp.sessions.get(0).options);
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
        installed = Map.of(ConnectionProtocol.QTEST, qtest);
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
