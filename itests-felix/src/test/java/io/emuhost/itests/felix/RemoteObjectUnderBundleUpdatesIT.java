package io.emuhost.itests.felix;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.inject.Inject;
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
 * An {@code x-remote-object} (the QEMU remote-device server of qemu-remote) outlives an upgrade of
 * memory-backend-file, whose factory it uses to map QEMU's guest RAM: the QEMU guest must not
 * lose its device while emuhost's bundles are updated.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class RemoteObjectUnderBundleUpdatesIT {

    private static final String FILE_FACTORY = "(" + ObjectFactory.TYPE + "=memory-backend-file)";
    private static final String REMOTE_FACTORY = "(" + ObjectFactory.TYPE + "=x-remote-object)";

    @Inject
    BundleContext context;

    @Inject
    Machine machine;

    @Configuration
    public Option[] config() {
        return EmuhostRuntime.shipped();
    }

    @Test
    public void memoryBackendFileStoppedAndUpdated_remoteObjectKeepsListening() throws Exception {
        Bundles bundles = new Bundles(context);
        bundles.await(ObjectFactory.class, REMOTE_FACTORY);
        LivePmem.plug(machine, "nv1", "mem1", 0);
        Path socket = LivePmem.newBackingFile("remote").resolveSibling("remote-nv1.sock");
        Files.deleteIfExists(socket);
        // auto-shutdown=off: each probe below is a connection that closes, and the default would stop
        // the framework once it has
        machine.addObject("x-remote-object", Map.of("id", "r0", "devid", "nv1", "socket", socket.toString(),
                "auto-shutdown", false),
                Frontend.QMP);
        Bundle backend = bundles.get(EmuhostRuntime.BACKEND);

        backend.stop();
        bundles.awaitGone(ObjectFactory.class, FILE_FACTORY);
        assertTrue("x-remote-object went with memory-backend-file", machine.object("r0").isPresent());
        assertTrue("emuhost stopped listening for QEMU", accepts(socket));

        backend.start();
        bundles.await(ObjectFactory.class, FILE_FACTORY);
        bundles.updateAndRefresh(backend);
        bundles.await(ObjectFactory.class, FILE_FACTORY);

        assertTrue(machine.object("r0").isPresent());
        assertEquals("x-remote-object", machine.object("r0").orElseThrow().type());
        assertTrue("emuhost stopped listening for QEMU", accepts(socket));
        machine.deleteObject("r0");
        assertTrue("object_del unlinks the socket", Files.notExists(socket));
    }

    /** Whether a client can connect to the remote's socket (it serves one connection at a time). */
    private static boolean accepts(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }
}
