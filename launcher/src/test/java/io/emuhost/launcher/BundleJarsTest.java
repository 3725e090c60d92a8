package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BundleJarsTest {

    @Test
    void sorted_startsOsgiThenOursThenFileInstall() {
        List<String> order = BundleJars.sorted(Stream.of("org.apache.felix.fileinstall-3.7.4.jar",
                "machine-1.0.0.jar", "deploy-guard-1.0.0.jar", "org.apache.felix.scr-2.2.18.jar",
                "api-1.0.0.jar", "org.osgi.util.function-1.2.0.jar"));

        assertEquals(List.of("org.apache.felix.scr-2.2.18.jar", "org.osgi.util.function-1.2.0.jar", "api-1.0.0.jar",
                "deploy-guard-1.0.0.jar", "machine-1.0.0.jar", "org.apache.felix.fileinstall-3.7.4.jar"), order);
    }

    @Test
    void isHotDeploy_fileInstallGuardConfigAdminMetatypeAndLogApiOnly() {
        assertTrue(BundleJars.isHotDeploy("org.apache.felix.fileinstall-3.7.4.jar"));
        assertTrue(BundleJars.isHotDeploy("deploy-guard-1.0.0.jar"));
        assertTrue(BundleJars.isHotDeploy("org.apache.felix.configadmin-1.9.26.jar"));
        assertTrue(BundleJars.isHotDeploy("org.apache.felix.metatype-1.2.4.jar"));
        assertTrue(BundleJars.isHotDeploy("org.osgi.service.log-1.5.0.jar"));
        assertFalse(BundleJars.isHotDeploy("org.apache.felix.scr-2.2.18.jar"));
        assertFalse(BundleJars.isHotDeploy("machine-1.0.0.jar"));
    }
}
