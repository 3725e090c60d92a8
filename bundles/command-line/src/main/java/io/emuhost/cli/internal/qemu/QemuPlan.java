package io.emuhost.cli.internal.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one QEMU command line becomes: emuhost's command line (its monitors, {@code -m}, the moved
 * backends and devices, one {@code x-remote-object} per device) and QEMU's (everything else as
 * written, with the plumbing in place of the moved devices).
 *
 * @param emuhostOptions emuhost's options, without the {@code x-remote-object}s (their fds are
 *     known only once the socket pairs exist)
 * @param devices the moved devices, in command-line order; device i is QEMU's fd
 *     {@code QemuProcess.FIRST_PASSED_FD + i}
 * @param qemuArgs QEMU's arguments, without the binary
 * @param doorbells the doorbell socket paths, one per device, when the doorbell is used
 * @param notes lines for standard error before the start (what the user must still do)
 */
record QemuPlan(List<String> emuhostOptions, List<ProxiedDevice> devices, List<String> qemuArgs,
        List<Path> doorbells, List<String> notes) {

    QemuPlan {
        emuhostOptions = List.copyOf(emuhostOptions);
        devices = List.copyOf(devices);
        qemuArgs = List.copyOf(qemuArgs);
        doorbells = List.copyOf(doorbells);
        notes = List.copyOf(notes);
    }

    /**
     * emuhost's whole command line.
     *
     * @param fds emuhost's end of each device's socket pair, in device order
     * @return the arguments
     */
    List<String> emuhostArgs(List<Integer> fds) {
        List<String> args = new ArrayList<>(emuhostOptions);
        for (int i = 0; i < devices.size(); i++) {
            ProxiedDevice device = devices.get(i);
            // auto-shutdown=off: QEMU's exit, not the connection's end, ends emuhost (with QEMU's status)
            String remote = "x-remote-object,id=" + device.id() + "-remote,devid=" + device.id() + ",fd=" + fds.get(i)
                    + ",auto-shutdown=off" + (doorbells.isEmpty() ? "" : ",doorbell=" + doorbells.get(i).toString().replace(",", ",,"));
            args.add("-object");
            args.add(remote);
        }
        return args;
    }
}
