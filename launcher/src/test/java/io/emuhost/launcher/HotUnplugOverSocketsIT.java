package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's hot-unplug while a driver is flushing, over real sockets: a qtest driver thread
 * writes into pmem and FLUSHes in a loop while the test issues QMP {@code device_del}. No
 * completion is lost (the device answers what it was given before it leaves), nothing is used
 * after the unmap, and the id and range plug again.
 *
 * <p>"Published before device_del" means: its notify was acknowledged on the qtest socket before
 * device_del was sent on the QMP socket. Requests published while device_del runs may be answered
 * or not (two sockets give no order), but only ever with ret 0.
 */
class HotUnplugOverSocketsIT {

    private static final long PMEM_ADDRESS = 0x1_0000_0000L;
    private static final long PMEM_SIZE = 64L << 20;
    private static final int FLUSHES_BEFORE_UNPLUG = 3;
    private static final long RECORD_TAG = 0x5a5a_0000_0000_0000L;
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final String EVENT_PREFIX = "\\{\"timestamp\": \\{\"seconds\": \\d+, \"microseconds\": \\d+}, "
            + "\"event\": \"DEVICE_DELETED\", \"data\": ";

    @TempDir
    Path dir;

    /** The guest: record n into pmem, FLUSH n, poll until answered; until told to stop. */
    private static final class FlushLoop extends Thread {
        private final QtestPmemDriver driver;
        final long[] notifiedAt = new long[QtestPmemDriver.SLOTS];
        volatile int published;
        volatile int answered;
        volatile long stopAt;
        volatile Throwable failure;

        FlushLoop(QtestPmemDriver driver) {
            super("qtest-flush-loop");
            this.driver = driver;
        }

        void finish() {
            stopAt = System.nanoTime();
        }

        private boolean stopping() {
            return stopAt != 0;
        }

        @Override
        public void run() {
            try {
                for (int n = 0; n < QtestPmemDriver.SLOTS && !stopping(); n++) {
                    driver.qtestWrite(PMEM_ADDRESS + 8L * n, record(n));
                    driver.publishFlush(n);
                    notifiedAt[n] = System.nanoTime();
                    published = n + 1;
                    while (driver.usedIdx() <= n) {
                        if (stopping() && System.nanoTime() - stopAt > GRACE_NANOS) {
                            return;
                        }
                        Thread.sleep(1);
                    }
                    answered = n + 1;
                }
                while (!stopping()) {
                    Thread.sleep(5);
                }
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    private static byte[] record(int n) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(RECORD_TAG | n).array();
    }

    @Test
    @Timeout(90)
    void deviceDel_whileFlushingOverQtest_answersEveryPublishedFlushUnmapsAndPlugsAgain() throws Exception {
        Path image = dir.resolve("pmem.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(PMEM_SIZE);
        }
        Path qtestSocket = dir.resolve("qtest.sock");
        Path qmpSocket = dir.resolve("qmp.sock");
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-machine", "pc", "-nodefaults", "-display", "none",
                "-m", "1G,maxmem=8G",
                "-object", "memory-backend-file,id=mem1,share=on,mem-path=" + image + ",size=64M",
                "-device", "virtio-pmem-pci,id=nv1,memdev=mem1,vectors=0",
                "-qtest", "unix:" + qtestSocket + ",server=on,wait=off", "-qtest-log", "none",
                "-qmp", "unix:" + qmpSocket + ",server=on,wait=off", "-monitor", "none");
                QtestClient qtest = QtestClient.connect(qtestSocket, () -> emuhost.stdout() + emuhost.stderr());
                MonitorClient qmp = MonitorClient.negotiated(qmpSocket)) {
            QtestPmemDriver driver = QtestPmemDriver.open(qtest);
            assertEquals(PMEM_ADDRESS, driver.start());
            FlushLoop loop = new FlushLoop(driver);
            loop.start();
            awaitAnswered(loop, FLUSHES_BEFORE_UNPLUG);

            long delSentAt = System.nanoTime();
            qmp.send("{\"execute\": \"device_del\", \"arguments\": {\"id\": \"nv1\"}, \"id\": \"del\"}\n");
            awaitDeviceDeleted(qmp);
            loop.finish();
            loop.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(loop.isAlive(), "the flush loop hangs");
            assertNull(loop.failure, () -> "flush loop failed: " + loop.failure);

            // no completion lost: every FLUSH notified before device_del was sent is answered with ret 0
            int used = driver.usedIdx();
            int published = loop.published;
            assertTrue(used <= published, used + " used of " + published + " published");
            for (int n = 0; n < published; n++) {
                if (loop.notifiedAt[n] - delSentAt < 0) {
                    assertTrue(n < used, "FLUSH " + n + " published before device_del was not answered; used " + used);
                }
                if (n < used) {
                    assertEquals(0, driver.ret(n), "ret of FLUSH " + n);
                    assertEquals(2 * n, driver.usedId(n), "used id of FLUSH " + n);
                }
            }

            // no use after unmap: the function left config space and the pmem range reads unassigned
            assertEquals(0xffff_ffffL, QtestPmemDriver.configRead(qtest, driver.devfn(), 0), "vendor/device id");
            assertEquals(0, qtest.readl(PMEM_ADDRESS));
            assertEquals(0, qtest.readl(PMEM_ADDRESS + 8));
            String status = qmp.ask("{\"execute\": \"query-status\"}");
            assertTrue(status.startsWith("{\"return\": {\"status\": "), status);

            // the data written before the last answered flush is in the backing file
            try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "r")) {
                for (int n = 0; n < used; n++) {
                    byte[] stored = new byte[8];
                    file.seek(8L * n);
                    file.readFully(stored);
                    assertEquals(ByteBuffer.wrap(record(n)), ByteBuffer.wrap(stored), "record " + n + " in the file");
                }
            }

            // the id and the range are reusable
            assertEquals("{\"return\": {}}", qmp.ask("{\"execute\": \"device_add\", \"arguments\": "
                    + "{\"driver\": \"virtio-pmem-pci\", \"id\": \"nv1\", \"memdev\": \"mem1\"}}"));
            QtestPmemDriver again = QtestPmemDriver.open(qtest);
            assertEquals(PMEM_ADDRESS, again.start());
            assertEquals(RECORD_TAG, qtest.readl(PMEM_ADDRESS + 4) << 32, "record 0 through the new mapping");
            again.publishFlush(0);
            awaitUsed(again, 1);
            assertEquals(0, again.ret(0), "ret of the FLUSH after device_add");
        }
    }

    private static void awaitAnswered(FlushLoop loop, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (loop.answered < count) {
            if (loop.failure != null || !loop.isAlive() || System.nanoTime() - deadline > 0) {
                fail("only " + loop.answered + " flushes answered before the unplug; failure: " + loop.failure);
            }
            Thread.sleep(1);
        }
    }

    /** Reads until the device_del reply and both DEVICE_DELETED events (virtio backend, then function). */
    private static void awaitDeviceDeleted(MonitorClient qmp) throws IOException {
        boolean reply = false;
        boolean backend = false;
        boolean function = false;
        while (!(reply && backend && function)) {
            String line = qmp.line();
            assertTrue(line != null, "QMP connection closed during device_del");
            if (line.equals("{\"return\": {}, \"id\": \"del\"}")) {
                reply = true;
            } else if (line.matches(EVENT_PREFIX + "\\{\"path\": \"/machine/peripheral/nv1/virtio-backend\"}}")) {
                assertFalse(function, "the backend's DEVICE_DELETED comes first");
                backend = true;
            } else if (line.matches(EVENT_PREFIX
                    + "\\{\"device\": \"nv1\", \"path\": \"/machine/peripheral/nv1\"}}")) {
                function = true;
            } else {
                fail("unexpected QMP line during device_del: " + line);
            }
        }
    }

    private static void awaitUsed(QtestPmemDriver driver, int idx) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (driver.usedIdx() < idx) {
            if (System.nanoTime() - deadline > 0) {
                fail("the FLUSH after device_add was not answered");
            }
            Thread.sleep(1);
        }
    }
}
