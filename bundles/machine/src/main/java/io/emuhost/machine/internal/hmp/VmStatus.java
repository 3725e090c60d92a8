package io.emuhost.machine.internal.hmp;

/**
 * The run state {@code info status} shows. There is no CPU: the machine counts as running unless
 * it was started with {@code -S}, which leaves it in QEMU's prelaunch state.
 */
public enum VmStatus {
    /** Started without {@code -S}. */
    RUNNING("running"),
    /** Started with {@code -S}. */
    PRELAUNCH("paused (prelaunch)");

    private final String text;

    VmStatus(String text) {
        this.text = text;
    }

    /**
     * The text after {@code VM status: }.
     *
     * @return e.g. {@code paused (prelaunch)}
     */
    public String text() {
        return text;
    }
}
