package io.emuhost.api.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A device's guest-visible state (or what a user object such as a memory backend hands over) as
 * named fields, each a {@code long}, a {@code boolean} or a
 * byte array: what one version of a bundle saves when it hands a live device over and another
 * version restores (QEMU's VMState plays this part in migration). Only JDK types cross the
 * bundle boundary, so the two versions share nothing but this class and the field names, which
 * are the contract between them: a layer prefixes its fields with its name
 * ({@code virtio-pci.status}, {@code virtio-pci.queue.0.last-avail-idx}, {@code virtio-pmem.requests}).
 *
 * <p>Immutable; byte arrays are copied in and out.
 */
public final class DeviceState {

    private final String driver;
    private final Map<String, Object> fields;

    private DeviceState(String driver, Map<String, Object> fields) {
        this.driver = driver;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * Starts a state for a device of a driver.
     *
     * @param driver the driver the state belongs to, e.g. {@code virtio-pmem-pci}
     * @return an empty builder
     */
    public static Builder builder(String driver) {
        return new Builder(driver);
    }

    /**
     * The driver of the device that saved the state.
     *
     * @return the driver name
     */
    public String driver() {
        return driver;
    }

    /**
     * The field names, in the order they were saved.
     *
     * @return the names
     */
    public Set<String> fields() {
        return fields.keySet();
    }

    /**
     * Whether a field was saved.
     *
     * @param field the field name
     * @return true if present
     */
    public boolean has(String field) {
        return fields.containsKey(field);
    }

    /**
     * A numeric field.
     *
     * @param field the field name
     * @return the value
     * @throws StateException.MissingField if absent, {@link StateException.WrongType} if not a number
     */
    public long longValue(String field) throws StateException {
        return typed(field, Long.class);
    }

    /**
     * A numeric field that must lie in a range, e.g. a register's width.
     *
     * @param field the field name
     * @param min the smallest valid value
     * @param max the largest valid value
     * @return the value
     * @throws StateException.OutOfRange if the value lies outside [min, max]
     */
    public long longValue(String field, long min, long max) throws StateException {
        long value = longValue(field);
        if (value < min || value > max) {
            throw new StateException.OutOfRange(field, value, min, max);
        }
        return value;
    }

    /**
     * A boolean field.
     *
     * @param field the field name
     * @return the value
     * @throws StateException.MissingField if absent, {@link StateException.WrongType} if not a boolean
     */
    public boolean bool(String field) throws StateException {
        return typed(field, Boolean.class);
    }

    /**
     * A byte-array field.
     *
     * @param field the field name
     * @param length the length the reader expects
     * @return a copy of the bytes
     * @throws StateException.WrongLength if the array has another length
     */
    public byte[] bytes(String field, int length) throws StateException {
        byte[] value = typed(field, byte[].class);
        if (value.length != length) {
            throw new StateException.WrongLength(field, value.length, length);
        }
        return value.clone();
    }

    private <T> T typed(String field, Class<T> type) throws StateException {
        Object value = fields.get(field);
        if (value == null) {
            throw new StateException.MissingField(driver, field);
        }
        if (!type.isInstance(value)) {
            throw new StateException.WrongType(field, type.getSimpleName());
        }
        return type.cast(value);
    }

    @Override
    public String toString() {
        return "DeviceState[" + driver + ", " + fields.size() + " fields]";
    }

    /** Collects the fields of a state; each name may be set once. */
    public static final class Builder {

        private final String driver;
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder(String driver) {
            this.driver = driver;
        }

        /**
         * Saves a number.
         *
         * @param field the field name
         * @param value the value
         * @return this builder
         */
        public Builder put(String field, long value) {
            return add(field, value);
        }

        /**
         * Saves a boolean.
         *
         * @param field the field name
         * @param value the value
         * @return this builder
         */
        public Builder put(String field, boolean value) {
            return add(field, value);
        }

        /**
         * Saves a copy of a byte array.
         *
         * @param field the field name
         * @param value the bytes
         * @return this builder
         */
        public Builder put(String field, byte[] value) {
            return add(field, value.clone());
        }

        private Builder add(String field, Object value) {
            if (fields.putIfAbsent(field, value) != null) {
                throw new IllegalStateException("state field saved twice: " + field);
            }
            return this;
        }

        /**
         * The state saved so far.
         *
         * @return an immutable state
         */
        public DeviceState build() {
            return new DeviceState(driver, fields);
        }
    }
}
