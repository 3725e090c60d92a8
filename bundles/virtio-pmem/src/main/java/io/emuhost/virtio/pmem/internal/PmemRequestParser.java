package io.emuhost.virtio.pmem.internal;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.api.virtio.DescriptorChain;

/**
 * Turns a descriptor chain into a request slot of a {@link RequestTable}, or rejects it. Any
 * layout the spec allows is accepted: the 4-byte request may span several device-readable
 * buffers and the 4-byte response several device-writable ones (virtio 1.2 §2.7.4.1: no
 * framing is implied by buffer boundaries); longer buffers are fine. Allocates nothing.
 */
final class PmemRequestParser {

    /** {@code sizeof(struct virtio_pmem_req)}: {@code le32 type}. */
    static final int REQUEST_SIZE = 4;
    /** {@code sizeof(struct virtio_pmem_resp)}: {@code le32 ret}. */
    static final int RESPONSE_SIZE = 4;

    private PmemRequestParser() {
    }

    /**
     * Parses a chain into its head's slot.
     *
     * @param chain the popped chain
     * @param memory guest memory, to check the response buffers now rather than at completion
     * @param scratch at least {@link #REQUEST_SIZE} bytes owned by the caller
     * @param requests where the request is recorded
     * @param arrivalNanos {@link System#nanoTime()} when the chain was popped
     * @return the head, whose slot now holds the request
     * @throws PmemRequestException if the chain is not a request; the slot may stay claimed
     */
    static int parse(DescriptorChain chain, GuestMemory memory, byte[] scratch, RequestTable requests,
            long arrivalNanos) throws PmemRequestException {
        // virtio 1.2 §5.19.6: struct virtio_pmem_req { le32 type; } is device-readable
        if (chain.readableLength() < REQUEST_SIZE) {
            throw new PmemRequestException.RequestTooShort(chain.readableLength());
        }
        // virtio 1.2 §5.19.6: struct virtio_pmem_resp { le32 ret; } is device-writable
        if (chain.writableLength() < RESPONSE_SIZE) {
            throw new PmemRequestException.ResponseTooShort(chain.writableLength());
        }
        int head = chain.head();
        if (!requests.claim(head)) {
            throw new PmemRequestException.DescriptorInUse(head);
        }
        try {
            chain.readReadable(0, scratch, 0, REQUEST_SIZE);
            requests.record(head, littleEndianInt(scratch), arrivalNanos);
            int remaining = RESPONSE_SIZE;
            for (int buffer = chain.readableCount(); remaining > 0; buffer++) {
                long address = chain.address(buffer);
                long bufferLength = chain.length(buffer);
                // virtio 1.2 §2.7.5: the driver offers the whole buffer; as QEMU (virtqueue_map_desc),
                // all of it must be guest memory, though the response uses only its first bytes
                if (!memory.isMapped(address, bufferLength)) {
                    throw new PmemRequestException.BufferNotInGuestMemory(address, bufferLength);
                }
                int length = (int) Math.min(bufferLength, remaining);
                requests.addResponseBuffer(head, address, length);
                remaining -= length;
            }
        } catch (GuestMemoryException e) {
            throw new PmemRequestException.BufferNotInGuestMemory(e.address(), e.length());
        }
        return head;
    }

    static int littleEndianInt(byte[] bytes) {
        return (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 24;
    }
}
