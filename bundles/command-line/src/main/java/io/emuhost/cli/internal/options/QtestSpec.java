package io.emuhost.cli.internal.options;

import io.emuhost.cli.internal.chardev.Chardev;
import java.util.Optional;

/**
 * The qtest protocol server the command line asks for ({@code -qtest}, {@code -qtest-log}).
 *
 * @param chardev where it listens
 * @param log {@code -qtest-log}: a file, {@code none}, or empty for standard error
 */
public record QtestSpec(Chardev chardev, Optional<String> log) {
}
