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
 * Issue 10: the monitor bundle updated (Bundle.update + refresh) while virtio-pmem device nv1 is
 * live, a guest driver flushes in a loop and a QMP client is connected. SPEC: no FLUSH is lost or
 * fails, the old revision's QMP connection ends (its session is closed with its service), a QMP
 * session of the new revision runs the host's commands and the virtio-pmem bundle's on the same
 * live machine, and the machine's events reach it (through the new revision's MonitorEvents).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class MonitorUpgradeUnderLiveDeviceIT {

    private static final String QMP_PROTOCOL = "(" + ConnectionProtocol.PROTOCOL + "=" + ConnectionProtocol.QMP + ")";
    private static final Map<String, String> OPTIONS = Map.of(ConnectionProtocol.CHARDEV, "qmp0");
    private static final String MEMDEV = "{\"execute\": \"qom-get\", \"arguments\": {\"path\": "
            + "\"/machine/peripheral/nv1\", \"property\": \"memdev\"}}";

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
    public void monitor_updateRefresh_underAFlushingDevice() throws Exception {
        Expectations expect = new Expectations("monitor UPDATE_REFRESH");
        LivePmem nv1 = LivePmem.plug(machine, "nv1", "mem1", 0);
        FlushLoop loop = FlushLoop.start(nv1.driver, "monitor");
        expect.check(loop.awaitAnswered(5, 10), "flushing before the update: " + loop.describe());
        ConnectionProtocol old = bundles.await(ConnectionProtocol.class, QMP_PROTOCOL);
        QtestPipe before = negotiated(expect, old.open(machine, OPTIONS), "before the update");
        expect.equal("{\"return\": \"/objects/mem1\"}", before.ask(MEMDEV), "QMP reads nv1's memdev before the update");

        bundles.updateAndRefresh(bundles.get(EmuhostRuntime.MONITOR));
        ConnectionProtocol fresh = bundles.await(ConnectionProtocol.class, QMP_PROTOCOL);

        expect.check(before.awaitEnded(10),
                "SPEC: the update ends the old revision's QMP connection (its session is closed)");
        Bundle monitor = bundles.get(EmuhostRuntime.MONITOR);
        expect.check(fresh != old, "a new ConnectionProtocol service");
        expect.check(Bundles.loadedByCurrentRevision(fresh.getClass(), monitor),
                "SPEC: the protocol service comes from the current revision of the monitor bundle");
        long answered = loop.answered();
        expect.check(loop.awaitAnswered(answered + 5, 10), "flushes go on after the update: " + loop.describe());
        try (ProtocolSession session = fresh.open(machine, OPTIONS)) {
            QtestPipe after = negotiated(expect, session, "after the update");
            expect.equal("{\"return\": \"/objects/mem1\"}", after.ask(MEMDEV),
                    "SPEC: a session on the new revision drives the live machine");
            String pmem = after.ask("{\"execute\": \"x-query-virtio-pmem\"}");
            expect.check(pmem != null && pmem.contains("\"nv1\""),
                    "SPEC: the virtio-pmem bundle's command is served by the new revision: " + pmem);
            expect.equal(0L, loop.failedAnswers(), "SPEC: no failed FLUSH");
            LiveUpgradeChecks.loopClean(expect, nv1, loop);
            StringBuilder replies = new StringBuilder(after.ask("{\"execute\": \"device_del\", \"arguments\": "
                    + "{\"id\": \"nv1\"}}"));
            for (int i = 0; i < 3 && !replies.toString().contains("\"return\""); i++) {
                replies.append('\n').append(after.line());
            }
            expect.check(replies.toString().contains("\"return\": {}")
                    && replies.toString().contains("\"event\": \"DEVICE_DELETED\""),
                    "SPEC: device_del answers and the machine's DEVICE_DELETED reaches the new revision's client: "
                            + replies);
            after.close();
        }
        expect.check(machine.device(nv1.deviceId).isEmpty(), "nv1 gone after device_del");
        expect.run("object_del of nv1's backend", () -> machine.deleteObject(nv1.backendId));
        expect.verify();
    }

    private static QtestPipe negotiated(Expectations expect, ProtocolSession session, String when)
            throws InterruptedException {
        QtestPipe client = QtestPipe.connect(session);
        String greeting = client.line();
        expect.check(greeting != null && greeting.startsWith("{\"QMP\": "), "the QMP greeting " + when + ": " + greeting);
        expect.equal("{\"return\": {}}", client.ask("{\"execute\": \"qmp_capabilities\"}"), "negotiation " + when);
        return client;
    }
}
