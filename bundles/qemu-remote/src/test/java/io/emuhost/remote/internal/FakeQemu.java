package io.emuhost.remote.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The QEMU side of a multi-process link, as x-pci-proxy-dev drives it: framed messages with real
 * descriptors over a real socket (shared/reference/qemu-multiprocess.md §1).
 */
final class FakeQemu implements AutoCloseable {

    private final MessageSocket socket;
    private final Memory buffer = new Memory(Wire.HEADER_SIZE + 512);
    private final long address = Pointer.nativeValue(buffer);
    private final ReceivedFds fds = new ReceivedFds();

    FakeQemu(int fd) {
        this.socket = new MessageSocket(fd);
    }

    int fd() {
        return socket.fd();
    }

    /** Sends a header announcing {@code size} and then {@code payload} (which may be shorter or longer). */
    void sendRaw(int cmd, long size, byte[] payload, int... passFds) throws ProtocolException {
        buffer.clear(Wire.HEADER_SIZE + payload.length);
        buffer.setInt(0, cmd);
        buffer.setLong(8, size);
        buffer.write(Wire.HEADER_SIZE, payload, 0, payload.length);
        socket.send(address, Wire.HEADER_SIZE + payload.length, passFds, passFds.length);
    }

    /** Sends raw bytes, e.g. a partial header. */
    void sendBytes(byte[] bytes) throws ProtocolException {
        buffer.write(0, bytes, 0, bytes.length);
        socket.send(address, bytes.length, null, 0);
    }

    void send(MpqemuCommand cmd, ByteBuffer payload, int... passFds) throws ProtocolException {
        byte[] bytes = new byte[payload.position()];
        payload.flip().get(bytes);
        sendRaw(cmd.ordinal(), bytes.length, bytes, passFds);
    }

    /** Waits for the RET and returns its value. */
    long awaitRet() throws ProtocolException {
        socket.receive(address, Wire.HEADER_SIZE, fds, "reply header", true);
        int cmd = buffer.getInt(0);
        long size = buffer.getLong(8);
        if (cmd != MpqemuCommand.RET.ordinal() || size != Wire.RET_SIZE) {
            throw new AssertionError("expected RET with 8 bytes, got cmd " + cmd + " size " + size);
        }
        socket.receive(address + Wire.HEADER_SIZE, Wire.RET_SIZE, fds, "reply", false);
        fds.closeAll();
        return buffer.getLong(Wire.HEADER_SIZE);
    }

    long configRead(int addr, int len) throws ProtocolException {
        send(MpqemuCommand.PCI_CFGREAD, payload(Wire.CONF_SIZE).putInt(addr).putInt(0).putInt(len));
        return awaitRet();
    }

    void configWrite(int addr, int len, int value) throws ProtocolException {
        send(MpqemuCommand.PCI_CFGWRITE, payload(Wire.CONF_SIZE).putInt(addr).putInt(value).putInt(len));
        awaitRet();
    }

    long barRead(long addr, int size, boolean memory) throws ProtocolException {
        send(MpqemuCommand.BAR_READ, bar(addr, 0, size, memory));
        return awaitRet();
    }

    void barWrite(long addr, int size, long value, boolean memory) throws ProtocolException {
        send(MpqemuCommand.BAR_WRITE, bar(addr, value, size, memory));
        awaitRet();
    }

    /** SYNC_SYSMEM with one descriptor per section; no reply. */
    void syncSysmem(long[] gpas, long[] sizes, long[] offsets, int... sectionFds) throws ProtocolException {
        ByteBuffer payload = payload(Wire.SYNC_SIZE);
        for (int i = 0; i < Wire.MAX_FDS; i++) {
            payload.putLong(Wire.SYNC_GPAS + 8 * i, i < gpas.length ? gpas[i] : 0);
            payload.putLong(Wire.SYNC_SIZES + 8 * i, i < sizes.length ? sizes[i] : 0);
            payload.putLong(Wire.SYNC_OFFSETS + 8 * i, i < offsets.length ? offsets[i] : 0);
        }
        payload.position(Wire.SYNC_SIZE);
        send(MpqemuCommand.SYNC_SYSMEM, payload, sectionFds);
    }

    void setIrqfd(int irq, int resample) throws ProtocolException {
        sendRaw(MpqemuCommand.SET_IRQFD.ordinal(), 0, new byte[0], irq, resample);
    }

    long deviceReset() throws ProtocolException {
        sendRaw(MpqemuCommand.DEVICE_RESET.ordinal(), 0, new byte[0]);
        return awaitRet();
    }

    /** Whether the remote closed the connection: the next read sees the end of the stream. */
    boolean closedByRemote(int timeoutMillis) {
        if (!Fds.readable(socket.fd(), timeoutMillis)) {
            return false;
        }
        try {
            socket.receive(address, 1, fds, "anything", true);
            fds.closeAll();
            return false;
        } catch (ProtocolException.PeerClosed e) {
            return true;
        } catch (ProtocolException e) {
            return true; // ECONNRESET
        }
    }

    private static ByteBuffer payload(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer bar(long addr, long value, int size, boolean memory) {
        ByteBuffer payload = payload(Wire.BAR_SIZE).putLong(addr).putLong(value).putInt(size);
        payload.put((byte) (memory ? 1 : 0)).put(new byte[3]);
        return payload;
    }

    @Override
    public void close() {
        socket.close();
    }
}
