package io.emuhost.machine.internal.cli;

/** Where the human monitor runs ({@code -monitor}). */
public enum MonitorMode {
    /** On standard input and output. */
    STDIO,
    /** No monitor ({@code none}, or {@code vc}: there is no graphical console to put it on). */
    NONE
}
