package io.emuhost.machine.internal.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Unplug, shutdown and hand-over steps that must not stop the ones after them. */
final class Quietly {

    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

    private Quietly() {
    }

    /**
     * Runs a step, logging instead of throwing what it throws.
     *
     * @param step the step
     */
    static void run(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warn("unplug or shutdown step failed", e);
        }
    }
}
