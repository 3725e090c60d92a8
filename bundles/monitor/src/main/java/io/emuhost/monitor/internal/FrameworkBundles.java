package io.emuhost.monitor.internal;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.machine.Machine;
import io.emuhost.monitor.internal.command.BundleControl;
import io.emuhost.monitor.internal.command.InstalledBundle;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The framework's bundles through the monitor bundle's context: what each registers and uses,
 * and {@code update} (+ refresh, as Karaf's {@code bundle:update}), {@code stop} and
 * {@code start}.
 */
final class FrameworkBundles implements BundleControl {

    /** How long an update waits for the refresh after it. */
    private static final long REFRESH_SECONDS = 60;

    private final BundleContext context;

    /** @param context the monitor bundle's context */
    FrameworkBundles(BundleContext context) {
        this.context = context;
    }

    @Override
    public List<InstalledBundle> bundles() {
        List<InstalledBundle> list = new ArrayList<>();
        long self = context.getBundle().getBundleId();
        for (Bundle bundle : context.getBundles()) {
            Set<String> types = new HashSet<>();
            boolean machine = false;
            for (ServiceReference<?> reference : orEmpty(bundle.getRegisteredServices())) {
                List<String> classes = List.of((String[]) reference.getProperty(Constants.OBJECTCLASS));
                if (classes.contains(ObjectFactory.class.getName())) {
                    addNames(reference.getProperty(ObjectFactory.TYPE), types);
                }
                if (classes.contains(DeviceFactory.class.getName())) {
                    addNames(reference.getProperty(DeviceFactory.DRIVER), types);
                }
                machine |= classes.contains(Machine.class.getName());
            }
            Set<Long> uses = new HashSet<>();
            for (ServiceReference<?> reference : orEmpty(bundle.getServicesInUse())) {
                Bundle provider = reference.getBundle();
                if (provider != null && provider.getBundleId() != bundle.getBundleId()) {
                    uses.add(provider.getBundleId());
                }
            }
            list.add(new InstalledBundle(bundle.getBundleId(), String.valueOf(bundle.getSymbolicName()),
                    bundle.getVersion().toString(), state(bundle.getState()), bundle.getLocation(), types, uses,
                    machine, bundle.getBundleId() == self));
        }
        return list;
    }

    @Override
    public JarIdentity identify(Path jar) throws ConfigurationException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = in.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (name == null) {
                throw new ConfigurationException(jar + " is no bundle: its manifest has no Bundle-SymbolicName");
            }
            String version = manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
            return new JarIdentity(name.split(";")[0].trim(), version == null ? "0.0.0" : version.trim());
        } catch (IOException e) {
            throw new ConfigurationException("cannot read " + jar + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void update(long id, Optional<Path> jar) throws ConfigurationException {
        Bundle bundle = bundle(id);
        // open the content before the framework stops anything, so a bad location changes nothing
        try (InputStream in = jar.isPresent() ? Files.newInputStream(jar.get()) : new URL(bundle.getLocation())
                .openStream()) {
            bundle.update(in);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the new content of " + bundle.getSymbolicName() + " from "
                    + jar.map(Path::toString).orElse(bundle.getLocation()) + ": " + e.getMessage()
                    + (jar.isEmpty() ? "; name the jar: bundle_update " + bundle.getSymbolicName() + " FILE" : ""), e);
        } catch (BundleException | IllegalStateException e) {
            throw new ConfigurationException("update of " + bundle.getSymbolicName() + " failed: " + e.getMessage(), e);
        }
        refresh(bundle);
    }

    @Override
    public void stop(long id) throws ConfigurationException {
        Bundle bundle = bundle(id);
        try {
            bundle.stop();
        } catch (BundleException | IllegalStateException e) {
            throw new ConfigurationException("stop of " + bundle.getSymbolicName() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void start(long id) throws ConfigurationException {
        Bundle bundle = bundle(id);
        try {
            bundle.start();
        } catch (BundleException | IllegalStateException e) {
            throw new ConfigurationException("start of " + bundle.getSymbolicName() + " failed: " + e.getMessage(), e);
        }
    }

    private Bundle bundle(long id) throws ConfigurationException {
        Bundle bundle = context.getBundle(id);
        if (bundle == null) {
            throw new ConfigurationException("no bundle " + id + " is installed");
        }
        return bundle;
    }

    /** FrameworkWiring.refreshBundles, waited for (PACKAGES_REFRESHED). */
    private void refresh(Bundle bundle) throws ConfigurationException {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> error = new AtomicReference<>();
        wiring.refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.ERROR) {
                error.set(event.getThrowable());
            }
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        try {
            if (!done.await(REFRESH_SECONDS, TimeUnit.SECONDS)) {
                throw new ConfigurationException("the refresh after updating " + bundle.getSymbolicName()
                        + " did not end within " + REFRESH_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigurationException("interrupted while refreshing " + bundle.getSymbolicName(), e);
        }
        if (error.get() != null) {
            throw new ConfigurationException("the refresh after updating " + bundle.getSymbolicName() + " failed: "
                    + error.get().getMessage(), error.get());
        }
    }

    private static ServiceReference<?>[] orEmpty(ServiceReference<?>[] references) {
        return references == null ? new ServiceReference<?>[0] : references;
    }

    private static void addNames(Object property, Set<String> names) {
        if (property instanceof String s) {
            names.add(s);
        } else if (property instanceof String[] array) {
            names.addAll(List.of(array));
        } else if (property instanceof Collection<?> collection) {
            collection.forEach(value -> names.add(String.valueOf(value)));
        }
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "installed";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.ACTIVE -> "active";
            default -> "uninstalled";
        };
    }
}
