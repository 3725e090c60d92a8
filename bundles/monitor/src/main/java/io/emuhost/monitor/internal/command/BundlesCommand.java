package io.emuhost.monitor.internal.command;

import io.emuhost.api.machine.FactoryBinding;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.machine.ServingBundle;
import io.emuhost.api.monitor.CommandArguments;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code info bundles} (HMP) / {@code x-query-bundles} (QMP; QEMU has no bundles, hence the
 * {@code x-} of an emuhost extension): every installed bundle with its id, symbolic name, version,
 * state and location, and which objects and devices its factories serve now, with the version of
 * the revision serving each; then what waits, suspended, for a factory. QMP:
 * {@code {"bundles": [{"id", "name", "version", "state", "location", "serves": [{"kind", "id",
 * "type", "version"}]}], "waiting": [{"kind", "id", "type"}]}}.
 */
public final class BundlesCommand extends HostCommand {

    private final Machine machine;
    private final BundleControl bundles;

    /**
     * Creates the command.
     *
     * @param machine the machine, which knows what serves each object and device
     * @param bundles the framework's bundles
     */
    public BundlesCommand(Machine machine, BundleControl bundles) {
        super(info("x-query-bundles", "bundles", "show the bundles and which objects and devices each serves"));
        this.machine = machine;
        this.bundles = bundles;
    }

    @Override
    public Object execute(CommandArguments arguments) {
        List<FactoryBinding> bindings = machine.factoryBindings();
        List<Map<String, Object>> list = new ArrayList<>();
        for (InstalledBundle bundle : bundles.bundles()) {
            List<Map<String, Object>> serves = new ArrayList<>();
            for (FactoryBinding binding : bindings) {
                if (binding.bundle().map(ServingBundle::bundleId).filter(id -> id == bundle.id()).isPresent()) {
                    serves.add(Json.of("kind", kind(binding), "id", binding.name(), "type", binding.type(),
                            "version", binding.bundle().get().version()));
                }
            }
            list.add(Json.of("id", bundle.id(), "name", bundle.symbolicName(), "version", bundle.version(),
                    "state", bundle.state(), "location", bundle.location(), "serves", serves));
        }
        List<Map<String, Object>> waiting = bindings.stream().filter(b -> b.bundle().isEmpty())
                .map(b -> Json.of("kind", kind(b), "id", b.name(), "type", b.type())).toList();
        return Json.of("bundles", list, "waiting", waiting);
    }

    private static String kind(FactoryBinding binding) {
        return binding.kind().name().toLowerCase(Locale.ROOT);
    }

    /** One line per bundle, one indented line per object or device it serves, then what waits. */
    @Override
    public String formatHuman(Object result) {
        Map<?, ?> value = Json.object(result);
        StringBuilder text = new StringBuilder();
        for (Object element : Json.array(value.get("bundles"))) {
            Map<?, ?> bundle = Json.object(element);
            String version = Json.string(bundle, "version");
            text.append(String.format("%3d %-8s %-36s %s\n", Json.integer(bundle, "id"), Json.string(bundle, "state"),
                    Json.string(bundle, "name"), version));
            for (Object served : Json.array(bundle.get("serves"))) {
                Map<?, ?> s = Json.object(served);
                String revision = Json.string(s, "version");
                text.append("      serves ").append(Json.string(s, "kind")).append(' ').append(Json.string(s, "id"))
                        .append(" (").append(Json.string(s, "type")).append(')')
                        .append(revision.equals(version) ? "" : " with revision " + revision).append('\n');
            }
        }
        for (Object element : Json.array(value.get("waiting"))) {
            Map<?, ?> w = Json.object(element);
            text.append("waiting for a factory: ").append(Json.string(w, "kind")).append(' ')
                    .append(Json.string(w, "id")).append(" (").append(Json.string(w, "type")).append(")\n");
        }
        return text.toString();
    }
}
