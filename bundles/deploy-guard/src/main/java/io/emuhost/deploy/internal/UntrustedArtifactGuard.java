package io.emuhost.deploy.internal;

import io.emuhost.deploy.EffectiveUser;
import io.emuhost.deploy.TrustedPaths;
import io.emuhost.deploy.UntrustedPathException;
import java.io.File;
import java.io.IOException;
import java.util.Optional;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims, and refuses, every new deploy-directory entry that breaks {@link TrustedPaths}' rules.
 * FileInstall offers a new file to its listeners in descending service ranking and gives it to
 * the first that can handle it; ranked highest, this guard sees each file before the bundle and
 * configuration installers do, and "installs" an untrusted one by logging why it was refused. A
 * refused file stays refused until it changes (fix its owner or mode, then touch it). The launcher
 * checks the directory and its entries before the framework starts; this covers what is dropped
 * in while emuhost runs.
 */
@Component(property = Constants.SERVICE_RANKING + ":Integer=" + Integer.MAX_VALUE)
public final class UntrustedArtifactGuard implements ArtifactInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(UntrustedArtifactGuard.class);

    private final TrustedPaths rules;

    /**
     * Takes the rules for the effective user.
     *
     * @throws IOException if the effective user cannot be read
     */
    @Activate
    public UntrustedArtifactGuard() throws IOException {
        this(new TrustedPaths(EffectiveUser.id()));
    }

    UntrustedArtifactGuard(TrustedPaths rules) {
        this.rules = rules;
    }

    @Override
    public boolean canHandle(File artifact) {
        return refusal(artifact).isPresent();
    }

    @Override
    public void install(File artifact) {
        refusal(artifact).ifPresent(reason -> LOG.error("refused {}: {}", artifact, reason));
    }

    @Override
    public void update(File artifact) {
        install(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        // nothing was installed
    }

    /** Why the file is not trusted, or empty if it is; a file that cannot be checked is not trusted. */
    private Optional<String> refusal(File artifact) {
        try {
            if (artifact.isDirectory()) {
                rules.checkTree(artifact.toPath());
            } else {
                rules.check(artifact.toPath());
            }
            return Optional.empty();
        } catch (UntrustedPathException e) {
            return Optional.of(e.getMessage());
        } catch (IOException e) {
            return Optional.of("cannot be checked: " + e);
        }
    }
}
