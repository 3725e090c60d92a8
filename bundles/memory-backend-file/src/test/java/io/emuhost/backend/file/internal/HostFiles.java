package io.emuhost.backend.file.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/** What the tests observe of host files and of this process, outside the code under test. */
final class HostFiles {

    private HostFiles() {
    }

    /** st_blocks (512-byte units), via stat(1). */
    static long blocks(Path file) throws IOException, InterruptedException {
        Process stat = new ProcessBuilder("stat", "-c", "%b", file.toString()).start();
        String out = new String(stat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (stat.waitFor() != 0) {
            throw new IOException("stat failed for " + file);
        }
        return Long.parseLong(out);
    }

    /** How many entries of /proc/self/fd refer to the file. */
    static long descriptorsOf(Path file) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> file.equals(target(fd))).count();
        }
    }

    private static Path target(Path link) {
        try {
            return Files.readSymbolicLink(link);
        } catch (IOException e) {
            return null; // closed while listing
        }
    }

    static boolean isMapped(Path file) throws IOException {
        return Files.readString(Path.of("/proc/self/maps")).contains(file.toString());
    }

    static byte[] read(Path file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
                // read until full or EOF
            }
        }
        return buffer.array();
    }

    static void write(Path file, long position, byte[] data) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            channel.write(ByteBuffer.wrap(data), position);
        }
    }

    /** A sparse file of the given size (ftruncate), with nothing written. */
    static Path sparse(Path file, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
        return file;
    }

    /**
     * The kernel's VmFlags of the mapping that starts at the address (/proc/self/smaps), e.g.
     * {@code sh} shared, {@code wr} writable, {@code nr} MAP_NORESERVE, {@code mg} MADV_MERGEABLE,
     * {@code dd} MADV_DONTDUMP, {@code hg} MADV_HUGEPAGE.
     */
    static List<String> vmFlags(long address) throws IOException {
        String header = Long.toHexString(address) + "-";
        boolean inMapping = false;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            if (line.startsWith(header)) {
                inMapping = true;
            } else if (inMapping && line.startsWith("VmFlags:")) {
                return List.of(line.substring("VmFlags:".length()).trim().split(" "));
            }
        }
        throw new IOException("no mapping at 0x" + Long.toHexString(address));
    }
}
