package io.emuhost.itests;

import io.emuhost.machine.internal.MachineImpl;
import io.emuhost.testkit.driver.VirtioPmemDriver;
import java.nio.file.Path;

/**
 * The child process of {@link FlushDurabilityTest}: assembles the machine, writes a pattern into
 * pmem through the CPU path, FLUSHes, prints {@code FLUSHED <ret>} and then waits to be killed.
 * Arguments: backing file, offset, length, pattern seed.
 */
public final class FlushThenHang {

    /** The line prefix the parent waits for. */
    static final String FLUSHED = "FLUSHED ";

    private FlushThenHang() {
    }

    /**
     * Runs the child.
     *
     * @param args file, offset, length, seed
     * @throws Exception if the set-up fails (the parent sees no FLUSHED line)
     */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long offset = Long.parseLong(args[1]);
        byte[] data = PmemMachines.pattern(Long.parseLong(args[3]), Integer.parseInt(args[2]));
        MachineImpl machine = PmemMachines.machine();
        PmemMachines.addPmem(machine, "nv1", "mem1", file, "64M");
        VirtioPmemDriver pmem = VirtioPmemDriver.open(machine.bus(), machine.interrupts(),
                PmemMachines.driverOptions(0));
        pmem.write(offset, data);
        int ret = pmem.flush();
        System.out.println(FLUSHED + ret);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
