package io.emuhost.itests.felix;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects broken expectations so one run of a long scenario reports all of them, not only the
 * first, and the scenario still puts the bundles back. {@link #verify()} fails with the list.
 * Expectations whose text starts with {@code SPEC} are those of the live-upgrade specification
 * (issue 4 item 2).
 */
final class Expectations {

    private final String scenario;
    private final List<String> broken = new ArrayList<>();

    Expectations(String scenario) {
        this.scenario = scenario;
    }

    void check(boolean condition, String what) {
        if (!condition) {
            record(what);
        }
    }

    private void record(String what) {
        broken.add(what);
        System.out.println("[" + scenario + "] EXPECTATION BROKEN: " + what);
    }

    void equal(Object expected, Object actual, String what) {
        check(Objects.equals(expected, actual), what + ": expected " + expected + ", was " + actual);
    }

    /** Runs a check that may throw; a throwable counts as broken. */
    void run(String what, ThrowingRunnable check) {
        try {
            check.run();
        } catch (Throwable t) {
            record(what + ": " + t);
        }
    }

    void verify() {
        if (!broken.isEmpty()) {
            throw new AssertionError(scenario + ": " + broken.size() + " expectation(s) broken:\n - "
                    + String.join("\n - ", broken));
        }
    }

    interface ThrowingRunnable {
        void run() throws Throwable;
    }
}
