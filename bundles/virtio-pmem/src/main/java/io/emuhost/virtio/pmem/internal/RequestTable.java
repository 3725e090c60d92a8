package io.emuhost.virtio.pmem.internal;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The requests in flight, one slot per head descriptor index (the queue guarantees
 * {@code head < queue size}). A slot is the parsed, immutable form of one request: the parser
 * {@link #claim claims} and fills it once, the flush worker reads it and {@link #release releases}
 * it before the chain is used, so a slot never changes while a request is in flight. Everything is
 * allocated once per activation.
 */
final class RequestTable {

    /** Response buffers that can hold part of the 4-byte response: each is at least 1 byte. */
    static final int MAX_RESPONSE_BUFFERS = 4;

    private final AtomicIntegerArray inFlight;
    private final int[] type;
    private final long[] arrivalNanos;
    private final int[] responseBufferCount;
    private final long[] responseAddress;
    private final int[] responseLength;

    RequestTable(int queueSize) {
        inFlight = new AtomicIntegerArray(queueSize);
        type = new int[queueSize];
        arrivalNanos = new long[queueSize];
        responseBufferCount = new int[queueSize];
        responseAddress = new long[queueSize * MAX_RESPONSE_BUFFERS];
        responseLength = new int[queueSize * MAX_RESPONSE_BUFFERS];
    }

    /**
     * Takes a head's slot for a new request.
     *
     * @param head the head descriptor index
     * @return false if a request with this head is still in flight
     */
    boolean claim(int head) {
        return inFlight.compareAndSet(head, 0, 1);
    }

    /** Returns a slot once the worker has read it; the head may then be used and reused. */
    void release(int head) {
        inFlight.set(head, 0);
    }

    void record(int head, int requestType, long arrival) {
        type[head] = requestType;
        arrivalNanos[head] = arrival;
        responseBufferCount[head] = 0;
    }

    void addResponseBuffer(int head, long address, int length) {
        int slot = head * MAX_RESPONSE_BUFFERS + responseBufferCount[head]++;
        responseAddress[slot] = address;
        responseLength[slot] = length;
    }

    int type(int head) {
        return type[head];
    }

    long arrivalNanos(int head) {
        return arrivalNanos[head];
    }

    int responseBufferCount(int head) {
        return responseBufferCount[head];
    }

    long responseAddress(int head, int buffer) {
        return responseAddress[head * MAX_RESPONSE_BUFFERS + buffer];
    }

    int responseLength(int head, int buffer) {
        return responseLength[head * MAX_RESPONSE_BUFFERS + buffer];
    }
}
