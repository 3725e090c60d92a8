package io.emuhost.virtio.pmem.internal;

import io.emuhost.api.machine.ServingBundle;
import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.api.monitor.CommandSpec;
import io.emuhost.api.monitor.MonitorCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code info virtio-pmem} (HMP) and {@code x-query-virtio-pmem} (QMP): per live device its id,
 * backend, requests completed, fsyncs, errors and flush latency percentiles, from
 * {@link PmemStatistics}, and the bundle serving it: this command's own bundle revision, whose
 * factory made the device or took it over (a live upgrade hands each device to the new
 * revision, whose command then lists it). An emuhost extension; QEMU has no such command, hence
 * the {@code x-}.
 *
 * <p>QMP returns a list of {@code {"id": str ("" without id), "memdev": str, "requests": int,
 * "fsyncs": int, "errors": int, "latency-p50-ns": int, "latency-p99-ns": int, "bundle": str
 * (symbolic name), "bundle-version": str, "bundle-id": int}}.
 */
@Component(service = MonitorCommand.class)
public final class VirtioPmemInfoCommand implements MonitorCommand {

    static final String QMP_NAME = "x-query-virtio-pmem";
    static final String HMP_NAME = "virtio-pmem";

    private static final CommandSpec SPEC = new CommandSpec(Optional.of(QMP_NAME), Optional.of(HMP_NAME), true, "",
            "show virtio-pmem devices: flush requests, fsyncs, errors and flush latency", List.of(), false);
    private static final long NANOS_PER_MICRO = 1_000;

    private final LivePmemDevices live;
    private final ServingBundle bundle;

    /**
     * Creates the command.
     *
     * @param live the devices to show
     * @param context this bundle's context: the revision serving them
     */
    @Activate
    public VirtioPmemInfoCommand(@Reference(name = "live") LivePmemDevices live, BundleContext context) {
        this(live, serving(context.getBundle()));
    }

    VirtioPmemInfoCommand(LivePmemDevices live, ServingBundle bundle) {
        this.live = live;
        this.bundle = bundle;
    }

    private static ServingBundle serving(Bundle bundle) {
        return new ServingBundle(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion().toString());
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public List<Map<String, Object>> execute(CommandArguments arguments) {
        List<Map<String, Object>> devices = new ArrayList<>();
        for (LivePmemDevices.Entry entry : live.entries()) {
            PmemStatistics statistics = entry.statistics();
            Map<String, Object> device = new LinkedHashMap<>();
            device.put("id", entry.id().orElse(""));
            device.put("memdev", entry.memdev());
            device.put("requests", statistics.requests());
            device.put("fsyncs", statistics.fsyncs());
            device.put("errors", statistics.errors());
            device.put("latency-p50-ns", statistics.latencyP50Nanos());
            device.put("latency-p99-ns", statistics.latencyP99Nanos());
            device.put("bundle", bundle.symbolicName());
            device.put("bundle-version", bundle.version());
            device.put("bundle-id", bundle.bundleId());
            devices.add(device);
        }
        return devices;
    }

    /** One block per device; latencies in whole microseconds (rounded); last, the serving bundle. */
    @Override
    public String formatHuman(Object result) {
        StringBuilder text = new StringBuilder();
        for (Object element : (List<?>) result) {
            Map<?, ?> device = (Map<?, ?>) element;
            String id = (String) device.get("id");
            text.append("virtio-pmem ").append(id.isEmpty() ? "(no id)" : id)
                    .append(" (memdev ").append(device.get("memdev")).append("):\n")
                    .append("  requests: ").append(device.get("requests")).append('\n')
                    .append("  fsyncs: ").append(device.get("fsyncs")).append('\n')
                    .append("  errors: ").append(device.get("errors")).append('\n')
                    .append("  flush latency p50: ").append(micros(device.get("latency-p50-ns")))
                    .append(" us, p99: ").append(micros(device.get("latency-p99-ns"))).append(" us\n")
                    .append("  served by: ").append(device.get("bundle")).append(' ').append(device.get("bundle-version"))
                    .append(" (bundle ").append(device.get("bundle-id")).append(")\n");
        }
        return text.toString();
    }

    private static long micros(Object nanos) {
        long value = ((Number) nanos).longValue();
        return value / NANOS_PER_MICRO + (value % NANOS_PER_MICRO >= NANOS_PER_MICRO / 2 ? 1 : 0);
    }
}
