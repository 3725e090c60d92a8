package io.emuhost.cli.internal.chardev;

/**
 * A character device as the command line defines it ({@code -chardev}, or the short forms of
 * {@code -qmp}, {@code -monitor} and {@code -qtest}).
 *
 * @param id the chardev id ({@code compat_monitor0}, ... for the short forms, as in QEMU)
 * @param backend where its bytes go
 * @param location the option as written, which QEMU puts before errors about the chardev
 */
public record Chardev(String id, ChardevBackend backend, String location) {
}
