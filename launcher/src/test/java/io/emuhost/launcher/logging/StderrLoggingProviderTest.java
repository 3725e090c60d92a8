package io.emuhost.launcher.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class StderrLoggingProviderTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void warn_oneLineWithLevelShortNameAndFormattedMessage() {
        Logger log = StderrLoggingProvider.factory(Level.WARN, out).getLogger("io.emuhost.remote.internal.MpqemuConnection");

        log.warn("{}: closing the connection: {}", "r0", "unknown command 42");

        assertEquals("emuhost: warn: MpqemuConnection: r0: closing the connection: unknown command 42"
                + System.lineSeparator(), written());
    }

    @Test
    void belowThreshold_nothingWrittenAndNotEnabled() {
        Logger log = StderrLoggingProvider.factory(Level.WARN, out).getLogger("a.B");

        log.info("hidden {}", 1);
        log.debug("hidden");

        assertEquals("", written());
        assertFalse(log.isInfoEnabled());
        assertTrue(log.isErrorEnabled());
    }

    @Test
    void throwable_stackTraceFollowsTheLine() {
        Logger log = StderrLoggingProvider.factory(Level.DEBUG, out).getLogger("Plain");

        log.error("failed", new IllegalStateException("boom"));

        String[] lines = written().split(System.lineSeparator());
        assertEquals("emuhost: error: Plain: failed", lines[0]);
        assertEquals("java.lang.IllegalStateException: boom", lines[1]);
    }

    @Test
    void threshold_namesAnyCaseAndFallsBackToWarn() {
        assertEquals(Level.DEBUG, StderrLoggingProvider.threshold("debug"));
        assertEquals(Level.ERROR, StderrLoggingProvider.threshold(" ERROR "));
        assertEquals(Level.WARN, StderrLoggingProvider.threshold(null));
        assertEquals(Level.WARN, StderrLoggingProvider.threshold("loud"));
    }

    @Test
    void slf4jFindsThisProvider() {
        assertTrue(LoggerFactory.getILoggerFactory() instanceof StderrLoggerFactory,
                LoggerFactory.getILoggerFactory().getClass().getName());
    }
}
