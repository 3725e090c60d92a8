package io.emuhost.itests.karaf;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.AssumptionViolatedException;
import org.junit.runner.Description;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunNotifier;
import org.junit.runners.model.InitializationError;
import org.ops4j.pax.exam.junit.PaxExam;

/**
 * Pax Exam's runner for tests that start Debian's QEMU: where {@code qemu-system-x86_64} or
 * {@code python3} (which hands QEMU the proxy's socket) is not on the PATH, every test is reported
 * skipped with that reason, and no Karaf is started. Runs in the test JVM only; inside Karaf the
 * probe runs the tests with Pax Exam's own runner.
 */
public class QemuRequired extends PaxExam {

    /** The QEMU binary the tests run. */
    static final String QEMU = "qemu-system-x86_64";
    /** The interpreter of {@link ProxiedQemu}'s socket wrapper. */
    static final String PYTHON = "python3";

    /**
     * Creates the runner.
     *
     * @param testClass the test class
     * @throws InitializationError as Pax Exam's
     */
    public QemuRequired(Class<?> testClass) throws InitializationError {
        super(testClass);
    }

    @Override
    public void run(RunNotifier notifier) {
        Optional<String> missing = missingTool();
        if (missing.isEmpty()) {
            super.run(notifier);
            return;
        }
        for (Description test : getDescription().getChildren()) {
            notifier.fireTestStarted(test);
            notifier.fireTestAssumptionFailed(new Failure(test, new AssumptionViolatedException(missing.get())));
            notifier.fireTestFinished(test);
        }
    }

    /**
     * Why the QEMU tests cannot run here.
     *
     * @return the reason, or empty if both tools are there
     */
    static Optional<String> missingTool() {
        if (onPath(QEMU).isEmpty()) {
            return Optional.of(QEMU + " not installed: apt-get install qemu-system-x86");
        }
        if (onPath(PYTHON).isEmpty()) {
            return Optional.of(PYTHON + " not installed: apt-get install python3");
        }
        return Optional.empty();
    }

    /**
     * Where an executable is on the PATH.
     *
     * @param name the executable's name
     * @return its path, if found
     */
    static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
