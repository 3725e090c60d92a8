package io.emuhost.cli.internal.options;

import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.syntax.help.DeviceHelp;
import io.emuhost.syntax.help.ObjectHelp;
import java.io.PrintStream;

/** Prints what a {@link HelpRequest} asks for and decides the exit code, as QEMU does. */
public final class HelpPrinter {

    private final FactoryCatalogue factories;
    private final String version;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * Creates a printer.
     *
     * @param factories the factories available now
     * @param version the emuhost version
     * @param out standard output
     * @param err standard error
     */
    public HelpPrinter(FactoryCatalogue factories, String version, PrintStream out, PrintStream err) {
        this.factories = factories;
        this.version = version;
        this.out = out;
        this.err = err;
    }

    /**
     * Prints the help.
     *
     * @param request what to print
     * @return the exit code: 0, or 1 for {@code -object TYPE,help} of an unknown type
     */
    public int print(HelpRequest request) {
        if (request instanceof HelpRequest.Usage) {
            out.println(versionLine());
            out.print(UsageText.OPTIONS);
        } else if (request instanceof HelpRequest.Version) {
            out.println(versionLine());
        } else if (request instanceof HelpRequest.MachineTypes) {
            out.println("Supported machines are:");
            out.println(String.format("%-20s %s (default)", MachineOption.PC, MachineOption.DESCRIPTION));
        } else if (request instanceof HelpRequest.CpuModels) {
            // target/i386/cpu.c x86_cpu_list, without the descriptions and the CPUID flags
            out.println("Available CPUs:");
            CpuModels.load().names().forEach(name -> out.println("x86 " + name));
        } else if (request instanceof HelpRequest.ObjectTypes) {
            ObjectHelp.printTypes(factories, out);
        } else if (request instanceof HelpRequest.ObjectProperties p) {
            if (!ObjectHelp.printProperties(factories, p.type(), out)) {
                new CommandLineException(p.location(), "Parameter 'qom-type' does not accept value '" + p.type() + "'")
                        .print(err);
                return 1;
            }
        } else if (request instanceof HelpRequest.DeviceDrivers) {
            DeviceHelp.printDrivers(factories, out);
        } else if (request instanceof HelpRequest.DeviceProperties p
                && !DeviceHelp.printProperties(factories, p.driver(), out)) {
            // QEMU reports this and still exits 0 (qdev_device_help returns 1 either way)
            new CommandLineException(p.location(), "Device '" + p.driver() + "' not found").print(err);
        }
        return 0;
    }

    private String versionLine() {
        return "emuhost version " + version;
    }
}
