package io.emuhost.monitor.internal.qmp;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ConfigurationException.ErrorClass;
import io.emuhost.monitor.internal.EventBus;
import io.emuhost.monitor.internal.MonitorHub;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** A command table for QMP session tests: a few commands with fixed answers. */
final class FakeHub implements MonitorHub {

    final EventBus events;
    final CountDownLatch slowStarted = new CountDownLatch(1);
    final CountDownLatch slowRelease = new CountDownLatch(1);

    FakeHub(EventBus events) {
        this.events = events;
    }

    @Override
    public boolean serveHmp(InputStream in, PrintStream out, boolean echo) {
        return false;
    }

    @Override
    public String runHmpLine(String commandLine) {
        return "ran " + commandLine + "\r\n";
    }

    @Override
    public Object executeQmp(String name, Map<String, Object> arguments) throws ConfigurationException {
        switch (name) {
            case "query-status" -> {
                if (!arguments.isEmpty()) {
                    throw new ConfigurationException("Parameter '" + arguments.keySet().iterator().next()
                            + "' is unexpected");
                }
                Map<String, Object> status = new LinkedHashMap<>();
                status.put("status", "running");
                status.put("singlestep", false);
                status.put("running", true);
                return status;
            }
            case "device_del" -> {
                events.emit("DEVICE_DELETED", Map.of("device", arguments.get("id")));
                throw new ConfigurationException(ErrorClass.DEVICE_NOT_FOUND, "Device 'nv9' not found");
            }
            case "slow" -> {
                slowStarted.countDown();
                try {
                    slowRelease.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }
            case "quit" -> {
                events.emit("SHUTDOWN", Map.of("guest", false, "reason", "host-qmp-quit"));
                return null;
            }
            default -> throw new ConfigurationException(ErrorClass.COMMAND_NOT_FOUND,
                    "The command " + name + " has not been found");
        }
    }

    @Override
    public List<String> qmpCommandNames() {
        return List.of("query-status", "device_del", "slow", "quit");
    }
}
