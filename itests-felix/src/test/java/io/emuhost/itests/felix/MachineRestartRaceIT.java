package io.emuhost.itests.felix;

import io.emuhost.api.machine.Machine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The machine bundle stopped right after it started (an operator's quick restart, or FileInstall
 * replacing the jar twice): the machine its Bootstrap was building must not outlive the bundle.
 * Bootstrap.deactivate interrupts the {@code emuhost-main} thread and closes the session, but the
 * interrupt only cuts StartupWait short; the thread then builds the machine anyway (pc.ram
 * mapped) and registers it through the bundle's context: after the stop that throws
 * (IllegalStateException, Invalid BundleContext) and the machine is never published nor closed;
 * inside the stop, after the framework unregistered the bundle's services, it leaves a second
 * Machine service that no Bootstrap owns.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MachineRestartRaceIT {

    static final int RESTARTS = 50;

    @Inject
    BundleContext context;

    @Inject
    Machine machine;

    @Configuration
    public Option[] config() {
        return EmuhostRuntime.shipped();
    }

    @Test
    public void quickRestarts_noMachineBuiltAfterItsBundleStopped() throws Exception {
        Bundles bundles = new Bundles(context);
        List<String> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(thread.getName() + ": " + e
                + " at " + java.util.Arrays.toString(java.util.Arrays.copyOf(e.getStackTrace(), Math.min(6, e.getStackTrace().length)))));
        try {
            Bundle bundle = bundles.get(EmuhostRuntime.MACHINE);
            for (int i = 0; i < RESTARTS; i++) {
                bundle.stop();
                bundle.start();
            }
            Machine last = bundles.await(Machine.class, null);
            Thread.sleep(1000);
            int emuhostMain = HostResources.threadNames().getOrDefault("emuhost-main", 0);
            System.out.println("machine quick restarts: uncaught " + uncaught.size() + " " + uncaught
                    + ", emuhost-main threads " + emuhostMain);
            Expectations expect = new Expectations("machine quick restarts");
            expect.equal(1, bundles.references(Machine.class, null).size(),
                    "one Machine service (a machine registered by a deactivated Bootstrap stays registered)");
            expect.check(last.memoryDevices().isEmpty(), "the last machine is empty");
            expect.equal(List.of(), uncaught,
                    "no session thread died building a machine for a stopped bundle (that machine is never closed)");
            expect.verify();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }
}
