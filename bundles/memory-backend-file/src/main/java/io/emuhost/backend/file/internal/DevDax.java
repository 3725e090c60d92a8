package io.emuhost.backend.file.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

/** Device-DAX character devices (/dev/daxX.Y), whose size only sysfs knows (QEMU get_file_size). */
final class DevDax {

    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    private DevDax() {
    }

    /**
     * The size of a device-DAX node.
     *
     * @param path the mem-path
     * @return the size from {@code /sys/dev/char/M:m/size}, or empty if the path is no DAX device
     */
    static OptionalLong size(Path path) {
        try {
            Map<String, Object> attributes = Files.readAttributes(path, "unix:mode,rdev");
            if ((((Integer) attributes.get("mode")) & S_IFMT) != S_IFCHR) {
                return OptionalLong.empty();
            }
            long rdev = (Long) attributes.get("rdev");
            Path sysfs = Path.of("/sys/dev/char", major(rdev) + ":" + minor(rdev));
            if (!Files.readSymbolicLink(sysfs.resolve("subsystem")).toString().endsWith("/dax")) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.decode(Files.readString(sysfs.resolve("size")).strip()));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    // glibc's gnu_dev_major / gnu_dev_minor
    private static long major(long rdev) {
        return ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
    }

    private static long minor(long rdev) {
        return (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
    }
}
