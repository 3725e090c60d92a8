package io.emuhost.remote.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * What a received descriptor refers to, from fstat(2): two descriptors with the same device,
 * inode and size map the same bytes, so a mapping made for one serves the other.
 *
 * @param device st_dev
 * @param inode st_ino
 * @param size st_size
 * @param mode st_mode
 */
record FileIdentity(long device, long inode, long size, int mode) {

    /**
     * Reads a descriptor's identity.
     *
     * @param fd the descriptor
     * @param stat a {@link LibC#STAT_SIZE}-byte buffer to use
     * @return the identity
     * @throws LastErrorException errno of fstat, e.g. EBADF
     */
    static FileIdentity of(int fd, Memory stat) {
        LibC.fstat(fd, Pointer.nativeValue(stat));
        return new FileIdentity(stat.getLong(LibC.STAT_DEV), stat.getLong(LibC.STAT_INO),
                stat.getLong(LibC.STAT_SIZE_FIELD), stat.getInt(LibC.STAT_MODE));
    }

    boolean isSocket() {
        return (mode & LibC.S_IFMT) == LibC.S_IFSOCK;
    }

    /** The key for re-use: the mode plays no part. */
    FileIdentity key() {
        return new FileIdentity(device, inode, size, 0);
    }
}
