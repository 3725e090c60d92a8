package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code java -jar emuhost.jar ...} as a child process, with its output collected as it comes. */
final class EmuhostProcess implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 60;

    private final Process process;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private EmuhostProcess(Process process) {
        this.process = process;
        this.stdoutReader = collect(process.getInputStream(), stdout);
        this.stderrReader = collect(process.getErrorStream(), stderr);
    }

    /**
     * Starts emuhost.
     *
     * @param workDir the working directory (relative mem-paths resolve here)
     * @param args the command line
     * @return the running process
     * @throws IOException if java cannot be started
     */
    static EmuhostProcess start(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        return new EmuhostProcess(new ProcessBuilder(command).directory(workDir.toFile()).start());
    }

    /** The JVM options {@code ./emuhost} runs with ({@code launcher/jvm.options}), so the tests run the same JVM. */
    static List<String> jvmOptions() throws IOException {
        Path options = Path.of(System.getProperty("emuhost.jvm.options", "jvm.options"));
        return Files.readAllLines(options).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /**
     * Starts emuhost from a shell that first sets the umask ({@code umask 000}: every file it
     * creates is as open as its mode asks).
     *
     * @param workDir the working directory
     * @param umask the umask, in octal
     * @param args the command line
     * @return the running process (the shell execs java, so its pid is emuhost's)
     * @throws IOException if the shell cannot be started
     */
    static EmuhostProcess startWithUmask(Path workDir, String umask, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions());
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        return new EmuhostProcess(new ProcessBuilder(command).directory(workDir.toFile()).start());
    }

    static Path jar() {
        return Path.of(System.getProperty("emuhost.jar", "target/emuhost.jar")).toAbsolutePath();
    }

    private static Thread collect(InputStream in, StringBuffer into) {
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                into.append("<read failed: ").append(e).append('>');
            }
        });
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /** Types one monitor line. */
    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits until standard output holds the text {@code count} times. */
    void awaitStdout(String text, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (occurrences(stdout.toString(), text) < count) {
            if (System.nanoTime() - deadline > 0 || !process.isAlive() && occurrences(stdout.toString(), text) < count) {
                fail("no " + count + " x '" + text + "' on stdout; stdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until standard error holds the text. It fails once the stream has ended (not when the
     * process has: a child it started, such as --qemu's watchdog, may still write to the pipe).
     */
    void awaitStderr(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!stderr.toString().contains(text)) {
            if (System.nanoTime() - deadline > 0 || !stderrReader.isAlive() && !stderr.toString().contains(text)) {
                fail("no '" + text + "' on stderr; stdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            Thread.sleep(20);
        }
    }

    /** Waits for the process to end and returns its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            fail("emuhost did not exit; stdout:\n" + stdout + "\nstderr:\n" + stderr);
        }
        stdoutReader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        stderrReader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        return process.exitValue();
    }

    /** The process id (emuhost's java). */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stdout() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    private static int occurrences(String haystack, String needle) {
        int count = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            count++;
        }
        return count;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
