package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ConfigurationException.ErrorClass;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.UserObject;
import io.emuhost.api.machine.FactoryBinding;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.api.machine.FactoryCatalogue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The part of QEMU's QOM composition tree the machine has: {@code /objects/<id>} for user objects,
 * {@code /machine/peripheral/<id>} for devices with an id, and a virtio proxy's
 * {@code virtio-backend} child. Paths resolve as QEMU's {@code object_resolve_path}: absolute, or
 * partial (the unique object whose path ends with it).
 *
 * <p>The CPU is {@code /machine/unattached/device[0]} ({@link CpuQomNode}). Properties are the
 * factory's declared ones; values come from the object's or device's {@code qomProperties()},
 * else from the machine API (a backend's {@link MemdevInfo}; a device's memaddr, memdev, addr, and the virtio proxy's forced {@code disable-legacy=on}). A declared
 * property without a value is listed but says QEMU's {@code Property 'type.name' is not readable}.
 */
final class QomTree {

    static final String OBJECTS = "/objects";
    static final String PERIPHERAL = "/machine/peripheral";
    static final String VIRTIO_BACKEND = "virtio-backend";

    private static final String CONTAINER = "container";
    private static final String X_BUNDLE = "x-bundle";
    private static final String PCI_BUS = "/machine/i440fx/pci.0";
    private static final Map<String, String> KNOWN_TYPES = Map.of("memdev", "link<memory-backend>",
            "policy", "HostMemPolicy", "prealloc-context", "link<thread-context>");

    private final Machine machine;
    private final FactoryCatalogue factories;

    QomTree(Machine machine, FactoryCatalogue factories) {
        this.machine = machine;
        this.factories = factories;
    }

    /**
     * Finds an object.
     *
     * @param path absolute or partial
     * @param reportAmbiguity true for {@code qom-list}'s {@code Path 'x' is ambiguous}
     * @return the object
     * @throws ConfigurationException {@code Device 'path' not found} (DeviceNotFound)
     */
    QomNode resolve(String path, boolean reportAmbiguity) throws ConfigurationException {
        return find(path, reportAmbiguity).flatMap(this::node).orElseThrow(() -> notFound(path));
    }

    /**
     * The absolute path of the object a path names, for {@code qom-set}.
     *
     * @param path absolute or partial
     * @return its components, e.g. {@code [machine, peripheral, nv1]}
     * @throws ConfigurationException {@code Device 'path' not found} (DeviceNotFound)
     */
    List<String> absolute(String path) throws ConfigurationException {
        return find(path, false).filter(p -> node(p).isPresent()).orElseThrow(() -> notFound(path));
    }

    /** The absolute path, as components, of the object a path names (not checked if absolute). */
    private Optional<List<String>> find(String path, boolean reportAmbiguity) throws ConfigurationException {
        List<String> parts = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
        if (path.startsWith("/")) {
            return Optional.of(parts);
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        List<List<String>> matches = allPaths().stream().filter(p -> endsWith(p, parts)).toList();
        if (matches.size() > 1 && reportAmbiguity) {
            throw new ConfigurationException("Path '" + path + "' is ambiguous");
        }
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    private static ConfigurationException notFound(String path) {
        return new ConfigurationException(ErrorClass.DEVICE_NOT_FOUND, "Device '" + path + "' not found");
    }

    private static boolean endsWith(List<String> path, List<String> suffix) {
        return path.size() >= suffix.size() && path.subList(path.size() - suffix.size(), path.size()).equals(suffix);
    }

    private List<List<String>> allPaths() {
        List<List<String>> paths = new ArrayList<>(List.of(List.of("objects"), List.of("machine"),
                List.of("machine", "peripheral"), List.of("machine", "unattached"),
                List.of("machine", "unattached", CpuQomNode.DEVICE)));
        objectIds().forEach(id -> paths.add(List.of("objects", id)));
        for (String id : deviceIds()) {
            paths.add(List.of("machine", "peripheral", id));
            machine.device(id).filter(QomTree::isVirtioProxy)
                    .ifPresent(d -> paths.add(List.of("machine", "peripheral", id, VIRTIO_BACKEND)));
        }
        return paths;
    }

    private Optional<QomNode> node(List<String> parts) {
        String joined = "/" + String.join("/", parts);
        if (parts.isEmpty()) {
            return Optional.of(container(List.of(child("", "objects", CONTAINER), child("", "machine", CONTAINER))));
        }
        if (joined.equals(OBJECTS)) {
            return Optional.of(container(objectIds().stream().flatMap(id -> machine.object(id).stream())
                    .map(o -> child(OBJECTS, o.id(), o.type())).toList()));
        }
        if (joined.equals("/machine")) {
            return Optional.of(container(List.of(child("/machine", "peripheral", CONTAINER),
                    child("/machine", "unattached", CONTAINER))));
        }
        if (joined.equals(CpuQomNode.UNATTACHED)) {
            return Optional.of(container(List.of(CpuQomNode.child(machine.cpu()))));
        }
        if (joined.equals(CpusCommand.QOM_PATH)) {
            return Optional.of(CpuQomNode.node(machine.cpu()));
        }
        if (joined.equals(PERIPHERAL)) {
            return Optional.of(container(deviceIds().stream().flatMap(id -> machine.device(id).stream()
                    .map(d -> child(PERIPHERAL, id, d.driver()))).toList()));
        }
        if (parts.size() == 2 && parts.get(0).equals("objects")) {
            return machine.object(parts.get(1)).map(this::object);
        }
        if (parts.size() >= 3 && joined.startsWith(PERIPHERAL + "/")) {
            Optional<Device> device = machine.device(parts.get(2));
            if (parts.size() == 3) {
                return device.map(d -> device(parts.get(2), d));
            }
            if (parts.size() == 4 && parts.get(3).equals(VIRTIO_BACKEND)) {
                return device.filter(QomTree::isVirtioProxy).map(d -> virtioBackend(parts.get(2), d));
            }
        }
        return Optional.empty();
    }

    private static QomNode container(List<QomNode.Property> children) {
        List<QomNode.Property> properties = new ArrayList<>(List.of(typeProperty(CONTAINER)));
        properties.addAll(children);
        return new QomNode(CONTAINER, properties);
    }

    /** A child property; {@code qom-get} returns the child's path. */
    private static QomNode.Property child(String parent, String name, String type) {
        return new QomNode.Property(name, "child<" + type + ">", Optional.of(parent + "/" + name));
    }

    private static QomNode.Property typeProperty(String typeName) {
        return new QomNode.Property("type", "string", Optional.of(typeName));
    }

    private QomNode object(UserObject object) {
        List<QomNode.Property> properties = new ArrayList<>(List.of(typeProperty(object.type())));
        List<PropertySpec> specs = factories.objectFactory(object.type()).map(f -> f.properties()).orElse(List.of());
        for (PropertySpec spec : specs) {
            properties.add(new QomNode.Property(spec.name(), objectType(spec),
                    value(object.qomProperties(), spec.name()).or(() -> backendValue(object, spec.name()))));
        }
        servingBundle(FactoryBinding.Kind.OBJECT, object.id()).ifPresent(properties::add);
        return new QomNode(object.type(), properties);
    }

    /**
     * emuhost's {@code x-bundle} (QEMU has no bundles): the symbolic name and version of the
     * bundle revision serving the object or device now ({@link Machine#factoryBindings()}), e.g.
     * {@code io.emuhost.virtio-pmem 1.1.0} after a live upgrade; absent while it waits for a factory.
     */
    private Optional<QomNode.Property> servingBundle(FactoryBinding.Kind kind, String id) {
        return machine.factoryBindings().stream()
                .filter(binding -> binding.kind() == kind && binding.id().equals(Optional.of(id)))
                .flatMap(binding -> binding.bundle().stream()).findFirst()
                .map(bundle -> new QomNode.Property(X_BUNDLE, "string",
                        Optional.of(bundle.symbolicName() + " " + bundle.version())));
    }

    private static Optional<Object> value(Map<String, Object> values, String name) {
        return Optional.ofNullable(values.get(name));
    }

    private static Optional<Object> backendValue(UserObject object, String name) {
        if (!(object instanceof MemoryBackend backend)) {
            return Optional.empty();
        }
        MemdevInfo info = backend.info();
        return Optional.ofNullable(switch (name) {
            case "size" -> backend.size();
            case "share" -> backend.shared();
            case "readonly" -> backend.readOnly();
            case "merge" -> info.merge();
            case "dump" -> info.dump();
            case "prealloc" -> info.prealloc();
            case "reserve" -> info.reserve();
            case "policy" -> info.policy();
            case "host-nodes" -> info.hostNodes();
            default -> null;
        });
    }

    private QomNode device(String id, Device device) {
        String path = PERIPHERAL + "/" + id;
        Optional<MemoryDeviceInfo> memory = device.memoryDevice();
        List<QomNode.Property> properties = new ArrayList<>(List.of(typeProperty(device.driver()),
                new QomNode.Property("parent_bus", "link<bus>", Optional.of(PCI_BUS)),
                new QomNode.Property("realized", "bool", Optional.of(true)),
                new QomNode.Property("hotpluggable", "bool", Optional.of(true)),
                new QomNode.Property("addr", "int32", devfn(id).map(Object.class::cast))));
        if (isVirtioProxy(device)) {
            // reference §2.1: virtio-pmem-pci is modern-only, disable-legacy is forced on
            properties.add(new QomNode.Property("disable-legacy", "OnOffAuto", Optional.of("on")));
            properties.add(new QomNode.Property("disable-modern", "bool", Optional.of(false)));
        }
        Set<String> names = new HashSet<>();
        properties.forEach(p -> names.add(p.name()));
        for (PropertySpec spec : factories.deviceFactory(device.driver()).map(f -> f.properties()).orElse(List.of())) {
            if (names.add(spec.name())) {
                properties.add(new QomNode.Property(spec.name(), deviceType(spec),
                        value(device.qomProperties(), spec.name()).or(() -> memoryValue(memory, spec.name()))));
            }
        }
        servingBundle(FactoryBinding.Kind.DEVICE, id).ifPresent(properties::add);
        if (isVirtioProxy(device)) {
            properties.add(new QomNode.Property(VIRTIO_BACKEND, "child<" + virtioType(device) + ">",
                    Optional.of(path + "/" + VIRTIO_BACKEND)));
        }
        return new QomNode(device.driver(), properties);
    }

    private QomNode virtioBackend(String id, Device device) {
        Optional<MemoryDeviceInfo> memory = device.memoryDevice();
        List<QomNode.Property> properties = new ArrayList<>(List.of(typeProperty(virtioType(device)),
                new QomNode.Property("parent_bus", "link<bus>",
                        Optional.of(PERIPHERAL + "/" + id + "/virtio-bus")),
                new QomNode.Property("realized", "bool", Optional.of(true))));
        if (memory.isPresent()) {
            properties.add(new QomNode.Property("memdev", "link<memory-backend>", memoryValue(memory, "memdev")));
            properties.add(new QomNode.Property("memaddr", "uint64", memoryValue(memory, "memaddr")));
        }
        return new QomNode(virtioType(device), properties);
    }

    private static Optional<Object> memoryValue(Optional<MemoryDeviceInfo> memory, String name) {
        return memory.map(m -> switch (name) {
            case "memaddr" -> m.memaddr();
            case "memdev" -> m.memdev();
            default -> null;
        });
    }

    /** The {@code addr} property: device and function number as one devfn byte. */
    private Optional<Integer> devfn(String id) {
        return machine.pciDevices().stream().filter(f -> f.qdevId().filter(id::equals).isPresent()).findFirst()
                .map(f -> f.slot() << 3 | f.function());
    }

    /** A virtio PCI proxy ({@code virtio-X-pci}) has its virtio device {@code virtio-X} as child. */
    private static boolean isVirtioProxy(Device device) {
        return device.driver().startsWith("virtio-") && device.driver().endsWith("-pci");
    }

    private static String virtioType(Device device) {
        return device.driver().substring(0, device.driver().length() - "-pci".length());
    }

    private List<String> objectIds() {
        return machine.memdevs().stream().map(MemdevInfo::id).toList();
    }

    private List<String> deviceIds() {
        return machine.pciDevices().stream().flatMap(f -> f.qdevId().stream()).toList();
    }

    /** QEMU's property type names for user-creatable objects ({@code -object TYPE,help}). */
    private static String objectType(PropertySpec spec) {
        return KNOWN_TYPES.getOrDefault(spec.name(), switch (spec.type()) {
            case SIZE, UINT64, UINT32, INT_LIST -> "int";
            case STRING, ENUM -> "string";
            case LINK -> "link<object>";
            default -> spec.type().qemuName();
        });
    }

    /** QEMU's qdev property type names ({@code -device DRIVER,help}). */
    private static String deviceType(PropertySpec spec) {
        return KNOWN_TYPES.getOrDefault(spec.name(), switch (spec.type()) {
            case STRING, ENUM -> "str";
            case LINK -> "link<object>";
            default -> spec.type().qemuName();
        });
    }
}
