package io.emuhost.cli.internal.qemu;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.StringArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * QEMU started by emuhost ({@code posix_spawn}), with emuhost's device sockets at fixed numbers
 * ({@value #FIRST_PASSED_FD}, 5, ...) and a watchdog that stops it when emuhost ends.
 *
 * <p>The watchdog: QEMU is started through {@code /bin/sh}, which puts a background reader on
 * descriptor {@value #WATCH_FD} (the read end of a pipe whose write end only emuhost holds) and
 * then execs QEMU, keeping the pid. emuhost writes one line to the pipe once QEMU has ended
 * ({@link #released()}); if the pipe closes without that line, emuhost has ended first (quit,
 * a crash, SIGKILL: the kernel closes the write end in every case), and the reader prints which,
 * sends QEMU SIGTERM (QEMU's own clean stop) and, 10 s later, SIGKILL. Without it, a guest whose
 * device went away would hang in its next flush for as long as QEMU runs.
 */
final class QemuProcess {

    /** The descriptor the watchdog reads in the child. */
    static final int WATCH_FD = 3;

    /** The first descriptor of the passed sockets in QEMU. */
    static final int FIRST_PASSED_FD = 4;

    /** dash redirects only single-digit descriptors, so the watchdog can close at most this many. */
    static final int MAX_PASSED_FDS = 9 - FIRST_PASSED_FD + 1;

    /** Copies go here first, so that no dup2 target is a source not yet copied. */
    private static final int HIGH_FD = 100;

    private static final String SHELL = "/bin/sh";

    private static final String WATCHDOG = String.join("\n",
            "host=$1 passed=$2; shift 2",
            "{",
            "  exec >/dev/null",
            "  for n in $passed; do eval \"exec $n>&-\"; done",
            "  if ! read -r _ <&" + WATCH_FD + "; then",
            "    echo \"emuhost: emuhost (pid $host) has ended, and with it the devices of this guest:"
                    + " stopping QEMU (pid $$)\" >&2",
            "    kill -TERM $$ 2>/dev/null",
            "    for i in 1 2 3 4 5 6 7 8 9 10; do sleep 1; kill -0 $$ 2>/dev/null || exit 0; done",
            "    kill -KILL $$ 2>/dev/null",
            "  fi",
            "} &",
            "exec \"$@\" " + WATCH_FD + "<&-");

    private final int pid;
    private int watch;

    private QemuProcess(int pid, int watch) {
        this.pid = pid;
        this.watch = watch;
    }

    /**
     * Starts QEMU.
     *
     * @param argv QEMU's argv; the first is the binary's path
     * @param passed emuhost's descriptors QEMU gets as {@value #FIRST_PASSED_FD}, 5, ..., in order;
     *     they stay open here
     * @param environment QEMU's environment
     * @return the running process
     * @throws IOException if it cannot be started
     */
    static QemuProcess start(List<String> argv, List<Integer> passed, Map<String, String> environment)
            throws IOException {
        if (passed.size() > MAX_PASSED_FDS) {
            throw new IOException("at most " + MAX_PASSED_FDS + " devices");
        }
        int[] pipe = new int[2];
        List<Integer> copies = new ArrayList<>();
        try {
            Spawn.pipe2(pipe, Spawn.O_CLOEXEC);
            copies.add(Spawn.fcntl(pipe[0], Spawn.F_DUPFD_CLOEXEC, HIGH_FD));
            for (int fd : passed) {
                copies.add(Spawn.fcntl(fd, Spawn.F_DUPFD_CLOEXEC, HIGH_FD));
            }
            int pid = spawn(command(argv, passed.size()), copies, environment);
            return new QemuProcess(pid, pipe[1]);
        } catch (LastErrorException e) {
            Spawn.closeQuietly(pipe[1]);
            throw new IOException(Spawn.strerror(e.getErrorCode()), e);
        } catch (IOException e) {
            Spawn.closeQuietly(pipe[1]);
            throw e;
        } finally {
            Spawn.closeQuietly(pipe[0]);
            copies.forEach(Spawn::closeQuietly);
        }
    }

    private static List<String> command(List<String> argv, int passedCount) {
        StringBuilder passed = new StringBuilder();
        for (int i = 0; i < passedCount; i++) {
            passed.append(i == 0 ? "" : " ").append(FIRST_PASSED_FD + i);
        }
        List<String> command = new ArrayList<>(List.of(SHELL, "-c", WATCHDOG, "emuhost-watchdog",
                Integer.toString(Spawn.getpid()), passed.toString()));
        command.addAll(argv);
        return command;
    }

    /** copies.get(0) becomes {@value #WATCH_FD}, the others {@value #FIRST_PASSED_FD} on; the rest is closed. */
    private static int spawn(List<String> command, List<Integer> copies, Map<String, String> environment)
            throws IOException {
        Memory actions = new Memory(Spawn.OPAQUE_SIZE);
        Memory attributes = new Memory(Spawn.OPAQUE_SIZE);
        check(Spawn.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        try {
            check(Spawn.posix_spawnattr_init(attributes), "posix_spawnattr_init");
            try {
                for (int i = 0; i < copies.size(); i++) {
                    check(Spawn.posix_spawn_file_actions_adddup2(actions, copies.get(i), WATCH_FD + i),
                            "posix_spawn_file_actions_adddup2");
                }
                check(Spawn.posix_spawn_file_actions_addclosefrom_np(actions, WATCH_FD + copies.size()),
                        "posix_spawn_file_actions_addclosefrom_np");
                // the JVM's threads block and handle signals of their own: QEMU starts with none of that
                check(Spawn.posix_spawnattr_setflags(attributes,
                        (short) (Spawn.POSIX_SPAWN_SETSIGMASK | Spawn.POSIX_SPAWN_SETSIGDEF)), "posix_spawnattr_setflags");
                check(Spawn.posix_spawnattr_setsigmask(attributes, Spawn.sigset(false)), "posix_spawnattr_setsigmask");
                check(Spawn.posix_spawnattr_setsigdefault(attributes, Spawn.sigset(true)),
                        "posix_spawnattr_setsigdefault");
                List<String> env = new ArrayList<>();
                environment.forEach((key, value) -> env.add(key + "=" + value));
                int[] pid = new int[1];
                int error = Spawn.posix_spawn(pid, SHELL, actions, attributes,
                        new StringArray(command.toArray(String[]::new)), new StringArray(env.toArray(String[]::new)));
                if (error != 0) {
                    throw new IOException(SHELL + ": " + Spawn.strerror(error));
                }
                return pid[0];
            } finally {
                Spawn.posix_spawnattr_destroy(attributes);
            }
        } finally {
            Spawn.posix_spawn_file_actions_destroy(actions);
        }
    }

    private static void check(int error, String call) throws IOException {
        if (error != 0) {
            throw new IOException(call + ": " + Spawn.strerror(error));
        }
    }

    /**
     * QEMU's process id.
     *
     * @return the pid
     */
    int pid() {
        return pid;
    }

    /**
     * Waits until QEMU has ended and tells the watchdog so (it then ends without a word).
     *
     * @return QEMU's exit status, or 128 + the signal that ended it (the shell's convention)
     * @throws InterruptedException never in practice: waitpid is retried on EINTR
     */
    int waitFor() throws InterruptedException {
        int[] status = new int[1];
        while (true) {
            try {
                Spawn.waitpid(pid, status, 0);
                break;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Spawn.EINTR) {
                    throw new IllegalStateException("waitpid " + pid + ": " + Spawn.strerror(e.getErrorCode()), e);
                }
            }
        }
        released();
        int signal = status[0] & 0x7f;
        return signal == 0 ? (status[0] >> 8) & 0xff : 128 + signal;
    }

    /** Tells the watchdog that QEMU's end is known here, and closes the pipe. Idempotent. */
    synchronized void released() {
        if (watch < 0) {
            return;
        }
        byte[] line = "ended\n".getBytes(StandardCharsets.US_ASCII);
        try {
            Spawn.write(watch, line, line.length);
        } catch (LastErrorException e) {
            // the watchdog is gone already
        }
        Spawn.closeQuietly(watch);
        watch = -1;
    }

    /**
     * Closes the pipe without the line, as emuhost's own end would: the watchdog then stops QEMU.
     * For emuhost ending while QEMU runs ({@code quit} on emuhost's monitor).
     */
    synchronized void abandon() {
        Spawn.closeQuietly(watch);
        watch = -1;
    }
}
