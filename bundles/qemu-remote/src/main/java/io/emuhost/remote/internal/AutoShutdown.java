package io.emuhost.remote.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code auto-shutdown=on|off} of the {@code x-remote-object}s of one host, as QEMU's remote
 * machine has it ({@code -machine x-remote,auto-shutdown=on}, the default; hw/remote/machine.c):
 * the remote process exits once its last client has gone. In QEMU 7.2 a remote object serves one
 * connection and the process shuts down when it ends (hw/remote/message.c
 * mpqemu_remote_msg_loop_co: {@code qemu_system_shutdown_request}); the property itself is read by
 * the vfio-user server, which exits when its last server object is gone.
 *
 * <p>Here: an object with auto-shutdown=on serves one connection; once it ended (QEMU closed it,
 * or it broke a rule), the host exits when no object's connection is open and no auto-shutdown
 * object still waits for its first one. Objects with auto-shutdown=off keep accepting, and their
 * open connections hold the exit back. An object closed by {@code object_del} or the machine's
 * shutdown never sets the exit off. The exit is asked for once.
 */
final class AutoShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(AutoShutdown.class);

    private final Runnable exit;
    private int open;
    private int waiting;
    private boolean armed;
    private boolean requested;

    /**
     * Creates the host's accounting.
     *
     * @param exit ends the host (stops the framework: the launcher then exits with status 0 once
     *     the machine has closed its devices and flushed its backends); called once, on the thread
     *     whose connection ended last
     */
    AutoShutdown(Runnable exit) {
        this.exit = exit;
    }

    /**
     * A new remote object.
     *
     * @param name its id, for the log line
     * @param autoShutdown its {@code auto-shutdown} property
     * @return its membership
     */
    synchronized Member join(String name, boolean autoShutdown) {
        if (autoShutdown) {
            waiting++;
        }
        return new Member(name, autoShutdown);
    }

    /** Whether the exit was asked for (tests). */
    synchronized boolean requested() {
        return requested;
    }

    private synchronized void opened(Member member) {
        open++;
    }

    private void ended(Member member, boolean stopped) {
        synchronized (this) {
            open--;
            if (stopped) {
                return;
            }
            if (member.autoShutdown && !member.finished) {
                member.finished = true;
                waiting--;
                armed = true;
            }
            if (!armed || open != 0 || waiting != 0 || requested) {
                return;
            }
            requested = true;
        }
        LOG.info("{}: the last QEMU connection closed; emuhost exits (auto-shutdown=on)", member.name);
        exit.run();
    }

    private synchronized void left(Member member) {
        if (member.autoShutdown && !member.finished) {
            member.finished = true;
            waiting--;
        }
    }

    /** One remote object's part. */
    final class Member {

        private final String name;
        private final boolean autoShutdown;
        private boolean finished;

        private Member(String name, boolean autoShutdown) {
            this.name = name;
            this.autoShutdown = autoShutdown;
        }

        /** A connection of the object starts being served. */
        void connectionOpened() {
            opened(this);
        }

        /**
         * A connection of the object ended. One that ended by itself (QEMU closed it, or it broke a
         * rule) may set off the exit; one stopped by the object's close does not.
         *
         * @param stopped whether the object's close stopped it
         * @return true if the object serves no further connection (auto-shutdown=on, or stopped)
         */
        boolean connectionEnded(boolean stopped) {
            ended(this, stopped);
            return stopped || autoShutdown;
        }

        /** The object is closed ({@code object_del}, machine shutdown): it no longer holds the exit back. */
        void leave() {
            left(this);
        }
    }
}
