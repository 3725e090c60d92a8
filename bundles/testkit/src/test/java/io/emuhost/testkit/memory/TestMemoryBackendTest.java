package io.emuhost.testkit.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.memory.MemoryBackend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestMemoryBackendTest {

    private final TestMemoryBackend backend = new TestMemoryBackend("mem1", 0x10000);

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void defaults_fileBackendSharedWritable4KAligned() {
        assertEquals("mem1", backend.id());
        assertEquals("memory-backend-file", backend.type());
        assertEquals(0x10000, backend.size());
        assertEquals(4096, backend.alignment());
        assertTrue(backend.shared());
        assertFalse(backend.readOnly());
        assertEquals(new MemdevInfo("mem1", 0x10000, true, true, false, true, true, "default", List.of()),
                backend.info());
    }

    @Test
    void with_changesReportedProperties() {
        backend.withType("memory-backend-ram").withAlignment(2 << 20).withShared(false).withReadOnly(true);

        assertEquals("memory-backend-ram", backend.type());
        assertEquals(2 << 20, backend.alignment());
        assertFalse(backend.shared());
        assertTrue(backend.readOnly());
        assertFalse(backend.info().share());
    }

    @Test
    void window_viewsShareBytesAndAreDirectLittleEndian() {
        ByteBuffer first = backend.window(0);
        first.putInt(8, 0x11223344);

        ByteBuffer second = backend.window(0);
        assertEquals(1, backend.windowCount());
        assertEquals(0x10000, second.capacity());
        assertTrue(second.isDirect());
        assertEquals(ByteOrder.LITTLE_ENDIAN, second.order());
        assertEquals(0x44, second.get(8));
        assertEquals(0x11223344, second.getInt(8));
    }

    @Test
    void window_readOnlyBackend_viewRejectsWrites() {
        backend.withReadOnly(true);

        ByteBuffer view = backend.window(0);

        assertTrue(view.isReadOnly());
        assertEquals(ByteOrder.LITTLE_ENDIAN, view.order());
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 1));
    }

    @Test
    void windowCount_multiGiBSize_isCeilOfWindowSizeWithoutAllocating() {
        TestMemoryBackend big = new TestMemoryBackend("big", 2 * MemoryBackend.WINDOW_SIZE + 1);

        assertEquals(3, big.windowCount());
        assertEquals(1, big.window(2).capacity());
        big.close();
    }

    @Test
    void window_outOfRange_throws() {
        assertThrows(IndexOutOfBoundsException.class, () -> backend.window(1));
        assertEquals(0, new TestMemoryBackend("neg", -1).windowCount());
    }

    @Test
    void flush_countsCalls() throws Exception {
        backend.flush();
        backend.flush();

        assertEquals(2, backend.flushes());
    }

    @Test
    void flush_failing_throwsIOExceptionAndCounts() {
        backend.failFlushes();

        assertThrows(IOException.class, backend::flush);
        assertEquals(1, backend.flushes());
    }

    @Test
    void flush_held_completesOnlyAfterLetGo() throws Exception {
        backend.holdFlushes();
        CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> {
            try {
                backend.flush();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, backend.flushExecutor());

        backend.awaitFlushStarted();
        assertFalse(flush.isDone());
        backend.letFlushesGo(1);

        flush.get(TestMemoryBackend.WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(1, backend.flushes());
    }

    @Test
    void close_rejectsLaterFlushTasks() throws Exception {
        backend.drain();

        backend.close();

        assertTrue(backend.closed());
        assertThrows(RejectedExecutionException.class, () -> backend.flushExecutor().execute(() -> { }));
    }
}
