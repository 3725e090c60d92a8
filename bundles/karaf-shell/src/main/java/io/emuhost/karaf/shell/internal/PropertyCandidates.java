package io.emuhost.karaf.shell.internal;

import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.karaf.shell.api.console.Candidate;

/**
 * Completion of a {@code key=value} word after the type: before the {@code =} the keys the type
 * accepts (offered as {@code key=}, with no space after it); after it the values the key can take
 * where they are few ({@code on}/{@code off}, {@code auto}) or known (a {@code link} such as
 * {@code memdev} takes an unused backend's id). Any other typed value is offered as itself, so
 * the shell accepts the word and moves on (Karaf re-checks earlier words through their
 * completer).
 */
final class PropertyCandidates {

    private final List<PropertySpec> specs;
    private final List<String> objectIds;

    /**
     * Completes for one type.
     *
     * @param specs the properties the type accepts besides {@code id}; empty if the type is unknown
     * @param objectIds the ids a {@code link} property may take (the unused backends)
     */
    PropertyCandidates(List<PropertySpec> specs, List<String> objectIds) {
        this.specs = List.copyOf(specs);
        this.objectIds = List.copyOf(objectIds);
    }

    /**
     * The candidates for the word typed so far.
     *
     * @param prefix the word up to the cursor
     * @return the candidates
     */
    List<Candidate> complete(String prefix) {
        List<Candidate> candidates = new ArrayList<>();
        int eq = prefix.indexOf('=');
        if (eq < 0) {
            for (String key : keys()) {
                if (key.startsWith(prefix)) {
                    candidates.add(new Candidate(key + "=", false));
                }
            }
            return candidates;
        }
        String key = prefix.substring(0, eq);
        Candidates.complete(prefix, values(spec(key)).stream().map(value -> key + "=" + value).toList(), candidates);
        if (candidates.isEmpty() && eq + 1 < prefix.length()) {
            // a free-form or unknown value: the word as typed
            candidates.add(new Candidate(prefix, true));
        }
        return candidates;
    }

    private Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        keys.add("id");
        specs.forEach(spec -> keys.add(spec.name()));
        return keys;
    }

    private Optional<PropertySpec> spec(String key) {
        return specs.stream().filter(spec -> spec.name().equals(key)).findFirst();
    }

    private List<String> values(Optional<PropertySpec> spec) {
        PropertyType type = spec.map(PropertySpec::type).orElse(PropertyType.STRING);
        return switch (type) {
            case BOOL -> List.of("on", "off");
            case ON_OFF_AUTO -> List.of("on", "off", "auto");
            case LINK -> objectIds;
            default -> List.of();
        };
    }
}
