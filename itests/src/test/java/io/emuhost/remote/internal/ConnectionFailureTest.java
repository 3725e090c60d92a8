package io.emuhost.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.machine.Machine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No connection thread dies of an Error (issue 9 item 3): an Error while serving a message ends
 * that connection, and an Error while setting one up drops that client; the listening socket goes
 * on accepting.
 */
class ConnectionFailureTest {

    private static final RemoteObjectOptions OPTIONS =
            new RemoteObjectOptions(RemoteRig.DEVICE, OptionalInt.empty(), Optional.empty(), Optional.empty(), false);

    @TempDir
    Path dir;
    private RemoteRig rig;

    @BeforeEach
    void machine() throws Exception {
        rig = new RemoteRig(dir).withPmem();
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void errorWhileServingAMessage_endsThatConnectionNormally() throws Exception {
        Machine failing = (Machine) Proxy.newProxyInstance(Machine.class.getClassLoader(),
                new Class<?>[] {Machine.class}, (proxy, method, args) -> {
                    if (method.getName().equals("readPciConfig") && (int) args[2] == 0) {
                        throw new NoClassDefFoundError("io/emuhost/gone/Device");
                    }
                    try {
                        return method.invoke(rig.machine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        int[] pair = Fds.socketpair();
        MpqemuConnection connection = new MpqemuConnection("r0", OPTIONS, failing, rig.files,
                RemoteRig.DEVICE_WAIT, pair[0]);
        CompletableFuture<Optional<ProtocolException>> end = new CompletableFuture<>();
        Thread thread = new Thread(() -> end.complete(connection.serve()), "mpqemu-r0");
        thread.start();
        try (FakeQemu qemu = new FakeQemu(pair[1])) {
            assertEquals(0x105b, qemu.configRead(2, 2));
            qemu.send(MpqemuCommand.PCI_CFGREAD, java.nio.ByteBuffer.allocate(Wire.CONF_SIZE)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(0).putInt(2));

            assertEquals(Optional.empty(), end.get(10, TimeUnit.SECONDS), "serve() returned instead of dying");
            assertTrue(qemu.closedByRemote(10_000));
        } finally {
            thread.join(10_000);
            connection.release();
        }
    }

    @Test
    void errorWhileSettingUpAConnection_dropsThatClient_nextClientIsServed() throws Exception {
        Path path = dir.resolve("r0.sock");
        AtomicInteger connects = new AtomicInteger();
        ListeningSocket server = ListeningSocket.open("r0", path.toString(), fd -> {
            if (connects.getAndIncrement() == 0) {
                throw new NoClassDefFoundError("io/emuhost/gone/Connection");
            }
            return new MpqemuConnection("r0", OPTIONS, rig.machine, rig.files, RemoteRig.DEVICE_WAIT, fd);
        }, new AutoShutdown(() -> { }).join("r0", false));
        Thread thread = new Thread(server, "mpqemu-r0");
        thread.start();
        try {
            try (FakeQemu first = new FakeQemu(Fds.connect(path))) {
                assertTrue(first.closedByRemote(10_000), "the first client is dropped");
            }
            try (FakeQemu second = new FakeQemu(Fds.connect(path))) {
                assertEquals(0x1af4, second.configRead(0, 2));
            }
        } finally {
            server.stop();
            thread.join(10_000);
            server.release();
        }
    }
}
