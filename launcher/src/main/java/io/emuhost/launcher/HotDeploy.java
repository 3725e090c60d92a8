package io.emuhost.launcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * Felix FileInstall's framework properties: watch the deploy directory every half second, from
 * the start; a dropped bundle jar is installed and started, a replaced one updated, a deleted one
 * uninstalled; {@code .cfg}/{@code .config} files become Config Admin configurations. FileInstall
 * logs errors only, through java.util.logging (there is no OSGi log service in emuhost.jar), whose
 * console handler writes to standard error, never to standard output, which belongs to the monitor; it does not write configurations back into the
 * user's files.
 */
final class HotDeploy {

    private HotDeploy() {
    }

    /**
     * The properties.
     *
     * @param directory the deploy directory
     * @return FileInstall's {@code felix.fileinstall.*} settings
     */
    static Map<String, String> properties(Path directory) {
        return Map.of(
                "felix.fileinstall.dir", directory.toString(),
                "felix.fileinstall.poll", "500",
                "felix.fileinstall.noInitialDelay", "true",
                "felix.fileinstall.log.level", "1",
                "felix.fileinstall.log.default", "jul",
                "felix.fileinstall.enableConfigSave", "false");
    }
}
