package io.emuhost.cli.internal.options;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a QEMU-style command line. Options are read in order; a help option ({@code -h},
 * {@code -version}, {@code -object help}, ...) ends the reading, as QEMU exits there. Deprecation
 * warnings are printed while reading, like QEMU's.
 */
public final class CommandLineParser {

    private final PrintStream diagnostics;
    private final boolean stdinIsTerminal;
    private final Supplier<HostCpu> hostCpu;

    /**
     * Creates a parser.
     *
     * @param diagnostics where warnings go (standard error in production)
     * @param stdinIsTerminal whether standard input is a terminal, which puts the default human
     *     monitor there
     */
    public CommandLineParser(PrintStream diagnostics, boolean stdinIsTerminal) {
        this(diagnostics, stdinIsTerminal, () -> HostCpu.read(HostCpu.CPUINFO));
    }

    /**
     * Creates a parser that reads the host's CPU from elsewhere.
     *
     * @param diagnostics where warnings go
     * @param stdinIsTerminal whether standard input is a terminal
     * @param hostCpu the host's CPU, asked only for {@code -cpu host} and {@code host-phys-bits=on}
     */
    public CommandLineParser(PrintStream diagnostics, boolean stdinIsTerminal, Supplier<HostCpu> hostCpu) {
        this.diagnostics = diagnostics;
        this.stdinIsTerminal = stdinIsTerminal;
        this.hostCpu = hostCpu;
    }

    /**
     * Reads a command line.
     *
     * @param args the arguments, without the program name
     * @return the machine to run, or the help to print
     * @throws CommandLineException with QEMU's wording; the process exits with 1
     */
    public Invocation parse(List<String> args) throws CommandLineException {
        CommandLineBuilder builder = new CommandLineBuilder(diagnostics, stdinIsTerminal, hostCpu);
        int i = 0;
        while (i < args.size()) {
            String word = args.get(i++);
            CliOption option = CliOption.lookup(word)
                    .orElseThrow(() -> new CommandLineException(word, "invalid option"));
            String argument = null;
            if (option.hasArgument()) {
                if (i >= args.size()) {
                    throw new CommandLineException(word, "requires an argument");
                }
                argument = args.get(i++);
            }
            Optional<HelpRequest> help = builder.apply(option, word, argument);
            if (help.isPresent()) {
                return help.get();
            }
        }
        return builder.build();
    }
}
