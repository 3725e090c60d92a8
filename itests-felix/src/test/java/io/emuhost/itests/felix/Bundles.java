package io.emuhost.itests.felix;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.ServiceTracker;

/** Bundle life cycle as an operator (or FileInstall) does it: stop, start, update, refresh, uninstall, install. */
final class Bundles {

    static final long TIMEOUT_SECONDS = 30;

    private final BundleContext context;

    Bundles(BundleContext context) {
        this.context = context;
    }

    /**
     * The one bundle with this symbolic name (the highest version if several).
     *
     * @param symbolicName the name
     * @return the bundle
     */
    Bundle get(String symbolicName) {
        return all(symbolicName).stream().reduce((a, b) -> a.getVersion().compareTo(b.getVersion()) >= 0 ? a : b)
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName + " in " + Arrays.toString(context.getBundles())));
    }

    /**
     * The installed bundles with this symbolic name.
     *
     * @param symbolicName the name
     * @return the bundles
     */
    List<Bundle> all(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .collect(Collectors.toList());
    }

    /**
     * The bundle of the given name and version.
     *
     * @param symbolicName the name
     * @param version the version
     * @return the bundle
     */
    Bundle get(String symbolicName, String version) {
        return all(symbolicName).stream().filter(b -> b.getVersion().equals(Version.parseVersion(version))).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName + " " + version));
    }

    /**
     * {@link Bundle#update()} from its location, then a refresh that drops the old revision.
     *
     * @param bundle the bundle
     */
    void updateAndRefresh(Bundle bundle) throws BundleException, InterruptedException {
        bundle.update();
        refresh(List.of(bundle));
    }

    /**
     * {@link Bundle#update(InputStream)} from a jar, then a refresh.
     *
     * @param bundle the bundle
     * @param location the jar's URL
     */
    void updateAndRefresh(Bundle bundle, String location) throws BundleException, IOException, InterruptedException {
        try (InputStream in = new URL(location).openStream()) {
            bundle.update(in);
        }
        refresh(List.of(bundle));
    }

    /**
     * {@link FrameworkWiring#refreshBundles} and waits for its {@link FrameworkEvent#PACKAGES_REFRESHED}.
     *
     * @param bundles the bundles; an uninstalled bundle is refreshed away
     */
    void refresh(Collection<Bundle> bundles) throws InterruptedException {
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<FrameworkEvent> error = new AtomicReference<>();
        wiring.refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.ERROR) {
                error.set(event);
            }
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        if (!done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("no PACKAGES_REFRESHED within " + TIMEOUT_SECONDS + " s");
        }
        if (error.get() != null) {
            throw new AssertionError("refresh failed: " + error.get().getThrowable(), error.get().getThrowable());
        }
    }

    /**
     * Uninstalls and refreshes it away.
     *
     * @param bundle the bundle
     * @return its location, to install it again
     */
    String uninstall(Bundle bundle) throws BundleException, InterruptedException {
        String location = bundle.getLocation();
        bundle.uninstall();
        refresh(List.of(bundle));
        return location;
    }

    /**
     * Installs and starts a bundle.
     *
     * @param location where it is
     * @return the bundle
     */
    Bundle installAndStart(String location) throws BundleException {
        Bundle bundle = context.installBundle(location);
        bundle.start();
        return bundle;
    }

    /**
     * Installs a bundle from a jar under a location of our own (for two versions of one symbolic name).
     *
     * @param location the location to record
     * @param jar the jar's URL
     * @return the bundle, started
     */
    Bundle installAndStart(String location, String jar) throws BundleException, IOException {
        Bundle bundle;
        try (InputStream in = new URL(jar).openStream()) {
            bundle = context.installBundle(location, in);
        }
        bundle.start();
        return bundle;
    }

    /**
     * Whether a class was loaded by the bundle's current revision (not an old revision kept
     * alive by references after update or uninstall).
     *
     * @param type the class
     * @param bundle the bundle
     * @return true if current
     */
    static boolean loadedByCurrentRevision(Class<?> type, Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        return wiring != null && wiring.getClassLoader() == type.getClassLoader();
    }

    /**
     * Waits for a service.
     *
     * @param type the service type
     * @param filter an LDAP filter, or null
     * @param <T> the type
     * @return the service
     */
    <T> T await(Class<T> type, String filter) throws Exception {
        ServiceTracker<T, T> tracker = filter == null ? new ServiceTracker<>(context, type, null)
                : new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")"), null);
        tracker.open();
        try {
            T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            if (service == null) {
                throw new AssertionError("no " + type.getName() + (filter == null ? "" : " " + filter)
                        + " within " + TIMEOUT_SECONDS + " s");
            }
            return service;
        } finally {
            tracker.close();
        }
    }

    /**
     * The services of a type, with their references.
     *
     * @param type the type
     * @param filter LDAP filter or null
     * @param <T> the type
     * @return references, possibly empty
     */
    <T> Collection<ServiceReference<T>> references(Class<T> type, String filter) throws Exception {
        return context.getServiceReferences(type, filter);
    }

    /**
     * Waits until no service of a type matching a filter is registered.
     *
     * @param type the type
     * @param filter the filter or null
     */
    void awaitGone(Class<?> type, String filter) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!context.getServiceReferences(type, filter).isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(type.getName() + " " + filter + " still registered");
            }
            Thread.sleep(10);
        }
    }
}
