package io.emuhost.machine.internal.hmp;

import java.util.List;

/** The monitor's command tables. */
public final class HmpCommands {

    private HmpCommands() {
    }

    /**
     * The commands emuhost has: {@code help}, {@code info}, {@code object_add},
     * {@code device_add}, {@code quit}.
     *
     * @return the top-level table
     */
    public static HmpCommandTable standard() {
        HmpCommandTable info = new HmpCommandTable(List.of(new InfoMemoryDevices(), new InfoMemdev(), new InfoPci(),
                new InfoMemorySizeSummary(), new InfoStatus(), new InfoVersion(), new InfoName()));
        return new HmpCommandTable(List.of(new HelpCommand(), new InfoCommand(info), new ObjectAddCommand(),
                new DeviceAddCommand(), new QuitCommand()));
    }
}
