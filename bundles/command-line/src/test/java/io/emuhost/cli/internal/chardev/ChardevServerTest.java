package io.emuhost.cli.internal.chardev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.testkit.socket.SocketClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChardevServerTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Answers every line with its upper-case form. */
    private static final ConnectionHandler UPPER = connection -> {
        byte[] buffer = new byte[256];
        int count;
        StringBuilder line = new StringBuilder();
        while ((count = connection.input().read(buffer)) >= 0) {
            for (int i = 0; i < count; i++) {
                char c = (char) buffer[i];
                if (c == '\n') {
                    connection.output().write((line.toString().toUpperCase() + "\r\n").getBytes(StandardCharsets.UTF_8));
                    line.setLength(0);
                } else {
                    line.append(c);
                }
            }
        }
    };

    private ChardevServer open(ChardevBackend backend, ChardevServer.Clients clients) throws ChardevException {
        return ChardevServer.open(new Chardev("c", backend, "-chardev c"), clients, new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private ChardevBackend.Socket unixServer(Path path, boolean wait) {
        return new ChardevBackend.Socket(new SocketEndpoint.Unix(path), true, wait, false);
    }

    @Test
    void unixServer_servesSeveralClientsAtOnce() throws Exception {
        Path path = dir.resolve("q.sock");
        try (ChardevServer server = open(unixServer(path, false), ChardevServer.Clients.CONCURRENT);
                SocketClient first = SocketClient.unix(path)) {
            server.start(UPPER);
            try (SocketClient second = SocketClient.unix(path)) {
                second.send("two\n");
                first.send("one\n");

                assertEquals("TWO", second.line());
                assertEquals("ONE", first.line());
            }
        }
    }

    @Test
    void unixServer_oneAtATime_servesTheNextClientWhenThePreviousLeaves() throws Exception {
        Path path = dir.resolve("t.sock");
        try (ChardevServer server = open(unixServer(path, false), ChardevServer.Clients.ONE_AT_A_TIME)) {
            server.start(UPPER);
            SocketClient first = SocketClient.unix(path);
            try (SocketClient second = SocketClient.unix(path)) {
                second.send("later\n");
                first.send("now\n");
                assertEquals("NOW", first.line());

                first.close();

                assertEquals("LATER", second.line());
            }
        }
    }

    @Test
    void close_disconnectsClientsAndUnlinksTheSocket() throws Exception {
        Path path = dir.resolve("q.sock");
        ChardevServer server = open(unixServer(path, false), ChardevServer.Clients.CONCURRENT);
        server.start(UPPER);
        try (SocketClient client = SocketClient.unix(path)) {
            client.send("x\n");
            assertEquals("X", client.line());

            server.close();

            assertNull(client.line());
            assertFalse(Files.exists(path));
        }
    }

    @Test
    void open_staleFileAtThePath_isReplaced() throws Exception {
        Path path = dir.resolve("q.sock");
        Files.writeString(path, "stale");

        try (ChardevServer server = open(unixServer(path, false), ChardevServer.Clients.CONCURRENT);
                SocketClient client = SocketClient.unix(path)) {
            server.start(UPPER);
            client.send("ok\n");

            assertEquals("OK", client.line());
        }
    }

    @Test
    void open_missingDirectory_failsWithQemusBindError() {
        Path path = dir.resolve("no/such/q.sock");

        ChardevException e = assertThrows(ChardevException.class,
                () -> open(unixServer(path, false), ChardevServer.Clients.CONCURRENT));

        assertEquals("Failed to bind socket to " + path + ": No such file or directory", e.getMessage());
        assertEquals("-chardev c", e.location());
    }

    @Test
    void open_waitOn_blocksUntilTheFirstClientWhichIsThenServed() throws Exception {
        Path path = dir.resolve("w.sock");
        CompletableFuture<ChardevServer> opening = CompletableFuture.supplyAsync(() -> {
            try {
                return open(unixServer(path, true), ChardevServer.Clients.CONCURRENT);
            } catch (ChardevException e) {
                throw new IllegalStateException(e);
            }
        });
        while (!Files.exists(path)) {
            Thread.sleep(5);
        }
        assertFalse(opening.isDone());

        try (SocketClient client = SocketClient.unix(path);
                ChardevServer server = opening.get(10, TimeUnit.SECONDS)) {
            server.start(UPPER);
            client.send("first\n");

            assertEquals("FIRST", client.line());
        }
        assertEquals("emuhost: -chardev c: info: QEMU waiting for connection on: disconnected:unix:" + path
                + ",server=on\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tcpServer_portZero_listensOnTheSystemsChoice() throws Exception {
        ChardevBackend.Socket tcp = new ChardevBackend.Socket(new SocketEndpoint.Tcp("127.0.0.1", 0), true, false, true);
        try (ChardevServer server = open(tcp, ChardevServer.Clients.CONCURRENT)) {
            server.start(UPPER);
            InetSocketAddress bound = (InetSocketAddress) server.localAddress().orElseThrow();
            try (SocketClient client = SocketClient.connect(bound)) {
                client.send("tcp\n");

                assertEquals("TCP", client.line());
                assertTrue(bound.getPort() > 0);
            }
        }
    }

    @Test
    void tcpServer_portInUse_failsToFindAnAvailablePort() throws Exception {
        ChardevBackend.Socket tcp = new ChardevBackend.Socket(new SocketEndpoint.Tcp("127.0.0.1", 0), true, false, false);
        try (ChardevServer first = open(tcp, ChardevServer.Clients.CONCURRENT)) {
            int port = ((InetSocketAddress) first.localAddress().orElseThrow()).getPort();
            ChardevBackend.Socket same = new ChardevBackend.Socket(new SocketEndpoint.Tcp("127.0.0.1", port), true,
                    false, false);

            ChardevException e = assertThrows(ChardevException.class,
                    () -> open(same, ChardevServer.Clients.CONCURRENT));

            assertEquals("Failed to find an available port: Address already in use", e.getMessage());
        }
    }

    @Test
    void clientSocket_connectsAndIsServedHere() throws Exception {
        Path path = dir.resolve("peer.sock");
        try (ChardevServer peer = open(unixServer(path, false), ChardevServer.Clients.CONCURRENT)) {
            StringBuilder heard = new StringBuilder();
            peer.start(connection -> {
                connection.output().write("hello\n".getBytes(StandardCharsets.UTF_8));
                StringBuilder reply = new StringBuilder();
                for (int c = connection.input().read(); c >= 0 && c != '\n'; c = connection.input().read()) {
                    reply.append((char) c);
                }
                synchronized (heard) {
                    heard.append(reply);
                }
            });
            ChardevBackend.Socket client = new ChardevBackend.Socket(new SocketEndpoint.Unix(path), false, false, false);

            try (ChardevServer connected = open(client, ChardevServer.Clients.CONCURRENT)) {
                connected.serveHere(UPPER);
            }

            synchronized (heard) {
                assertEquals("HELLO\r", heard.toString());
            }
        }
    }

    @Test
    void clientSocket_nobodyListening_failsToConnect() {
        Path path = dir.resolve("nobody.sock");
        ChardevBackend.Socket client = new ChardevBackend.Socket(new SocketEndpoint.Unix(path), false, false, false);

        ChardevException e = assertThrows(ChardevException.class, () -> open(client, ChardevServer.Clients.CONCURRENT));

        assertEquals("Failed to connect to '" + path + "': No such file or directory", e.getMessage());
    }

    @Test
    void stdio_isServedHereWithTheProcessStreams() throws IOException, ChardevException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChardevServer stdio = ChardevServer.open(new Chardev("s", new ChardevBackend.Stdio(), "-qmp stdio"),
                ChardevServer.Clients.CONCURRENT, new ByteArrayInputStream("abc\n".getBytes(StandardCharsets.UTF_8)),
                out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertTrue(stdio.isStdio());
        stdio.serveHere(UPPER);

        assertEquals("ABC\r\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unixServer_socketFileIsMode0600() throws Exception {
        Path path = dir.resolve("m.sock");
        try (ChardevServer server = open(unixServer(path, false), ChardevServer.Clients.CONCURRENT)) {
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(path));
            assertEquals(UnixDomainSocketAddress.of(path), server.localAddress().orElseThrow());
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(List.of(path), left.collect(Collectors.toList()), "no private directory is left");
            }
        }
    }

    @Test
    void tcpServer_everyInterface_warnsOnceThatItIsReachableFromTheNetwork() throws Exception {
        ChardevBackend.Socket tcp = new ChardevBackend.Socket(new SocketEndpoint.Tcp("", 0), true, false, false);
        try (ChardevServer server = open(tcp, ChardevServer.Clients.CONCURRENT)) {
            int port = ((InetSocketAddress) server.localAddress().orElseThrow()).getPort();
            server.start(UPPER);
            try (SocketClient client = SocketClient.connect(new InetSocketAddress("127.0.0.1", port))) {
                client.send("a\n");
                assertEquals("A", client.line());
            }

            assertEquals("emuhost: -chardev c: warning: the socket listens on every network interface: anyone who can"
                    + " reach port " + port + " controls emuhost; bind it to 127.0.0.1 or use a unix socket to keep"
                    + " it local\n", err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void tcpServer_loopback_doesNotWarn() throws Exception {
        ChardevBackend.Socket tcp = new ChardevBackend.Socket(new SocketEndpoint.Tcp("127.0.0.1", 0), true, false, false);
        try (ChardevServer server = open(tcp, ChardevServer.Clients.CONCURRENT)) {
            assertEquals("", err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void concurrentServer_clientOverTheLimit_isRefusedWithALineAndALaterOneIsServed() throws Exception {
        Path path = dir.resolve("cap.sock");
        List<SocketClient> served = new ArrayList<>();
        try (ChardevServer server = open(unixServer(path, false), ChardevServer.Clients.CONCURRENT)) {
            server.start(UPPER);
            for (int i = 0; i < ChardevServer.MAX_CONCURRENT_CLIENTS; i++) {
                SocketClient client = SocketClient.unix(path);
                served.add(client);
                client.send("c" + i + "\n");
                assertEquals("C" + i, client.line());
            }

            try (SocketClient refused = SocketClient.unix(path)) {
                assertEquals("emuhost: too many clients of chardev 'c' (at most " + ChardevServer.MAX_CONCURRENT_CLIENTS
                        + " at once); try again later", refused.line());
                assertNull(refused.line());
            }

            served.remove(0).close();
            assertEquals("LATER", servedEventually(path, "later"));
        } finally {
            for (SocketClient client : served) {
                client.close();
            }
        }
    }

    /** Connects until a client is served (the server notices a departure on its own time). */
    private static String servedEventually(Path path, String text) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (SocketClient client = SocketClient.unix(path)) {
                client.send(text + "\n");
                String line = client.line();
                if (!line.startsWith("emuhost: too many clients") || System.nanoTime() - deadline > 0) {
                    return line;
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ChardevServer.Clients.class)
    void server_handlerThrows_endsThatClientOnlyAndServesTheNext(ChardevServer.Clients clients) throws Exception {
        Path path = dir.resolve("t.sock");
        ConnectionHandler failing = connection -> {
            int first = connection.input().read();
            if (first == 'r') {
                throw new IllegalStateException("a bug");
            }
            if (first == 'e') {
                throw new InternalError("a fault in guest memory");
            }
            connection.output().write("served\r\n".getBytes(StandardCharsets.UTF_8));
        };
        try (ChardevServer server = open(unixServer(path, false), clients)) {
            server.start(failing);
            for (String fatal : List.of("r", "e")) {
                try (SocketClient client = SocketClient.unix(path)) {
                    client.send(fatal);
                    assertNull(client.line());
                }
            }
            try (SocketClient client = SocketClient.unix(path)) {
                client.send("x");
                assertEquals("served", client.line());
            }
        }
    }
}
