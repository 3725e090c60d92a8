package io.emuhost.deploy.internal;

import java.io.File;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.framework.Version;

/**
 * One bundle that deploy-directory jars replaced: what it was before the first of them (its
 * version and content), the jars that replaced it, and which of these runs. The highest version
 * among the jars present runs; with none left the original comes back.
 */
final class Lineage {

    /** One content the bundle can run: a deploy-directory jar, or the original (no file). */
    record Layer(File file, Version version, byte[] content) {
    }

    private final long bundleId;
    private final Layer original;
    private final Map<File, Layer> jars = new LinkedHashMap<>();
    private Layer running;

    /**
     * @param bundleId the replaced bundle
     * @param original its version and content before any jar replaced it
     */
    Lineage(long bundleId, Layer original) {
        this.bundleId = bundleId;
        this.original = original;
        this.running = original;
    }

    long bundleId() {
        return bundleId;
    }

    /** @return whether a jar of this lineage is that file */
    boolean holds(File file) {
        return jars.containsKey(file);
    }

    /** Adds (or replaces) a jar. */
    void put(Layer jar) {
        jars.put(jar.file(), jar);
    }

    /** Removes a jar; the bundle should then run {@link #wanted()}. */
    void remove(File file) {
        jars.remove(file);
    }

    /** @return what should run: the highest jar version present, else the original */
    Layer wanted() {
        return jars.values().stream().max(Comparator.comparing(Layer::version)).orElse(original);
    }

    /** @return what runs now */
    Layer running() {
        return running;
    }

    /** Records that the bundle now runs this layer. */
    void ran(Layer layer) {
        running = layer;
    }

    /** @return whether no jar is left: the original runs again and the lineage ends */
    boolean empty() {
        return jars.isEmpty();
    }
}
