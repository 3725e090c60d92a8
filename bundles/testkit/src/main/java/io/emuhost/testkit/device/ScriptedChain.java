package io.emuhost.testkit.device;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.api.virtio.DescriptorChain;
import io.emuhost.testkit.virtqueue.Buffer;
import java.util.List;

/** One chain a {@link ScriptedQueue} hands out: its buffers as the test offered them. */
final class ScriptedChain implements DescriptorChain {

    private final GuestMemory memory;
    private final int head;
    private final List<Buffer> buffers;
    private final int readableCount;

    ScriptedChain(GuestMemory memory, int head, List<Buffer> buffers) {
        if (buffers.isEmpty()) {
            throw new IllegalArgumentException("a chain has at least one buffer");
        }
        int readable = 0;
        for (Buffer buffer : buffers) {
            if (buffer.len() == 0) {
                throw new IllegalArgumentException("zero-length buffer at " + buffer.addr());
            }
            if (!buffer.writable()) {
                if (readable != buffers.indexOf(buffer)) {
                    // virtio 1.2 §2.7.4.2: the driver MUST place readable descriptors before writable ones
                    throw new IllegalArgumentException("readable buffer after a writable one: " + buffers);
                }
                readable++;
            }
        }
        this.memory = memory;
        this.head = head;
        this.buffers = buffers;
        this.readableCount = readable;
    }

    @Override
    public int head() {
        return head;
    }

    @Override
    public int count() {
        return buffers.size();
    }

    @Override
    public int readableCount() {
        return readableCount;
    }

    @Override
    public long address(int buffer) {
        return buffers.get(buffer).addr();
    }

    @Override
    public long length(int buffer) {
        return Integer.toUnsignedLong(buffers.get(buffer).len());
    }

    @Override
    public long readableLength() {
        return total(0, readableCount);
    }

    @Override
    public long writableLength() {
        return total(readableCount, buffers.size());
    }

    @Override
    public int readReadable(long offset, byte[] dst, int dstOffset, int length) throws GuestMemoryException {
        return copy(0, readableCount, offset, dst, dstOffset, length, false);
    }

    @Override
    public int writeWritable(long offset, byte[] src, int srcOffset, int length) throws GuestMemoryException {
        return copy(readableCount, buffers.size(), offset, src, srcOffset, length, true);
    }

    private long total(int from, int to) {
        long total = 0;
        for (int i = from; i < to; i++) {
            total += length(i);
        }
        return total;
    }

    /** Copies between {@code bytes} and buffers {@code from..to-1}, seen as one stream. */
    private int copy(int from, int to, long offset, byte[] bytes, int bytesOffset, int length, boolean write)
            throws GuestMemoryException {
        int done = 0;
        long skip = offset;
        for (int i = from; i < to && done < length; i++) {
            long len = length(i);
            if (skip >= len) {
                skip -= len;
                continue;
            }
            int n = (int) Math.min(len - skip, length - done);
            long address = address(i) + skip;
            if (write) {
                memory.write(address, bytes, bytesOffset + done, n);
            } else {
                memory.read(address, bytes, bytesOffset + done, n);
            }
            done += n;
            skip = 0;
        }
        return done;
    }
}
