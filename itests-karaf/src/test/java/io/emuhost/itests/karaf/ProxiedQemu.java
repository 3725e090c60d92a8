package io.emuhost.itests.karaf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's QEMU 7.2 with one {@code x-pci-proxy-dev} at 00:05.0 connected to emuhost's
 * {@code x-remote-object} listening on a socket (shared/reference/qemu-multiprocess.md §2), paused
 * ({@code -S}) under qtest, so the test does what a guest's CPU would: port I/O to the PCI host
 * bridge and loads and stores, which QEMU forwards to emuhost as PCI_CFGREAD/WRITE and
 * BAR_READ/WRITE. Guest RAM is a shared memfd (QEMU sends it with SYNC_SYSMEM); the pmem file is a
 * {@code pc-dimm} at the device's {@code memaddr}, as a real guest needs it. Java cannot hand a
 * socket to a child process, so a python3 one-liner (the README's) connects and execs QEMU with
 * the descriptor. Uses no emuhost type.
 */
final class ProxiedQemu implements AutoCloseable {

    /** The proxy's PCI device number on QEMU's bus ({@code addr=0x5.0}). */
    static final int SLOT = 5;

    private static final String WRAPPER = "import os, socket, sys\n"
            + "s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); os.set_inheritable(s.fileno(), True)\n"
            + "argv = [a.replace('{fd}', str(s.fileno())) for a in sys.argv[2:]]; os.execvp(argv[0], argv)\n";
    /** PCI configuration mechanism #1 (PCI Local Bus 3.0 §3.2.2.3.2). */
    private static final int CONFIG_ADDRESS = 0xcf8;
    private static final int CONFIG_DATA = 0xcfc;
    private static final String[] LOADS = {null, "readb", "readw", null, "readl", null, null, null, "readq"};
    private static final String[] STORES = {null, "writeb", "writew", null, "writel", null, null, null, "writeq"};
    private static final String[] INS = {null, "inb", "inw", null, "inl"};
    private static final String[] OUTS = {null, "outb", "outw", null, "outl"};

    private final Process process;
    private final Path dir;
    private final SocketChannel qtest;
    private final BufferedReader replies;
    private final Writer requests;

    private ProxiedQemu(Process process, Path dir, SocketChannel qtest) {
        this.process = process;
        this.dir = dir;
        this.qtest = qtest;
        this.replies = new BufferedReader(Channels.newReader(qtest, StandardCharsets.US_ASCII));
        this.requests = Channels.newWriter(qtest, StandardCharsets.US_ASCII);
    }

    /**
     * Starts QEMU connected to the remote object's socket and connects to its qtest socket.
     *
     * @param dir where QEMU's qtest socket and output go (a short path: sun_path has 108 bytes)
     * @param remote the socket the {@code x-remote-object} listens on
     * @param pmem the device's backing file
     * @param memaddr the device's {@code memaddr}, where the pc-dimm goes
     * @param size the backing file's size
     * @return QEMU, serving qtest
     * @throws IOException if QEMU cannot be started or its qtest socket never opens
     * @throws InterruptedException if interrupted while waiting
     */
    static ProxiedQemu start(Path dir, Path remote, Path pmem, long memaddr, long size)
            throws IOException, InterruptedException {
        Path qtestSocket = dir.resolve("qtest.sock");
        List<String> command = List.of(QemuRequired.PYTHON, "-c", WRAPPER, remote.toString(),
                QemuRequired.QEMU, "-S", "-machine", "q35,memory-backend=ram0", "-m", "256M,slots=2,maxmem=8G",
                "-object", "memory-backend-memfd,id=ram0,size=256M,share=on",
                "-object", "memory-backend-file,id=pm,mem-path=" + pmem + ",share=on,size=" + size,
                "-device", "pc-dimm,id=dimm0,memdev=pm,addr=0x" + Long.toHexString(memaddr),
                "-device", "x-pci-proxy-dev,id=mp0,fd={fd},addr=0x" + SLOT + ".0",
                "-nodefaults", "-display", "none", "-serial", "none",
                "-qtest", "unix:" + qtestSocket + ",server=on,wait=off", "-qtest-log", "/dev/null");
        Process process = new ProcessBuilder(command).redirectOutput(dir.resolve("qemu.out").toFile())
                .redirectError(dir.resolve("qemu.err").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("QEMU exited with " + process.exitValue() + ":\n" + output(dir));
            }
            if (Files.exists(qtestSocket)) {
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    channel.connect(UnixDomainSocketAddress.of(qtestSocket));
                    return new ProxiedQemu(process, dir, channel);
                } catch (IOException e) {
                    channel.close(); // bound, not listening yet
                }
            }
            if (System.nanoTime() - deadline > 0) {
                stop(process);
                throw new IOException("QEMU never opened " + qtestSocket + ":\n" + output(dir));
            }
            Thread.sleep(50);
        }
    }

    /**
     * A configuration read of the proxied function as the guest's CPU makes it.
     *
     * @param offset the register offset
     * @param size 1, 2 or 4
     * @return the value emuhost answered
     * @throws IOException if QEMU fails
     */
    int configRead(int offset, int size) throws IOException {
        ask("outl 0x" + Integer.toHexString(CONFIG_ADDRESS) + " 0x" + Integer.toHexString(configAddress(offset)));
        return (int) value(ask(INS[size] + " 0x" + Integer.toHexString(CONFIG_DATA + (offset & 3))));
    }

    /**
     * A configuration write to the proxied function as the guest's CPU makes it.
     *
     * @param offset the register offset
     * @param size 1, 2 or 4
     * @param value the value
     * @throws IOException if QEMU fails
     */
    void configWrite(int offset, int size, int value) throws IOException {
        ask("outl 0x" + Integer.toHexString(CONFIG_ADDRESS) + " 0x" + Integer.toHexString(configAddress(offset)));
        ask(OUTS[size] + " 0x" + Integer.toHexString(CONFIG_DATA + (offset & 3)) + " 0x" + Integer.toHexString(value));
    }

    /**
     * A guest-physical load.
     *
     * @param address the address
     * @param size 1, 2, 4 or 8
     * @return the value
     * @throws IOException if QEMU fails
     */
    long read(long address, int size) throws IOException {
        return value(ask(LOADS[size] + " 0x" + Long.toHexString(address)));
    }

    /**
     * A guest-physical store.
     *
     * @param address the address
     * @param size 1, 2, 4 or 8
     * @param value the value
     * @throws IOException if QEMU fails
     */
    void write(long address, int size, long value) throws IOException {
        ask(STORES[size] + " 0x" + Long.toHexString(address) + " 0x" + Long.toHexString(value));
    }

    /** Ends QEMU (SIGTERM) and waits for it. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            qtest.close();
        } finally {
            stop(process);
        }
    }

    /**
     * What QEMU printed so far.
     *
     * @return its standard output and error
     */
    String output() {
        return output(dir);
    }

    private static int configAddress(int offset) {
        return 0x8000_0000 | SLOT << 11 | (offset & 0xfc);
    }

    private String ask(String request) throws IOException {
        requests.write(request + "\n");
        requests.flush();
        while (true) {
            String reply = replies.readLine();
            if (reply == null) {
                throw new IOException("QEMU closed qtest after '" + request + "':\n" + output());
            }
            if (reply.startsWith("OK")) {
                return reply;
            }
            if (!reply.startsWith("IRQ")) {
                throw new IOException("QEMU answered '" + request + "' with '" + reply + "'");
            }
        }
    }

    private static long value(String reply) {
        return Long.parseUnsignedLong(reply.substring("OK 0x".length()), 16);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String output(Path dir) {
        try {
            return "stdout:\n" + Files.readString(dir.resolve("qemu.out")) + "\nstderr:\n"
                    + Files.readString(dir.resolve("qemu.err"));
        } catch (IOException e) {
            return "<no QEMU output: " + e + ">";
        }
    }
}
