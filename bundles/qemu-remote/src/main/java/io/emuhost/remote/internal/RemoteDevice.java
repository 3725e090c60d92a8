package io.emuhost.remote.internal;

import io.emuhost.api.machine.Machine;
import io.emuhost.api.machine.PciDeviceInfo;
import java.util.Optional;

/**
 * The PCI function a remote object serves, found by device id when a connection starts (the
 * device may come after the object on the command line).
 *
 * @param id the device id ({@code devid})
 * @param devfn {@code slot << 3 | function} on bus 0
 */
record RemoteDevice(String id, int devfn) {

    /**
     * Looks the device up on the machine's PCI bus.
     *
     * @param machine the machine
     * @param devid the device id
     * @return the function, or empty if no PCI function has that id
     */
    static Optional<RemoteDevice> find(Machine machine, String devid) {
        for (PciDeviceInfo info : machine.pciDevices()) {
            if (info.bus() == 0 && info.qdevId().filter(devid::equals).isPresent()) {
                return Optional.of(new RemoteDevice(devid, info.slot() << 3 | info.function()));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return String.format("%s at 00:%02x.%d", id, devfn >> 3, devfn & 7);
    }
}
