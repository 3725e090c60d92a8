package io.emuhost.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.osgi.framework.launch.Framework;

/**
 * {@code java -jar emuhost.jar [QEMU-style options]}: starts an embedded Felix with the bundles
 * carried inside the jar, hands the arguments to the machine bundle (framework property
 * {@code emuhost.args}) and exits with the code the machine asks for through the
 * {@link IntConsumer} service registered here ({@code emuhost.exit=launcher}). The framework's
 * storage is a fresh temporary directory, deleted at exit; the bundle jars it installs by
 * reference come from the per-user {@link BundleCache} ({@link BundleSource}). The launcher's own option
 * {@code -deploy DIR} ({@link DeployOption}) names the directory FileInstall watches, after
 * {@link DeployDirectory} has checked who could have written it; without it FileInstall does not
 * run at all.
 */
public final class Main {

    private Main() {
    }

    /**
     * Runs the emulator.
     *
     * @param args the command line
     * @throws Exception if the framework cannot be started
     */
    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        DeployOption option;
        Optional<DeployDirectory> deploy;
        try {
            option = DeployOption.parse(args);
            deploy = option.directory().isPresent()
                    ? Optional.of(DeployDirectory.prepare(option.directory().get())) : Optional.empty();
        } catch (DeployOption.MissingArgumentException e) {
            System.err.println("emuhost: " + e.getMessage());
            return 1;
        } catch (DeployDirectory.RefusedException e) {
            System.err.println("emuhost: -deploy " + option(args) + ": " + e.getMessage());
            return 1;
        }
        int code = run(option.machineArgs(), deploy.map(DeployDirectory::path));
        if (code != 0) {
            deploy.ifPresent(DeployDirectory::removeIfCreatedAndEmpty);
        }
        return code;
    }

    private static int run(String[] machineArgs, Optional<Path> deploy) throws Exception {
        Path storage = Files.createTempDirectory("emuhost-");
        try {
            Framework framework = EmbeddedFramework.create(storage, machineArgs, deploy);
            ExitRequest exit = new ExitRequest(framework);
            Thread shutdown = new Thread(() -> {
                exit.stopAndWait();
                StorageDirectory.delete(storage);
            }, "emuhost-shutdown");
            framework.init();
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(ExitRequest.PROPERTY, ExitRequest.LAUNCHER);
            framework.getBundleContext().registerService(IntConsumer.class, exit, properties);
            Path bundles = BundleSource.directory(storage, System.getenv(), System.err);
            EmbeddedFramework.installBundles(framework.getBundleContext(), bundles, deploy.isPresent());
            Runtime.getRuntime().addShutdownHook(shutdown);
            StartFailures failures = new StartFailures();
            framework.getBundleContext().addFrameworkListener(failures);
            framework.start();
            if (failures.report()) {
                exit.accept(1);
            }
            framework.waitForStop(0);
            removeHook(shutdown);
            return exit.code();
        } finally {
            StorageDirectory.delete(storage);
        }
    }

    /** The last {@code -deploy} value as the user typed it. */
    private static String option(String[] args) {
        String value = "";
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-deploy") || args[i].equals("--deploy")) {
                value = args[i + 1];
            }
        }
        return value;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs
        }
    }
}
