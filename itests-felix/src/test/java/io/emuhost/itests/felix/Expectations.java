package io.emuhost.itests.felix;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects broken expectations so one run of a long scenario reports all of them, not only the
 * first, and the scenario still puts the bundles back. {@link #verify()} fails with the list.
 *
 * <p>Expectations whose text starts with {@code SPEC} are the live-upgrade specification that
 * the machine does not implement yet. With the system property {@value #PENDING_PROPERTY}
 * ({@code mvn verify -Demuhost.liveUpgrade.pending=true}) they are printed as pending instead of
 * failing, so the rest of the module can run in CI until the mechanism lands; by default they fail.
 */
final class Expectations {

    /** System property: report SPEC expectations instead of failing on them. */
    static final String PENDING_PROPERTY = "emuhost.itests.liveUpgradePending";

    private final String scenario;
    private final boolean specPending = Boolean.getBoolean(PENDING_PROPERTY);
    private final List<String> broken = new ArrayList<>();
    private final List<String> pending = new ArrayList<>();

    Expectations(String scenario) {
        this.scenario = scenario;
    }

    void check(boolean condition, String what) {
        if (!condition) {
            record(what);
        }
    }

    private void record(String what) {
        if (specPending && what.startsWith("SPEC")) {
            pending.add(what);
            System.out.println("[" + scenario + "] SPEC PENDING (not failing, " + PENDING_PROPERTY + "=true): " + what);
        } else {
            broken.add(what);
            System.out.println("[" + scenario + "] EXPECTATION BROKEN: " + what);
        }
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
