package io.emuhost.api.device;

import java.util.Optional;
import java.util.OptionalLong;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The properties given to a factory, parsed on demand with the syntax of the front end they came
 * from (QEMU keyval on the command line and HMP, JSON on QMP). Keys were checked against the
 * factory's {@link PropertySpec}s before the factory sees them. Every accessor fails with QEMU's
 * wording, e.g. {@code Parameter 'size' expects a size value} or {@code Parameter 'mem-path' is
 * missing}.
 */
@ProviderType
public interface Properties {

    /**
     * Whether the property was given.
     *
     * @param name property name
     * @return true if present
     */
    boolean has(String name);

    /**
     * A required string.
     *
     * @param name property name
     * @return the value
     * @throws ConfigurationException if missing or not a string
     */
    String string(String name) throws ConfigurationException;

    /**
     * An optional string.
     *
     * @param name property name
     * @return the value, or empty
     * @throws ConfigurationException if not a string
     */
    Optional<String> optionalString(String name) throws ConfigurationException;

    /**
     * A size: an integer, or with the CLI/HMP syntax a number with a K/M/G/T/P/E suffix.
     *
     * @param name property name
     * @return the size in bytes, or empty if absent
     * @throws ConfigurationException if malformed
     */
    OptionalLong size(String name) throws ConfigurationException;

    /**
     * An unsigned 64-bit integer (decimal or 0x hex; no suffixes).
     *
     * @param name property name
     * @return the value, or empty if absent
     * @throws ConfigurationException if malformed
     */
    OptionalLong uint64(String name) throws ConfigurationException;

    /**
     * A boolean: on/off (also yes/no, true/false, and the deprecated bare key) on the CLI/HMP,
     * a JSON boolean on QMP.
     *
     * @param name property name
     * @param defaultValue the value when absent
     * @return the value
     * @throws ConfigurationException if malformed
     */
    boolean bool(String name, boolean defaultValue) throws ConfigurationException;

    /**
     * An on/off/auto value.
     *
     * @param name property name
     * @return the value ({@link OnOffAuto#AUTO} when absent)
     * @throws ConfigurationException if malformed
     */
    OnOffAuto onOffAuto(String name) throws ConfigurationException;

    /**
     * Reports a non-fatal problem with this configuration to the user, the way QEMU prints
     * {@code warning: ...}.
     *
     * @param message the warning text, without the {@code warning: } prefix
     */
    void warn(String message);
}
