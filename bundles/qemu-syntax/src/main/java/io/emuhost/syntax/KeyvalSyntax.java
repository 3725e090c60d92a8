package io.emuhost.syntax;

/**
 * The two option-string dialects QEMU 7.2 uses. They split {@code key=value,key=value} alike
 * ({@code ,,} escapes a comma in a value; the first element may be the value of an implied key)
 * and differ on a bare key.
 */
public enum KeyvalSyntax {
    /**
     * QemuOpts ({@code -object}, {@code -device}, {@code -m}, HMP {@code device_add}): a bare
     * {@code key} means {@code key=on} and {@code nokey} means {@code key=off}, both deprecated
     * with a warning.
     */
    QEMU_OPTS,
    /**
     * keyval ({@code object_add}): a bare key is an error,
     * {@code Expected '=' after parameter 'key'}.
     */
    KEYVAL
}
