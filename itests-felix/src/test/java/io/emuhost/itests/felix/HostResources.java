package io.emuhost.itests.felix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the process holds, as Linux shows it: threads, file descriptors, mappings. */
final class HostResources {

    private HostResources() {
    }

    /**
     * Open file descriptors of this JVM.
     *
     * @return the number of entries in /proc/self/fd (the listing's own descriptor included)
     */
    static int openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Paths.get("/proc/self/fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The lines of /proc/self/maps that map a file.
     *
     * @param file the file
     * @return the lines
     */
    static List<String> mappingsOf(Path file) {
        String name = file.toAbsolutePath().normalize().toString();
        try {
            return Files.readAllLines(Paths.get("/proc/self/maps")).stream()
                    .filter(line -> line.endsWith(" " + name) || line.endsWith(" " + name + " (deleted)"))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Live threads by name, with how many carry each name.
     *
     * @return name to count
     */
    static Map<String, Integer> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .collect(Collectors.toMap(Thread::getName, t -> 1, Integer::sum, TreeMap::new));
    }

    /**
     * The threads in {@code now} that {@code before} did not have (by name and count).
     *
     * @param before the baseline
     * @param now the current state
     * @return name to surplus count
     */
    static Map<String, Integer> surplus(Map<String, Integer> before, Map<String, Integer> now) {
        Map<String, Integer> extra = new TreeMap<>();
        now.forEach((name, count) -> {
            int more = count - before.getOrDefault(name, 0);
            if (more > 0) {
                extra.put(name, more);
            }
        });
        return extra;
    }
}
