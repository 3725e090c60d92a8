package io.emuhost.karaf.shell.internal;

import io.emuhost.api.machine.Machine;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code emuhost:device-del ID}: HMP {@code device_del} through {@link Machine#deleteDevice}; the
 * device is unplugged when the command returns.
 */
@Service
@Command(scope = "emuhost", name = "device-del", description = "Unplugs and removes a device, like QEMU's device_del")
public class DeviceDelCommand implements Action {

    @Reference
    Machine machine;

    @Argument(index = 0, name = "id", required = true, description = "the device id")
    @Completion(DeviceIdCompleter.class)
    String id;

    @Override
    public Object execute() throws Exception {
        machine.deleteDevice(id);
        return null;
    }
}
