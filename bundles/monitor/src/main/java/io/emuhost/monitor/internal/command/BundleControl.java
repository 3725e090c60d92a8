package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.ConfigurationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The framework's bundles, as the monitor's bundle commands see and change them. Changes are made
 * as Karaf's {@code bundle:update}, {@code bundle:stop} and {@code bundle:start} make them, and
 * return once the framework has done them.
 */
public interface BundleControl {

    /** No bundles: a monitor that runs outside a framework. */
    BundleControl NONE = new BundleControl() {
        @Override
        public List<InstalledBundle> bundles() {
            return List.of();
        }

        @Override
        public JarIdentity identify(Path jar) throws ConfigurationException {
            throw new ConfigurationException("no OSGi framework");
        }

        @Override
        public void update(long id, Optional<Path> jar) throws ConfigurationException {
            throw new ConfigurationException("no OSGi framework");
        }

        @Override
        public void stop(long id) throws ConfigurationException {
            throw new ConfigurationException("no OSGi framework");
        }

        @Override
        public void start(long id) throws ConfigurationException {
            throw new ConfigurationException("no OSGi framework");
        }
    };

    /**
     * The symbolic name and version a bundle jar declares.
     *
     * @param symbolicName {@code Bundle-SymbolicName} without directives
     * @param version {@code Bundle-Version}
     */
    record JarIdentity(String symbolicName, String version) {
    }

    /** @return every installed bundle, by id */
    List<InstalledBundle> bundles();

    /**
     * Reads a jar's manifest.
     *
     * @param jar the jar
     * @return what it declares
     * @throws ConfigurationException if it is no readable bundle jar
     */
    JarIdentity identify(Path jar) throws ConfigurationException;

    /**
     * {@code Bundle.update} from the jar (or from the bundle's location), then a refresh of the
     * bundle, waited for.
     *
     * @param id the bundle id
     * @param jar the new content, or empty for the bundle's own location
     * @throws ConfigurationException if the framework refuses, with its reason
     */
    void update(long id, Optional<Path> jar) throws ConfigurationException;

    /**
     * {@code Bundle.stop}.
     *
     * @param id the bundle id
     * @throws ConfigurationException if the framework refuses
     */
    void stop(long id) throws ConfigurationException;

    /**
     * {@code Bundle.start}.
     *
     * @param id the bundle id
     * @throws ConfigurationException if the framework refuses
     */
    void start(long id) throws ConfigurationException;
}
