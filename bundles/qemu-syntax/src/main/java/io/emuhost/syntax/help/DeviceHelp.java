package io.emuhost.syntax.help;

import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.machine.FactoryCatalogue;
import java.io.PrintStream;
import java.util.Optional;

/**
 * {@code -device help} and {@code -device DRIVER,help} (QEMU softmmu/qdev-monitor.c). Every
 * driver is a PCI device; the API has no device category, so all are listed under QEMU's
 * {@code Misc} category (the one of virtio-pmem-pci).
 */
public final class DeviceHelp {

    private DeviceHelp() {
    }

    /**
     * Lists the device drivers.
     *
     * @param factories the factories available now
     * @param out where to print
     */
    public static void printDrivers(FactoryCatalogue factories, PrintStream out) {
        if (factories.deviceDrivers().isEmpty()) {
            return;
        }
        out.println();
        out.println("Misc devices:");
        for (String driver : factories.deviceDrivers()) {
            String description = factories.deviceFactory(driver).map(DeviceFactory::description).orElse("");
            out.println("name \"" + driver + "\", bus PCI" + (description.isEmpty() ? "" : ", desc \"" + description + "\""));
        }
    }

    /**
     * Lists the properties of one driver.
     *
     * @param factories the factories available now
     * @param driver the driver
     * @param out where to print
     * @return false if there is no such driver (nothing printed)
     */
    public static boolean printProperties(FactoryCatalogue factories, String driver, PrintStream out) {
        Optional<DeviceFactory> factory = factories.deviceFactory(driver);
        if (factory.isEmpty()) {
            return false;
        }
        var lines = PropertyHelp.lines(factory.get().properties());
        out.println(lines.isEmpty() ? "There are no options for " + driver + "." : driver + " options:");
        lines.forEach(out::println);
        return true;
    }
}
