package io.emuhost.cli.internal.options;

import io.emuhost.syntax.KeyvalOptions;
import java.util.Set;

/**
 * A monitor option whose chardev is named by id and found once every option is read, as QEMU
 * creates all chardevs before the monitors ({@code -mon} may come before its {@code -chardev}).
 *
 * @param chardevId the chardev
 * @param protocol HMP or QMP
 * @param pretty {@code pretty=on}
 * @param location the option as written
 */
record MonitorRequest(String chardevId, MonitorProtocol protocol, boolean pretty, String location) {

    private static final Set<String> KEYS = Set.of("chardev", "mode", "pretty", "id");

    /**
     * Reads {@code -mon [chardev=]id[,mode=readline|control][,pretty=on|off]}.
     *
     * @param location the option as written
     * @param options its keys, the implied one under {@code chardev}
     * @return the request
     * @throws CommandLineException with QEMU's wording
     */
    static MonitorRequest parse(String location, KeyvalOptions options) throws CommandLineException {
        for (String key : options.values().keySet()) {
            if (!KEYS.contains(key)) {
                throw new CommandLineException(location, "Invalid parameter '" + key + "'");
            }
        }
        String mode = options.get("mode").orElse("readline");
        MonitorProtocol protocol = switch (mode) {
            case "readline" -> MonitorProtocol.HMP;
            case "control" -> MonitorProtocol.QMP;
            default -> throw new CommandLineException(location, "Parameter 'mode' does not accept value '" + mode + "'");
        };
        boolean pretty = BoolOption.get(location, options.values(), "pretty", false);
        String chardev = options.get("chardev")
                .orElseThrow(() -> new CommandLineException(location, "Parameter 'chardev' is missing"));
        return new MonitorRequest(chardev, protocol, pretty, location);
    }
}
