package io.emuhost.machine.internal.config;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.syntax.report.ErrorReport;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one factory configuration created in the machine (an object or a device), and the rules
 * every configuration component shares: which keys are the user's, how failures are reported
 * ({@code emuhost: <pid>: <message>}, QEMU's wording, nothing thrown), and when deactivation
 * removes what activation created.
 */
public final class ConfiguredEntry {

    /** DS 1.5 §112.5.16 {@code ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_MODIFIED}. */
    static final int REASON_CONFIGURATION_MODIFIED = 3;
    /** DS 1.5 §112.5.16 {@code ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED}. */
    static final int REASON_CONFIGURATION_DELETED = 4;

    /** Keys Config Admin, SCR (DS 1.5 §112.6) and FileInstall add; never passed to the machine. */
    private static final String[] FOREIGN_PREFIXES = {"service.", "component.", "osgi.ds.", "felix.fileinstall."};

    /** Creates something in the machine from the user's keys. */
    @FunctionalInterface
    interface Creation {
        /**
         * Creates it.
         *
         * @param properties the user's keys
         * @return the id to delete it by later
         * @throws ConfigurationException with QEMU's wording; nothing was created
         */
        String create(Map<String, Object> properties) throws ConfigurationException;
    }

    /** Deletes what a {@link Creation} made. */
    @FunctionalInterface
    interface Deletion {
        /**
         * Deletes it.
         *
         * @param id the id the creation returned
         * @throws ConfigurationException with QEMU's wording
         */
        void delete(String id) throws ConfigurationException;
    }

    /** Changes what a {@link Creation} made, in place. */
    @FunctionalInterface
    interface Change {
        /**
         * Changes it.
         *
         * @param id the id the creation returned
         * @throws ConfigurationException with QEMU's wording; nothing changed
         */
        void change(String id) throws ConfigurationException;
    }

    private final String pid;
    private final PrintStream diagnostics;
    private final String createdId;

    private ConfiguredEntry(String pid, PrintStream diagnostics, String createdId) {
        this.pid = pid;
        this.diagnostics = diagnostics;
        this.createdId = createdId;
    }

    /**
     * Runs a creation; a failure is reported and leaves an entry that owns nothing.
     *
     * @param pid the configuration's factory pid, for the report
     * @param configuration the component properties
     * @param creation what to create
     * @param diagnostics where failures go (System.err in production)
     * @return the entry
     */
    static ConfiguredEntry create(String pid, Map<String, ?> configuration, Creation creation,
            PrintStream diagnostics) {
        try {
            return new ConfiguredEntry(pid, diagnostics, creation.create(userProperties(configuration)));
        } catch (ConfigurationException | RuntimeException e) {
            report(diagnostics, pid, e);
            return new ConfiguredEntry(pid, diagnostics, null);
        }
    }

    /**
     * Removes what was created, if the configuration changed or went away; other reasons (the
     * machine or its bundle stopping) leave the machine to close it.
     *
     * @param reason the DS deactivation reason
     * @param deletion how to remove it
     */
    void remove(int reason, Deletion deletion) {
        if (createdId == null || (reason != REASON_CONFIGURATION_DELETED && reason != REASON_CONFIGURATION_MODIFIED)) {
            return;
        }
        try {
            deletion.delete(createdId);
        } catch (ConfigurationException | RuntimeException e) {
            report(diagnostics, pid, e);
        }
    }

    /**
     * Changes what was created in place; a failure is reported and changes nothing.
     *
     * @param change the change
     * @return whether it was made
     */
    boolean change(Change change) {
        try {
            change.change(createdId);
            return true;
        } catch (ConfigurationException | RuntimeException e) {
            report(diagnostics, pid, e);
            return false;
        }
    }

    /**
     * Takes the key that names the type or driver out of the user's keys.
     *
     * @param properties the user's keys; the type key is removed
     * @param key {@code qom-type} or {@code driver}
     * @return its value
     * @throws ConfigurationException {@code Parameter 'KEY' is missing} (QEMU's wording) if absent,
     *     {@code Invalid parameter type for 'KEY', expected: string} if not a string
     */
    static String takeType(Map<String, Object> properties, String key) throws ConfigurationException {
        Object type = properties.remove(key);
        if (type == null) {
            throw new ConfigurationException("Parameter '" + key + "' is missing");
        }
        if (!(type instanceof String name)) {
            throw new ConfigurationException("Invalid parameter type for '" + key + "', expected: string");
        }
        return name;
    }

    /**
     * The id of what this configuration created.
     *
     * @return the id, or null if creation failed
     */
    String createdId() {
        return createdId;
    }

    /**
     * The user's keys: everything but Config Admin's, SCR's and FileInstall's own.
     *
     * @param configuration the component properties
     * @return the keys in their original order, values unchanged (strings from .cfg files, typed
     *     values from .config files or Config Admin calls)
     */
    static Map<String, Object> userProperties(Map<String, ?> configuration) {
        Map<String, Object> user = new LinkedHashMap<>();
        configuration.forEach((key, value) -> {
            if (!isForeign(key)) {
                user.put(key, value);
            }
        });
        return user;
    }

    private static boolean isForeign(String key) {
        for (String prefix : FOREIGN_PREFIXES) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static void report(PrintStream diagnostics, String pid, Exception e) {
        ErrorReport.error(diagnostics, pid + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
    }
}
