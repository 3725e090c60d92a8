package io.emuhost.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN rule 8 on the BAR path: the connection thread allocates nothing per BAR access. */
class HotPathAllocationTest {

    private static final long BAR4 = 0xfebf_0000L;
    private static final int ACCESSES = 20_000;

    @TempDir
    Path dir;

    @Test
    void barReadsAndWrites_allocateNothingOnTheConnectionThread() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (RemoteRig rig = new RemoteRig(dir).withPmem(); RemoteRig.Served served = rig.serve()) {
            FakeQemu qemu = served.qemu();
            qemu.configWrite(0x20, 4, (int) BAR4);
            qemu.configWrite(0x04, 2, 0x6);
            for (int i = 0; i < ACCESSES; i++) { // warm up: JIT, lazily initialised JNA and JDK paths
                qemu.barRead(BAR4 + 0x12, 2, true);
                qemu.barWrite(BAR4 + 0x16, 2, 0, true);
            }
            long id = served.thread().getId();
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < ACCESSES; i++) {
                assertEquals(1, qemu.barRead(BAR4 + 0x12, 2, true));
                qemu.barWrite(BAR4 + 0x16, 2, 0, true);
            }
            long allocated = threads.getThreadAllocatedBytes(id) - before;

            assertTrue(allocated < 64 * 1024, allocated + " bytes for " + 2 * ACCESSES + " accesses");
        }
    }
}
