package io.emuhost.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's effective user id, which Java does not expose: Linux's {@code /proc/self/status}. */
public final class EffectiveUser {

    private static final Path STATUS = Path.of("/proc/self/status");
    /** proc(5): "Uid: real, effective, saved set, and filesystem UIDs". */
    private static final String UID_LINE = "Uid:";

    private EffectiveUser() {
    }

    /**
     * Reads the effective user id.
     *
     * @return the effective uid
     * @throws IOException if {@code /proc/self/status} cannot be read or has no {@code Uid:} line
     */
    public static int id() throws IOException {
        for (String line : Files.readAllLines(STATUS)) {
            if (line.startsWith(UID_LINE)) {
                String[] ids = line.substring(UID_LINE.length()).trim().split("\\s+");
                if (ids.length >= 2) {
                    return Integer.parseInt(ids[1]);
                }
            }
        }
        throw new IOException(STATUS + " has no effective uid");
    }
}
