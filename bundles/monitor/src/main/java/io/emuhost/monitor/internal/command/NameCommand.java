package io.emuhost.monitor.internal.command;

import io.emuhost.api.monitor.CommandArguments;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code query-name} / {@code info name}: {@code {"name": ...}}, or {@code {}} without
 * {@code -name}; HMP prints the name, or nothing.
 */
public final class NameCommand extends HostCommand {

    private final Optional<String> name;

    /**
     * Creates the command.
     *
     * @param name the guest name, if given
     */
    public NameCommand(Optional<String> name) {
        super(info("query-name", "name", "show the current VM name"));
        this.name = name;
    }

    @Override
    public Object execute(CommandArguments arguments) {
        Map<String, Object> result = new LinkedHashMap<>();
        name.ifPresent(n -> result.put("name", n));
        return result;
    }

    @Override
    public String formatHuman(Object result) {
        String value = Json.string(Json.object(result), "name");
        return value == null ? "" : value + "\n";
    }
}
