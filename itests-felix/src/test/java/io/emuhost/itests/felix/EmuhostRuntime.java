package io.emuhost.itests.felix;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.ops4j.pax.exam.Option;

/**
 * The bundles emuhost.jar carries (launcher/pom.xml), provisioned into Pax Exam's native Felix:
 * logging first, then SCR and its API bundles, Config Admin, Metatype, FileInstall, JNA, Jackson,
 * and the emuhost bundles from the reactor; plus the testkit (the guest-side driver). No
 * {@code emuhost.args}: the machine bundle builds the default machine and registers it as a service.
 */
final class EmuhostRuntime {

    /** Symbolic names of the emuhost bundles. */
    static final String API = "io.emuhost.api";
    static final String TESTKIT = "io.emuhost.testkit";
    static final String BACKEND = "io.emuhost.memory-backend-file";
    static final String TRANSPORT = "io.emuhost.virtio-transport";
    static final String PMEM = "io.emuhost.virtio-pmem";
    static final String RNG = "io.emuhost.virtio-rng";
    static final String MACHINE = "io.emuhost.machine";
    static final String QTEST = "io.emuhost.qtest";
    static final String MONITOR = "io.emuhost.monitor";

    private EmuhostRuntime() {
    }

    /** Where maven-dependency-plugin copied the reactor's jars (versions stripped). */
    static Path bundleDirectory() {
        return Paths.get(System.getProperty("emuhost.itests.bundles", "target/reactor-bundles")).toAbsolutePath();
    }

    /** A directory for backing files and other files the tests make. */
    static Path workDirectory() {
        return Paths.get(System.getProperty("emuhost.itests.work", "target/work")).toAbsolutePath();
    }

    /**
     * The location (file URI) of a reactor bundle.
     *
     * @param artifactId the artifact, e.g. {@code virtio-pmem}
     * @return the URI string
     */
    static String location(String artifactId) {
        return new File(bundleDirectory().toFile(), artifactId + ".jar").toURI().toString();
    }

    /** The virtio-pmem 1.1.0 fixture, built from the same sources. */
    static String pmem110Location() {
        return location("itests-felix-fixture-virtio-pmem");
    }

    /**
     * Everything but the emuhost bundles: what the launcher ships besides them.
     *
     * @return the option
     */
    static Option platform() {
        return composite(
                frameworkProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                frameworkProperty("felix.fileinstall.dir").value(workDirectory().resolve("deploy").toString()),
                frameworkProperty("felix.fileinstall.poll").value("1000"),
                frameworkProperty("felix.fileinstall.log.level").value("1"),
                frameworkProperty("felix.log.level").value("1"),
                mavenBundle("org.ops4j.pax.logging", "pax-logging-api").versionAsInProject().startLevel(2),
                mavenBundle("org.ops4j.pax.logging", "pax-logging-log4j2").versionAsInProject().startLevel(2),
                mavenBundle("org.osgi", "org.osgi.util.function").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.util.promise").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.service.component").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.scr").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.metatype").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.fileinstall").versionAsInProject(),
                mavenBundle("net.java.dev.jna", "jna").versionAsInProject(),
                mavenBundle("com.fasterxml.jackson.core", "jackson-annotations").versionAsInProject(),
                mavenBundle("com.fasterxml.jackson.core", "jackson-core").versionAsInProject(),
                mavenBundle("com.fasterxml.jackson.core", "jackson-databind").versionAsInProject(),
                junitBundles(),
                cleanCaches());
    }

    /**
     * The platform with the emuhost bundles, virtio-pmem at the given location.
     *
     * @param pmemLocation virtio-pmem's jar
     * @return the options
     */
    static Option[] withPmem(String pmemLocation) {
        return new Option[] {
            platform(),
            bundle(location("api")),
            bundle(location("qemu-syntax")),
            bundle(location("testkit")),
            bundle(location("memory-backend-file")),
            bundle(location("virtio-transport")),
            bundle(pmemLocation),
            bundle(location("virtio-rng")),
            bundle(location("qemu-remote")),
            bundle(location("machine")),
            bundle(location("monitor")),
            bundle(location("qtest")),
        };
    }

    /**
     * What emuhost.jar runs, plus the testkit.
     *
     * @return the options
     */
    static Option[] shipped() {
        return withPmem(location("virtio-pmem"));
    }
}
