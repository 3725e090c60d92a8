package io.emuhost.api.machine;

/**
 * The bundle whose factory serves an object or device ({@link FactoryBinding}), as OSGi names it.
 *
 * @param bundleId the framework's bundle id
 * @param symbolicName {@code Bundle-SymbolicName}, e.g. {@code io.emuhost.virtio-pmem}
 * @param version the version of the bundle revision whose classes serve it, e.g. {@code 1.1.0}
 */
public record ServingBundle(long bundleId, String symbolicName, String version) {
}
