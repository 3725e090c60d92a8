package io.emuhost.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.jna.LastErrorException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz target: the multi-process message decoder ({@link MpqemuConnection}: header, payload size,
 * command, per-command payload checks, then the PCI configuration, BAR and reset requests it
 * carries out on a virtio-pmem-pci device) on a random sequence of messages over a real
 * socketpair — random commands, announced sizes and payload bytes — followed by a configuration
 * read of the vendor id; then QEMU's end stops sending. Invariants (mpqemu-link.c
 * mpqemu_msg_valid): the connection ends with a typed {@link ProtocolException}, never an internal
 * error; if the framing held to the end (the peer's close is the reason), the last reply is the
 * vendor id; the machine then serves a new connection. Regression inputs:
 * {@code MpqemuMessageFuzzTestInputs/messages/}.
 */
class MpqemuMessageFuzzTest {

    private static final int SHUT_WR = 1;
    private static final int MAX_MESSAGES = 8;
    private static final int[] PAYLOAD_SIZES = {
        Wire.SYNC_SIZE, Wire.RET_SIZE, Wire.CONF_SIZE, Wire.CONF_SIZE, Wire.BAR_SIZE, Wire.BAR_SIZE, 0, 0,
    };
    private static final int VIRTIO_VENDOR = 0x1af4;
    private static final byte[] VENDOR_READ = {0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0};

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

    @FuzzTest
    void messages(FuzzedDataProvider data) throws Exception {
        RemoteRig.Served served = rig.serve();
        FakeQemu qemu = served.qemu();
        try {
            int messages = data.consumeInt(0, MAX_MESSAGES);
            for (int i = 0; i < messages; i++) {
                int cmd = data.consumeInt(0, 7) == 0 ? data.consumeInt() : data.consumeInt(0, PAYLOAD_SIZES.length - 1);
                long size = switch (data.consumeInt(0, 7)) {
                    case 0 -> data.consumeLong();
                    case 1 -> data.consumeInt(0, Wire.MAX_PAYLOAD);
                    default -> cmd >= 0 && cmd < PAYLOAD_SIZES.length ? PAYLOAD_SIZES[cmd] : 0;
                };
                if (size < 0 || size > Wire.MAX_PAYLOAD) {
                    qemu.sendRaw(cmd, size, new byte[0]);
                    break;
                }
                qemu.sendRaw(cmd, size, Arrays.copyOf(data.consumeBytes((int) size), (int) size));
            }
            qemu.sendRaw(MpqemuCommand.PCI_CFGREAD.ordinal(), Wire.CONF_SIZE, VENDOR_READ);
        } catch (ProtocolException.SocketFailed closedEarly) {
            // the remote ended the connection on an earlier message (EPIPE): its reason is checked below
        }
        try {
            LibC.shutdown(qemu.fd(), SHUT_WR);
        } catch (LastErrorException notConnected) {
            // the remote is gone already
        }
        long lastReply = -1;
        try {
            while (true) {
                lastReply = qemu.awaitRet();
            }
        } catch (ProtocolException endOfReplies) {
            // the remote closed its end
        }

        Optional<ProtocolException> end = served.end().get(10, TimeUnit.SECONDS);
        served.thread().join(10_000);
        qemu.close();
        assertFalse(served.thread().isAlive(), "the connection thread ended");
        assertTrue(end.isPresent(), "the connection ended with a typed reason, not an internal error");
        if (end.get() instanceof ProtocolException.PeerClosed) {
            assertEquals(VIRTIO_VENDOR, lastReply, "the read after the fuzzed messages");
        }

        try (RemoteRig.Served next = rig.serve()) {
            assertEquals(VIRTIO_VENDOR, next.qemu().configRead(0, 2), "a new connection is served");
        }
    }
}
