package io.emuhost.karaf.shell.internal;

import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.api.machine.Machine;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.CommandLine;

/** What the object and device property completers share: finding the type on the line. */
final class PropertyCompleters {

    private PropertyCompleters() {
    }

    /**
     * The type or driver the line names: the first word after the command, up to its first
     * comma. Karaf re-checks earlier words with a line of that word alone; then there is none.
     *
     * @param line the command line
     * @return the type, or null
     */
    static String type(CommandLine line) {
        String[] words = line.getArguments();
        if (words == null || words.length < 2 || line.getCursorArgumentIndex() < 2) {
            return null;
        }
        int comma = words[1].indexOf(',');
        return comma < 0 ? words[1] : words[1].substring(0, comma);
    }

    /**
     * The properties of the object type the line names, as the machine's catalogue has them.
     *
     * @param catalogue the machine's factories
     * @param line the command line
     * @return the properties, empty if the line names no type or no factory serves it
     */
    static List<PropertySpec> objectProperties(FactoryCatalogue catalogue, CommandLine line) {
        return Optional.ofNullable(type(line)).flatMap(catalogue::objectFactory).map(ObjectFactory::properties)
                .orElse(List.of());
    }

    /**
     * The properties of the device driver the line names, as the machine's catalogue has them.
     *
     * @param catalogue the machine's factories
     * @param line the command line
     * @return the properties, empty if the line names no driver or no factory serves it
     */
    static List<PropertySpec> deviceProperties(FactoryCatalogue catalogue, CommandLine line) {
        return Optional.ofNullable(type(line)).flatMap(catalogue::deviceFactory).map(DeviceFactory::properties)
                .orElse(List.of());
    }

    /**
     * Completes the word under the cursor.
     *
     * @param line the command line
     * @param specs the properties of the type on the line
     * @param machine the machine, for the backends a {@code link} may name
     * @param candidates where to add
     */
    static void complete(CommandLine line, List<PropertySpec> specs, Machine machine, List<Candidate> candidates) {
        candidates.addAll(new PropertyCandidates(specs, MachineIds.unusedBackends(machine)).complete(Candidates.prefix(line)));
    }
}
