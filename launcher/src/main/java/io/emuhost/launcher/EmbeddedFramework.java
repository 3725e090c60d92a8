package io.emuhost.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/** Creates the embedded Felix and installs the bundles carried in the launcher jar. */
final class EmbeddedFramework {

    /** The framework property the machine bundle reads its command line from. */
    static final String ARGS_PROPERTY = "emuhost.args";

    /** The framework property naming emuhost's version: emuhost.jar's. */
    static final String VERSION_PROPERTY = "emuhost.version";

    /**
     * The SLF4J packages the system bundle exports from the launcher's class path, where
     * {@link io.emuhost.launcher.logging.StderrLoggingProvider} is their back end; at the version
     * of the shaded {@code slf4j-api} (a test compares them).
     */
    static final String SLF4J_PACKAGES = "org.slf4j;org.slf4j.event;org.slf4j.helpers;org.slf4j.spi;version=2.0.17";

    private EmbeddedFramework() {
    }

    /**
     * Creates the framework.
     *
     * @param storage the temporary directory for the framework's storage
     * @param args the command line, joined with NUL into {@value #ARGS_PROPERTY}
     * @param deploy the directory FileInstall watches, if hot-deploy is wanted
     * @return the framework, not yet initialized
     */
    static Framework create(Path storage, String[] args, Optional<Path> deploy) {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi FrameworkFactory on the class path"));
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.resolve("cache").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(ARGS_PROPERTY, String.join("\0", args));
        // the product's version, which -version, info version and the QMP greeting report
        String version = EmbeddedFramework.class.getPackage().getImplementationVersion();
        if (version != null) {
            config.put(VERSION_PROPERTY, version);
        }
        // Felix's own messages: to stderr, errors and warnings only
        config.put("felix.log.logger", new StderrLogger());
        config.put("felix.log.level", "2");
        // the bundles' log records: SLF4J from the class path, to stderr (StderrLoggingProvider)
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SLF4J_PACKAGES);
        deploy.ifPresent(directory -> config.putAll(HotDeploy.properties(directory)));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, String> felixConfig = (Map) config;
        return factory.newFramework(felixConfig);
    }

    /**
     * Installs every bundle jar of a directory by reference (the framework reads it in place, it
     * copies nothing) and marks it to start; the framework starts them when it starts, logging
     * first. The hot-deploy bundles ({@link BundleJars#isHotDeploy}) are left out unless a deploy
     * directory is named.
     *
     * @param context the system bundle's context, after {@code init()}
     * @param bundles the directory of bundle jars ({@link BundleSource})
     * @param hotDeploy whether a deploy directory is named
     * @throws IOException if the directory cannot be read
     * @throws BundleException if a bundle cannot be installed
     */
    static void installBundles(BundleContext context, Path bundles, boolean hotDeploy)
            throws IOException, BundleException {
        for (String name : BundleJars.names(bundles)) {
            if (!hotDeploy && BundleJars.isHotDeploy(name)) {
                continue;
            }
            Bundle bundle = context.installBundle("reference:" + bundles.resolve(name).toUri());
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
    }

}
