package io.emuhost.machine.internal.hmp;

/** What the monitor does after a command. */
public enum HmpOutcome {
    /** Read the next command. */
    CONTINUE,
    /** Stop reading: the user asked the emulator to quit. */
    QUIT
}
