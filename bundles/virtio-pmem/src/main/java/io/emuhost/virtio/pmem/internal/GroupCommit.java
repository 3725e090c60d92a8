package io.emuhost.virtio.pmem.internal;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.api.virtio.DescriptorChain;
import io.emuhost.api.virtio.VirtQueue;
import io.emuhost.api.virtio.VirtQueueException;
import io.emuhost.api.virtio.VirtioInterrupt;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One activation of the device (DRIVER_OK to reset): the request queue's available side, driven
 * by the notifying thread ({@link #serveAvailable}), and group commit on the backend's flush
 * executor ({@link #run}). A new activation starts from scratch, so nothing of a previous one
 * survives a reset.
 *
 * <p>Group commit: the serving thread appends parsed requests to a pending ring; one worker (this
 * Runnable, submitted at most once at a time) takes everything pending as one batch, fsyncs once,
 * answers every request in it, notifies once, and repeats while more arrived. A request that
 * arrives during an fsync therefore shares the next one, and none completes before an fsync that
 * started after it arrived (virtio 1.2 §5.19.6).
 *
 * <p>The hand-off takes no lock and allocates nothing: one thread at a time serves (the device
 * makes sure), so the ring has one producer and one consumer, each owning its index; whether the
 * worker is submitted is one flag, set by a compare-and-set. The ring holds twice the queue size:
 * at most one request per head is pending or running ({@link RequestTable#claim}), plus the heads
 * of the running batch already released.
 *
 * <p>Rate limit ({@link FlushTokenBucket}): a batch that needs an fsync takes one token first.
 * Without one the worker parks on the flush thread until the next token is due (no timer, no
 * busy loop; a new limit, a drain or a stop unparks it), and the requests wait in the pending
 * ring meanwhile, not failed; what arrives during the wait joins the batch, so one fsync then
 * answers all of it. The notifying thread never waits for a token. A drain does not wait either:
 * it takes the token as debt, which the bucket carries on.
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
    private final VirtioInterrupt interrupt;
    private final PmemStatistics statistics;
    private final FlushTokenBucket bucket;
    private final RequestTable requests;
    private final byte[] scratch = new byte[PmemRequestParser.REQUEST_SIZE];
    private final byte[] response = new byte[PmemRequestParser.RESPONSE_SIZE];
    /** DEVICE_NEEDS_RESET for this activation (virtio 1.2 §2.1.2): set once, on the first error. */
    private final AtomicBoolean needsReset = new AtomicBoolean();

    private final int[] pending;
    private final int mask;
    /** Next slot the serving thread fills; written only by it. */
    private volatile int tail;
    /** First slot the worker has not finished; written only by it. */
    private volatile int head;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean inBatch;
    private volatile boolean stopped;
    /** Set by {@link #drain}: the worker takes no more time waiting for tokens. */
    private volatile boolean draining;
    /** The worker while it waits for a token, else null. */
    private volatile Thread throttled;
    /** A thread in {@link #drain} or {@link #stop}, woken when a batch ends. */
    private volatile Thread waiter;

    GroupCommit(MemoryBackend backend, GuestMemory memory, VirtQueue queue, VirtioInterrupt interrupt,
            PmemStatistics statistics, FlushTokenBucket bucket) {
        this.backend = backend;
        this.bucket = bucket;
        this.memory = memory;
        this.queue = queue;
        this.interrupt = interrupt;
        this.statistics = statistics;
        this.requests = new RequestTable(queue.size());
        this.pending = new int[2 * queue.size()];
        this.mask = pending.length - 1;
    }

    /**
     * Takes every available chain off the queue and appends each request for the next fsync.
     * Called by one thread at a time. QEMU 7.2 pops one chain per notification and treats an
     * empty queue as an error (reference §4.3, §4.4); the spec asks neither, so every chain is
     * served and a spurious notification is harmless (virtio 1.2 §2.7.13).
     */
    void serveAvailable() {
        while (!stopped && !needsReset.get()) {
            int request;
            try {
                DescriptorChain chain = queue.pop();
                if (chain == null) {
                    return;
                }
                request = PmemRequestParser.parse(chain, memory, scratch, requests, System.nanoTime());
            } catch (VirtQueueException | PmemRequestException e) {
                statistics.rejected();
                needsReset(e);
                return;
            }
            append(request);
        }
    }

    private void append(int request) {
        int slot = tail;
        pending[slot & mask] = request;
        tail = slot + 1;
        // the volatile store above and this load pair with the worker's clear-then-recheck in run()
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            try {
                backend.flushExecutor().execute(this);
            } catch (RejectedExecutionException e) {
                stopped = true;
                scheduled.set(false);
                wake();
                needsReset(e);
            }
        }
    }

    /**
     * Waits until every request appended so far has been completed (fsync, response, used ring,
     * notification), then stops like {@link #stop()}. Bounded by the fsyncs of the batches in
     * flight. The caller makes sure nothing is appended meanwhile.
     */
    void drain() {
        draining = true;
        limitChanged();
        awaitWhile(true);
        stopped = true;
    }

    /**
     * Drops pending requests and waits until a running batch has finished (bounded by its fsync).
     * Completions of a batch whose fsync is still running when this is called are dropped.
     */
    void stop() {
        stopped = true;
        limitChanged();
        awaitWhile(false);
    }

    private void awaitWhile(boolean untilDrained) {
        boolean interrupted = false;
        waiter = Thread.currentThread();
        while (untilDrained ? scheduled.get() || !stopped && head != tail : inBatch) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted();
        }
        waiter = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Makes a worker waiting for a token look at the bucket again (its limit changed), without
     * waiting; any thread.
     */
    void limitChanged() {
        // pairs with the worker's store of throttled before it reads the limit, draining, stopped
        Thread worker = throttled;
        if (worker != null) {
            LockSupport.unpark(worker);
        }
    }

    private void wake() {
        Thread thread = waiter;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void run() {
        for (;;) {
            // inBatch before stopped is read, as stop() writes stopped before it reads inBatch
            inBatch = true;
            int from = head;
            int end = tail;
            if (stopped || from == end) {
                head = end; // after a stop, what is pending is dropped with the activation
                inBatch = false;
                scheduled.set(false);
                wake();
                // a request appended after tail was read, and not submitted because we were scheduled
                if (stopped || tail == end || !scheduled.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            try {
                if (containsFlush(from, end) && awaitToken()) {
                    if (stopped) {
                        continue; // dropped with the activation, unanswered, as by a reset
                    }
                    end = tail; // what arrived while throttled shares this fsync
                }
                commit(from, end);
            } finally {
                head = end;
                inBatch = false;
                wake();
            }
        }
    }

    private void commit(int from, int end) {
        int flushResult = containsFlush(from, end) ? fsync() : RET_FAILURE;
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        try {
            for (int slot = from; slot != end; slot++) {
                complete(pending[slot & mask], flushResult, now);
            }
            queue.notifyIfNeeded();
        } catch (GuestMemoryException | VirtQueueException e) {
            needsReset(e);
        }
    }

    /**
     * Takes a token for the next fsync, parking until one is due if the bucket is empty, or
     * until the device stops or drains.
     *
     * @return whether it waited
     */
    private boolean awaitToken() {
        long start = System.nanoTime();
        if (bucket.delayNanos(start) == 0) {
            bucket.take(start);
            return false;
        }
        Thread worker = Thread.currentThread();
        throttled = worker;
        long now = start;
        for (;;) {
            long delay = bucket.delayNanos(now);
            if (delay == 0 || stopped || draining || worker.isInterrupted()) {
                break;
            }
            LockSupport.parkNanos(this, delay);
            now = System.nanoTime();
        }
        throttled = null;
        if (!stopped) {
            bucket.take(now);
        }
        statistics.throttled(now - start);
        return true;
    }

    private boolean containsFlush(int from, int end) {
        for (int slot = from; slot != end; slot++) {
            if (requests.type(pending[slot & mask]) == REQ_TYPE_FLUSH) {
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

    private void complete(int request, int flushResult, long now) throws GuestMemoryException, VirtQueueException {
        // virtio 1.2 §5.19.6: an unknown request type fails (QEMU 7.2 flushes whatever the type)
        int ret = requests.type(request) == REQ_TYPE_FLUSH ? flushResult : RET_FAILURE;
        response[0] = (byte) ret;
        response[1] = (byte) (ret >>> 8);
        response[2] = (byte) (ret >>> 16);
        response[3] = (byte) (ret >>> 24);
        int offset = 0;
        for (int buffer = 0; buffer < requests.responseBufferCount(request); buffer++) {
            int length = requests.responseLength(request, buffer);
            memory.write(requests.responseAddress(request, buffer), response, offset, length);
            offset += length;
        }
        long latency = now - requests.arrivalNanos(request);
        requests.release(request);
        queue.addUsed(request, PmemRequestParser.RESPONSE_SIZE);
        statistics.requestCompleted(latency, ret != RET_OK);
    }

    /**
     * Sets DEVICE_NEEDS_RESET and notifies the driver, the first time only; the device then
     * ignores its queue until the driver resets it (virtio 1.2 §2.1.2).
     */
    private void needsReset(Exception cause) {
        if (needsReset.compareAndSet(false, true)) {
            LOG.warn("virtio-pmem device needs reset: {}", cause.getMessage());
            interrupt.needsReset();
        }
    }
}
