package io.emuhost.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where emuhost's per-user cache lives, after the XDG Base Directory Specification:
 * {@code $XDG_CACHE_HOME/emuhost}, or {@code $HOME/.cache/emuhost} when that is unset. A relative
 * value is ignored (the specification says so), so nothing is ever created in the working directory.
 */
final class CacheHome {

    private static final String NAME = "emuhost";

    private CacheHome() {
    }

    /**
     * Resolves the cache directory.
     *
     * @param environment the process environment
     * @return the directory (perhaps not yet created), or empty without an absolute home
     */
    static Optional<Path> of(Map<String, String> environment) {
        Optional<Path> xdg = absolute(environment.get("XDG_CACHE_HOME"));
        if (xdg.isPresent()) {
            return Optional.of(xdg.get().resolve(NAME));
        }
        return absolute(environment.get("HOME")).map(home -> home.resolve(".cache").resolve(NAME));
    }

    private static Optional<Path> absolute(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        return path.isAbsolute() ? Optional.of(path.normalize()) : Optional.empty();
    }
}
