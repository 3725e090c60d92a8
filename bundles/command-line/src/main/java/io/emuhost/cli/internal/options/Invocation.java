package io.emuhost.cli.internal.options;

/** What a command line asks for: run a machine, or print help and exit. */
public sealed interface Invocation permits CommandLine, HelpRequest {
}
