package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * emuhost.jar with the backing file of its live virtio-pmem device truncated from outside (issue 9
 * items 3 and 10): qtest accesses to the vanished range get a {@code FAIL} reply instead of a
 * hang, the same client goes on, and a new qtest client is served. (QEMU dies of the SIGBUS.)
 */
class TruncatedBackingFileIT {

    /** The device memory of nv1 (reference §4.2: start 0x100000000). */
    private static final long PMEM = 0x1_0000_0000L;
    private static final long GONE = PMEM + (1L << 20);
    private static final String FAULT = "FAIL guest access 0x";

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void qtestReadsInTheTruncatedRange_answerFail_andANewClientIsServed() throws Exception {
        Path socket = dir.resolve("qtest.sock");
        Path image = QtestTargets.image(dir);
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, QtestTargets.emuhostArguments("1G,maxmem=8G",
                image, socket, "none"))) {
            try (QtestClient first = QtestClient.connect(socket, () -> emuhost.stdout() + emuhost.stderr())) {
                first.ok("writel 0x" + Long.toHexString(PMEM) + " 0x12345678");
                first.ok("writel 0x" + Long.toHexString(GONE) + " 0x9abcdef0");
                try (FileChannel file = FileChannel.open(image, StandardOpenOption.WRITE)) {
                    file.truncate(4096);
                }

                assertFault(first.command("readl 0x" + Long.toHexString(GONE)));
                assertEquals(0x1234_5678L, first.value("readl 0x" + Long.toHexString(PMEM)));
                assertFault(first.command("read 0x" + Long.toHexString(GONE) + " 0x10"));
                assertFault(first.command("writeq 0x" + Long.toHexString(GONE) + " 0x1"));
                assertEquals(0x1234_5678L, first.value("readl 0x" + Long.toHexString(PMEM)));
            }
            try (QtestClient second = QtestClient.connect(socket, () -> emuhost.stdout() + emuhost.stderr())) {
                assertEquals(0x1234_5678L, second.value("readl 0x" + Long.toHexString(PMEM)));
                assertFault(second.command("readq 0x" + Long.toHexString(GONE)));
                second.ok("writel 0x" + Long.toHexString(PMEM + 4) + " 0x1");
            }
            assertFalse(emuhost.stderr().contains("InternalError"), emuhost.stderr());
        }
    }

    private static void assertFault(String reply) {
        assertTrue(reply.startsWith(FAULT) && reply.contains("faulted: the host memory of 'm1' behind it is gone"),
                reply);
    }
}
