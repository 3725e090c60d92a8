package io.emuhost.cli.internal.options;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * QEMU 7.2's x86 CPU models and the properties {@code -cpu} may set, from the tables
 * {@code x86-cpu-models.txt} and {@code x86-cpu-properties.txt} beside this class (gathered from
 * QEMU 7.2 itself; their headers say how). {@code host} is not in the table: it is the host's CPU.
 */
final class CpuModels {

    /** The model that is this host's CPU (QEMU: KVM or HVF only). */
    static final String HOST = "host";

    /**
     * One model as QEMU 7.2 realizes it without properties.
     *
     * @param name the model name
     * @param vendor the CPUID vendor string, empty for {@code base}
     * @param physBits the default address width
     * @param longMode true for a 64-bit model
     */
    record Model(String name, String vendor, int physBits, boolean longMode) {
    }

    private final Map<String, Model> models;
    private final Map<String, String> propertyTypes;

    private CpuModels(Map<String, Model> models, Map<String, String> propertyTypes) {
        this.models = models;
        this.propertyTypes = propertyTypes;
    }

    /**
     * Loads the tables.
     *
     * @return the models and properties
     */
    static CpuModels load() {
        Map<String, Model> models = new LinkedHashMap<>();
        for (String[] row : rows("x86-cpu-models.txt")) {
            String vendor = "-".equals(row[1]) ? "" : row[1];
            models.put(row[0], new Model(row[0], vendor, Integer.parseInt(row[2]), Boolean.parseBoolean(row[3])));
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (String[] row : rows("x86-cpu-properties.txt")) {
            types.put(row[0], row[1]);
        }
        return new CpuModels(Collections.unmodifiableMap(models), Collections.unmodifiableMap(types));
    }

    /**
     * A named model ({@code host} is not one: see {@link #HOST}).
     *
     * @param name the name, case-sensitive as in QEMU
     * @return the model, or empty
     */
    Optional<Model> model(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /**
     * The models in QEMU's {@code -cpu help} order, then {@code host}.
     *
     * @return the names
     */
    List<String> names() {
        List<String> names = new java.util.ArrayList<>(models.keySet());
        names.add(names.indexOf("max"), HOST);
        return names;
    }

    /**
     * The QOM type of a settable CPU property.
     *
     * @param name the property name
     * @return {@code bool}, {@code uint32}, {@code string}, ... or empty for no such property
     */
    Optional<String> propertyType(String name) {
        return Optional.ofNullable(propertyTypes.get(name));
    }

    private static List<String[]> rows(String resource) {
        try (InputStream in = CpuModels.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            return reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.trim().split("\\s+"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
