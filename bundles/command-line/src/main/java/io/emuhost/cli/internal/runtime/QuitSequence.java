package io.emuhost.cli.internal.runtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * What {@code quit} on any monitor sets off, once: QMP clients get their last replies (the
 * {@code quit} return after the {@code SHUTDOWN} event), then the emulator exits with 0. Runs on
 * a thread of its own, since it is called on the monitor thread before the reply is written.
 */
final class QuitSequence {

    /** How long the QMP clients get to be answered. */
    static final Duration GRACE = Duration.ofSeconds(2);

    private final Frontends frontends;
    private final IntConsumer exit;
    private final AtomicReference<Thread> thread = new AtomicReference<>();

    QuitSequence(Frontends frontends, IntConsumer exit) {
        this.frontends = frontends;
        this.exit = exit;
    }

    /** Starts the exit, unless it is under way. */
    void request() {
        Thread quit = new Thread(this::run, "emuhost-quit");
        quit.setDaemon(true);
        if (thread.compareAndSet(null, quit)) {
            quit.start();
        }
    }

    /**
     * Waits until the exit was handed over, if one was requested.
     *
     * @throws InterruptedException if interrupted
     */
    void await() throws InterruptedException {
        Thread quit = thread.get();
        if (quit != null) {
            quit.join();
        }
    }

    private void run() {
        try {
            frontends.drain(GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exit.accept(0);
    }
}
