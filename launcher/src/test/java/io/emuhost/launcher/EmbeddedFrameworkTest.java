package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class EmbeddedFrameworkTest {

    @Test
    void systemBundleExportsSlf4jAtTheShippedVersion() throws IOException, URISyntaxException {
        Path jar = Path.of(LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String version;
        try (JarFile file = new JarFile(jar.toFile())) {
            version = file.getManifest().getMainAttributes().getValue("Bundle-Version");
        }

        assertTrue(EmbeddedFramework.SLF4J_PACKAGES.endsWith(";version=" + version),
                EmbeddedFramework.SLF4J_PACKAGES + " vs slf4j-api " + version);
    }
}
