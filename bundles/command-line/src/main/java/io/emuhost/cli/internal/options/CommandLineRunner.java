package io.emuhost.cli.internal.options;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;

/**
 * Creates the {@code -object}s and then the {@code -device}s of a command line, in
 * command-line order, as QEMU does. Error locations follow QEMU 7.2: a {@code -device} error
 * always names the option; a {@code -object} error names it only if it is a parse error (QEMU
 * checks the properties against the schema while reading the option, and creates the object
 * later, outside any location). The machine's {@link ConfigurationException} carries only the
 * text, so the phase is told from it: a text starting with {@code Parameter } or
 * {@code Invalid parameter} is a parse error.
 */
public final class CommandLineRunner {

    private final Machine machine;
    private final FactoryAvailability availability;

    /**
     * Creates a runner.
     *
     * @param machine the machine to populate
     * @param availability waits for factories that are not registered yet
     */
    public CommandLineRunner(Machine machine, FactoryAvailability availability) {
        this.machine = machine;
        this.availability = availability;
    }

    /**
     * Creates everything the command line asks for; stops at the first error.
     *
     * @param commandLine the command line
     * @throws CommandLineException the first error, located as QEMU locates it
     */
    public void createAll(CommandLine commandLine) throws CommandLineException {
        for (CreateRequest object : commandLine.objects()) {
            availability.awaitObjectType(object.type());
            try {
                machine.addObject(object.type(), object.properties(), Frontend.COMMAND_LINE);
            } catch (ConfigurationException e) {
                throw new CommandLineException(isParseError(e.getMessage()) ? object.location() : null, e.getMessage());
            }
        }
        for (CreateRequest device : commandLine.devices()) {
            availability.awaitDeviceDriver(device.type());
            try {
                machine.addDevice(device.type(), device.properties(), Frontend.COMMAND_LINE);
            } catch (ConfigurationException e) {
                throw new CommandLineException(device.location(), e.getMessage());
            }
        }
    }

    /**
     * Whether QEMU reports an object error while reading the option (with its location).
     *
     * @param message the machine's error text
     * @return true for schema errors: missing, unexpected and badly typed parameters
     */
    static boolean isParseError(String message) {
        return message.startsWith("Parameter ") || message.startsWith("Invalid parameter");
    }
}
