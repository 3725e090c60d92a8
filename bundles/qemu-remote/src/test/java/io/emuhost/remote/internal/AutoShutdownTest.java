package io.emuhost.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The rules of {@code auto-shutdown} across the remote objects of one host. */
class AutoShutdownTest {

    private final AtomicInteger exits = new AtomicInteger();
    private final AutoShutdown host = new AutoShutdown(exits::incrementAndGet);

    @Test
    void oneObject_itsConnectionEnds_theHostExitsOnce_andTheObjectServesNoMore() {
        AutoShutdown.Member r0 = host.join("r0", true);
        r0.connectionOpened();

        assertTrue(r0.connectionEnded(false), "the object stops serving");
        assertEquals(1, exits.get());

        r0.leave(); // the machine's shutdown then closes it
        assertEquals(1, exits.get(), "asked for once");
    }

    @Test
    void autoShutdownOff_keepsServingAndNeverExits() {
        AutoShutdown.Member r0 = host.join("r0", false);
        for (int i = 0; i < 3; i++) {
            r0.connectionOpened();
            assertFalse(r0.connectionEnded(false));
        }
        assertEquals(0, exits.get());
    }

    @Test
    void anObjectStillWaitingForItsFirstConnection_holdsTheExitBack() {
        AutoShutdown.Member r0 = host.join("r0", true);
        AutoShutdown.Member r1 = host.join("r1", true);
        r0.connectionOpened();
        r0.connectionEnded(false);
        assertEquals(0, exits.get(), "r1's QEMU has not come yet");

        r1.connectionOpened();
        r1.connectionEnded(false);
        assertEquals(1, exits.get(), "the last connection closed");
    }

    @Test
    void anOpenConnectionOfAnOffObject_holdsTheExitBackUntilItCloses() {
        AutoShutdown.Member on = host.join("r0", true);
        AutoShutdown.Member off = host.join("r1", false);
        off.connectionOpened();
        on.connectionOpened();
        on.connectionEnded(false);
        assertEquals(0, exits.get());

        off.connectionEnded(false);
        assertEquals(1, exits.get());
    }

    @Test
    void stoppedConnectionsAndClosedObjects_neverSetTheExitOff() {
        AutoShutdown.Member r0 = host.join("r0", true);
        AutoShutdown.Member r1 = host.join("r1", true);
        r0.connectionOpened();
        r0.leave(); // object_del
        assertTrue(r0.connectionEnded(true));
        r1.leave();
        assertEquals(0, exits.get());
        assertFalse(host.requested());
    }

    @Test
    void aClosedObjectNoLongerWaits() {
        AutoShutdown.Member r0 = host.join("r0", true);
        AutoShutdown.Member r1 = host.join("r1", true);
        r1.leave(); // deleted before its QEMU came
        r0.connectionOpened();
        r0.connectionEnded(false);
        assertEquals(1, exits.get());
    }
}
