package io.emuhost.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes that a FLUSH acknowledged survive the death of the emulator: a child JVM writes and
 * flushes, reports the flush, and is killed with SIGKILL before it can close anything; the backing
 * file then holds the bytes.
 */
class FlushDurabilityTest {

    private static final long OFFSET = 0x20_0000;
    private static final int LENGTH = 64 * 1024;
    private static final long SEED = 42;
    private static final int SIGKILL_EXIT = 128 + 9;

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void flushedWrites_surviveSigkillOfTheEmulator() throws Exception {
        Path file = dir.resolve("durable.img");
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FlushThenHang.class.getName(),
                file.toString(), Long.toString(OFFSET), Integer.toString(LENGTH), Long.toString(SEED))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String flushed = CompletableFuture.supplyAsync(this::firstFlushedLine).get(60, TimeUnit.SECONDS);

        child.destroyForcibly();
        boolean exited = child.waitFor(30, TimeUnit.SECONDS);

        assertEquals(FlushThenHang.FLUSHED + 0, flushed);
        assertTrue(exited);
        assertFalse(child.isAlive());
        assertEquals(SIGKILL_EXIT, child.exitValue());
        assertArrayEquals(PmemMachines.pattern(SEED, LENGTH), HostFiles.read(file, OFFSET, LENGTH));
    }

    private String firstFlushedLine() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(FlushThenHang.FLUSHED)) {
                    return line;
                }
            }
            return "child exited without flushing";
        } catch (java.io.IOException e) {
            return "child output failed: " + e;
        }
    }
}
