package io.emuhost.testkit.machine;

import io.emuhost.api.bus.GuestBus;
import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.bus.PciIdentity;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.device.UserObject;
import io.emuhost.api.irq.InterruptEvents;
import io.emuhost.api.machine.CpuSpec;
import io.emuhost.api.machine.FactoryBinding;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.machine.MachineHandle;
import io.emuhost.api.machine.PciDeviceInfo;
import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.memory.RamSection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A machine that records what front ends ask of it and answers queries from fixed lists. */
public final class FakeMachine implements Machine, AutoCloseable {

    /** One addObject/addDevice call. */
    public record Call(String kind, String type, Map<String, ?> properties, Frontend frontend) {
    }

    public final List<Call> calls = new ArrayList<>();
    public final Map<String, String> failures = new HashMap<>();
    /** The user objects {@link #object} finds: those added and those a test gave it. */
    public final Map<String, UserObject> objects = new LinkedHashMap<>();
    public final List<MemoryDeviceInfo> memoryDevices = new ArrayList<>();
    public final List<MemdevInfo> memdevs = new ArrayList<>();
    public final List<PciDeviceInfo> pciDevices = new ArrayList<>();
    /** The devices {@link #device} finds: those a test gave it. */
    public final Map<String, Device> devices = new LinkedHashMap<>();
    /** What {@link #factoryBindings()} answers; a test sets it. */
    public List<FactoryBinding> factoryBindings = List.of();
    public long ramSize = 128L << 20;
    /** What {@link #cpu()} reports. */
    public CpuSpec cpu = CpuSpec.defaults();
    public boolean closed;

    /**
     * Makes creating this type or driver fail.
     *
     * @param type the type or driver
     * @param message the error text
     * @return this
     */
    public FakeMachine failing(String type, String message) {
        failures.put(type, message);
        return this;
    }

    /**
     * Shows a memory backend that is a user object ({@code memory-backend-file}).
     *
     * @param id its id
     * @param size its size in bytes
     * @return this
     */
    public FakeMachine backend(String id, long size) {
        memdevs.add(new MemdevInfo(id, size, true, true, false, true, true, "default", List.of()));
        objects.put(id, userObject(id, "memory-backend-file"));
        return this;
    }

    /**
     * Shows main RAM: a memdev ({@code pc.ram}) that is not a user object.
     *
     * @param size its size in bytes
     * @return this
     */
    public FakeMachine mainRam(long size) {
        memdevs.add(new MemdevInfo("pc.ram", size, true, true, false, false, true, "default", List.of()));
        ramSize = size;
        return this;
    }

    /**
     * Shows a virtio-pmem-pci device: its memory device and its PCI function (BAR4 at a fixed
     * address) in a slot of bus 0.
     *
     * @param id its id
     * @param slot its PCI slot
     * @param memaddr where its range starts
     * @param size the range's size
     * @param memdev its backend's id
     * @return this
     */
    public FakeMachine pmem(String id, int slot, long memaddr, long size, String memdev) {
        memoryDevices.add(new MemoryDeviceInfo("virtio-pmem", Optional.ofNullable(id), memaddr, size, "/objects/" + memdev));
        pciDevices.add(new PciDeviceInfo(0, slot, 0, new PciIdentity(0x1af4, 0x105b, 1, 0x018000, 0x1af4, 0x1100, 1), 0,
                Optional.ofNullable(id), List.of(new PciDeviceInfo.Region(4, false, true, true, 0xfebfc000L, 0x4000))));
        return this;
    }

    @Override
    public GuestBus bus() {
        throw new UnsupportedOperationException();
    }

    @Override
    public InterruptEvents interrupts() {
        throw new UnsupportedOperationException();
    }

    @Override
    public UserObject addObject(String type, Map<String, ?> properties, Frontend frontend)
            throws ConfigurationException {
        record(new Call("object", type, properties, frontend));
        UserObject object = userObject(String.valueOf(properties.get("id")), type);
        objects.put(object.id(), object);
        return object;
    }

    private static UserObject userObject(String id, String type) {
        return new UserObject() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String type() {
                return type;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Device addDevice(String driver, Map<String, ?> properties, Frontend frontend)
            throws ConfigurationException {
        record(new Call("device", driver, properties, frontend));
        return new Device() {
            @Override
            public String driver() {
                return driver;
            }

            @Override
            public PciFunction pciFunction() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<MemoryDeviceInfo> memoryDevice() {
                return Optional.empty();
            }

            @Override
            public void close() {
            }
        };
    }

    private void record(Call call) throws ConfigurationException {
        calls.add(new Call(call.kind(), call.type(), new LinkedHashMap<>(call.properties()), call.frontend()));
        if (failures.containsKey(call.type())) {
            throw new ConfigurationException(failures.get(call.type()));
        }
    }

    @Override
    public void deleteDevice(String id) throws ConfigurationException {
        record(new Call("device_del", id, Map.of(), Frontend.QMP));
    }

    @Override
    public void deleteObject(String id) throws ConfigurationException {
        record(new Call("object_del", id, Map.of(), Frontend.QMP));
        objects.remove(id);
    }

    @Override
    public Optional<UserObject> object(String id) {
        return Optional.ofNullable(objects.get(id));
    }

    @Override
    public Optional<Device> device(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    /** Records a {@code device_set} call, and fails it as {@link #failing} says for the id. */
    @Override
    public void setDeviceProperties(String id, Map<String, ?> properties, Frontend frontend)
            throws ConfigurationException {
        record(new Call("device_set", id, properties, frontend));
    }

    @Override
    public List<MemoryDeviceInfo> memoryDevices() {
        return memoryDevices;
    }

    @Override
    public List<MemdevInfo> memdevs() {
        return memdevs;
    }

    @Override
    public List<PciDeviceInfo> pciDevices() {
        return pciDevices;
    }

    @Override
    public long ramSize() {
        return ramSize;
    }

    @Override
    public CpuSpec cpu() {
        return cpu;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public int readPciConfig(int bus, int devfn, int offset, int size) {
        return size == 4 ? -1 : (1 << 8 * size) - 1;
    }

    @Override
    public void writePciConfig(int bus, int devfn, int offset, int size, int value) {
    }

    /** The sections of the last {@link #replaceSystemRam} call. */
    public List<RamSection> systemRam = List.of();

    @Override
    public void replaceSystemRam(List<RamSection> sections) {
        systemRam = List.copyOf(sections);
    }

    @Override
    public void resetDevice(String id) {
    }

    /** The causes of {@link #requestShutdown} calls, in order. */
    public final List<String> shutdownRequests = new CopyOnWriteArrayList<>();

    /** Told of each {@link #requestShutdown}, as a machine tells its owner. */
    public volatile Consumer<String> owner = cause -> { };

    /** Whether the {@link #handle()} abandoned it. */
    public volatile boolean abandoned;

    @Override
    public List<FactoryBinding> factoryBindings() {
        return factoryBindings;
    }

    @Override
    public void requestShutdown(String cause) {
        shutdownRequests.add(cause);
        owner.accept(cause);
    }

    /**
     * The owner's hold on this machine, as a {@link io.emuhost.api.machine.MachineBuilder} returns it.
     *
     * @return a handle that closes or abandons this machine
     */
    public MachineHandle handle() {
        return new MachineHandle() {
            @Override
            public Machine machine() {
                return FakeMachine.this;
            }

            @Override
            public void close() {
                FakeMachine.this.close();
            }

            @Override
            public void abandon() {
                abandoned = true;
                FakeMachine.this.close();
            }
        };
    }
}
