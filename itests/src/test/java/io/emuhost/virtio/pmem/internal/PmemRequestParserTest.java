package io.emuhost.virtio.pmem.internal;

import static io.emuhost.testkit.virtqueue.Buffer.readable;
import static io.emuhost.testkit.virtqueue.Buffer.writable;
import static io.emuhost.virtio.pmem.internal.PmemRig.request;
import static io.emuhost.virtio.pmem.internal.PmemRig.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emuhost.api.virtio.DescriptorChain;
import io.emuhost.testkit.device.RecordingInterrupt;
import io.emuhost.testkit.memory.HeapGuestMemory;
import io.emuhost.testkit.virtqueue.Buffer;
import io.emuhost.testkit.virtqueue.DriverSplitQueue;
import io.emuhost.virtio.split.internal.SplitVirtQueue;
import org.junit.jupiter.api.Test;

/** The parser's typed rejections, each carrying the offending value, and the slot it fills. */
class PmemRequestParserTest {

    private static final long UNMAPPED = 0x10_0000;

    private final HeapGuestMemory memory = new HeapGuestMemory(0, PmemRig.MEMORY_SIZE);
    private final DriverSplitQueue driver = new DriverSplitQueue(memory, PmemRig.QUEUE_SIZE, PmemRig.DESC_TABLE,
            PmemRig.AVAIL_RING, PmemRig.USED_RING);
    private final SplitVirtQueue queue = new SplitVirtQueue(memory, 0, PmemRig.QUEUE_SIZE, PmemRig.DESC_TABLE,
            PmemRig.AVAIL_RING, PmemRig.USED_RING, PmemRig.FEATURES, new RecordingInterrupt());
    private final RequestTable requests = new RequestTable(PmemRig.QUEUE_SIZE);
    private final byte[] scratch = new byte[4];

    private int parse(Buffer... buffers) throws Exception {
        driver.addChain(buffers);
        DescriptorChain chain = queue.pop();
        return PmemRequestParser.parse(chain, memory, scratch, requests, 42);
    }

    @Test
    void parse_requestShorterThan4_throwsRequestTooShortWithTheLength() {
        var e = assertThrows(PmemRequestException.RequestTooShort.class,
                () -> parse(readable(request(0), 3), writable(response(0), 4)));

        assertEquals(3, e.length());
    }

    @Test
    void parse_onlyWritable_throwsRequestTooShortOfZero() {
        var e = assertThrows(PmemRequestException.RequestTooShort.class, () -> parse(writable(response(0), 4)));

        assertEquals(0, e.length());
    }

    @Test
    void parse_responseShorterThan4_throwsResponseTooShortWithTheLength() {
        var e = assertThrows(PmemRequestException.ResponseTooShort.class,
                () -> parse(readable(request(0), 4), writable(response(0), 2)));

        assertEquals(2, e.length());
    }

    @Test
    void parse_onlyReadable_throwsResponseTooShortOfZero() {
        var e = assertThrows(PmemRequestException.ResponseTooShort.class, () -> parse(readable(request(0), 4)));

        assertEquals(0, e.length());
    }

    @Test
    void parse_responseOutsideGuestMemory_throwsBufferNotInGuestMemoryWithTheAddress() {
        var e = assertThrows(PmemRequestException.BufferNotInGuestMemory.class,
                () -> parse(readable(request(0), 4), writable(UNMAPPED, 4)));

        assertEquals(UNMAPPED, e.address());
    }

    @Test
    void parse_twoGibibyteResponseBuffer_isNotInGuestMemoryWithItsUnsignedLength() {
        // le32 len 0x80000000: a signed int would make it negative and the loop run past the chain
        var e = assertThrows(PmemRequestException.BufferNotInGuestMemory.class,
                () -> parse(readable(request(0), 4), writable(response(0), 0x8000_0000)));

        assertEquals(response(0), e.address());
        assertEquals(0x8000_0000L, e.length());
    }

    @Test
    void parse_responseBufferWhoseTailIsOutsideGuestMemory_isNotInGuestMemory() {
        long lastPage = PmemRig.MEMORY_SIZE - 4096;

        var e = assertThrows(PmemRequestException.BufferNotInGuestMemory.class,
                () -> parse(readable(request(0), 4), writable(lastPage, 8192)));

        assertEquals(lastPage, e.address());
        assertEquals(8192, e.length());
    }

    @Test
    void parse_requestOutsideGuestMemory_throwsBufferNotInGuestMemoryWithTheAddress() {
        var e = assertThrows(PmemRequestException.BufferNotInGuestMemory.class,
                () -> parse(readable(UNMAPPED, 4), writable(response(0), 4)));

        assertEquals(UNMAPPED, e.address());
    }

    @Test
    void parse_headStillInFlight_throwsDescriptorInUseWithTheHead() throws Exception {
        int head = parse(readable(request(0), 4), writable(response(0), 4));
        driver.publish(head);
        DescriptorChain again = queue.pop();

        var e = assertThrows(PmemRequestException.DescriptorInUse.class,
                () -> PmemRequestParser.parse(again, memory, scratch, requests, 43));

        assertEquals(head, e.head());
    }

    @Test
    void parse_typeAndResponseSpreadOverBuffers_recordsTypeAndOnlyThe4ResponseBytes() throws Exception {
        memory.put(request(0), (byte) 0x05, (byte) 0x01);
        memory.put(request(1), (byte) 0x00, (byte) 0x80);

        int head = parse(readable(request(0), 2), readable(request(1), 2), writable(response(0), 1),
                writable(response(1), 2), writable(response(2), 16));

        assertEquals(0x8000_0105, requests.type(head));
        assertEquals(42, requests.arrivalNanos(head));
        assertEquals(3, requests.responseBufferCount(head));
        assertEquals(response(2), requests.responseAddress(head, 2));
        assertEquals(1, requests.responseLength(head, 2));
    }
}
