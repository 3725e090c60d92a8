package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.api.monitor.CommandSpec;
import java.util.List;
import java.util.Optional;

/**
 * {@code device_del} (QMP, member {@code id}) and {@code device_del device} (HMP): unplugs a
 * device ({@code Device 'x' not found}, class DeviceNotFound). Unlike QEMU 7.2, which refuses
 * virtio-pmem ({@code virtio based memory devices cannot be unplugged.}), the machine unplugs it
 * and emits {@code DEVICE_DELETED}.
 */
public final class DeviceDelCommand extends HostCommand {

    private final Machine machine;

    /**
     * Creates the command.
     *
     * @param machine the machine
     */
    public DeviceDelCommand(Machine machine) {
        super(new CommandSpec(Optional.of("device_del"), Optional.of("device_del"), false, "device",
                "remove device", List.of(required("id", ArgumentType.STRING, "the device's id")), false));
        this.machine = machine;
    }

    @Override
    public Object execute(CommandArguments arguments) throws ConfigurationException {
        machine.deleteDevice(arguments.string("id").orElseThrow());
        return null;
    }
}
