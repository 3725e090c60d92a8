package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 10: emuhost killed with SIGKILL right after a FLUSH was answered, again and again
 * on one backing file: every byte the guest had flushed is in the file, and each restart maps the
 * same file (the kernel dropped the dead process's OFD lock, and nothing truncates, preallocates
 * or discards what is there). A few rounds run in the test command; {@code
 * benchmarks/scripts/kill-after-flush.sh 1000} runs it long ({@value #ROUNDS_PROPERTY}).
 */
class KillAfterFlushIT {

    static final String ROUNDS_PROPERTY = "emuhost.kill.rounds";
    private static final int DEFAULT_ROUNDS = 3;
    private static final long FLUSH_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long NO_RESPONSE = 0xffff_ffffL;
    /** One record per round, a page apart, so that each lands on a page of its own. */
    private static final int STRIDE = 4096;

    @TempDir
    Path dir;

    @Test
    void flushedBytes_surviveSigkillEveryRound() throws Exception {
        int rounds = Integer.getInteger(ROUNDS_PROPERTY, DEFAULT_ROUNDS);
        Path image = QtestTargets.image(dir);
        Path socket = dir.resolve("qtest.sock");
        long slots = QtestTargets.PMEM_SIZE / STRIDE;
        for (int round = 0; round < rounds; round++) {
            Files.deleteIfExists(socket);
            int current = round;
            try (EmuhostProcess emuhost = EmuhostProcess.start(dir, QtestTargets.emuhostArguments("1G,maxmem=8G",
                    image, socket, "none"));
                    QtestClient qtest = QtestClient.connect(socket, () -> "round " + current + " of " + rounds
                            + "; emuhost " + (emuhost.isAlive() ? "still starting" : "exited") + "; stdout:\n"
                            + emuhost.stdout() + "\nstderr:\n" + emuhost.stderr())) {
                QtestPmemDriver driver = QtestPmemDriver.open(qtest);
                driver.qtestWrite(driver.start() + STRIDE * (round % slots), record(round));
                driver.publishFlush(0);
                awaitAnswer(driver, emuhost);
                emuhost.close(); // SIGKILL, the moment the answer is seen
                assertEquals(137, emuhost.awaitExit(), "killed by SIGKILL");
            }
            assertRecordsPresent(image, Math.min(round + 1, slots), round);
            if ((round + 1) % 100 == 0) {
                System.out.println("kill-after-flush: " + (round + 1) + " of " + rounds + " rounds");
            }
        }
    }

    private static void awaitAnswer(QtestPmemDriver driver, EmuhostProcess emuhost)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + FLUSH_TIMEOUT_NANOS;
        for (long ret = driver.ret(0); ret == NO_RESPONSE; ret = driver.ret(0)) {
            if (System.nanoTime() - deadline > 0) {
                fail("FLUSH unanswered; stderr:\n" + emuhost.stderr());
            }
        }
        assertEquals(0, driver.ret(0), "FLUSH ret");
    }

    /** Every record written so far (the last {@code count} rounds' slots) holds its round's bytes. */
    private static void assertRecordsPresent(Path image, long count, int lastRound) throws IOException {
        try (FileChannel file = FileChannel.open(image, StandardOpenOption.READ)) {
            ByteBuffer read = ByteBuffer.allocate(8);
            for (int round = lastRound; round > lastRound - count; round--) {
                read.clear();
                file.read(read, STRIDE * (round % (QtestTargets.PMEM_SIZE / STRIDE)));
                assertTrue(ByteBuffer.wrap(record(round)).equals(read.flip()),
                        "round " + round + "'s flushed record is missing after round " + lastRound);
            }
        }
    }

    /** 8 bytes that no other round writes: a marker and the round number. */
    private static byte[] record(int round) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0x464c5348).putInt(round).array();
    }
}
