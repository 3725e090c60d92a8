package io.emuhost.itests.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.MachineSpec;
import io.emuhost.api.monitor.MonitorCommand;
import io.emuhost.backend.file.internal.FileBackendFactory;
import io.emuhost.backend.file.internal.RamBackendFactory;
import io.emuhost.machine.internal.MachineImpl;
import io.emuhost.machine.internal.StaticFactories;
import io.emuhost.monitor.internal.hmp.VmStatus;
import io.emuhost.monitor.internal.CommandRegistry;
import io.emuhost.monitor.internal.EventBus;
import io.emuhost.monitor.internal.MonitorContext;
import io.emuhost.monitor.internal.command.QuitCommand;
import io.emuhost.virtio.pci.internal.VirtioPciTransport;
import io.emuhost.virtio.pmem.internal.VirtioPmemPciFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The reference machine of §7 with the real factories: {@code -S -m 1G,slots=2,maxmem=8G -object
 * memory-backend-file,id=mem1,share=on,mem-path=...,size=256M -device virtio-pmem-pci,id=nv1,
 * memdev=mem1}, and a command registry on it; QMP values serialized with Jackson.
 */
final class MonitorFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final EventBus events = new EventBus();
    final List<String> emitted = new CopyOnWriteArrayList<>();
    final List<MonitorCommand> contributed = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    final MachineImpl machine;
    final CommandRegistry registry;
    int quits;

    MonitorFixture(Path dir) throws ConfigurationException {
        Map<String, ObjectFactory> objects = Map.of("memory-backend-ram", new RamBackendFactory(),
                "memory-backend-file", new FileBackendFactory());
        Map<String, DeviceFactory> devices = Map.of(VirtioPmemPciFactory.DRIVER,
                new VirtioPmemPciFactory(new VirtioPciTransport()));
        StaticFactories factories = new StaticFactories(objects, devices);
        PrintStream diagnosticsStream = new PrintStream(diagnostics, true, StandardCharsets.UTF_8);
        machine = new MachineImpl(new MachineSpec("pc", 1L << 30, 2, OptionalLong.of(8L << 30)), factories,
                diagnosticsStream, events);
        events.addListener((event, data, micros) -> emitted.add(event + " " + json(data)));
        registry = new CommandRegistry(new MonitorContext(machine, factories, events, diagnosticsStream,
                VmStatus.PRELAUNCH, "9.9", Optional.empty()), () -> contributed, () -> {
                    quits++;
                    machine.requestShutdown(QuitCommand.REASON);
                });
        machine.addObject("memory-backend-file", Map.of("id", "mem1", "share", "on", "mem-path",
                dir.resolve("virtio_pmem.img").toString(), "size", "256M"), Frontend.COMMAND_LINE);
        machine.addDevice(VirtioPmemPciFactory.DRIVER, Map.of("id", "nv1", "memdev", "mem1"), Frontend.COMMAND_LINE);
    }

    /** Runs a QMP command and serializes its return value. */
    String qmp(String command, Map<String, Object> arguments) throws ConfigurationException {
        return json(registry.executeQmp(command, arguments));
    }

    /** Runs a QMP command without arguments and serializes its return value. */
    String qmp(String command) throws ConfigurationException {
        return qmp(command, Map.of());
    }

    /** A JSON value as Jackson writes it; null as QMP's {@code {}}. */
    static String json(Object value) {
        try {
            return value == null ? "{}" : JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a JSON object, as the QMP transport hands arguments over. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> args(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    @Override
    public void close() {
        machine.close();
    }
}
