package io.emuhost.itests.felix;

import io.emuhost.api.frontend.ConnectionProtocol;
import io.emuhost.api.frontend.ProtocolSession;
import io.emuhost.api.machine.Machine;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Issue 10: the qtest bundle updated (Bundle.update + refresh) while virtio-pmem device nv1 is
 * live, a guest driver flushes in a loop and a qtest client is connected. SPEC: no FLUSH is lost
 * or fails, the device is served throughout and afterwards, the old revision's running qtest
 * connection ends (its session is closed with its service), and a qtest session opened on the new
 * revision drives the same live machine.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class QtestUpgradeUnderLiveDeviceIT {

    private static final String QTEST_PROTOCOL = "(" + ConnectionProtocol.PROTOCOL + "=" + ConnectionProtocol.QTEST + ")";
    /** virtio-pmem-pci's vendor and device id as {@code inl 0xcfc} shows them (reference §2). */
    private static final String PMEM_ID = "OK 0x105b1af4";

    @Inject
    BundleContext context;

    @Inject
    Machine machine;

    private Bundles bundles;

    @Configuration
    public Option[] config() {
        return EmuhostRuntime.shipped();
    }

    @Before
    public void setUp() {
        bundles = new Bundles(context);
    }

    @Test
    public void qtest_updateRefresh_underAFlushingDevice() throws Exception {
        Expectations expect = new Expectations("qtest UPDATE_REFRESH");
        LivePmem nv1 = LivePmem.plug(machine, "nv1", "mem1", 0);
        FlushLoop loop = FlushLoop.start(nv1.driver, "qtest");
        expect.check(loop.awaitAnswered(5, 10), "flushing before the update: " + loop.describe());
        ConnectionProtocol old = bundles.await(ConnectionProtocol.class, QTEST_PROTOCOL);
        ProtocolSession oldSession = old.open(machine, Map.of(ConnectionProtocol.QTEST_LOG, "none"));
        QtestPipe before = QtestPipe.connect(oldSession);
        expect.equal(PMEM_ID, vendorAndDevice(before, nv1), "qtest reads nv1's PCI identity before the update");

        bundles.updateAndRefresh(bundles.get(EmuhostRuntime.QTEST));
        ConnectionProtocol fresh = bundles.await(ConnectionProtocol.class, QTEST_PROTOCOL);

        expect.check(before.awaitEnded(10),
                "SPEC: the update ends the old revision's running qtest connection (its session is closed)");
        Bundle qtest = bundles.get(EmuhostRuntime.QTEST);
        expect.check(fresh != old, "a new ConnectionProtocol service");
        expect.check(Bundles.loadedByCurrentRevision(fresh.getClass(), qtest),
                "SPEC: the protocol service comes from the current revision of the qtest bundle");
        long answered = loop.answered();
        expect.check(loop.awaitAnswered(answered + 5, 10), "flushes go on after the update: " + loop.describe());
        try (ProtocolSession session = fresh.open(machine, Map.of(ConnectionProtocol.QTEST_LOG, "none"));
                QtestPipe after = QtestPipe.connect(session)) {
            expect.equal(PMEM_ID, vendorAndDevice(after, nv1), "SPEC: a session on the new revision drives the live machine");
            expect.equal("OK little", after.ask("endianness"), "the new revision answers qtest requests");
        }
        expect.equal(0L, loop.failedAnswers(), "SPEC: no failed FLUSH");
        LiveUpgradeChecks.loopClean(expect, nv1, loop);
        LiveUpgradeChecks.deleteAll(expect, machine, nv1);
        expect.verify();
    }

    /** Configuration mechanism #1: nv1's register 0 through ports 0xCF8/0xCFC. */
    private static String vendorAndDevice(QtestPipe qtest, LivePmem nv1) throws InterruptedException {
        int address = 0x8000_0000 | nv1.pci.bus() << 16 | nv1.pci.slot() << 11 | nv1.pci.function() << 8;
        String selected = qtest.ask("outl 0xcf8 " + Integer.toUnsignedString(address));
        return "OK".equals(selected) ? qtest.ask("inl 0xcfc") : "outl 0xcf8 answered " + selected;
    }
}
