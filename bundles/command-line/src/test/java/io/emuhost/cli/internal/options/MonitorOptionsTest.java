package io.emuhost.cli.internal.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.cli.internal.chardev.Chardev;
import io.emuhost.cli.internal.chardev.ChardevBackend;
import io.emuhost.cli.internal.chardev.SocketEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** -qmp, -monitor, -chardev, -mon, -qtest: QEMU 7.2's syntax and errors (observed). */
class MonitorOptionsTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private CommandLine run(boolean terminal, String... args) throws CommandLineException {
        return assertInstanceOf(CommandLine.class,
                new CommandLineParser(new PrintStream(err, true, StandardCharsets.UTF_8), terminal).parse(List.of(args)));
    }

    private CommandLine run(String... args) throws CommandLineException {
        return run(false, args);
    }

    private CommandLineException error(String... args) {
        return assertThrows(CommandLineException.class, () -> run(args));
    }

    private static ChardevBackend.Socket unixServer(String path, boolean wait) {
        return new ChardevBackend.Socket(new SocketEndpoint.Unix(Path.of(path)), true, wait, false);
    }

    @Test
    void qmpUnix_isAQmpMonitorOnAListeningSocket() throws CommandLineException {
        CommandLine line = run("-qmp", "unix:q.sock,server=on,wait=off");

        assertEquals(List.of(new MonitorSpec(new Chardev("compat_monitor0", unixServer("q.sock", false),
                "-qmp unix:q.sock,server=on,wait=off"), MonitorProtocol.QMP, false)), line.monitors());
    }

    @Test
    void qmpTcp_takesHostAndPort() throws CommandLineException {
        ChardevBackend backend = run("-qmp", "tcp:127.0.0.1:4444,server=on,wait=off,nodelay=on").monitors().get(0)
                .chardev().backend();

        assertEquals(new ChardevBackend.Socket(new SocketEndpoint.Tcp("127.0.0.1", 4444), true, false, true), backend);
    }

    @Test
    void serverWithoutWait_waitsForAClientByDefault() throws CommandLineException {
        assertEquals(unixServer("q.sock", true), run("-qmp", "unix:q.sock,server=on").monitors().get(0).chardev()
                .backend());
    }

    @Test
    void shortFormFlags_areAcceptedSilentlyInTheShortChardevForm() throws CommandLineException {
        assertEquals(unixServer("q.sock", false), run("-qmp", "unix:q.sock,server,nowait").monitors().get(0).chardev()
                .backend());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void libvirtForm_chardevAndMonControl_isAQmpMonitor() throws CommandLineException {
        CommandLine line = run("-mon", "chardev=charmonitor,id=monitor,mode=control",
                "-chardev", "socket,id=charmonitor,path=m.sock,server=on,wait=off");

        assertEquals(List.of(new MonitorSpec(new Chardev("charmonitor", unixServer("m.sock", false),
                "-chardev socket,id=charmonitor,path=m.sock,server=on,wait=off"), MonitorProtocol.QMP, false)),
                line.monitors());
    }

    @Test
    void monWithoutMode_isTheHumanMonitor() throws CommandLineException {
        CommandLine line = run("-chardev", "socket,id=c,host=127.0.0.1,port=5555,server=on,wait=off", "-mon", "c");

        assertEquals(MonitorProtocol.HMP, line.monitors().get(0).protocol());
    }

    @Test
    void severalMonitors_keepTheirOrderAndCompatIds() throws CommandLineException {
        CommandLine line = run("-qmp", "unix:a.sock,server=on,wait=off", "-monitor", "unix:b.sock,server=on,wait=off",
                "-qmp-pretty", "unix:c.sock,server=on,wait=off");

        assertEquals(List.of("compat_monitor0", "compat_monitor1", "compat_monitor2"),
                line.monitors().stream().map(m -> m.chardev().id()).toList());
        assertEquals(List.of(MonitorProtocol.QMP, MonitorProtocol.HMP, MonitorProtocol.QMP),
                line.monitors().stream().map(MonitorSpec::protocol).toList());
        assertTrue(line.monitors().get(2).pretty());
    }

    @Test
    void defaultMonitor_isStdioWhenStdinIsATerminal() throws CommandLineException {
        assertEquals(List.of(MonitorProtocol.HMP), run(true).monitors().stream().map(MonitorSpec::protocol).toList());
        assertEquals(List.of(), run(true, "-nodefaults").monitors());
        assertEquals(List.of(MonitorProtocol.QMP),
                run(true, "-qmp", "unix:q.sock,server=on,wait=off").monitors().stream().map(MonitorSpec::protocol).toList());
        assertEquals(List.of(), run(false).monitors());
    }

    @Test
    void qtest_takesItsChardevAndLog() throws CommandLineException {
        CommandLine line = run("-qtest", "unix:t.sock,server=on,wait=off", "-qtest-log", "none", "-accel", "qtest");

        assertEquals(Optional.of(new QtestSpec(new Chardev("qtest", unixServer("t.sock", false),
                "-qtest unix:t.sock,server=on,wait=off"), Optional.of("none"))), line.qtest());
    }

    @Test
    void qtestStdio_takesStdioFromTheDefaultMonitor() throws CommandLineException {
        CommandLine line = run(true, "-qtest", "stdio");

        assertInstanceOf(ChardevBackend.Stdio.class, line.qtest().orElseThrow().chardev().backend());
        assertEquals(List.of(), line.monitors());
    }

    @Test
    void errors_areQemus() {
        assertError("-qmp foo: 'foo' is not a valid char driver\nemuhost: -qmp foo: parse error: foo", "-qmp", "foo");
        assertError("-qmp tcp:4444,server=on: parse error: tcp:4444,server=on", "-qmp", "tcp:4444,server=on");
        assertError("-qmp unix:x.sock,server=maybe: Parameter 'server' expects 'on' or 'off'\nemuhost: -qmp "
                + "unix:x.sock,server=maybe: parse error: unix:x.sock,server=maybe", "-qmp", "unix:x.sock,server=maybe");
        assertError("-qmp tcp::1,bogus=1: Invalid parameter 'bogus'\nemuhost: -qmp tcp::1,bogus=1: parse error: "
                + "tcp::1,bogus=1", "-qmp", "tcp::1,bogus=1");
        assertError("-qmp unix:x.sock,server=off,wait=off: 'wait' option is incompatible with socket in client connect "
                + "mode", "-qmp", "unix:x.sock,server=off,wait=off");
        assertError("-qmp unix:x.sock,host=a: None or one of 'path', 'fd' or 'host' option required.", "-qmp",
                "unix:x.sock,host=a");
        assertError("-chardev socket,path=x: chardev: no id specified", "-chardev", "socket,path=x");
        assertError("-chardev bogus,id=c: 'bogus' is not a valid char driver name", "-chardev", "bogus,id=c");
        assertError("-chardev socket,id=c,host=h: chardev: socket: no port given", "-chardev", "socket,id=c,host=h");
        assertError("-chardev socket,id=c,path=x,bogus=1: Invalid parameter 'bogus'", "-chardev",
                "socket,id=c,path=x,bogus=1");
        assertError("-chardev socket,id=1c,path=x: Parameter 'id' expects an identifier\nIdentifiers consist of "
                + "letters, digits, '-', '.', '_', starting with a letter.", "-chardev", "socket,id=1c,path=x");
        assertError("-chardev socket,id=c,path=b: Duplicate ID 'c' for chardev", "-chardev", "socket,id=c,path=a",
                "-chardev", "socket,id=c,path=b");
        assertError("-mon mode=control: Parameter 'chardev' is missing", "-mon", "mode=control");
        assertError("-mon chardev=nosuch,mode=control: chardev \"nosuch\" not found", "-mon", "chardev=nosuch,mode=control");
        assertError("-mon chardev=c,mode=bogus: Parameter 'mode' does not accept value 'bogus'", "-chardev",
                "socket,id=c,path=x", "-mon", "chardev=c,mode=bogus");
        assertError("-mon chardev=c,x=1: Invalid parameter 'x'", "-mon", "chardev=c,x=1");
        assertError("-mon c,mode=control: Device 'c' is in use", "-chardev", "socket,id=c,path=x", "-mon",
                "c,mode=control", "-mon", "c,mode=control");
        assertError("-mon c,pretty=on: 'pretty' is not compatible with HMP monitors", "-chardev", "socket,id=c,path=x",
                "-mon", "c,pretty=on");
        assertError("-monitor stdio: cannot use stdio by multiple character devices", "-qmp", "stdio", "-monitor",
                "stdio");
        assertError("-monitor chardev:nosuch: chardev \"nosuch\" not found", "-monitor", "chardev:nosuch");
        assertError("'none' is not a valid char driver\nemuhost: Failed to initialize device for qtest: \"none\"",
                "-qtest", "none");
    }

    private void assertError(String expected, String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        error(args).print(new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertEquals("emuhost: " + expected + "\n", printed.toString(StandardCharsets.UTF_8));
    }
}
