package io.emuhost.cli.internal.qemu;

import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.cli.internal.options.CommandLineException;
import io.emuhost.cli.internal.options.MemoryOption;
import io.emuhost.syntax.KeyvalOptions;
import io.emuhost.syntax.MalformedNumberException;
import io.emuhost.syntax.QemuNumbers;
import io.emuhost.syntax.SizeParser;
import io.emuhost.syntax.SizeSyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns an ordinary QEMU command line into a {@link QemuPlan}: every {@code -device} whose driver
 * a deployed bundle serves ({@link FactoryCatalogue#deviceDrivers()}) moves to emuhost with the
 * backend its {@code memdev} names; QEMU keeps that backend and maps it as a {@code pc-dimm} at
 * the device's {@code memaddr}, gets an {@code x-pci-proxy-dev} per device, guest RAM from a
 * shareable memfd if its RAM is not shareable yet, the TCG interrupt path and, with
 * {@code -kernel}, the kernel arguments (shared/reference/qemu-multiprocess.md §2). Everything
 * else passes through unchanged. Every check that can fail is made here, before either side starts.
 */
final class QemuPlanner {

    /** emuhost's own RAM: QEMU's replaces it (SYNC_SYSMEM), so it stays small. */
    static final long EMUHOST_RAM = 128L << 20;
    /** QEMU's default {@code -m}. */
    static final long QEMU_DEFAULT_RAM = 128L << 20;
    /** Proxied devices take slots from here on, clear of the low slots QEMU assigns automatically. */
    static final int FIRST_SLOT = 0x10;
    /** The guest RAM backend emuhost adds when QEMU's RAM is not shareable. */
    static final String RAM_ID = "emuhost-ram";
    static final String NO_MAXMEM = "memory devices (e.g. for memory hotplug) are not enabled, please specify the"
            + " maxmem option";

    private final FactoryCatalogue factories;

    QemuPlanner(FactoryCatalogue factories) {
        this.factories = factories;
    }

    /**
     * Plans the launch.
     *
     * @param mode the command line
     * @param runtimeDir a private directory for the doorbell sockets
     * @return the plan
     * @throws CommandLineException the first bad option, in QEMU's wording where QEMU has one
     */
    QemuPlan plan(QemuModeArgs mode, Path runtimeDir) throws CommandLineException {
        QemuGuest guest = QemuGuest.read(QemuOptions.split(mode.qemuArgs()));
        Set<String> drivers = factories.deviceDrivers();
        boolean tcg = !guest.kvm();
        boolean doorbell = tcg && mode.interrupts() == TcgInterrupts.DOORBELL;
        DeviceMemoryPlacement placement = new DeviceMemoryPlacement(guest.q35(), guest.ramSize());
        List<ProxiedDevice> devices = new ArrayList<>();
        Map<String, Long> memorySizes = new HashMap<>();
        Map<QemuArg, ProxiedDevice> moved = new HashMap<>();
        for (QemuArg option : guest.options()) {
            if (isOption(option, "device")) {
                KeyvalOptions values = Keyvals.split(option, "driver");
                String driver = values.get("driver").orElse("");
                if (drivers.contains(driver) && !values.helpWanted()) {
                    ProxiedDevice device = device(option, values, guest, placement, devices.size(), memorySizes);
                    devices.add(device);
                    moved.put(option, device);
                }
            }
        }
        if (devices.size() > QemuProcess.MAX_PASSED_FDS) {
            throw new CommandLineException(null, "at most " + QemuProcess.MAX_PASSED_FDS + " devices can be served"
                    + " to one QEMU (" + devices.size() + " given)");
        }
        long dimms = devices.stream().filter(d -> d.memdev().isPresent()).count();
        List<Path> doorbells = doorbell
                ? devices.stream().map(d -> runtimeDir.resolve(d.id() + "-doorbell.sock")).toList() : List.of();
        List<String> qemu = new ArrayList<>();
        QemuArg lastMemory = guest.last("m").orElse(null);
        List<String> kernelArguments = kernelArguments(devices, dimms > 0, tcg, doorbell);
        QemuArg lastAppend = guest.last("append").orElse(null);
        for (QemuArg option : guest.options()) {
            ProxiedDevice device = moved.get(option);
            if (device != null) {
                int i = devices.indexOf(device);
                qemu.addAll(proxy(device, QemuProcess.FIRST_PASSED_FD + i, doorbell ? doorbells.get(i) : null));
            } else if (option == lastMemory && dimms > 0 && guest.memory().slots().isEmpty()) {
                // pc-dimm needs slots (QEMU: "no slots where allocated, please specify the 'slots' option")
                qemu.addAll(List.of(option.word(), option.argument() + ",slots=" + dimms));
            } else if (option == lastAppend && guest.kernel() && !kernelArguments.isEmpty()) {
                qemu.addAll(List.of(option.word(), option.argument() + " " + String.join(" ", kernelArguments)));
            } else {
                qemu.addAll(option.words());
            }
        }
        if (!devices.isEmpty() && guest.ramBackend().isEmpty()) {
            qemu.addAll(List.of("-object", "memory-backend-memfd,id=" + RAM_ID + ",size=" + guest.ramSize() + ",share=on",
                    "-machine", "memory-backend=" + RAM_ID));
        }
        List<String> notes = new ArrayList<>();
        if (guest.kernel() && lastAppend == null && !kernelArguments.isEmpty()) {
            qemu.addAll(List.of("-append", String.join(" ", kernelArguments)));
        } else if (!guest.kernel() && !kernelArguments.isEmpty()) {
            notes.add("note: no -kernel: give the guest's kernel '" + String.join(" ", kernelArguments)
                    + "' on its command line");
        }
        List<String> emuhost = new ArrayList<>(mode.emuhostArgs());
        emuhost.addAll(emuhostMemory(devices, memorySizes));
        for (ProxiedDevice device : devices) {
            if (device.memdev().isPresent()) {
                emuhost.addAll(List.of("-object", guest.object(device.memdev().get()).orElseThrow().argument()));
            }
            emuhost.addAll(List.of("-device", device.emuhostOption()));
        }
        return new QemuPlan(emuhost, devices, qemu, doorbells, notes);
    }

    private ProxiedDevice device(QemuArg option, KeyvalOptions values, QemuGuest guest,
            DeviceMemoryPlacement placement, int index, Map<String, Long> memorySizes) throws CommandLineException {
        String driver = values.get("driver").orElseThrow();
        DeviceFactory factory = factories.deviceFactory(driver).orElseThrow();
        Set<String> known = factory.properties().stream().map(PropertySpec::name).collect(Collectors.toSet());
        Map<String, String> properties = new LinkedHashMap<>(values.without("driver"));
        String id = properties.computeIfAbsent("id", key -> "emuhost-dev" + index);
        Optional<String> bus = Optional.ofNullable(properties.remove("bus"));
        int slot = slot(option, Optional.ofNullable(properties.remove("addr")), index);
        properties.remove("multifunction");
        Optional<String> memdev = Optional.empty();
        long memaddr = 0;
        if (known.contains("memdev")) {
            // QEMU's order of checks (reference qemu-virtio-pmem.md §2.2): maxmem, then memdev
            if (guest.memory().maxMem().isEmpty()) {
                throw new CommandLineException(option.location(), NO_MAXMEM);
            }
            String backend = properties.get("memdev");
            if (backend == null) {
                throw new CommandLineException(option.location(), "'memdev' property must be set");
            }
            QemuArg object = guest.object(backend).orElseThrow(
                    () -> new CommandLineException(option.location(), "Device '" + backend + "' not found"));
            KeyvalOptions objectValues = Keyvals.split(object, "qom-type");
            if (!"memory-backend-file".equals(objectValues.get("qom-type").orElse(""))) {
                throw new CommandLineException(option.location(), "emuhost serves '" + id + "' from a file that QEMU"
                        + " maps too: memdev '" + backend + "' must be a memory-backend-file");
            }
            if (!Keyvals.isOn(objectValues, "share")) {
                throw new CommandLineException(object.location(), "emuhost (the device) and QEMU (the pc-dimm) both"
                        + " map this file: it needs share=on");
            }
            long size = size(object, objectValues);
            memorySizes.put(id, size);
            memaddr = memaddr(option, properties.get("memaddr"));
            if (memaddr == 0) {
                memaddr = placement.place(size);
            }
            properties.put("memaddr", String.format("0x%x", memaddr));
            // shmem-region=on: the guest reaches the memory through BAR2, so QEMU maps no pc-dimm
            if (!Keyvals.isOn(values, "shmem-region")) {
                memdev = Optional.of(backend);
            }
        }
        // QEMU's proxy has no MSI-X and maps every BAR as 32-bit (reference §1 item 8, pitfalls)
        if (known.contains("vectors")) {
            properties.putIfAbsent("vectors", "0");
        }
        if (known.contains("x-bar64")) {
            properties.putIfAbsent("x-bar64", "off");
        }
        return new ProxiedDevice(id, driver, option.argument(), properties, memdev, memaddr, slot, bus);
    }

    private static int slot(QemuArg option, Optional<String> addr, int index) throws CommandLineException {
        if (addr.isEmpty()) {
            return FIRST_SLOT + index;
        }
        // QEMU's PCI address property: slot[.function], hexadecimal (hw/core/qdev-properties-system.c)
        String text = addr.get();
        int dot = text.indexOf('.');
        String slotText = dot < 0 ? text : text.substring(0, dot);
        try {
            int slot = Integer.parseInt(slotText.startsWith("0x") ? slotText.substring(2) : slotText, 16);
            if (slot > 0x1f || (dot >= 0 && !text.substring(dot + 1).equals("0"))) {
                throw new NumberFormatException();
            }
            return slot;
        } catch (NumberFormatException e) {
            throw new CommandLineException(option.location(), "Property 'x-pci-proxy-dev.addr' doesn't take value '"
                    + text + "' (emuhost serves function 0 of a slot)");
        }
    }

    private static long size(QemuArg object, KeyvalOptions values) throws CommandLineException {
        String text = values.get("size").orElseThrow(
                () -> new CommandLineException(object.location(), "Parameter 'size' is missing"));
        try {
            return SizeParser.parse(text);
        } catch (SizeSyntaxException e) {
            throw new CommandLineException(object.location(), e.getMessage());
        }
    }

    private static long memaddr(QemuArg option, String text) throws CommandLineException {
        if (text == null) {
            return 0;
        }
        try {
            return QemuNumbers.strtou64(text, 0);
        } catch (MalformedNumberException e) {
            throw new CommandLineException(option.location(), "Parameter 'memaddr' expects integer");
        }
    }

    private static List<String> kernelArguments(List<ProxiedDevice> devices, boolean dimms, boolean tcg,
            boolean doorbell) {
        List<String> arguments = new ArrayList<>();
        if (dimms) {
            arguments.add("acpi_no_memhotplug"); // or Linux onlines the pc-dimm as RAM (reference §3)
        }
        if (tcg && !devices.isEmpty()) {
            arguments.addAll(doorbell ? List.of("8250.nr_uarts=8") : List.of("irqpoll", "noapictimer"));
        }
        return arguments;
    }

    private static List<String> proxy(ProxiedDevice device, int fd, Path doorbell) {
        List<String> args = new ArrayList<>();
        String bus = device.bus().map(b -> ",bus=" + b).orElse("");
        device.memdev().ifPresent(memdev -> args.addAll(List.of("-device", "pc-dimm,id=" + device.id() + "-dimm,memdev="
                + memdev + String.format(",addr=0x%x", device.memaddr()))));
        args.addAll(List.of("-device", "x-pci-proxy-dev,id=" + device.id() + ",fd=" + fd + ",addr=" + device.address(0)
                + bus + (doorbell == null ? "" : ",multifunction=on")));
        if (doorbell != null) {
            String chardev = device.id() + "-doorbell";
            args.addAll(List.of("-chardev", "socket,id=" + chardev + ",path=" + doorbell.toString().replace(",", ",,")
                    + ",server=on,wait=off", "-device", "pci-serial,chardev=" + chardev + ",addr=" + device.address(1) + bus));
        }
        return args;
    }

    private static List<String> emuhostMemory(List<ProxiedDevice> devices, Map<String, Long> sizes) {
        long end = DeviceMemoryPlacement.FOUR_GIB;
        for (ProxiedDevice device : devices) {
            Long size = sizes.get(device.id());
            if (size != null) {
                end = Math.max(end, device.memaddr() + size);
            }
        }
        if (sizes.isEmpty()) {
            return List.of("-m", Long.toString(EMUHOST_RAM >> 20) + "M");
        }
        // emuhost's device memory starts at 4 GiB too; maxmem covers the highest device
        long maxmem = EMUHOST_RAM + (end - DeviceMemoryPlacement.FOUR_GIB);
        return List.of("-m", (EMUHOST_RAM >> 20) + "M,slots=" + sizes.size() + ",maxmem=" + maxmem);
    }

    private static boolean isOption(QemuArg option, String name) {
        return name.equals(option.name()) && option.argument() != null;
    }
}
