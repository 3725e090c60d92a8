package io.emuhost.backend.file.internal;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.testkit.device.TestProperties;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Run by {@link DiskFullTest} in a child JVM whose private mount namespace has a small tmpfs on
 * {@code args[0]}: creates one memory-backend-file and reports on stdout what happened and what
 * the file system holds afterwards, one {@code key: value} line each.
 *
 * <p>Arguments: the tmpfs directory; then {@code --sparse NAME SIZE} for each file to make
 * (ftruncate) beforehand; then property pairs ({@code name value ...}), where a value
 * {@code @NAME} is the path of NAME in the directory.
 */
public final class DiskFullScenario {

    private DiskFullScenario() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Path.of(args[0]);
        int next = 1;
        while (next < args.length && args[next].equals("--sparse")) {
            HostFiles.sparse(dir.resolve(args[next + 1]), Long.parseLong(args[next + 2]));
            next += 3;
        }
        String[] properties = Arrays.copyOfRange(args, next, args.length);
        for (int i = 1; i < properties.length; i += 2) {
            if (properties[i].startsWith("@")) {
                properties[i] = dir.resolve(properties[i].substring(1)).toString();
            }
        }
        try (HostMemoryBackend backend = new FileBackendFactory().create("m1", TestProperties.of(properties))) {
            System.out.println("result: created");
        } catch (ConfigurationException e) {
            System.out.println("result: " + e.getMessage());
        }
        try (Stream<Path> entries = Files.list(dir)) {
            System.out.println("entries: " + entries.map(p -> p.getFileName().toString()).sorted()
                    .collect(Collectors.joining(",")));
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.sorted().toList()) {
                System.out.println("blocks " + entry.getFileName() + ": " + HostFiles.blocks(entry));
            }
        }
        FileStore store = Files.getFileStore(dir);
        System.out.println("used: " + (store.getTotalSpace() - store.getUnallocatedSpace()));
    }
}
