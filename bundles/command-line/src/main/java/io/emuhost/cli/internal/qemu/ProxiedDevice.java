package io.emuhost.cli.internal.qemu;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code -device} of QEMU's command line that emuhost serves instead: QEMU gets an
 * {@code x-pci-proxy-dev} in its place (and a {@code pc-dimm} over the same file when the device
 * has memory), emuhost gets the device and an {@code x-remote-object} serving it.
 *
 * @param id the device's id, the same on both sides (generated if the user gave none)
 * @param driver the driver, e.g. {@code virtio-pmem-pci}
 * @param argument the option's argument as the user wrote it, for error locations
 * @param properties emuhost's properties besides the driver (with {@code memaddr}, {@code vectors=0},
 *     {@code x-bar64=off} added where the driver has them)
 * @param memdev the memory backend's id when QEMU must map the device's memory as a pc-dimm
 * @param memaddr the device memory's guest address (with {@code memdev})
 * @param slot the PCI slot of the proxy (hex, as QEMU's {@code addr=} reads it)
 * @param bus the proxy's {@code bus=}, if the user gave one
 */
record ProxiedDevice(String id, String driver, String argument, Map<String, String> properties,
        Optional<String> memdev, long memaddr, int slot, Optional<String> bus) {

    ProxiedDevice {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * The {@code -device} argument emuhost creates the device with.
     *
     * @return {@code driver,key=value,...}
     */
    String emuhostOption() {
        return Keyvals.render(driver, properties);
    }

    /**
     * QEMU's address of function {@code fn} of the proxied slot.
     *
     * @param fn the function
     * @return e.g. {@code 0x10.1}
     */
    String address(int fn) {
        return String.format("0x%x.%d", slot, fn);
    }
}
