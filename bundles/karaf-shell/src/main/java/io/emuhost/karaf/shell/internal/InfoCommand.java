package io.emuhost.karaf.shell.internal;

import io.emuhost.api.machine.Machine;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * {@code emuhost:info [memory-devices|memdev|pci]}: HMP's {@code info} for the machine's memory
 * devices (the default), memory backends and PCI functions, in QEMU's shapes.
 */
@Service
@Command(scope = "emuhost", name = "info", description = "Shows memory devices, memory backends or PCI functions, like QEMU's info")
public class InfoCommand implements Action {

    @Reference
    Machine machine;

    @Argument(index = 0, name = "topic", description = "memory-devices (default), memdev or pci")
    @Completion(value = StringsCompleter.class, values = {"memory-devices", "memdev", "pci"})
    String topic = "memory-devices";

    @Override
    public Object execute() {
        System.out.print(InfoReport.format(topic, machine));
        return null;
    }
}
