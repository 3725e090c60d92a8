package io.emuhost.itests.felix;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.machine.Machine;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.osgi.framework.wiring.BundleWiring;

/**
 * Issue 4 item 5, leaks: {@value #CYCLES} cycles of stop + start of every device-side bundle
 * (virtio-pmem, virtio-transport, memory-backend-file, virtio-rng) and every
 * {@value #UPDATE_EVERY}th cycle an update + refresh of virtio-pmem and memory-backend-file, all
 * while nv1 is live and a guest driver flushes; afterwards the process holds no more threads, file
 * descriptors or mappings than before.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LeakIT {

    static final int CYCLES = 100;
    static final int UPDATE_EVERY = 10;
    static final int UPDATES = 10;
    /** How long threads may take to end after the last cycle (executors shut down asynchronously). */
    static final long SETTLE_MILLIS = 10_000;
    /**
     * File descriptors the process may hold beyond the baseline without a leak: none are expected,
     * but the JVM, Felix and the failsafe fork open descriptors lazily on their own (the JVM's
     * class-path jars, the surefire channel, a stray /dev/urandom); two covers that noise, while a
     * real leak (one per cycle) would show as 100 or more.
     */
    static final int FD_TOLERANCE = 2;

    private static final List<String> CYCLED = List.of(EmuhostRuntime.PMEM, EmuhostRuntime.TRANSPORT,
            EmuhostRuntime.BACKEND, EmuhostRuntime.RNG);

    @Inject
    BundleContext context;

    @Inject
    Machine machine;

    @Configuration
    public Option[] config() {
        return EmuhostRuntime.shipped();
    }

    @Test
    public void hundredCycles_underLiveDevice_noLeakedThreadsFdsOrMappings() throws Exception {
        Bundles bundles = new Bundles(context);
        LivePmem nv1 = LivePmem.plug(machine, "nv1", "mem1", 0);
        FlushLoop loop = FlushLoop.start(nv1.driver, "leak");
        assertTrue(loop.awaitAnswered(5, 10));
        // warm-up: threads, descriptors and classes that the first cycle creates once and keeps
        // (Felix's refresh thread, SCR's component actor, JNA's cleaner) belong to the baseline
        cycle(bundles, true);
        cycle(bundles, true);
        awaitFactories(bundles);
        Thread.sleep(500);
        Map<String, Integer> threadsBefore = HostResources.threadNames();
        int fdsBefore = HostResources.openFileDescriptors();
        int mapsBefore = HostResources.mappingsOf(nv1.file).size();
        System.out.println("threads at the baseline (this JVM also ran the earlier test classes' frameworks): "
                + threadsBefore);
        long started = System.nanoTime();

        for (int i = 0; i < CYCLES; i++) {
            cycle(bundles, i % UPDATE_EVERY == 0);
        }
        awaitFactories(bundles);
        long cyclesMillis = (System.nanoTime() - started) / 1_000_000;
        long answered = loop.answered();
        assertTrue("flushes go on after the cycles: " + loop.describe(), loop.awaitAnswered(answered + 5, 30));

        Map<String, Integer> surplus = HostResources.surplus(threadsBefore, HostResources.threadNames());
        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        while (!surplus.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            surplus = HostResources.surplus(threadsBefore, HostResources.threadNames());
        }
        int fdsAfter = HostResources.openFileDescriptors();
        int mapsAfter = HostResources.mappingsOf(nv1.file).size();
        int threadsAfter = HostResources.threadNames().values().stream().mapToInt(Integer::intValue).sum();
        int threadsBaseline = threadsBefore.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("LEAK COUNTS after %d cycles (%d ms, %d flushes answered): threads %d -> %d (surplus %s), "
                + "fds %d -> %d, mappings of the backing file %d -> %d%n", CYCLES, cyclesMillis, loop.answered(),
                threadsBaseline, threadsAfter, surplus, fdsBefore, fdsAfter, mapsBefore, mapsAfter);

        assertTrue("threads not ended within " + SETTLE_MILLIS + " ms: " + surplus, surplus.isEmpty());
        assertTrue("file descriptors " + fdsBefore + " -> " + fdsAfter, fdsAfter <= fdsBefore + FD_TOLERANCE);
        assertEquals("exactly one mapping per live backend", 1, mapsBefore);
        assertEquals("exactly one mapping per live backend", 1, mapsAfter);

        assertTrue(loop.stopAndJoin(30));
        assertNull("the driver saw no error: " + loop.describe(), loop.error());
        nv1.assertEveryFlushAnsweredOnce(loop);
        machine.deleteDevice("nv1");
        machine.deleteObject("mem1");
        assertEquals("object_del unmaps", 0, HostResources.mappingsOf(nv1.file).size());
    }

    /**
     * SPEC: once the device is restored into each new revision, nothing keeps an old revision of
     * virtio-pmem alive: after {@value #UPDATES} updates + refreshes under the live device, every
     * replaced revision's class loader can be collected. (A device left on its old revision pins
     * that revision's class loader and every class in it.)
     */
    @Test
    public void updatesUnderLiveDevice_oldVirtioPmemRevisionsCollectable() throws Exception {
        replacedRevisionsCollectable(EmuhostRuntime.PMEM, "nv9", "mem9");
    }

    /** SPEC: the same for virtio-transport, whose return restores the device through a new factory. */
    @Test
    public void updatesUnderLiveDevice_oldVirtioTransportRevisionsCollectable() throws Exception {
        replacedRevisionsCollectable(EmuhostRuntime.TRANSPORT, "nv8", "mem8");
    }

    private void replacedRevisionsCollectable(String bsn, String deviceId, String backendId) throws Exception {
        Bundles bundles = new Bundles(context);
        LivePmem nv = LivePmem.plug(machine, deviceId, backendId, 0);
        FlushLoop loop = FlushLoop.start(nv.driver, "revisions-" + bsn);
        assertTrue(loop.awaitAnswered(5, 10));
        List<WeakReference<ClassLoader>> replaced = new ArrayList<>();
        for (int i = 0; i < UPDATES; i++) {
            Bundle bundle = bundles.get(bsn);
            replaced.add(new WeakReference<>(bundle.adapt(BundleWiring.class).getClassLoader()));
            bundles.updateAndRefresh(bundle);
        }
        bundles.await(DeviceFactory.class, "(" + DeviceFactory.DRIVER + "=virtio-pmem-pci)");
        long answered = loop.answered();
        assertTrue("flushes go on after the updates: " + loop.describe(), loop.awaitAnswered(answered + 5, 30));
        long retained = replaced.size();
        // class unloading can take several collections (compiled code and inline caches that
        // refer to a replaced revision's classes are cleaned by the unloading cycles); a real
        // reference stays forever, so a longer bound keeps the check strict
        for (int i = 0; i < 100 && retained > 0; i++) {
            System.gc();
            Thread.sleep(50);
            retained = replaced.stream().filter(r -> r.get() != null).count();
        }
        List<Integer> reachable = new ArrayList<>();
        for (int i = 0; i < replaced.size(); i++) {
            if (replaced.get(i).get() != null) {
                reachable.add(i);
            }
        }
        System.out.printf("LEAK COUNTS: %d of %d replaced %s revisions' class loaders still reachable %s%n",
                retained, replaced.size(), bsn, reachable);
        assertTrue(loop.stopAndJoin(30));
        assertNull("the driver saw no error: " + loop.describe(), loop.error());
        nv.assertEveryFlushAnsweredOnce(loop);
        machine.deleteDevice(deviceId);
        machine.deleteObject(backendId);
        Expectations expect = new Expectations(bsn + " revisions");
        expect.equal(0L, retained, "SPEC: no replaced " + bsn + " revision stays reachable (" + deviceId
                + " restored into the newest)");
        expect.verify();
    }

    private static void cycle(Bundles bundles, boolean update) throws Exception {
        for (String bsn : CYCLED) {
            Bundle bundle = bundles.get(bsn);
            bundle.stop();
            bundle.start();
        }
        if (update) {
            bundles.updateAndRefresh(bundles.get(EmuhostRuntime.PMEM));
            bundles.updateAndRefresh(bundles.get(EmuhostRuntime.BACKEND));
        }
    }

    private static void awaitFactories(Bundles bundles) throws Exception {
        bundles.await(DeviceFactory.class, "(" + DeviceFactory.DRIVER + "=virtio-pmem-pci)");
        bundles.await(DeviceFactory.class, "(" + DeviceFactory.DRIVER + "=virtio-rng-pci)");
        bundles.await(ObjectFactory.class, "(" + ObjectFactory.TYPE + "=memory-backend-file)");
    }
}
