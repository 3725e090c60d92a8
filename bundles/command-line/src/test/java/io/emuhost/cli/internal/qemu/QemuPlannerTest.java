package io.emuhost.cli.internal.qemu;

import static io.emuhost.cli.internal.qemu.QemuModeArgsTest.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.cli.internal.options.CommandLineException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QemuPlannerTest {

    private static final Path RUN = Path.of("/run/e");
    private static final String PMEM_OBJECT = "memory-backend-file,id=mem1,share=on,mem-path=/p.img,size=256M";

    private static QemuPlan plan(String... args) throws CommandLineException {
        return new QemuPlanner(Catalogues.emuhost()).plan(QemuModeArgs.parse(List.of(args)), RUN);
    }

    private static List<String> qemu(String... args) throws CommandLineException {
        List<String> all = new ArrayList<>(List.of("--qemu", "qemu"));
        all.addAll(Arrays.asList(args));
        return plan(all.toArray(String[]::new)).qemuArgs();
    }

    private static String error(String... args) {
        List<String> all = new ArrayList<>(List.of("--qemu", "qemu"));
        all.addAll(Arrays.asList(args));
        return printed(assertThrows(CommandLineException.class, () -> plan(all.toArray(String[]::new))));
    }

    @Test
    void virtioPmem_movesToEmuhost_qemuGetsTheDimmTheProxyRamAndTheKernelArguments() throws CommandLineException {
        QemuPlan plan = plan("-qmp", "unix:e.sock,server=on,wait=off", "--qemu", "qemu-system-x86_64",
                "-machine", "q35", "-m", "1G,slots=2,maxmem=4G", "-object", PMEM_OBJECT,
                "-device", "virtio-pmem-pci,memdev=mem1,id=nv1", "-kernel", "vmlinuz", "-append", "console=ttyS0",
                "-nographic");

        assertEquals(List.of("-machine", "q35", "-m", "1G,slots=2,maxmem=4G", "-object", PMEM_OBJECT,
                "-device", "pc-dimm,id=nv1-dimm,memdev=mem1,addr=0x100000000",
                "-device", "x-pci-proxy-dev,id=nv1,fd=4,addr=0x10.0",
                "-kernel", "vmlinuz", "-append", "console=ttyS0 acpi_no_memhotplug irqpoll noapictimer", "-nographic",
                "-object", "memory-backend-memfd,id=emuhost-ram,size=1073741824,share=on",
                "-machine", "memory-backend=emuhost-ram"), plan.qemuArgs());
        assertEquals(List.of("-qmp", "unix:e.sock,server=on,wait=off",
                "-m", "128M,slots=1,maxmem=402653184", "-object", PMEM_OBJECT,
                "-device", "virtio-pmem-pci,memdev=mem1,id=nv1,memaddr=0x100000000,vectors=0,x-bar64=off"),
                plan.emuhostOptions());
        assertEquals(List.of(Map.of("id", "nv1-remote", "devid", "nv1", "fd", "17", "auto-shutdown", "off")),
                plan.remoteObjects(List.of(17)));
        assertEquals(List.of(), plan.notes());
    }

    @Test
    void doorbell_addsThePciSerialInFunctionOneAndTellsEmuhostWhereItIs() throws CommandLineException {
        QemuPlan plan = plan("-tcg-intx", "doorbell", "--qemu", "qemu", "-m", "1G,slots=2,maxmem=4G",
                "-object", PMEM_OBJECT, "-device", "virtio-pmem-pci,memdev=mem1,id=nv1,addr=0x5",
                "-kernel", "k");

        assertEquals(List.of("-m", "1G,slots=2,maxmem=4G", "-object", PMEM_OBJECT,
                "-device", "pc-dimm,id=nv1-dimm,memdev=mem1,addr=0x100000000",
                "-device", "x-pci-proxy-dev,id=nv1,fd=4,addr=0x5.0,multifunction=on",
                "-chardev", "socket,id=nv1-doorbell,path=/run/e/nv1-doorbell.sock,server=on,wait=off",
                "-device", "pci-serial,chardev=nv1-doorbell,addr=0x5.1", "-kernel", "k",
                "-object", "memory-backend-memfd,id=emuhost-ram,size=1073741824,share=on",
                "-machine", "memory-backend=emuhost-ram", "-append", "acpi_no_memhotplug 8250.nr_uarts=8"),
                plan.qemuArgs());
        assertEquals(List.of(Map.of("id", "nv1-remote", "devid", "nv1", "fd", "9", "auto-shutdown", "off",
                "doorbell", "/run/e/nv1-doorbell.sock")), plan.remoteObjects(List.of(9)));
    }

    @Test
    void kvm_needsNoInterruptWorkaround() throws CommandLineException {
        assertEquals(List.of("-enable-kvm", "-device", "x-pci-proxy-dev,id=emuhost-dev0,fd=4,addr=0x10.0",
                "-kernel", "k", "-object", "memory-backend-memfd,id=emuhost-ram,size=134217728,share=on",
                "-machine", "memory-backend=emuhost-ram"), qemu("-enable-kvm", "-device", "virtio-rng-pci", "-kernel", "k"));
    }

    @Test
    void otherOptions_passThroughUnchanged_andDevicesWithoutMemoryGetNoDimm() throws CommandLineException {
        QemuPlan plan = plan("--qemu", "qemu", "-machine", "pc,memory-backend=r", "-object",
                "memory-backend-file,id=r,size=512M,mem-path=/dev/shm/r,share=on", "disk.img", "-snapshot",
                "-device", "e1000,netdev=n", "-netdev", "user,id=n", "-device", "virtio-rng-pci,id=rng0",
                "-device", "acme-widget,id=w", "-serial", "stdio");

        assertEquals(List.of("-machine", "pc,memory-backend=r", "-object",
                "memory-backend-file,id=r,size=512M,mem-path=/dev/shm/r,share=on", "disk.img", "-snapshot",
                "-device", "e1000,netdev=n", "-netdev", "user,id=n",
                "-device", "x-pci-proxy-dev,id=rng0,fd=4,addr=0x10.0", "-device", "x-pci-proxy-dev,id=w,fd=5,addr=0x11.0",
                "-serial", "stdio"), plan.qemuArgs());
        assertEquals(List.of("-m", "128M", "-device", "virtio-rng-pci,id=rng0,vectors=0,x-bar64=off",
                "-device", "acme-widget,id=w"), plan.emuhostOptions());
        assertEquals(List.of("emuhost: note: no -kernel: give the guest's kernel 'irqpoll noapictimer' on its command line"),
                plan.notes().stream().map(n -> "emuhost: " + n).toList());
    }

    @Test
    void mWithoutSlots_getsOneSlotPerDimm_andPlacesDevicesOneGigabyteApart() throws CommandLineException {
        QemuPlan plan = plan("--qemu", "qemu", "-m", "3G,maxmem=8G", "-machine", "q35", "-object", PMEM_OBJECT,
                "-object", "memory-backend-file,id=mem2,share=on,mem-path=/q.img,size=64M",
                "-device", "virtio-pmem-pci,memdev=mem1", "-device", "virtio-pmem-pci,memdev=mem2");

        assertEquals(List.of("-m", "3G,maxmem=8G,slots=2"), plan.qemuArgs().subList(0, 2));
        // q35 splits 3 GiB at 2 GiB: 1 GiB above 4 GiB, so device memory starts at 5 GiB
        assertTrue(plan.qemuArgs().contains("pc-dimm,id=emuhost-dev0-dimm,memdev=mem1,addr=0x140000000"), plan.toString());
        assertTrue(plan.qemuArgs().contains("pc-dimm,id=emuhost-dev1-dimm,memdev=mem2,addr=0x180000000"), plan.toString());
    }

    @Test
    void shmemRegion_needsNoDimm() throws CommandLineException {
        List<String> args = qemu("-m", "1G,maxmem=4G", "-object", PMEM_OBJECT,
                "-device", "virtio-pmem-pci,memdev=mem1,id=nv1,shmem-region=on");
        assertTrue(args.stream().noneMatch(a -> a.startsWith("pc-dimm")), args.toString());
        assertEquals("1G,maxmem=4G", args.get(1), "no slots needed without a pc-dimm");
    }

    @Test
    void virtioPmemWithoutMemdev_isQemusError() {
        assertEquals("emuhost: -device virtio-pmem-pci: 'memdev' property must be set\n",
                error("-m", "1G,maxmem=4G", "-device", "virtio-pmem-pci"));
    }

    @Test
    void unknownMemdev_isQemusError() {
        assertEquals("emuhost: -device virtio-pmem-pci,memdev=nosuch: Device 'nosuch' not found\n",
                error("-m", "1G,maxmem=4G", "-device", "virtio-pmem-pci,memdev=nosuch"));
    }

    @Test
    void memoryDeviceWithoutMaxmem_isQemusError() {
        assertEquals("emuhost: -device virtio-pmem-pci,memdev=mem1: memory devices (e.g. for memory hotplug) are not"
                + " enabled, please specify the maxmem option\n",
                error("-m", "1G", "-object", PMEM_OBJECT, "-device", "virtio-pmem-pci,memdev=mem1"));
    }

    @Test
    void privateBackingFile_isRefused() {
        assertEquals("emuhost: -object memory-backend-file,id=mem1,mem-path=/p.img,size=256M: emuhost (the device) and"
                + " QEMU (the pc-dimm) both map this file: it needs share=on\n",
                error("-m", "1G,maxmem=4G", "-object", "memory-backend-file,id=mem1,mem-path=/p.img,size=256M",
                        "-device", "virtio-pmem-pci,memdev=mem1"));
    }

    @Test
    void memdevNotAFile_isRefused() {
        assertEquals("emuhost: -device virtio-pmem-pci,memdev=m,id=nv1: emuhost serves 'nv1' from a file that QEMU maps"
                + " too: memdev 'm' must be a memory-backend-file\n",
                error("-m", "1G,maxmem=4G", "-object", "memory-backend-ram,id=m,size=64M",
                        "-device", "virtio-pmem-pci,memdev=m,id=nv1"));
    }

    @Test
    void backendWithoutSize_isQemusError() {
        assertEquals("emuhost: -object memory-backend-file,id=mem1,share=on,mem-path=/p: Parameter 'size' is missing\n",
                error("-m", "1G,maxmem=4G", "-object", "memory-backend-file,id=mem1,share=on,mem-path=/p",
                        "-device", "virtio-pmem-pci,memdev=mem1"));
    }

    @Test
    void unshareableGuestRam_isRefused() {
        assertEquals("emuhost: -machine q35,memory-backend=r: emuhost maps the guest's RAM from QEMU's file descriptor:"
                + " memory-backend 'r' must be a memory-backend-memfd or memory-backend-file with share=on\n",
                error("-object", "memory-backend-ram,id=r,size=1G", "-machine", "q35,memory-backend=r",
                        "-device", "virtio-rng-pci"));
    }

    @Test
    void functionOtherThanZero_isRefused() {
        assertEquals("emuhost: -device virtio-rng-pci,addr=0x5.2: Property 'x-pci-proxy-dev.addr' doesn't take value"
                + " '0x5.2' (emuhost serves function 0 of a slot)\n", error("-device", "virtio-rng-pci,addr=0x5.2"));
    }

    @Test
    void badMemaddr_isQemusError() {
        assertEquals("emuhost: -device virtio-pmem-pci,memdev=mem1,memaddr=4G: Parameter 'memaddr' expects integer\n",
                error("-m", "1G,maxmem=4G", "-object", PMEM_OBJECT, "-device", "virtio-pmem-pci,memdev=mem1,memaddr=4G"));
    }

    @Test
    void badDeviceSyntax_isQemusError() {
        assertTrue(error("-device", "virtio-rng-pci,=x").startsWith("emuhost: -device virtio-rng-pci,=x: "));
    }

    @Test
    void tooManyDevices_areRefused() {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            args.addAll(List.of("-device", "virtio-rng-pci"));
        }
        assertEquals("emuhost: at most 6 devices can be served to one QEMU (7 given)\n", error(args.toArray(String[]::new)));
    }
}
