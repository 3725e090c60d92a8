package io.emuhost.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.IntConsumer;
import org.osgi.framework.launch.Framework;

/**
 * {@code java -jar emuhost.jar [QEMU-style options]}: starts an embedded Felix with the bundles
 * carried inside the jar, hands the arguments to the machine bundle (framework property
 * {@code emuhost.args}) and exits with the code the machine asks for through the
 * {@link IntConsumer} service registered here ({@code emuhost.exit=launcher}). The framework's
 * storage is a fresh temporary directory, deleted at exit. The launcher's own option
 * {@code -deploy DIR} ({@link DeployOption}) names the directory FileInstall watches.
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
        DeployOption deploy;
        try {
            deploy = DeployOption.parse(args);
            Files.createDirectories(deploy.directory());
        } catch (DeployOption.MissingArgumentException | IOException e) {
            System.err.println("emuhost: " + (e instanceof IOException ? "-deploy: cannot create " + e.getMessage() : e.getMessage()));
            return 1;
        }
        Path storage = Files.createTempDirectory("emuhost-");
        try {
            Framework framework = EmbeddedFramework.create(storage, deploy.machineArgs(), deploy.directory());
            ExitRequest exit = new ExitRequest(framework);
            Thread shutdown = new Thread(() -> {
                exit.stopAndWait();
                StorageDirectory.delete(storage);
            }, "emuhost-shutdown");
            framework.init();
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(ExitRequest.PROPERTY, ExitRequest.LAUNCHER);
            framework.getBundleContext().registerService(IntConsumer.class, exit, properties);
            EmbeddedFramework.installBundles(framework.getBundleContext());
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

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs
        }
    }
}
