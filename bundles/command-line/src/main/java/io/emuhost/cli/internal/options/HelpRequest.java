package io.emuhost.cli.internal.options;

/** A command line that prints help or version information instead of running. */
public sealed interface HelpRequest extends Invocation {

    /** {@code -h}, {@code -help}. */
    record Usage() implements HelpRequest {
    }

    /** {@code -version}. */
    record Version() implements HelpRequest {
    }

    /** {@code -machine help}. */
    record MachineTypes() implements HelpRequest {
    }

    /** {@code -cpu help}. */
    record CpuModels() implements HelpRequest {
    }

    /** {@code -object help}. */
    record ObjectTypes() implements HelpRequest {
    }

    /**
     * {@code -object TYPE,help}.
     *
     * @param location the option as written, for errors
     * @param type the QOM type
     */
    record ObjectProperties(String location, String type) implements HelpRequest {
    }

    /** {@code -device help}. */
    record DeviceDrivers() implements HelpRequest {
    }

    /**
     * {@code -device DRIVER,help}.
     *
     * @param location the option as written, for errors
     * @param driver the driver
     */
    record DeviceProperties(String location, String driver) implements HelpRequest {
    }
}
