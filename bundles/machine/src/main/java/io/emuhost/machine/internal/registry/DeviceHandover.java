package io.emuhost.machine.internal.registry;

import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import io.emuhost.machine.internal.Factories;
import io.emuhost.machine.internal.handover.LayoutMismatchException;
import io.emuhost.machine.internal.properties.FrontendProperties;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live upgrade of plugged devices: the device's function stays on the bus behind its
 * {@code HandoverFunction}, which holds the guest's accesses while the device is saved
 * ({@link Device#suspend()}) and lets them continue into the device restored by the next factory
 * ({@link DeviceFactory#restore}). The device keeps its slot, range and backends meanwhile.
 */
final class DeviceHandover extends FactoryHandover<DeviceFactory, PluggedDevice> {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceHandover.class);
    /** Restoring re-reads the properties; their warnings were printed when the device was created. */
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    private final List<PluggedDevice> devices;
    private final Factories factories;
    private final Consumer<PluggedDevice> remove;

    /**
     * @param devices the registry's devices (read, not changed, here)
     * @param factories where the next factory is found
     * @param remove removes a device as {@code device_del} does, for one that cannot be saved
     */
    DeviceHandover(List<PluggedDevice> devices, Factories factories, Consumer<PluggedDevice> remove) {
        this.devices = devices;
        this.factories = factories;
        this.remove = remove;
    }

    @Override
    List<PluggedDevice> entries() {
        return List.copyOf(devices);
    }

    @Override
    Optional<DeviceFactory> factoryOf(String driver) {
        return factories.deviceFactory(driver);
    }

    /**
     * Holds the guest's accesses and has the device save its state. A device that cannot be
     * handed over is removed, as {@code device_del} would.
     */
    @Override
    void suspend(PluggedDevice plugged) {
        PciFunction held = plugged.function.hold();
        Optional<DeviceState> state;
        try {
            state = plugged.device.suspend();
        } catch (RuntimeException e) {
            LOG.warn("{}: saving the device's state failed", plugged.name(), e);
            state = Optional.empty();
        }
        if (state.isPresent()) {
            plugged.saved = state.get();
            plugged.factory = null;
            LOG.info("{}: suspended, its factory is going away; guest accesses are held", plugged.name());
            return;
        }
        LOG.warn("{}: its factory is going away and the device cannot be handed over: removed", plugged.name());
        plugged.function.release(held);
        remove.accept(plugged);
    }

    @Override
    void restore(PluggedDevice plugged, DeviceFactory factory) {
        FrontendProperties properties = new FrontendProperties(plugged.properties, plugged.frontend, SILENT);
        Device restored;
        try {
            restored = factory.restore(properties, plugged.context, plugged.saved);
        } catch (ConfigurationException | StateException | RuntimeException e) {
            LOG.warn("{}: cannot be restored into {}: {}", plugged.name(), factory, e.getMessage());
            return;
        }
        try {
            plugged.function.resume(restored.pciFunction());
        } catch (LayoutMismatchException | RuntimeException e) {
            LOG.warn("{}: cannot be restored into {}: {}", plugged.name(), factory, e.getMessage());
            Quietly.run(restored::close);
            return;
        }
        plugged.device = restored;
        plugged.factory = factory;
        plugged.saved = null;
        LOG.info("{}: restored, guest accesses continue", plugged.name());
    }
}
