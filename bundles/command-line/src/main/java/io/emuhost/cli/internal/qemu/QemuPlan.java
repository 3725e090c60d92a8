package io.emuhost.cli.internal.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one QEMU command line becomes: emuhost's command line (its monitors, {@code -m}, the moved
 * backends and devices, one {@code x-remote-object} per device) and QEMU's (everything else as
 * written, with the plumbing in place of the moved devices).
 *
 * @param emuhostOptions emuhost's options, without the {@code x-remote-object}s ({@link #remoteObjects})
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
     * The {@code x-remote-object}s that serve the devices, created once the devices exist (so
     * that a device emuhost rejects leaves no connection waiting for it).
     *
     * @param fds emuhost's end of each device's socket pair, in device order
     * @return the objects' properties, {@code id} included
     */
    List<Map<String, String>> remoteObjects(List<Integer> fds) {
        List<Map<String, String>> objects = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            ProxiedDevice device = devices.get(i);
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("id", device.id() + "-remote");
            properties.put("devid", device.id());
            properties.put("fd", Integer.toString(fds.get(i)));
            // QEMU's exit, not the connection's end, ends emuhost (with QEMU's status)
            properties.put("auto-shutdown", "off");
            if (!doorbells.isEmpty()) {
                properties.put("doorbell", doorbells.get(i).toString());
            }
            objects.add(properties);
        }
        return objects;
    }
}
