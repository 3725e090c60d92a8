package io.emuhost.virtio.pci.internal;

import io.emuhost.api.irq.MsiSink;
import java.util.ArrayList;
import java.util.List;

/** Records MSI messages. */
final class RecordingMsiSink implements MsiSink {

    record Message(long address, int data) {
    }

    final List<Message> messages = new ArrayList<>();

    @Override
    public void deliver(long address, int data) {
        messages.add(new Message(address, data));
    }
}
