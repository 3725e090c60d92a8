package io.emuhost.machine.internal.handover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.bus.IoHandler;
import io.emuhost.api.bus.MmioBar;
import io.emuhost.api.bus.PciBar;
import io.emuhost.api.bus.PciIdentity;
import io.emuhost.api.bus.PciSlot;
import io.emuhost.testkit.device.TestPciFunction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandoverFunctionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final PciSlot SLOT = new PciSlot(0, 2, 0, null, null, null);

    /** Registers that log every write as "bar:offset=value" and read 0x100 + offset + generation. */
    private static final class LoggingRegisters implements IoHandler {
        final List<String> writes = new CopyOnWriteArrayList<>();
        final int generation;

        LoggingRegisters(int generation) {
            this.generation = generation;
        }

        @Override
        public long read(long offset, int size) {
            return 0x100 + offset + generation;
        }

        @Override
        public void write(long offset, int size, long value) {
            writes.add(offset + "=" + value);
        }
    }

    private static TestPciFunction function(IoHandler bar4) {
        return new TestPciFunction(TestPciFunction.VIRTIO_PMEM,
                List.of(new MmioBar(4, 0x4000, true, true, bar4)), 0x40);
    }

    private static IoHandler bar4(HandoverFunction function) {
        return ((MmioBar) function.bars().get(0)).handler();
    }

    @Test
    void forwardsAccessesToTheCurrentFunction() {
        LoggingRegisters registers = new LoggingRegisters(0);
        TestPciFunction inner = function(registers);
        HandoverFunction handover = new HandoverFunction("nv1", inner, TIMEOUT);
        handover.plug(SLOT);

        bar4(handover).write(0x3000, 2, 0);
        handover.writeConfig(0x40, 4, 0x1234);

        assertSame(SLOT, inner.slot());
        assertEquals(List.of("12288=0"), registers.writes);
        assertEquals(0x1234, inner.readConfig(0x40, 4));
        assertEquals(0x114, bar4(handover).read(0x14, 1));
        assertEquals(0x1234, handover.readConfig(0x40, 4));
    }

    @Test
    void heldWrites_areReplayedInOrderIntoTheRestoredFunction() throws Exception {
        LoggingRegisters old = new LoggingRegisters(0);
        HandoverFunction handover = new HandoverFunction("nv1", function(old), TIMEOUT);
        handover.plug(SLOT);
        handover.hold();

        bar4(handover).write(0x14, 1, 0xf);
        bar4(handover).write(0x3000, 2, 0);
        handover.writeConfig(0x44, 4, 0x80);
        assertTrue(old.writes.isEmpty(), "a held write reached the old function");

        LoggingRegisters restored = new LoggingRegisters(1);
        TestPciFunction next = function(restored);
        handover.resume(next);

        assertSame(SLOT, next.slot());
        assertEquals(List.of("20=15", "12288=0"), restored.writes);
        assertEquals(0x80, next.readConfig(0x44, 4));
        assertEquals(0x101, bar4(handover).read(0, 4));
    }

    @Test
    void heldRead_waitsForTheRestoredFunction() throws Exception {
        HandoverFunction handover = new HandoverFunction("nv1", function(new LoggingRegisters(0)), TIMEOUT);
        handover.plug(SLOT);
        handover.hold();

        CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> bar4(handover).read(0x14, 1));
        Thread.sleep(50);
        assertFalse(read.isDone(), "a held read did not wait");
        handover.resume(function(new LoggingRegisters(7)));

        assertEquals(0x100 + 0x14 + 7, read.get(5, TimeUnit.SECONDS));
    }

    @Test
    void heldRead_readsAllOnesAfterTheTimeout() {
        HandoverFunction handover = new HandoverFunction("nv1", function(new LoggingRegisters(0)),
                Duration.ofMillis(30));
        handover.plug(SLOT);
        handover.hold();

        assertEquals(0xffff, bar4(handover).read(0x12, 2));
        assertEquals(-1, handover.readConfig(0x40, 4));
    }

    @Test
    void heldPastTheBound_readsAllOnesAtOnce_andStillResumes() throws Exception {
        HandoverFunction handover = new HandoverFunction("nv1", function(new LoggingRegisters(0)),
                Duration.ofMillis(100));
        handover.plug(SLOT);
        handover.hold();
        Thread.sleep(150);

        long start = System.nanoTime();
        assertEquals(0xffff, bar4(handover).read(0x12, 2));
        assertEquals(-1, handover.readConfig(0x40, 4));
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waitedMillis < 100, "reads waited again after the bound: " + waitedMillis + " ms");

        handover.resume(function(new LoggingRegisters(2)));
        assertEquals(0x102, bar4(handover).read(0, 4));
    }

    @Test
    void unplugWhileHeld_dropsPostedWritesAndReleasesReaders() throws Exception {
        LoggingRegisters old = new LoggingRegisters(0);
        HandoverFunction handover = new HandoverFunction("nv1", function(old), TIMEOUT);
        handover.plug(SLOT);
        handover.hold();
        bar4(handover).write(0x3000, 2, 0);
        CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> bar4(handover).read(0, 4));

        handover.unplug();

        assertEquals(0xffff_ffffL, read.get(5, TimeUnit.SECONDS));
        assertTrue(old.writes.isEmpty());
        assertNull(handover.current());
    }

    @Test
    void release_givesTheHeldFunctionItsWritesBack() {
        LoggingRegisters registers = new LoggingRegisters(0);
        TestPciFunction inner = function(registers);
        HandoverFunction handover = new HandoverFunction("nv1", inner, TIMEOUT);
        handover.plug(SLOT);

        assertSame(inner, handover.hold());
        bar4(handover).write(0x3004, 2, 1);
        handover.release(inner);

        assertEquals(List.of("12292=1"), registers.writes);
        assertSame(inner, handover.current());
    }

    @Test
    void resume_refusesAFunctionWithAnotherLayout() {
        HandoverFunction handover = new HandoverFunction("nv1", function(new LoggingRegisters(0)), TIMEOUT);
        handover.plug(SLOT);
        handover.hold();

        PciIdentity other = new PciIdentity(0x1af4, 0x1044, 0x01, 0x00ff00, 0x1af4, 0x1100, 1);
        TestPciFunction rng = new TestPciFunction(other, List.of(new MmioBar(4, 0x4000, true, true,
                new LoggingRegisters(1))), 0x40);
        LayoutMismatchException identity = assertThrows(LayoutMismatchException.class, () -> handover.resume(rng));
        assertTrue(identity.getMessage().contains("identity"), identity.getMessage());

        List<PciBar> smaller = List.of(new MmioBar(4, 0x2000, true, true, new LoggingRegisters(1)));
        TestPciFunction resized = new TestPciFunction(TestPciFunction.VIRTIO_PMEM, smaller, 0x40);
        LayoutMismatchException bar = assertThrows(LayoutMismatchException.class, () -> handover.resume(resized));
        assertTrue(bar.getMessage().contains("BAR4"), bar.getMessage());
        assertNull(handover.current(), "a refused function took the place");
        assertTrue(rng.slot() == null && resized.slot() == null);
    }
}
