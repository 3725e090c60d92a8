package io.emuhost.qtest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.frontend.ConnectionProtocol;
import io.emuhost.api.frontend.ProtocolSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The qtest ConnectionProtocol service: its options, and its sessions ending with the service. */
class QtestProtocolTest {

    private final QtestProtocol protocol = new QtestProtocol();
    private final FakeMachine machine = new FakeMachine();

    @Test
    void open_unknownOption_isRefusedWithQemusWording() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> protocol.open(machine, Map.of("lgo", "none")));

        assertEquals("Invalid parameter 'lgo'", e.getMessage());
    }

    @Test
    void deactivate_endsTheRunningConnection_andLaterConnectionsAtOnce() throws Exception {
        ProtocolSession session = protocol.open(machine, Map.of(ConnectionProtocol.QTEST_LOG, "none"));
        QueueInput client = new QueueInput();
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        Thread serving = new Thread(() -> session.serve(client, lines(replies)), "qtest-serving");
        serving.start();
        client.send("endianness\n");
        assertEquals("OK little", replies.poll(10, TimeUnit.SECONDS));

        protocol.deactivate();

        serving.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(serving.isAlive(), "the running connection ended with the service");
        ByteArrayOutputStream late = new ByteArrayOutputStream();
        session.serve(new ByteArrayInputStream("endianness\n".getBytes(StandardCharsets.US_ASCII)), late);
        assertEquals("", late.toString(StandardCharsets.US_ASCII), "a closed session serves nothing");
    }

    @Test
    void close_endsTheRunningConnection() throws Exception {
        ProtocolSession session = protocol.open(machine, Map.of(ConnectionProtocol.QTEST_LOG, "none"));
        QueueInput client = new QueueInput();
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        Thread serving = new Thread(() -> session.serve(client, lines(replies)), "qtest-serving");
        serving.start();
        client.send("endianness\n");
        assertNotNull(replies.poll(10, TimeUnit.SECONDS));

        session.close();

        serving.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(serving.isAlive(), "close ended the running connection");
    }

    /** Collects what the server sends, line by line. */
    private static OutputStream lines(BlockingQueue<String> into) {
        return new OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    into.add(line.toString());
                    line.setLength(0);
                } else {
                    line.append((char) (b & 0xff));
                }
            }
        };
    }
}
