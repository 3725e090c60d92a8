package io.emuhost.monitor.internal.command;

import io.emuhost.api.monitor.MonitorCommand;
import io.emuhost.monitor.internal.hmp.HmpCommandTable;
import io.emuhost.monitor.internal.MonitorContext;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** The host's own monitor commands, in the order {@code query-commands} lists them. */
public final class HostCommands {

    private HostCommands() {
    }

    /**
     * Creates the commands.
     *
     * @param context what they work with
     * @param table the current HMP table, for {@code help} and {@code info}
     * @param qmpNames the current QMP command names, for {@code query-commands}
     * @param hmp runs one HMP line, for {@code human-monitor-command}
     * @param onQuit tells the runtime to stop, for {@code quit}
     * @return the commands
     */
    public static List<MonitorCommand> create(MonitorContext context, Supplier<HmpCommandTable> table,
            Supplier<List<String>> qmpNames, UnaryOperator<String> hmp, Runnable onQuit) {
        return List.of(
                new HelpCommand(table),
                new InfoCommand(table),
                new MemoryDevicesCommand(context.machine()),
                new MemdevCommand(context.machine()),
                new PciCommand(context.machine()),
                new MemorySizeSummaryCommand(context.machine()),
                new CpusCommand(context.machine()),
                new StatusCommand(context.status()),
                new NameCommand(context.name()),
                new VersionCommand(context.version()),
                new ObjectAddHmpCommand(context.machine(), context.factories()),
                new ObjectAddQmpCommand(context.machine()),
                new ObjectDelCommand(context.machine()),
                new DeviceAddCommand(context.machine(), context.factories()),
                new DeviceDelCommand(context.machine()),
                new QueryCommandsCommand(qmpNames),
                new QomListCommand(context.machine(), context.factories()),
                new QomGetCommand(context.machine(), context.factories()),
                new QomSetCommand(context.machine(), context.factories()),
                new BundlesCommand(context.machine(), context.bundles()),
                new BundleUpdateCommand(context.machine(), context.bundles()),
                new BundleStopCommand(context.machine(), context.bundles()),
                new BundleStartCommand(context.machine(), context.bundles()),
                new HumanMonitorCommand(hmp),
                new QuitCommand(onQuit));
    }
}
