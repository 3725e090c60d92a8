package io.emuhost.monitor.internal;

import io.emuhost.api.machine.Frontend;
import io.emuhost.api.monitor.CommandArguments;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Arguments after checking: declared ones by name ({@code String}, {@code Long} or
 * {@code Boolean}), the rest in {@link #extra()}.
 *
 * @param frontend where the command came from
 * @param values the declared arguments that were given
 * @param extra the extra arguments, in the order given
 */
public record ParsedArguments(Frontend frontend, Map<String, Object> values, Map<String, Object> extra)
        implements CommandArguments {

    /**
     * Copies the maps, keeping their order.
     *
     * @param frontend frontend
     * @param values values
     * @param extra extra
     */
    public ParsedArguments {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    @Override
    public Optional<String> string(String name) {
        return values.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    @Override
    public OptionalLong integer(String name) {
        return values.get(name) instanceof Long l ? OptionalLong.of(l) : OptionalLong.empty();
    }

    @Override
    public Optional<Boolean> bool(String name) {
        return values.get(name) instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }
}
