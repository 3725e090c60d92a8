package io.emuhost.qtest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** irq_intercept_in/out and set_irq_in, and the IRQ lines INTx and MSI deliveries produce. */
class IrqInterceptTest {

    private final FakeMachine machine = new FakeMachine();
    private QtestServer server;
    private QtestConnection qtest;

    @BeforeEach
    void start() throws Exception {
        server = new QtestServer(machine, Optional.of("none"));
        qtest = new QtestConnection(server);
    }

    @AfterEach
    void stop() throws Exception {
        qtest.close();
        server.close();
    }

    @Test
    void interceptIn_unknownPath_failsWithUnknownDevice() throws Exception {
        assertEquals("FAIL Unknown device", qtest.ask("irq_intercept_in nosuch"));
        assertEquals("FAIL Unknown device", qtest.ask("irq_intercept_in /machine/ioapic"));
    }

    @Test
    void interceptIn_ioapicByPartialAndFullPath_isOneDevice() throws Exception {
        assertEquals("OK", qtest.ask("irq_intercept_in ioapic"));
        assertEquals("OK", qtest.ask("irq_intercept_in /machine/i440fx/ioapic"));
        assertEquals("OK", qtest.ask("irq_intercept_out i440fx/ioapic"));
    }

    @Test
    void interceptIn_secondDifferentDevice_failsAlreadyEnabled() throws Exception {
        qtest.ask("irq_intercept_in ioapic");

        assertEquals("FAIL IRQ intercept already enabled", qtest.ask("irq_intercept_in /machine/peripheral/nv1"));
    }

    @Test
    void interceptOut_peripheralDeviceById_isAcceptedAndBlocksTheIoapic() throws Exception {
        assertEquals("OK", qtest.ask("irq_intercept_out nv1"));

        assertEquals("FAIL IRQ intercept already enabled", qtest.ask("irq_intercept_in ioapic"));
    }

    @Test
    void interceptIn_missingPath_answersErr() throws Exception {
        assertEquals("ERR missing QOM-PATH, usage: irq_intercept_in QOM-PATH", qtest.ask("irq_intercept_in"));
    }

    @Test
    void setIrqIn_intercepted_reportsEachLevelChangeBeforeTheReply() throws Exception {
        qtest.ask("irq_intercept_in ioapic");

        assertEquals(List.of("IRQ raise 10", "OK"), qtest.exchange("set_irq_in ioapic unnamed-gpio-in 10 1"));
        assertEquals(List.of("IRQ raise 10", "OK"), qtest.exchange("set_irq_in ioapic unnamed-gpio-in 10 2"));
        assertEquals(List.of("OK"), qtest.exchange("set_irq_in ioapic unnamed-gpio-in 10 2"));
        assertEquals(List.of("IRQ lower 10", "OK"), qtest.exchange("set_irq_in ioapic unnamed-gpio-in 10 0"));
    }

    @Test
    void setIrqIn_notIntercepted_answersOkSilently() throws Exception {
        assertEquals("OK", qtest.ask("set_irq_in ioapic unnamed-gpio-in 3 1"));
    }

    @Test
    void setIrqIn_noSuchInput_answersErr() throws Exception {
        assertEquals("ERR 'ioapic' has no input 24 in GPIO list 'unnamed-gpio-in'",
                qtest.ask("set_irq_in ioapic unnamed-gpio-in 24 1"));
        assertEquals("ERR 'ioapic' has no input 1 in GPIO list 'foo'", qtest.ask("set_irq_in ioapic foo 1 1"));
        assertEquals("ERR 'nv1' has no input 0 in GPIO list 'unnamed-gpio-in'",
                qtest.ask("set_irq_in nv1 unnamed-gpio-in 0 1"));
    }

    @Test
    void setIrqIn_unknownDevice_failsBeforeParsingNumbers() throws Exception {
        assertEquals("FAIL Unknown device", qtest.ask("set_irq_in nosuch unnamed-gpio-in x y"));
        assertEquals("ERR missing LEVEL, usage: set_irq_in QOM-PATH NAME NUM LEVEL",
                qtest.ask("set_irq_in ioapic unnamed-gpio-in 1"));
    }

    @Test
    void msi_intercepted_isReportedAsAnEdgeOnItsVector() throws Exception {
        qtest.ask("irq_intercept_in ioapic");

        assertEquals(List.of("IRQ raise 49", "IRQ lower 49", "OK"), qtest.exchange("writel 0xfee00000 0x4031"));
    }

    @Test
    void msi_notIntercepted_isNotReported() throws Exception {
        assertEquals(List.of("OK"), qtest.exchange("writel 0xfee00000 0x4031"));
    }

    @Test
    void intxFromADeviceThread_intercepted_isReportedAsItHappens() throws Exception {
        qtest.ask("irq_intercept_in ioapic");
        // a device's completion raises its line and the driver's ISR read lowers it (launcher's
        // QtestIT does this with a real virtio-pmem FLUSH)
        Thread device = new Thread(() -> {
            machine.bus.setGsi(10, true);
            machine.bus.setGsi(10, false);
        }, "fake-device");
        device.start();
        device.join();

        assertEquals("IRQ raise 10", qtest.nextLine());
        assertEquals("IRQ lower 10", qtest.nextLine());
    }

    @Test
    void newConnection_startsWithLevelsAtZeroAndKeepsTheIntercept() throws Exception {
        qtest.ask("irq_intercept_in ioapic");
        qtest.exchange("set_irq_in ioapic unnamed-gpio-in 5 1");
        qtest.close();

        qtest = new QtestConnection(server);

        assertEquals(List.of("IRQ raise 5", "OK"), qtest.exchange("set_irq_in ioapic unnamed-gpio-in 5 1"));
        assertEquals("FAIL IRQ intercept already enabled", qtest.ask("irq_intercept_in nv1"));
    }
}
