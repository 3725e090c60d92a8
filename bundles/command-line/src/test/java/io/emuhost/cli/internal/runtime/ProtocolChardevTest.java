package io.emuhost.cli.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.frontend.ConnectionProtocol;
import io.emuhost.cli.internal.chardev.ChardevConnection;
import io.emuhost.testkit.machine.FakeMachine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The qtest chardev's clients, served by the protocol service registered when each one comes. */
class ProtocolChardevTest {

    private final AtomicReference<ConnectionProtocol> registered = new AtomicReference<>();
    private final ConnectionProtocols protocols = name -> name.equals(ConnectionProtocol.QTEST)
            ? Optional.ofNullable(registered.get()) : Optional.empty();
    private final FakeMachine machine = new FakeMachine();

    @Test
    void construction_opensOneSessionWithTheOptions() throws Exception {
        EchoProtocol qtest = new EchoProtocol("old");
        registered.set(qtest);

        new ProtocolChardev(protocols, ConnectionProtocol.QTEST, machine, Map.of(ConnectionProtocol.QTEST_LOG, "none"));

        assertEquals(1, qtest.sessions.size());
        assertEquals(Map.of("log", "none"), qtest.sessions.get(0).options);
    }

    @Test
    void construction_withoutTheProtocol_isRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new ProtocolChardev(protocols, ConnectionProtocol.QTEST, machine, Map.of()));

        assertEquals("no qtest protocol bundle is installed", e.getMessage());
    }

    @Test
    void clients_shareTheSession_whileTheProtocolStays() throws Exception {
        EchoProtocol qtest = new EchoProtocol("old");
        registered.set(qtest);
        ProtocolChardev chardev = new ProtocolChardev(protocols, ConnectionProtocol.QTEST, machine, Map.of());

        assertEquals("old 1: a\r\n", client(chardev, "a\n"));
        assertEquals("old 1: b\r\n", client(chardev, "b\n"));
        assertEquals(1, qtest.sessions.size());
    }

    @Test
    void protocolUpdated_nextClientIsServedByANewSessionOfTheNewOne_oldSessionClosed() throws Exception {
        EchoProtocol old = new EchoProtocol("old");
        registered.set(old);
        ProtocolChardev chardev = new ProtocolChardev(protocols, ConnectionProtocol.QTEST, machine,
                Map.of(ConnectionProtocol.QTEST_LOG, "none"));
        client(chardev, "a\n");
        EchoProtocol updated = new EchoProtocol("new");

        registered.set(updated);

        assertEquals("new 1: b\r\n", client(chardev, "b\n"));
        assertTrue(old.sessions.get(0).closed, "the old revision's session is closed");
        assertEquals(Map.of("log", "none"), updated.sessions.get(0).options, "same options for the new session");
    }

    @Test
    void protocolGone_clientIsDisconnectedUnserved() throws Exception {
        EchoProtocol old = new EchoProtocol("old");
        registered.set(old);
        ProtocolChardev chardev = new ProtocolChardev(protocols, ConnectionProtocol.QTEST, machine, Map.of());

        registered.set(null);

        assertEquals("", client(chardev, "a\n"));
        assertTrue(old.sessions.get(0).closed);
    }

    @Test
    void close_closesTheSession_laterClientsAreNotServed() throws Exception {
        EchoProtocol qtest = new EchoProtocol("old");
        registered.set(qtest);
        ProtocolChardev chardev = new ProtocolChardev(protocols, ConnectionProtocol.QTEST, machine, Map.of());

        chardev.close();

        assertTrue(qtest.sessions.get(0).closed);
        assertEquals("", client(chardev, "a\n"));
        assertEquals(1, qtest.sessions.size());
    }

    /** One client that sends its text, then ends; returns what it was sent. */
    private static String client(ProtocolChardev chardev, String text) {
        ByteArrayInputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chardev.serve(new ChardevConnection() {
            @Override
            public InputStream input() {
                return in;
            }

            @Override
            public OutputStream output() {
                return out;
            }

            @Override
            public void close() {
            }
        });
        return out.toString(StandardCharsets.UTF_8);
    }
}
