package io.emuhost.cli.internal.qemu;

import io.emuhost.cli.internal.options.CommandLineException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the QEMU binary as execvp(3) would, so that a missing one is reported before anything starts. */
final class QemuBinary {

    private QemuBinary() {
    }

    /**
     * Resolves the binary.
     *
     * @param name a path (with a slash) or a name to look up on {@code path}
     * @param path the PATH variable, or null
     * @return the executable, absolute
     * @throws CommandLineException if there is none: {@code --qemu NAME: ...}
     */
    static Path resolve(String name, String path) throws CommandLineException {
        String location = "--" + QemuModeArgs.QEMU + " " + name;
        if (name.isEmpty()) {
            throw new CommandLineException(location, "No such file or directory");
        }
        if (name.contains("/")) {
            Path file = Path.of(name).toAbsolutePath();
            if (!Files.exists(file)) {
                throw new CommandLineException(location, "No such file or directory");
            }
            if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
                throw new CommandLineException(location, "Permission denied");
            }
            return file;
        }
        for (String directory : (path == null ? "/usr/local/bin:/usr/bin:/bin" : path).split(File.pathSeparator, -1)) {
            Path file = Path.of(directory.isEmpty() ? "." : directory, name).toAbsolutePath();
            if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                return file;
            }
        }
        throw new CommandLineException(location, "not found in PATH (Debian: apt-get install qemu-system-x86)");
    }
}
