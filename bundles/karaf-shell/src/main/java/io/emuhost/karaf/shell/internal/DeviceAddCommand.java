package io.emuhost.karaf.shell.internal;

import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code emuhost:device-add DRIVER id=ID key=value...}: QEMU's {@code -device} / HMP
 * {@code device_add} through {@link Machine#addDevice}. Prints nothing on success; a refusal is
 * the command's error, in QEMU's words. {@code help} as the driver lists the drivers.
 */
@Service
@Command(scope = "emuhost", name = "device-add", description = "Creates and plugs a device, like QEMU's -device")
public class DeviceAddCommand implements Action {

    @Reference
    Machine machine;

    @Reference
    FactoryCatalogue catalogue;

    @Argument(index = 0, name = "driver", required = true,
            description = "the device driver (virtio-pmem-pci, ...), or QEMU's DRIVER,id=ID,key=value,... in one word")
    @Completion(DeviceDriverCompleter.class)
    String driver;

    @Argument(index = 1, name = "properties", multiValued = true,
            description = "key=value words: id=ID and the driver's properties (memdev=OBJECT ...)")
    @Completion(DevicePropertyCompleter.class)
    List<String> properties;

    @Override
    public Object execute() throws Exception {
        if (HelpWord.is(driver)) {
            System.out.println(HelpWord.list("Device drivers", List.copyOf(catalogue.deviceDrivers())));
            return null;
        }
        CreateArguments.Request request = CreateArguments.parse(driver, properties, "driver");
        machine.addDevice(request.type(), request.properties(), Frontend.HMP);
        return null;
    }
}
