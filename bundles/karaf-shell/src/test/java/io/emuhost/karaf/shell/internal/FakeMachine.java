package io.emuhost.karaf.shell.internal;

import io.emuhost.api.bus.GuestBus;
import io.emuhost.api.bus.PciIdentity;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.device.UserObject;
import io.emuhost.api.irq.InterruptEvents;
import io.emuhost.api.machine.FactoryBinding;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.machine.PciDeviceInfo;
import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.memory.RamSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A machine that records the calls and shows the objects and devices a test gives it. */
final class FakeMachine implements Machine {

    record Call(String operation, String type, Map<String, ?> properties, Frontend frontend) {
    }

    final List<Call> calls = new ArrayList<>();
    final Map<String, UserObject> objects = new LinkedHashMap<>();
    final List<MemdevInfo> memdevs = new ArrayList<>();
    final List<MemoryDeviceInfo> memoryDevices = new ArrayList<>();
    final List<PciDeviceInfo> pci = new ArrayList<>();
    ConfigurationException refusal;

    /** Adds a memory backend that is a user object. */
    FakeMachine backend(String id, long size) {
        memdevs.add(new MemdevInfo(id, size, true, true, false, true, true, "default", List.of()));
        objects.put(id, new UserObject() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String type() {
                return "memory-backend-file";
            }

            @Override
            public void close() {
            }
        });
        return this;
    }

    /** Adds main RAM, a memdev that is not a user object. */
    FakeMachine mainRam(long size) {
        memdevs.add(new MemdevInfo("pc.ram", size, true, true, false, false, true, "default", List.of()));
        return this;
    }

    /** Adds a virtio-pmem-pci device in the given slot. */
    FakeMachine pmem(String id, int slot, long memaddr, long size, String memdev) {
        memoryDevices.add(new MemoryDeviceInfo("virtio-pmem", Optional.ofNullable(id), memaddr, size, "/objects/" + memdev));
        pci.add(new PciDeviceInfo(0, slot, 0, new PciIdentity(0x1af4, 0x105b, 1, 0x018000, 0x1af4, 0x1100, 1), 0,
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
        calls.add(new Call("addObject", type, properties, frontend));
        if (refusal != null) {
            throw refusal;
        }
        return null;
    }

    @Override
    public Device addDevice(String driver, Map<String, ?> properties, Frontend frontend)
            throws ConfigurationException {
        calls.add(new Call("addDevice", driver, properties, frontend));
        if (refusal != null) {
            throw refusal;
        }
        return null;
    }

    @Override
    public void deleteDevice(String id) throws ConfigurationException {
        calls.add(new Call("deleteDevice", id, Map.of(), null));
        if (refusal != null) {
            throw refusal;
        }
    }

    @Override
    public void deleteObject(String id) throws ConfigurationException {
        calls.add(new Call("deleteObject", id, Map.of(), null));
        if (refusal != null) {
            throw refusal;
        }
    }

    @Override
    public Optional<UserObject> object(String id) {
        return Optional.ofNullable(objects.get(id));
    }

    @Override
    public Optional<Device> device(String id) {
        return Optional.empty();
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
        return pci;
    }

    @Override
    public long ramSize() {
        return 128L << 20;
    }

    /** No PCI functions: every configuration read is all ones. */
    @Override
    public int readPciConfig(int bus, int devfn, int offset, int size) {
        return size == 4 ? -1 : (1 << 8 * size) - 1;
    }

    @Override
    public void writePciConfig(int bus, int devfn, int offset, int size, int value) {
    }

    @Override
    public void replaceSystemRam(List<RamSection> sections) {
    }

    @Override
    public void resetDevice(String id) {
    }

    @Override
    public List<FactoryBinding> factoryBindings() {
        return List.of();
    }

    @Override
    public void requestShutdown(String cause) {
        throw new UnsupportedOperationException();
    }
}
