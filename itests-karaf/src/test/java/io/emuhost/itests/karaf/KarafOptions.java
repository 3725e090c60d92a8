package io.emuhost.itests.karaf;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.util.Arrays;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * A stock Apache Karaf 4.4 on Java 17 whose Maven resolver reads the reactor's bundles, laid out
 * as a repository under {@code target/reactor-repo} by the build (nothing is installed), and the
 * local Maven repository, without ever writing to it.
 */
final class KarafOptions {

    private static final String PAX_URL_CFG = "etc/org.ops4j.pax.url.mvn.cfg";

    private KarafOptions() {
    }

    /**
     * The container.
     *
     * @return the options
     */
    static Option karaf() {
        String version = System.getProperty("karaf.version");
        File reactor = new File(System.getProperty("emuhost.reactor.repo"));
        File target = new File(System.getProperty("emuhost.target"));
        return composite(
                karafDistributionConfiguration()
                        .frameworkUrl(maven().groupId("org.apache.karaf").artifactId("apache-karaf")
                                .version(version).type("tar.gz"))
                        .unpackDirectory(new File(target, "exam")).useDeployFolder(false),
                Boolean.getBoolean("emuhost.keepKaraf") ? keepRuntimeFolder() : composite(),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.WARN),
                // pax-url caches what it resolves into its local repository: a throwaway one under
                // target/, never ~/.m2 (our artifacts must not land there). The reactor repository and
                // the local Maven repository are read in place as default repositories, before Karaf's
                // own system/ folder; Maven Central is the last resort for a third-party bundle.
                editConfigurationFilePut(PAX_URL_CFG, "org.ops4j.pax.url.mvn.localRepository",
                        new File(target, "karaf-local-repo").getAbsolutePath()),
                editConfigurationFilePut(PAX_URL_CFG, "org.ops4j.pax.url.mvn.defaultRepositories",
                        reactor.toURI() + "@id=reactor@snapshots, "
                                + new File(System.getProperty("maven.repo.local")).toURI() + "@id=m2@snapshots, "
                                + "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots, "
                                + "${karaf.data.uri}kar@id=kar.repository@multi@snapshots"),
                editConfigurationFilePut(PAX_URL_CFG, "org.ops4j.pax.url.mvn.repositories",
                        "https://repo1.maven.org/maven2@id=central"),
                java17(version));
    }

    /**
     * Hands system properties of the test JVM (set by failsafe) to the Karaf JVM, where the test
     * methods run.
     *
     * @param names the property names
     * @return the options
     */
    static Option propagate(String... names) {
        return composite(Arrays.stream(names)
                .map(name -> systemProperty(name).value(System.getProperty(name))).toArray(Option[]::new));
    }

    /**
     * The JPMS flags {@code bin/karaf} 4.4 passes on Java 9+, which Pax Exam 4.14's Karaf runner
     * leaves out (without them Karaf never comes up).
     */
    private static Option java17(String v) {
        return composite(
                vmOption("--add-reads=java.xml=java.logging"),
                vmOption("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"),
                vmOption("--patch-module"), vmOption("java.base=lib/endorsed/org.apache.karaf.specs.locator-" + v + ".jar"),
                vmOption("--patch-module"), vmOption("java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + v + ".jar"),
                vmOption("--add-opens"), vmOption("java.base/java.security=ALL-UNNAMED"),
                vmOption("--add-opens"), vmOption("java.base/java.net=ALL-UNNAMED"),
                vmOption("--add-opens"), vmOption("java.base/java.lang=ALL-UNNAMED"),
                vmOption("--add-opens"), vmOption("java.base/java.util=ALL-UNNAMED"),
                vmOption("--add-opens"), vmOption("java.naming/javax.naming.spi=ALL-UNNAMED"),
                vmOption("--add-opens"), vmOption("java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED"),
                vmOption("--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED"),
                vmOption("--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED"),
                vmOption("--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED"),
                vmOption("--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED"),
                vmOption("--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED"),
                vmOption("--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED"));
    }
}
