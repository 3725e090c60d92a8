package io.emuhost.cli.internal.qemu;

import static io.emuhost.cli.internal.qemu.QemuModeArgsTest.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emuhost.cli.internal.options.CommandLineException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuBinaryTest {

    @TempDir
    Path dir;

    private Path file(String name, String mode) throws Exception {
        Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void name_isLookedUpOnPath_skippingNonExecutables() throws Exception {
        Path other = Files.createDirectory(dir.resolve("other"));
        file("qemu-system-x86_64", "rw-r--r--");
        Path executable = Files.writeString(other.resolve("qemu-system-x86_64"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertEquals(executable, QemuBinary.resolve("qemu-system-x86_64", dir + ":" + other));
    }

    @Test
    void missingName_isReportedBeforeAnythingStarts() {
        assertEquals("emuhost: --qemu qemu-system-nosuch: not found in PATH (Debian: apt-get install qemu-system-x86)\n",
                printed(assertThrows(CommandLineException.class,
                        () -> QemuBinary.resolve("qemu-system-nosuch", dir.toString()))));
    }

    @Test
    void missingPath_isNoSuchFile() {
        Path missing = dir.resolve("qemu");
        assertEquals("emuhost: --qemu " + missing + ": No such file or directory\n",
                printed(assertThrows(CommandLineException.class, () -> QemuBinary.resolve(missing.toString(), null))));
    }

    @Test
    void pathNotExecutable_isPermissionDenied() throws Exception {
        Path file = file("qemu", "rw-r--r--");
        assertEquals("emuhost: --qemu " + file + ": Permission denied\n",
                printed(assertThrows(CommandLineException.class, () -> QemuBinary.resolve(file.toString(), null))));
    }
}
