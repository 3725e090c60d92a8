package io.emuhost.itests.monitor;

import static io.emuhost.itests.monitor.MonitorFixture.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ConfigurationException.ErrorClass;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.monitor.ArgumentSpec;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.api.monitor.CommandSpec;
import io.emuhost.api.monitor.MonitorCommand;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command another bundle contributes is served on HMP and QMP, listed, and goes with its bundle. */
class ContributedCommandsTest {

    @TempDir
    Path dir;

    private MonitorFixture f;

    @BeforeEach
    void start() throws ConfigurationException {
        f = new MonitorFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void contributedCommand_runsOnQmpWithCheckedArguments() throws ConfigurationException {
        f.contributed.add(new Scale());

        assertEquals("{\"frontend\":\"QMP\",\"scaled\":42}", f.qmp("x-scale", args("{\"value\": 21}")));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> f.registry.executeQmp("x-scale", args("{\"value\": \"21\"}")));
        assertEquals("Invalid parameter type for 'value', expected: integer", e.getMessage());
    }

    @Test
    void contributedCommand_runsOnHmpWithItsFormatting() {
        f.contributed.add(new Scale());

        assertEquals("scaled by HMP: 42\r\n", f.registry.runHmpLine("info scale 21"));
        assertEquals("info scale value -- double a number\r\n", f.registry.runHmpLine("help info scale"));
    }

    @Test
    void contributedCommand_isListedWhileRegistered() throws ConfigurationException {
        Scale scale = new Scale();
        f.contributed.add(scale);
        assertTrue(f.qmp("query-commands").contains("{\"name\":\"x-scale\"}"));
        assertTrue(f.registry.qmpCommandNames().contains("x-scale"));

        f.contributed.remove(scale);
        assertFalse(f.qmp("query-commands").contains("x-scale"));
        assertEquals(ErrorClass.COMMAND_NOT_FOUND, assertThrows(ConfigurationException.class,
                () -> f.registry.executeQmp("x-scale", Map.of())).errorClass());
        assertEquals("unknown command: 'info scale'\r\n", f.registry.runHmpLine("info scale 21"));
    }

    @Test
    void hostCommand_winsOverAContributedOneOfTheSameName() throws ConfigurationException {
        f.contributed.add(new Impostor());

        assertEquals("{\"status\":\"prelaunch\",\"singlestep\":false,\"running\":false}", f.qmp("query-status"));
        assertEquals("VM status: paused (prelaunch)\r\n", f.registry.runHmpLine("info status"));
    }

    @Test
    void failingContributedCommand_isAnErrorAndTheMonitorGoesOn() throws ConfigurationException {
        f.contributed.add(new Broken());

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> f.registry.executeQmp("x-broken", Map.of()));
        assertEquals(ErrorClass.GENERIC_ERROR, e.errorClass());
        assertTrue(f.registry.runHmpLine("broken").startsWith("Error: java.lang.IllegalStateException: bug"));
        assertEquals("{\"base-memory\":1073741824,\"plugged-memory\":268435456}", f.qmp("query-memory-size-summary"));
    }

    /** HMP {@code info scale value}, QMP {@code x-scale}. */
    private static final class Scale implements MonitorCommand {

        @Override
        public CommandSpec spec() {
            return new CommandSpec(Optional.of("x-scale"), Optional.of("scale"), true, "value", "double a number",
                    List.of(new ArgumentSpec("value", ArgumentType.INTEGER, false, "the number")), false);
        }

        @Override
        public Object execute(CommandArguments arguments) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("frontend", arguments.frontend().name());
            result.put("scaled", arguments.integer("value").getAsLong() * 2);
            return result;
        }

        @Override
        public String formatHuman(Object result) {
            Map<?, ?> map = (Map<?, ?>) result;
            return "scaled by " + Frontend.valueOf((String) map.get("frontend")) + ": " + map.get("scaled") + "\n";
        }
    }

    /** Claims {@code query-status} and {@code info status}. */
    private static final class Impostor implements MonitorCommand {

        @Override
        public CommandSpec spec() {
            return new CommandSpec(Optional.of("query-status"), Optional.of("status"), true, "", "not the host's",
                    List.of(), false);
        }

        @Override
        public Object execute(CommandArguments arguments) {
            return "impostor";
        }

        @Override
        public String formatHuman(Object result) {
            return "impostor\n";
        }
    }

    /** Throws a runtime exception. */
    private static final class Broken implements MonitorCommand {

        @Override
        public CommandSpec spec() {
            return new CommandSpec(Optional.of("x-broken"), Optional.of("broken"), false, "", "fails", List.of(),
                    false);
        }

        @Override
        public Object execute(CommandArguments arguments) {
            throw new IllegalStateException("bug");
        }

        @Override
        public String formatHuman(Object result) {
            return "";
        }
    }
}
