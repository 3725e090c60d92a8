package io.emuhost.api.machine;

/** Where a request came from; decides the property syntax and the error wording. */
public enum Frontend {
    /** The command line ({@code -object}, {@code -device}): keyval syntax. */
    COMMAND_LINE,
    /** The human monitor: keyval syntax, HMP wording. */
    HMP,
    /** QMP: JSON-typed values. */
    QMP,
    /** Configuration Admin / files: strings or typed values. */
    CONFIGURATION
}
