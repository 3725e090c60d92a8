package io.emuhost.launcher;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The two machines the qtest script runs against, started alike: pc, no default devices, no
 * display, paused (-S), 1 GiB of RAM, a 256 MiB sparse file as memory-backend-file and a
 * virtio-pmem-pci device on it, qtest on a unix socket.
 */
final class QtestTargets {

    static final String QEMU = "qemu-system-x86_64";
    static final long PMEM_SIZE = 256L << 20;

    private QtestTargets() {
    }

    /** A sparse backing file of {@link #PMEM_SIZE} bytes. */
    static Path image(Path dir) throws IOException {
        Path image = dir.resolve("pmem.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(PMEM_SIZE);
        }
        return image;
    }

    /**
     * emuhost's command line for the script: INTx only ({@code vectors=0}), as QEMU's device.
     *
     * @param memory the {@code -m} value
     * @param image the backing file
     * @param socket the qtest socket
     * @param log the {@code -qtest-log} value
     * @return the arguments
     */
    static String[] emuhostArguments(String memory, Path image, Path socket, String log) {
        return new String[] {"-machine", "pc", "-nodefaults", "-display", "none", "-m", memory,
            "-object", "memory-backend-file,id=m1,share=on,mem-path=" + image + ",size=" + PMEM_SIZE,
            "-device", "virtio-pmem-pci,id=nv1,memdev=m1,vectors=0",
            "-qtest", "unix:" + socket + ",server=on,wait=off", "-qtest-log", log, "-S"};
    }

    /** Where {@code qemu-system-x86_64} is on the PATH. */
    static Optional<Path> qemu() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, QEMU);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** QEMU 7.2 with the same machine; its output goes to files in {@code dir}. */
    static Process startQemu(Path qemu, Path dir, Path image, Path socket) throws IOException {
        List<String> command = new ArrayList<>(List.of(qemu.toString(), "-machine", "pc", "-nodefaults",
                "-display", "none", "-serial", "none", "-S", "-m", "1G,slots=2,maxmem=8G",
                "-object", "memory-backend-file,id=m1,share=on,mem-path=" + image + ",size=" + PMEM_SIZE,
                "-device", "virtio-pmem-pci,id=nv1,memdev=m1",
                "-qtest", "unix:" + socket + ",server=on,wait=off", "-qtest-log", "/dev/null"));
        return new ProcessBuilder(command).redirectOutput(dir.resolve("qemu.out").toFile())
                .redirectError(dir.resolve("qemu.err").toFile()).start();
    }

    /** What QEMU printed so far. */
    static String qemuOutput(Path dir) {
        try {
            return "stdout:\n" + Files.readString(dir.resolve("qemu.out"), StandardCharsets.UTF_8) + "\nstderr:\n"
                    + Files.readString(dir.resolve("qemu.err"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<no QEMU output: " + e + ">";
        }
    }

    /** Ends QEMU and waits for it. */
    static void stop(Process qemu) throws InterruptedException {
        qemu.destroy();
        if (!qemu.waitFor(10, TimeUnit.SECONDS)) {
            qemu.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
