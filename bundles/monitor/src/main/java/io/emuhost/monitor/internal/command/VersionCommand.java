package io.emuhost.monitor.internal.command;

import io.emuhost.api.monitor.CommandArguments;

/** {@code info version}: the emuhost version alone on a line, as QEMU prints its own. */
public final class VersionCommand extends HostCommand {

    private final String version;

    /**
     * Creates the command.
     *
     * @param version the emuhost version
     */
    public VersionCommand(String version) {
        super(info(null, "version", "show the version of emuhost"));
        this.version = version;
    }

    @Override
    public Object execute(CommandArguments arguments) {
        return version + "\n";
    }
}
