package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.ArgumentSpec;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.api.monitor.CommandSpec;
import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.syntax.KeyvalParser;
import io.emuhost.syntax.help.DeviceHelp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code device_add} on both monitors: HMP {@code device_add driver[,prop=value][,...]} (one
 * QemuOpts word) and QMP {@code device_add} with {@code driver}, {@code id} and the properties as
 * members.
 *
 * <p>QEMU 7.2 runs both through QemuOpts ({@code qmp_device_add} → {@code qemu_opts_from_qdict}),
 * and so does this command: QMP values become strings (numbers in decimal, booleans
 * {@code on}/{@code off}), other JSON values are dropped, a non-string {@code id} is ignored, and
 * the machine parses the strings with the keyval syntax and wording ({@link Frontend#HMP}):
 * {@code "memaddr": "0x100000000"} is accepted, {@code "driver": 5} gives
 * {@code '5' is not a valid device model name}, as in QEMU. On HMP only, {@code help} lists the
 * drivers or a driver's properties.
 */
public final class DeviceAddCommand extends HostCommand {

    private static final String DRIVER = "driver";
    private static final String HELP = "help";

    private final Machine machine;
    private final FactoryCatalogue factories;

    /**
     * Creates the command.
     *
     * @param machine the machine
     * @param factories the factories, for {@code help}
     */
    public DeviceAddCommand(Machine machine, FactoryCatalogue factories) {
        super(new CommandSpec(Optional.of("device_add"), Optional.of("device_add"), false,
                "driver[,prop=value][,...]", "add device, like -device on the command line",
                List.of(new ArgumentSpec(DRIVER, ArgumentType.KEYVAL, true, "the driver and its properties")),
                true));
        this.machine = machine;
        this.factories = factories;
    }

    @Override
    public Object execute(CommandArguments arguments) throws ConfigurationException {
        Map<String, Object> properties = qemuOpts(arguments.extra());
        Object driver = properties.remove(DRIVER);
        if (driver == null) {
            throw new ConfigurationException("Parameter '" + DRIVER + "' is missing");
        }
        if (arguments.frontend() == Frontend.HMP && (KeyvalParser.isHelp((String) driver)
                || properties.containsKey(HELP))) {
            return help((String) driver);
        }
        machine.addDevice((String) driver, properties, Frontend.HMP);
        return null;
    }

    /** QEMU's {@code qemu_opts_from_qdict_entry}. */
    private static Map<String, Object> qemuOpts(Map<String, Object> members) {
        Map<String, Object> strings = new LinkedHashMap<>();
        members.forEach((key, value) -> {
            if (value instanceof String || (value instanceof Number && !"id".equals(key))) {
                strings.put(key, value instanceof Double || value instanceof Float || value instanceof BigDecimal
                        ? new BigDecimal(value.toString()).stripTrailingZeros().toPlainString()
                        : value.toString());
            } else if (value instanceof Boolean b && !"id".equals(key)) {
                strings.put(key, b ? "on" : "off");
            }
        });
        return strings;
    }

    private String help(String driver) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        if (KeyvalParser.isHelp(driver)) {
            DeviceHelp.printDrivers(factories, out);
        } else if (!DeviceHelp.printProperties(factories, driver, out)) {
            out.println("Device '" + driver + "' not found");
        }
        return text.toString(StandardCharsets.UTF_8);
    }
}
