package io.emuhost.virtio.pmem.internal;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.api.virtio.VirtQueue;
import io.emuhost.api.virtio.VirtQueueException;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The used side of one activation: group commit on the backend's flush executor. The notifying
 * thread appends parsed requests to a pending batch; one worker (this Runnable, submitted at most
 * once at a time) takes the whole batch, fsyncs once, answers every request in it, notifies once,
 * and repeats while more arrived. A request that arrives during an fsync therefore shares the
 * next one, and no request completes before an fsync that started after it arrived. Nothing is
 * allocated per request; the lock only guards appending and swapping the batch.
 */
final class GroupCommit implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    /** VIRTIO_PMEM_REQ_TYPE_FLUSH (virtio 1.2 §5.19.6). */
    static final int REQ_TYPE_FLUSH = 0;
    /** virtio 1.2 §5.19.6: ret on success. */
    static final int RET_OK = 0;
    /** virtio 1.2 §5.19.6: ret on failure (QEMU 7.2 answers 1). */
    static final int RET_FAILURE = -1;

    private final MemoryBackend backend;
    private final GuestMemory memory;
    private final VirtQueue queue;
    private final RequestTable requests;
    private final NeedsResetLatch needsReset;
    private final PmemStatistics statistics;
    private final byte[] response = new byte[PmemRequestParser.RESPONSE_SIZE];

    private final Object lock = new Object();
    private int[] pending;
    private int[] taken;
    private int pendingCount;
    private boolean submitted;
    private boolean inBatch;
    private volatile boolean stopped;

    GroupCommit(MemoryBackend backend, GuestMemory memory, VirtQueue queue, RequestTable requests,
            NeedsResetLatch needsReset, PmemStatistics statistics) {
        this.backend = backend;
        this.memory = memory;
        this.queue = queue;
        this.requests = requests;
        this.needsReset = needsReset;
        this.statistics = statistics;
        this.pending = new int[queue.size()];
        this.taken = new int[queue.size()];
    }

    /**
     * Queues a parsed request for the next fsync. Called by the notifying thread; at most one
     * request per head is pending or running ({@link RequestTable#claim}), so the batch never
     * overflows.
     *
     * @param head the request's head
     */
    void append(int head) {
        boolean submit;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            pending[pendingCount++] = head;
            submit = !submitted;
            submitted = true;
        }
        if (submit) {
            try {
                backend.flushExecutor().execute(this);
            } catch (RejectedExecutionException e) {
                synchronized (lock) {
                    submitted = false;
                    pendingCount = 0;
                    lock.notifyAll();
                }
                needsReset.set(e);
            }
        }
    }

    /**
     * Waits until every request appended so far has been completed (fsync, response, used ring,
     * notification), then stops like {@link #stop()}. Bounded by the fsyncs of the batches in
     * flight. The caller makes sure nothing is appended meanwhile.
     */
    void drain() {
        boolean interrupted = false;
        synchronized (lock) {
            while (submitted) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            stopped = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Drops pending requests and waits until a running batch has finished (bounded by its fsync).
     * Completions of a batch whose fsync is still running when this is called are dropped.
     */
    void stop() {
        boolean interrupted = false;
        synchronized (lock) {
            stopped = true;
            pendingCount = 0;
            while (inBatch) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        for (;;) {
            int[] batch;
            int count;
            synchronized (lock) {
                if (pendingCount == 0) {
                    submitted = false;
                    lock.notifyAll();
                    return;
                }
                batch = pending;
                pending = taken;
                taken = batch;
                count = pendingCount;
                pendingCount = 0;
                inBatch = true;
            }
            try {
                commit(batch, count);
            } finally {
                synchronized (lock) {
                    inBatch = false;
                    lock.notifyAll();
                }
            }
        }
    }

    private void commit(int[] batch, int count) {
        int flushResult = containsFlush(batch, count) ? fsync() : RET_FAILURE;
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        try {
            for (int i = 0; i < count; i++) {
                complete(batch[i], flushResult, now);
            }
            queue.notifyIfNeeded();
        } catch (GuestMemoryException | VirtQueueException e) {
            needsReset.set(e);
        }
    }

    private boolean containsFlush(int[] batch, int count) {
        for (int i = 0; i < count; i++) {
            if (requests.type(batch[i]) == REQ_TYPE_FLUSH) {
                return true;
            }
        }
        return false;
    }

    /** virtio 1.2 §5.19.6: every write completed before the request is durable before it completes. */
    private int fsync() {
        statistics.fsync();
        try {
            backend.flush();
            return RET_OK;
        } catch (IOException e) {
            LOG.debug("virtio-pmem: flush of {} failed", backend.id(), e);
            return RET_FAILURE;
        }
    }

    private void complete(int head, int flushResult, long now) throws GuestMemoryException, VirtQueueException {
        // virtio 1.2 §5.19.6: an unknown request type fails (QEMU 7.2 flushes whatever the type)
        int ret = requests.type(head) == REQ_TYPE_FLUSH ? flushResult : RET_FAILURE;
        response[0] = (byte) ret;
        response[1] = (byte) (ret >>> 8);
        response[2] = (byte) (ret >>> 16);
        response[3] = (byte) (ret >>> 24);
        int offset = 0;
        for (int buffer = 0; buffer < requests.responseBufferCount(head); buffer++) {
            int length = requests.responseLength(head, buffer);
            memory.write(requests.responseAddress(head, buffer), response, offset, length);
            offset += length;
        }
        long latency = now - requests.arrivalNanos(head);
        requests.release(head);
        queue.addUsed(head, PmemRequestParser.RESPONSE_SIZE);
        statistics.requestCompleted(latency, ret != RET_OK);
    }
}
