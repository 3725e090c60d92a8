package io.emuhost.monitor.internal.command;

import io.emuhost.api.monitor.CommandArguments;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** QMP {@code query-commands}: {@code [{"name": ...}, ...]}, {@code qmp_capabilities} included. */
public final class QueryCommandsCommand extends HostCommand {

    /** Served by the QMP session itself, but a command all the same. */
    static final String CAPABILITIES = "qmp_capabilities";

    private final Supplier<List<String>> names;

    /**
     * Creates the command.
     *
     * @param names the current QMP command names, contributed commands included
     */
    public QueryCommandsCommand(Supplier<List<String>> names) {
        super(qmp("query-commands", "list the QMP commands", List.of(), false));
        this.names = names;
    }

    @Override
    public Object execute(CommandArguments arguments) {
        List<String> all = new ArrayList<>(names.get());
        if (!all.contains(CAPABILITIES)) {
            all.add(CAPABILITIES);
        }
        return all.stream().map(name -> Json.of("name", name)).toList();
    }
}
