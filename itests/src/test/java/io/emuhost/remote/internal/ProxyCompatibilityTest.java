package io.emuhost.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emuhost.api.machine.Frontend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warnings for functions the proxy cannot carry (pitfall 2, §1 item 8). */
class ProxyCompatibilityTest {

    @TempDir
    Path dir;

    @Test
    void proxyForm_hasNoProblems() throws Exception {
        try (RemoteRig rig = new RemoteRig(dir).withPmem()) {
            assertEquals(List.of(), ProxyCompatibility.problems(rig.machine, device(rig, "nv1")));
        }
    }

    @Test
    void defaultVirtioPmemPci_hasA64BitBarAndMsix() throws Exception {
        try (RemoteRig rig = new RemoteRig(dir)) {
            rig.machine.addObject("memory-backend-file",
                    Map.of("id", "m2", "mem-path", dir.resolve("p2.img").toString(), "size", "16M", "share", "on"),
                    Frontend.COMMAND_LINE);
            rig.machine.addDevice("virtio-pmem-pci", Map.of("id", "nv2", "memdev", "m2"), Frontend.COMMAND_LINE);

            assertEquals(List.of(
                    "nv2: BAR4 is a 64-bit BAR, which QEMU's x-pci-proxy-dev maps as a 32-bit one (for virtio devices use x-bar64=off)",
                    "nv2 offers MSI-X, which QEMU's x-pci-proxy-dev does not emulate; the guest gets no interrupts if it "
                            + "enables it (for virtio devices use vectors=0)"),
                    ProxyCompatibility.problems(rig.machine, device(rig, "nv2")));
        }
    }

    private static RemoteDevice device(RemoteRig rig, String id) {
        return RemoteDevice.find(rig.machine, id).orElseThrow();
    }
}
