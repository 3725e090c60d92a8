package io.emuhost.deploy.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live upgrade from the deploy directory, as Karaf's {@code bundle:update}: a jar whose bundle
 * has the symbolic name of an installed bundle (one emuhost.jar carries, or one deployed) and a
 * higher version replaces it — {@code Bundle.update} from the jar, then a refresh if bundles are
 * still wired to the old revision — so the machine hands its live devices over to the new revision. Removing the jar brings back what ran
 * before (the next highest jar still there, else the original content, kept from before the first
 * replacement). A jar of a lower or equal version is not installed (it would never serve: the
 * newest version serves new devices) and a warning says so. Ranked just below
 * {@link UntrustedArtifactGuard}, above FileInstall's own bundle handling, which installs every
 * other jar beside what runs.
 *
 * <p>Limits: what it remembers lives in memory (a restart runs emuhost.jar's bundles again and
 * re-applies the jars present); removing the jar FileInstall installed a replaced deployed bundle
 * from uninstalls that bundle, as FileInstall does.
 */
@Component(property = Constants.SERVICE_RANKING + ":Integer=" + (Integer.MAX_VALUE - 1))
public final class DeployedUpgrades implements ArtifactInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(DeployedUpgrades.class);
    private static final long REFRESH_SECONDS = 60;

    private final BundleContext context;
    private final List<Lineage> lineages = new ArrayList<>();
    private final List<File> refused = new ArrayList<>();

    /** @param context this bundle's context */
    @Activate
    public DeployedUpgrades(BundleContext context) {
        this.context = context;
    }

    @Override
    public synchronized boolean canHandle(File artifact) {
        if (refused.contains(artifact) || lineage(artifact).isPresent()) {
            return true;
        }
        return BundleJar.read(artifact).flatMap(jar -> installed(jar.symbolicName(), artifact)).isPresent();
    }

    @Override
    public synchronized void install(File artifact) throws Exception {
        Optional<BundleJar> jar = BundleJar.read(artifact);
        if (jar.isEmpty()) {
            return;
        }
        Optional<Bundle> target = installed(jar.get().symbolicName(), artifact);
        if (target.isEmpty()) {
            return;
        }
        Bundle bundle = target.get();
        Lineage lineage = lineageOf(bundle).orElse(null);
        if (jar.get().version().compareTo(bundle.getVersion()) <= 0) {
            refused.add(artifact);
            LOG.warn("{}: {} {} is not newer than the running {} (bundle {}); not installed. To go back to an older"
                    + " version remove the newer jar from the deploy directory, or use the monitor's bundle_update",
                    artifact, jar.get().symbolicName(), jar.get().version(), bundle.getVersion(), bundle.getBundleId());
            return;
        }
        if (lineage == null) {
            lineage = new Lineage(bundle.getBundleId(),
                    new Lineage.Layer(null, bundle.getVersion(), BundleContent.of(bundle)));
            lineages.add(lineage);
        }
        lineage.put(new Lineage.Layer(artifact, jar.get().version(), Files.readAllBytes(artifact.toPath())));
        apply(lineage);
    }

    @Override
    public synchronized void update(File artifact) throws Exception {
        refused.remove(artifact);
        Optional<Lineage> lineage = lineage(artifact);
        if (lineage.isPresent()) {
            lineage.get().remove(artifact);
            Bundle bundle = context.getBundle(lineage.get().bundleId());
            Optional<BundleJar> jar = BundleJar.read(artifact);
            if (bundle != null && jar.isPresent() && jar.get().version().compareTo(lineage.get().wanted().version()) > 0) {
                lineage.get().put(new Lineage.Layer(artifact, jar.get().version(),
                        Files.readAllBytes(artifact.toPath())));
                apply(lineage.get());
                return;
            }
            apply(lineage.get());
        }
        install(artifact);
    }

    @Override
    public synchronized void uninstall(File artifact) throws Exception {
        if (refused.remove(artifact)) {
            return;
        }
        Optional<Lineage> lineage = lineage(artifact);
        if (lineage.isPresent()) {
            lineage.get().remove(artifact);
            apply(lineage.get());
        }
    }

    /** Updates the bundle to what its lineage wants, if that is not what runs. */
    private void apply(Lineage lineage) throws BundleException, InterruptedException {
        Bundle bundle = context.getBundle(lineage.bundleId());
        if (bundle == null) {
            LOG.warn("bundle {} was uninstalled; its deploy-directory replacements are forgotten", lineage.bundleId());
            lineages.remove(lineage);
            return;
        }
        Lineage.Layer wanted = lineage.wanted();
        if (wanted != lineage.running()) {
            String from = bundle.getVersion().toString();
            try (InputStream in = new ByteArrayInputStream(wanted.content())) {
                bundle.update(in);
            } catch (IOException e) {
                throw new BundleException("cannot read the content for " + bundle.getSymbolicName(), e);
            }
            lineage.ran(wanted);
            refresh(bundle);
            LOG.info("{} {} replaced by {} ({})", bundle.getSymbolicName(), from,
                    bundle.getVersion(), wanted.file() == null ? "the version it replaced" : wanted.file());
        }
        if (lineage.empty()) {
            lineages.remove(lineage);
        }
    }

    /**
     * Refreshes the bundle if its old revision is still pending removal (another bundle is wired
     * to it), so those bundles move to the new revision too. The framework purges an old revision
     * nobody uses as part of the update (Felix does); refreshing then would only stop and start the
     * bundle a second time, and hand its devices over twice.
     */
    private void refresh(Bundle bundle) throws InterruptedException {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        if (!wiring.getRemovalPendingBundles().contains(bundle)) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.ERROR) {
                LOG.error("refresh of {} after its update: {}", bundle.getSymbolicName(), event.getThrowable());
            }
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        if (!done.await(REFRESH_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("the refresh after updating {} did not end within {} s", bundle.getSymbolicName(), REFRESH_SECONDS);
        }
    }

    private Optional<Lineage> lineage(File artifact) {
        return lineages.stream().filter(l -> l.holds(artifact)).findFirst();
    }

    private Optional<Lineage> lineageOf(Bundle bundle) {
        return lineages.stream().filter(l -> l.bundleId() == bundle.getBundleId()).findFirst();
    }

    /** The installed bundle of that name (the highest version), other than one installed from this very file. */
    private Optional<Bundle> installed(String symbolicName, File artifact) {
        Bundle best = null;
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName()) && !from(bundle, artifact)
                    && bundle.getState() != Bundle.UNINSTALLED
                    && (best == null || bundle.getVersion().compareTo(best.getVersion()) > 0)) {
                best = bundle;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean from(Bundle bundle, File artifact) {
        String location = bundle.getLocation();
        if (!location.startsWith("file:")) {
            return false;
        }
        try {
            return Path.of(URI.create(location)).normalize().equals(artifact.toPath().toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
