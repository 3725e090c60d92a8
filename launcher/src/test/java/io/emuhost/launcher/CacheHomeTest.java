package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 11 item 1: the bundle cache follows XDG and is never relative to the working directory. */
class CacheHomeTest {

    @Test
    void of_xdgCacheHome_wins() {
        assertEquals(Optional.of(Path.of("/var/cache/u/emuhost")),
                CacheHome.of(Map.of("XDG_CACHE_HOME", "/var/cache/u", "HOME", "/home/u")));
    }

    @Test
    void of_onlyHome_isDotCache() {
        assertEquals(Optional.of(Path.of("/home/u/.cache/emuhost")), CacheHome.of(Map.of("HOME", "/home/u")));
    }

    @Test
    void of_relativeValues_areIgnored() {
        assertEquals(Optional.of(Path.of("/home/u/.cache/emuhost")),
                CacheHome.of(Map.of("XDG_CACHE_HOME", "cache", "HOME", "/home/u")));
        assertEquals(Optional.empty(), CacheHome.of(Map.of("HOME", "relative")));
        assertEquals(Optional.empty(), CacheHome.of(Map.of()));
    }
}
