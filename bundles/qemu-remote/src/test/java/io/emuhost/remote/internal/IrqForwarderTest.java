package io.emuhost.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KVM irqfd semantics of the INTx forwarding (hw/remote/iohub.c; reference §1 item 7). */
class IrqForwarderTest {

    private static final int QUIET_MILLIS = 200;

    private IrqForwarder forwarder;
    private int irq;
    private int resample;

    @BeforeEach
    void setUp() {
        forwarder = new IrqForwarder("t", new Doorbell("t", null));
        irq = Fds.eventfd();
        resample = Fds.eventfd();
        forwarder.eventfds(TestLibC.dup(irq), TestLibC.dup(resample));
        forwarder.route(11);
    }

    @AfterEach
    void tearDown() {
        forwarder.close();
        Fds.close(irq, resample);
    }

    @Test
    void assertOnTheRoutedGsi_writesOneToTheIrqEventfd() {
        forwarder.intx(11, true);

        assertTrue(Fds.readable(irq, 1000));
        assertEquals(1, Fds.readCounter(irq));
    }

    @Test
    void otherGsisAndDeasserts_writeNothing() {
        forwarder.intx(5, true);
        forwarder.intx(11, false);
        forwarder.msi(0xfee0_0000L, 0x41);

        assertFalse(Fds.readable(irq, QUIET_MILLIS));
    }

    @Test
    void resampleWhileStillAsserted_signalsAgain_andNotOnceDeasserted() {
        forwarder.intx(11, true);
        Fds.readCounter(irq);

        Fds.writeCounter(resample, 1);
        assertTrue(Fds.readable(irq, 1000), "re-asserted at EOI while the level is high");
        Fds.readCounter(irq);

        forwarder.intx(11, false);
        Fds.writeCounter(resample, 1);
        assertFalse(Fds.readable(irq, QUIET_MILLIS), "no re-assert once the line is low");
    }

    @Test
    void routingToAnAssertedGsi_signalsAtOnce() {
        forwarder.intx(10, true);
        assertFalse(Fds.readable(irq, QUIET_MILLIS));

        forwarder.route(10);

        assertTrue(Fds.readable(irq, 1000));
    }

    @Test
    void newEventfds_replaceAndCloseTheOldOnes() {
        int irq2 = Fds.eventfd();
        int resample2 = Fds.eventfd();
        int oldIrq = TestLibC.dup(irq);
        int oldResample = TestLibC.dup(resample);
        LibC.closeQuietly(oldIrq);
        LibC.closeQuietly(oldResample);
        int givenIrq = TestLibC.dup(irq2);
        int givenResample = TestLibC.dup(resample2);

        forwarder.eventfds(givenIrq, givenResample);
        forwarder.intx(11, true);

        assertTrue(Fds.readable(irq2, 1000));
        assertFalse(Fds.readable(irq, QUIET_MILLIS), "the old eventfd is not written any more");
        Fds.readCounter(irq2);
        Fds.writeCounter(resample2, 1);
        assertTrue(Fds.readable(irq2, 1000), "the resample thread follows the new eventfd");
        forwarder.close();
        assertFalse(Fds.isOpen(givenIrq));
        assertFalse(Fds.isOpen(givenResample));
        Fds.close(irq2, resample2);
    }

    @Test
    void close_endsTheResampleThread() {
        forwarder.close();

        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("mpqemu-t-resample") && t.isAlive()));
    }
}
