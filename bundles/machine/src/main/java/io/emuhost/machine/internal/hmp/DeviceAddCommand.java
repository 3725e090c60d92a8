package io.emuhost.machine.internal.hmp;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Frontend;
import io.emuhost.machine.internal.cli.DeviceHelp;
import io.emuhost.machine.internal.cli.KeyvalException;
import io.emuhost.machine.internal.cli.KeyvalOptions;
import io.emuhost.machine.internal.cli.KeyvalParser;
import io.emuhost.machine.internal.cli.KeyvalSyntax;
import io.emuhost.machine.internal.cli.ShortFormBoolean;

/**
 * {@code device_add driver[,prop=value][,...]}: one word in QemuOpts syntax, like
 * {@code -device} (a bare boolean key is accepted with QEMU's deprecation warning).
 */
public final class DeviceAddCommand implements HmpCommand {

    private static final String DRIVER_KEY = "driver";

    @Override
    public String name() {
        return "device_add";
    }

    @Override
    public String params() {
        return "driver[,prop=value][,...]";
    }

    @Override
    public String help() {
        return "add device, like -device on the command line";
    }

    @Override
    public HmpOutcome run(String arguments, HmpSession session) throws ConfigurationException {
        String[] words = arguments.split("\\s+", 2);
        if (words.length > 1) {
            session.out().println(name() + ": extraneous characters at the end of line");
            return HmpOutcome.CONTINUE;
        }
        KeyvalOptions options;
        try {
            options = KeyvalParser.parse(words[0], DRIVER_KEY, KeyvalSyntax.QEMU_OPTS);
        } catch (KeyvalException e) {
            throw new ConfigurationException(e.getMessage());
        }
        for (ShortFormBoolean flag : options.shortForms()) {
            session.out().println("warning: " + flag.warning());
            session.out().println(flag.hint());
        }
        String driver = options.get(DRIVER_KEY)
                .orElseThrow(() -> new ConfigurationException("Parameter '" + DRIVER_KEY + "' is missing"));
        if (KeyvalParser.isHelp(driver)) {
            DeviceHelp.printDrivers(session.factories(), session.out());
        } else if (options.helpWanted()) {
            if (!DeviceHelp.printProperties(session.factories(), driver, session.out())) {
                session.out().println("Device '" + driver + "' not found");
            }
        } else {
            session.machine().addDevice(driver, options.without(DRIVER_KEY), Frontend.HMP);
        }
        return HmpOutcome.CONTINUE;
    }
}
