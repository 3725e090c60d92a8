package io.emuhost.machine.internal.testing;

import io.emuhost.api.irq.InterruptListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records deliveries as text: {@code intx 10 on}, {@code msi 0xfee00000 0x4041}. */
public final class RecordingListener implements InterruptListener {

    /** What was delivered, in order. */
    public final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void msi(long address, int data) {
        events.add("msi 0x" + Long.toHexString(address) + " 0x" + Integer.toHexString(data));
    }

    @Override
    public void intx(int gsi, boolean asserted) {
        events.add("intx " + gsi + (asserted ? " on" : " off"));
    }
}
