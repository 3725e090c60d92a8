package io.emuhost.testkit.device;

import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.MemoryDeviceInfo;
import java.util.Optional;

/** A device made by {@link TestDeviceFactory}. */
public final class TestDevice implements Device {

    private final String driver;
    private final TestPciFunction function;
    private final Optional<MemoryDeviceInfo> memoryDevice;
    private volatile boolean closed;
    private volatile boolean functionUnpluggedAtClose;

    TestDevice(String driver, TestPciFunction function, Optional<MemoryDeviceInfo> memoryDevice) {
        this.driver = driver;
        this.function = function;
        this.memoryDevice = memoryDevice;
    }

    @Override
    public String driver() {
        return driver;
    }

    @Override
    public PciFunction pciFunction() {
        return function;
    }

    /** @return the function, typed */
    public TestPciFunction function() {
        return function;
    }

    @Override
    public Optional<MemoryDeviceInfo> memoryDevice() {
        return memoryDevice;
    }

    @Override
    public void close() {
        functionUnpluggedAtClose = function.unplugged();
        closed = true;
    }

    /** @return whether {@link #close()} was called */
    public boolean closed() {
        return closed;
    }

    /** @return whether the function was already unplugged when the device was closed */
    public boolean functionUnpluggedAtClose() {
        return functionUnpluggedAtClose;
    }
}
