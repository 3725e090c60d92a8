package io.emuhost.launcher;

import org.apache.felix.framework.Logger;

/** Felix's own log lines go to standard error: standard output belongs to the monitor. */
final class StderrLogger extends Logger {

    @Override
    protected void doLogOut(int level, String message, Throwable throwable) {
        String kind = switch (level) {
            case LOG_ERROR -> "ERROR";
            case LOG_WARNING -> "WARNING";
            case LOG_INFO -> "INFO";
            default -> "DEBUG";
        };
        System.err.println("emuhost: felix: " + kind + ": " + message);
        if (throwable != null) {
            throwable.printStackTrace();
        }
    }
}
