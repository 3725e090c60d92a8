package io.emuhost.cli.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.emuhost.testkit.machine.FakeFactories;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartupWaitTest {

    @Test
    void awaitStartup_pollsUntilStarted() {
        AtomicInteger polls = new AtomicInteger();
        StartupWait wait = new StartupWait(FakeFactories.standard(), ConnectionProtocols.NONE, () -> polls.incrementAndGet() >= 3,
                Duration.ofMinutes(1));

        wait.awaitStartup();

        assertEquals(3, polls.get());
    }

    @Test
    void awaitObjectType_presentType_returnsAtOnce() {
        AtomicInteger polls = new AtomicInteger();
        StartupWait wait = new StartupWait(FakeFactories.standard(), ConnectionProtocols.NONE, () -> polls.incrementAndGet() > 0,
                Duration.ofMinutes(1));

        wait.awaitObjectType("memory-backend-file");
        wait.awaitDeviceDriver("virtio-pmem-pci");

        assertEquals(0, polls.get());
    }

    @Test
    void awaitDeviceDriver_absentDriver_givesUpAfterTheTimeout() {
        StartupWait wait = new StartupWait(FakeFactories.standard(), ConnectionProtocols.NONE, () -> true, Duration.ofMillis(30));

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> wait.awaitDeviceDriver("nosuch"));
    }

    @Test
    void awaitProtocol_pollsUntilTheProtocolIsRegistered() {
        AtomicInteger polls = new AtomicInteger();
        EchoProtocol qtest = new EchoProtocol("qtest");
        StartupWait wait = new StartupWait(FakeFactories.standard(),
                name -> polls.incrementAndGet() >= 3 ? Optional.of(qtest) : Optional.empty(), () -> true,
                Duration.ofMinutes(1));

        wait.awaitProtocol("qtest");

        assertEquals(3, polls.get());
    }
}
