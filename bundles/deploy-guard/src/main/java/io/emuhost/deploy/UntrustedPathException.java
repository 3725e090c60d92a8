package io.emuhost.deploy;

import java.nio.file.Path;

/** A file or directory that another user could have written, or could replace. */
public final class UntrustedPathException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The offending path, with symbolic links resolved. */
    private final transient Path path;

    /**
     * Creates the exception.
     *
     * @param path the offending path
     * @param rule the rule it breaks, completing "PATH ..." (e.g. {@code is owned by uid 1000, ...})
     */
    public UntrustedPathException(Path path, String rule) {
        super(path + " " + rule);
        this.path = path;
    }

    /**
     * The offending path.
     *
     * @return the path, with symbolic links resolved
     */
    public Path path() {
        return path;
    }
}
