package io.emuhost.virtio.pci.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Register arrays as little-endian bytes, the form {@link io.emuhost.api.state.DeviceState} keeps. */
final class StateArrays {

    private StateArrays() {
    }

    static byte[] fromInts(int[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asIntBuffer().put(values);
        return buffer.array();
    }

    static void toInts(byte[] bytes, int[] into) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(into);
    }

    static byte[] fromLongs(long[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asLongBuffer().put(values);
        return buffer.array();
    }

    static void toLongs(byte[] bytes, long[] into) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(into);
    }
}
