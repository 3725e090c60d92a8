package io.emuhost.syntax.help;

import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.machine.FactoryCatalogue;
import java.io.PrintStream;
import java.util.Optional;

/** {@code -object help} and {@code -object TYPE,help} (QEMU qom/object_interfaces.c). */
public final class ObjectHelp {

    private ObjectHelp() {
    }

    /**
     * Lists the user-creatable object types.
     *
     * @param factories the factories available now
     * @param out where to print
     */
    public static void printTypes(FactoryCatalogue factories, PrintStream out) {
        out.println("List of user creatable objects:");
        factories.objectTypes().forEach(type -> out.println("  " + type));
    }

    /**
     * Lists the properties of one type.
     *
     * @param factories the factories available now
     * @param type the QOM type
     * @param out where to print
     * @return false if there is no such type (nothing printed)
     */
    public static boolean printProperties(FactoryCatalogue factories, String type, PrintStream out) {
        Optional<ObjectFactory> factory = factories.objectFactory(type);
        if (factory.isEmpty()) {
            return false;
        }
        var lines = PropertyHelp.lines(factory.get().properties());
        out.println(lines.isEmpty() ? "There are no options for " + type + "." : type + " options:");
        lines.forEach(out::println);
        return true;
    }
}
