package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BundleJarsTest {

    @Test
    void sorted_startsLoggingApiThenBackendThenOsgiThenOurs() {
        List<String> order = BundleJars.sorted(Stream.of("machine-1.0.0.jar", "org.apache.felix.scr-2.2.18.jar",
                "pax-logging-log4j2-2.3.2.jar", "api-1.0.0.jar", "pax-logging-api-2.3.2.jar",
                "org.osgi.util.function-1.2.0.jar"));

        assertEquals(List.of("pax-logging-api-2.3.2.jar", "pax-logging-log4j2-2.3.2.jar",
                "org.apache.felix.scr-2.2.18.jar", "org.osgi.util.function-1.2.0.jar", "api-1.0.0.jar",
                "machine-1.0.0.jar"), order);
    }
}
