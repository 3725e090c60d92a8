package io.emuhost.monitor.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.CpuSpec;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.monitor.internal.ParsedArguments;
import io.emuhost.testkit.machine.FakeFactories;
import io.emuhost.testkit.machine.FakeMachine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CPU where a QEMU 7.2 user looks for it: query-cpus-fast, info cpus, qom-get on its qom-path. */
class CpusCommandTest {

    private static final CommandArguments NONE = new ParsedArguments(Frontend.QMP, Map.of(), Map.of());

    private final FakeMachine machine = new FakeMachine();

    @Test
    void queryCpusFast_reportsTheModelAndQemusPath() {
        machine.cpu = new CpuSpec("EPYC", 48, false, "AuthenticAMD", true);
        Map<?, ?> cpu = Json.object(Json.array(new CpusCommand(machine).execute(NONE)).get(0));

        assertEquals("EPYC-x86_64-cpu", cpu.get("qom-type"));
        assertEquals("/machine/unattached/device[0]", cpu.get("qom-path"));
        assertEquals(0, cpu.get("cpu-index"));
        assertEquals("x86_64", cpu.get("target"));
        assertEquals(ProcessHandle.current().pid(), cpu.get("thread-id"));
        assertEquals(Map.of("core-id", 0, "thread-id", 0, "node-id", 0, "socket-id", 0), cpu.get("props"));
    }

    @Test
    void infoCpus_printsQemusLine() {
        CpusCommand command = new CpusCommand(machine);

        assertEquals("* CPU #0: thread_id=" + ProcessHandle.current().pid() + "\n",
                command.formatHuman(command.execute(NONE)));
    }

    @Test
    void qomGet_onTheCpuPath_givesTypeAndAddressWidth() throws ConfigurationException {
        machine.cpu = new CpuSpec("qemu64", 46, true, "AuthenticAMD", true);
        QomTree tree = new QomTree(machine, FakeFactories.standard());

        QomNode cpu = tree.resolve("/machine/unattached/device[0]", false);
        assertEquals("qemu64-x86_64-cpu", cpu.get("type"));
        assertEquals(46, cpu.get("phys-bits"));
        assertEquals(true, cpu.get("host-phys-bits"));
        assertEquals("AuthenticAMD", cpu.get("vendor"));
        assertEquals(cpu, tree.resolve("device[0]", true));
        assertEquals(List.of(new QomNode.Property("type", "string", Optional.of("container")),
                new QomNode.Property("device[0]", "child<qemu64-x86_64-cpu>",
                        Optional.of("/machine/unattached/device[0]"))),
                tree.resolve("/machine/unattached", false).properties());
    }

    @Test
    void qomGet_unknownCpuProperty_isQemusNotFound() {
        QomTree tree = new QomTree(machine, FakeFactories.standard());

        ConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigurationException.class,
                () -> tree.resolve("/machine/unattached/device[0]", false).get("sse"));
        assertEquals("Property 'qemu64-x86_64-cpu.sse' not found", e.getMessage());
    }
}
