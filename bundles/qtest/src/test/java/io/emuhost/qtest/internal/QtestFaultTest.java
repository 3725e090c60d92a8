package io.emuhost.qtest.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The memory device's backing file truncated under the live device (issue 9 item 3; the machine's
 * own fault detection is tested in the machine bundle and end to end in TruncatedBackingFileIT): a qtest access to the
 * vanished range is answered {@code FAIL}, the same connection goes on, and a new one is served.
 * Likewise a request that throws an Error, and a connection whose streams throw.
 */
class QtestFaultTest {

    private static final long KEPT = 4096;
    private static final long GONE = FakeBus.PMEM_BASE + 0x10000;

    private final FakeMachine machine = new FakeMachine();
    private QtestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new QtestServer(machine, Optional.of("none"));
        try (QtestConnection qtest = new QtestConnection(server)) {
            assertEquals("OK", qtest.ask("writel 0x" + Long.toHexString(FakeBus.PMEM_BASE) + " 0x12345678"));
        }
        machine.bus.truncate(KEPT);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void loadsAndStores_inTruncatedRange_answerFail_connectionGoesOn() throws Exception {
        try (QtestConnection qtest = new QtestConnection(server)) {
            for (String request : new String[] {"readb", "readw", "readl", "readq"}) {
                assertFail(qtest.ask(request + " 0x" + Long.toHexString(GONE)));
                assertStillServed(qtest);
            }
            for (String request : new String[] {"writeb", "writew", "writel", "writeq"}) {
                assertFail(qtest.ask(request + " 0x" + Long.toHexString(GONE) + " 0x1"));
                assertStillServed(qtest);
            }
        }
    }

    @Test
    void bulkCommands_inTruncatedRange_answerFail_connectionGoesOn() throws Exception {
        String gone = "0x" + Long.toHexString(GONE);
        try (QtestConnection qtest = new QtestConnection(server)) {
            assertFail(qtest.ask("read " + gone + " 0x40"));
            assertStillServed(qtest);
            assertFail(qtest.ask("b64read " + gone + " 0x40"));
            assertStillServed(qtest);
            assertFail(qtest.ask("write " + gone + " 0x4 0x01020304"));
            assertStillServed(qtest);
            assertFail(qtest.ask("b64write " + gone + " 0x4 AQIDBA=="));
            assertStillServed(qtest);
            assertFail(qtest.ask("memset " + gone + " 0x40 0xff"));
            assertStillServed(qtest);
            // from the still-backed page into the vanished one: one request, one FAIL
            assertFail(qtest.ask("read 0x" + Long.toHexString(FakeBus.PMEM_BASE) + " 0x2000"));
            assertStillServed(qtest);
        }
    }

    @Test
    void afterAFault_aNewConnectionIsServed() throws Exception {
        try (QtestConnection first = new QtestConnection(server)) {
            assertFail(first.ask("readl 0x" + Long.toHexString(GONE)));
        }
        try (QtestConnection second = new QtestConnection(server)) {
            assertStillServed(second);
            assertFail(second.ask("readq 0x" + Long.toHexString(GONE)));
        }
    }

    @Test
    void requestThrowingAnError_answersFail_connectionGoesOn() throws Exception {
        server.clock().schedule(10, () -> {
            throw new NoClassDefFoundError("io/emuhost/gone/Device");
        });
        try (QtestConnection qtest = new QtestConnection(server)) {
            String reply = qtest.ask("clock_step 20");

            assertEquals("FAIL java.lang.NoClassDefFoundError: io/emuhost/gone/Device", reply);
            assertStillServed(qtest);
        }
    }

    @Test
    void inputThatThrows_endsThatConnectionOnly_nextConnectionIsServed() throws Exception {
        InputStream failing = new InputStream() {
            @Override
            public int read() {
                throw new IllegalStateException("broken chardev");
            }
        };

        assertDoesNotThrow(() -> server.serve(failing, OutputStream.nullOutputStream()));

        try (QtestConnection qtest = new QtestConnection(server)) {
            assertStillServed(qtest);
        }
    }

    @Test
    void outputThatThrows_closesThatConnection_nextConnectionIsServed() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) {
                throw new IllegalStateException("broken chardev");
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
        InputStream requests = new ByteArrayInputStream("readl 0x0\n".getBytes(StandardCharsets.US_ASCII));

        server.serve(requests, failing);

        assertTrue(closed.await(10, TimeUnit.SECONDS), "the writer closed the failed output");
        try (QtestConnection qtest = new QtestConnection(server)) {
            assertStillServed(qtest);
        }
    }

    private static void assertFail(String reply) {
        assertTrue(reply.startsWith("FAIL guest access 0x1000"), reply);
        assertTrue(reply.contains(" faulted: the host memory of 'm1' behind it is gone"), reply);
    }

    private static void assertStillServed(QtestConnection qtest) throws Exception {
        assertEquals("OK 0x0000000012345678", qtest.ask("readl 0x" + Long.toHexString(FakeBus.PMEM_BASE)));
    }
}
