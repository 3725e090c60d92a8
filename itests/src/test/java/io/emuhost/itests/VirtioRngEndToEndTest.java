package io.emuhost.itests;

import static io.emuhost.testkit.virtqueue.Buffer.writable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.machine.Frontend;
import io.emuhost.machine.internal.MachineImpl;
import io.emuhost.testkit.driver.DriverOptions;
import io.emuhost.testkit.driver.VirtioPciDriver;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The vendor example through the whole stack: machine + virtio-pci transport + virtio-rng, driven
 * by the testkit's generic virtio-pci driver the way Linux's virtio_rng reads entropy.
 */
class VirtioRngEndToEndTest {

    private static final int VIRTIO_VENDOR_ID = 0x1af4;
    private static final int VIRTIO_RNG_DEVICE_ID = 0x1044;
    private static final int LENGTH = 256;

    private MachineImpl machine;

    @BeforeEach
    void assemble() throws Exception {
        machine = PmemMachines.machine();
    }

    @AfterEach
    void close() {
        machine.close();
    }

    @Test
    void read_msix_returnsRandomBytesAndUsedLengthOfTheBuffer() throws Exception {
        machine.addDevice("virtio-rng-pci", Map.of("id", "rng0"), Frontend.COMMAND_LINE);
        try (VirtioPciDriver rng = VirtioPciDriver.open(machine.bus(), machine.interrupts(), DriverOptions.of(
                VIRTIO_VENDOR_ID, VIRTIO_RNG_DEVICE_ID, PmemMachines.SCRATCH_BASE, PmemMachines.SCRATCH_SIZE))) {
            long first = rng.allocate(LENGTH, 64);
            long second = rng.allocate(LENGTH, 64);

            int head = rng.queue(0).addChain(writable(first, LENGTH));
            rng.kickIfNeeded(0);
            int usedLength = rng.awaitUsed(0, head);
            head = rng.queue(0).addChain(writable(second, LENGTH));
            rng.kickIfNeeded(0);
            rng.awaitUsed(0, head);

            byte[] a = new byte[LENGTH];
            byte[] b = new byte[LENGTH];
            machine.bus().memory().read(first, a, 0, LENGTH);
            machine.bus().memory().read(second, b, 0, LENGTH);
            assertTrue(rng.usesMsix());
            assertTrue(rng.interruptCount(1) >= 2);
            assertEquals(LENGTH, usedLength);
            assertFalse(Arrays.equals(new byte[LENGTH], a));
            assertFalse(Arrays.equals(a, b));
        }
    }
}
