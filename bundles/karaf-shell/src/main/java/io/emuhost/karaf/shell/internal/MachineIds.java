package io.emuhost.karaf.shell.internal;

import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.machine.PciDeviceInfo;
import io.emuhost.api.memory.MemdevInfo;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The ids a user may name in {@code device-del} and {@code object-del}, read from what the
 * {@link Machine} service shows: the machine has no list of ids of its own, so device ids come
 * from the PCI bus and the memory devices, object ids from the memory backends that are user
 * objects, without the machine's main RAM.
 */
final class MachineIds {

    /** QEMU's id of the pc machine's main RAM: listed as a memdev, never deletable or pluggable. */
    static final String MAIN_RAM = "pc.ram";

    private static final String OBJECTS = "/objects/";

    private MachineIds() {
    }

    /**
     * The ids of the plugged devices that have one.
     *
     * @param machine the machine
     * @return sorted, without duplicates
     */
    static List<String> devices(Machine machine) {
        Stream<Optional<String>> pci = machine.pciDevices().stream().map(PciDeviceInfo::qdevId);
        Stream<Optional<String>> memory = machine.memoryDevices().stream().map(MemoryDeviceInfo::id);
        return List.copyOf(Stream.concat(pci, memory).flatMap(Optional::stream)
                .filter(id -> !id.isEmpty()).collect(Collectors.toCollection(TreeSet::new)));
    }

    /**
     * The ids of the user objects (memory backends) that {@code object-del} can name.
     *
     * @param machine the machine
     * @return sorted, without duplicates
     */
    static List<String> objects(Machine machine) {
        return List.copyOf(machine.memdevs().stream().map(MemdevInfo::id)
                .filter(id -> !MAIN_RAM.equals(id) && machine.object(id).isPresent())
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    /**
     * The memory backends no memory device uses yet: what a {@code memdev=} may name.
     *
     * @param machine the machine
     * @return sorted, without duplicates
     */
    static List<String> unusedBackends(Machine machine) {
        List<String> used = machine.memoryDevices().stream().map(MemoryDeviceInfo::memdev)
                .map(path -> path.startsWith(OBJECTS) ? path.substring(OBJECTS.length()) : path).toList();
        return objects(machine).stream().filter(id -> !used.contains(id)).toList();
    }
}
