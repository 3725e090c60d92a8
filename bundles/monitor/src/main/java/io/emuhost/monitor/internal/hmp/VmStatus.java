package io.emuhost.monitor.internal.hmp;

import java.util.Arrays;

/**
 * The run state {@code info status} and {@code query-status} show. There is no CPU: the machine
 * counts as running unless it was started with {@code -S}, which leaves it in QEMU's prelaunch
 * state.
 */
public enum VmStatus {
    /** Started without {@code -S}. */
    RUNNING("running", "running", true),
    /** Started with {@code -S}. */
    PRELAUNCH("paused (prelaunch)", "prelaunch", false);

    private final String text;
    private final String qmpName;
    private final boolean running;

    VmStatus(String text, String qmpName, boolean running) {
        this.text = text;
        this.qmpName = qmpName;
        this.running = running;
    }

    /**
     * The text after {@code VM status: }.
     *
     * @return e.g. {@code paused (prelaunch)}
     */
    public String text() {
        return text;
    }

    /**
     * QEMU's {@code RunState} name.
     *
     * @return e.g. {@code prelaunch}
     */
    public String qmpName() {
        return qmpName;
    }

    /**
     * Whether the guest counts as running ({@code query-status}'s {@code running}).
     *
     * @return true when running
     */
    public boolean running() {
        return running;
    }

    /**
     * The state with a {@link #qmpName()}.
     *
     * @param qmpName e.g. {@code running}
     * @return the state
     * @throws IllegalArgumentException if no state has that name
     */
    public static VmStatus fromQmpName(String qmpName) {
        return Arrays.stream(values()).filter(s -> s.qmpName.equals(qmpName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(qmpName));
    }
}
