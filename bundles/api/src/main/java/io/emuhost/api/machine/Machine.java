package io.emuhost.api.machine;

import io.emuhost.api.bus.GuestBus;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.device.UserObject;
import io.emuhost.api.irq.InterruptEvents;
import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.memory.RamSection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The running machine and its registry of objects and devices. Every front end (command line,
 * HMP, QMP, configuration files, shells) creates objects and devices through this one service, so
 * they behave and fail alike.
 */
@ProviderType
public interface Machine {

    /**
     * The CPU's view of the machine.
     *
     * @return the bus
     */
    GuestBus bus();

    /**
     * Where to observe delivered interrupts.
     *
     * @return the interrupt events
     */
    InterruptEvents interrupts();

    /**
     * Creates a user object ({@code -object}, {@code object_add}, {@code object-add}).
     *
     * @param type the QOM type, e.g. {@code memory-backend-file}
     * @param properties the properties including {@code id}; values are strings from keyval
     *     front ends, or JSON-typed values ({@code Long}, {@code Boolean}, {@code String}) from QMP
     * @param frontend the front end, which decides the syntax and the error wording
     * @return the object, registered at {@code /objects/<id>}
     * @throws ConfigurationException with QEMU's wording; nothing was created
     */
    UserObject addObject(String type, Map<String, ?> properties, Frontend frontend) throws ConfigurationException;

    /**
     * Creates and plugs a device ({@code -device}, {@code device_add}).
     *
     * @param driver the driver, e.g. {@code virtio-pmem-pci}
     * @param properties the properties, optionally including {@code id}; typed as for
     *     {@link #addObject}
     * @param frontend the front end
     * @return the plugged device; after a live upgrade of its bundle another object stands for
     *     it ({@link #device(String)}), and holding this one keeps the old bundle revision loaded
     * @throws ConfigurationException with QEMU's wording; nothing was created
     */
    Device addDevice(String driver, Map<String, ?> properties, Frontend frontend) throws ConfigurationException;

    /**
     * Unplugs and removes a device ({@code device_del}): the device's backend is flushed, in-flight
     * requests complete, the function leaves the bus, and its device-memory range, PCI slot, id
     * and backend become free. QMP clients get {@code DEVICE_DELETED}.
     *
     * @param id the device id
     * @throws ConfigurationException {@code Device 'x' not found} (DeviceNotFound)
     * @since 1.1
     */
    void deleteDevice(String id) throws ConfigurationException;

    /**
     * Changes properties of a running device ({@code qom-set}, an update of its configuration)
     * without unplugging it, through {@link Device#setProperties}.
     *
     * @param id the device id
     * @param properties name to new value, typed as for {@link #addObject}
     * @param frontend the front end, which decides the syntax and the error wording
     * @throws ConfigurationException {@code Device 'x' not found} (DeviceNotFound);
     *     {@code Property 'DRIVER.NAME' not found}; for a property fixed at creation QEMU's
     *     {@code Attempt to set property 'NAME' on device 'ID' (type 'DRIVER') after it was
     *     realized}; the device's error for a bad value. Nothing changed.
     * @since 1.5
     */
    void setDeviceProperties(String id, Map<String, ?> properties, Frontend frontend) throws ConfigurationException;

    /**
     * Resets a device's PCI function as a system reset does ({@link io.emuhost.api.bus.PciFunction#reset()});
     * a virtio device is back to status 0 with its queues disabled, as after the driver's reset.
     *
     * @param id the device id
     * @throws ConfigurationException {@code Device 'x' not found} (DeviceNotFound)
     * @since 1.2
     */
    void resetDevice(String id) throws ConfigurationException;

    /**
     * Removes an unused user object ({@code object_del}); a memory backend is flushed (unless
     * {@code discard-data}) and unmapped.
     *
     * @param id the object id
     * @throws ConfigurationException {@code object 'x' not found}, or
     *     {@code object 'x' is in use, can not be deleted}
     * @since 1.1
     */
    void deleteObject(String id) throws ConfigurationException;

    /**
     * Looks up a user object.
     *
     * @param id the object id
     * @return the object, or empty
     */
    Optional<UserObject> object(String id);

    /**
     * Looks up a device by id.
     *
     * @param id the device id
     * @return the device, or empty
     */
    Optional<Device> device(String id);

    /**
     * The memory devices, sorted by address ({@code query-memory-devices}).
     *
     * @return the list
     */
    List<MemoryDeviceInfo> memoryDevices();

    /**
     * The memory backends, the machine's main RAM ({@code pc.ram}) included
     * ({@code query-memdev}).
     *
     * @return the list
     */
    List<MemdevInfo> memdevs();

    /**
     * The functions on the PCI bus, by bus, slot and function number ({@code query-pci}).
     *
     * @return the list
     */
    List<PciDeviceInfo> pciDevices();

    /**
     * The size of the machine's main RAM ({@code -m}).
     *
     * @return bytes
     */
    long ramSize();

    /**
     * The guest CPU the machine was built with ({@code -cpu}), as the monitors report it.
     * A machine that does not say reports QEMU's default, {@link CpuSpec#defaults()}.
     *
     * @return the CPU
     * @since 1.5
     */
    default CpuSpec cpu() {
        return CpuSpec.defaults();
    }

    /**
     * A configuration read, as the host bridge performs it (ECAM or ports 0xCF8/0xCFC).
     *
     * @param bus bus number
     * @param devfn {@code slot << 3 | function}
     * @param offset register offset, 0..0xfff, naturally aligned
     * @param size 1, 2 or 4
     * @return the value; absent functions read all ones
     * @since 1.2
     */
    int readPciConfig(int bus, int devfn, int offset, int size);

    /**
     * A configuration write, as the host bridge performs it; writes to absent functions are
     * dropped.
     *
     * @param bus bus number
     * @param devfn {@code slot << 3 | function}
     * @param offset register offset, 0..0xfff, naturally aligned
     * @param size 1, 2 or 4
     * @param value the value
     * @since 1.2
     */
    void writePciConfig(int bus, int devfn, int offset, int size, int value);

    /**
     * Makes guest RAM that lives outside the machine the system RAM devices see (QEMU's
     * multi-process {@code SYNC_SYSMEM}): the sections of the previous call leave, these are
     * mapped, and the machine's own main RAM gives way where they overlap it. A section that
     * overlaps device memory (a memory device or a RAM BAR, which map their own backends) is left
     * out. Returns once no access to a removed section is in flight, so the caller may close
     * their backends. An empty list gives the main RAM back.
     *
     * @param sections the sections, not overlapping each other
     * @throws ConfigurationException if two sections overlap
     * @since 1.2
     */
    void replaceSystemRam(List<RamSection> sections) throws ConfigurationException;

    /**
     * Asks the machine's owner to shut it down (QEMU's {@code qemu_system_shutdown_request}):
     * returns at once; the owner (the command line) lets the monitors answer, then ends the
     * process. A machine nobody owns (Karaf's default machine) logs the request and keeps running.
     *
     * @param cause QEMU's {@code ShutdownCause} name, e.g. {@code host-qmp-quit}
     * @since 1.4
     */
    void requestShutdown(String cause);

    /**
     * Which bundle serves each user object and device now: objects in creation order (the main
     * RAM included), then devices in plug order.
     *
     * @return the bindings
     * @since 1.5
     */
    List<FactoryBinding> factoryBindings();
}
