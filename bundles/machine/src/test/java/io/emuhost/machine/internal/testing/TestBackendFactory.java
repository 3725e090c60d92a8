package io.emuhost.machine.internal.testing;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import io.emuhost.api.device.UserObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates {@link SparseFileBackend}s for {@code memory-backend-file} (alignment 4 KiB or
 * {@code align}) and {@code memory-backend-ram} (alignment 2 MiB, as anonymous RAM on x86_64).
 * Remembers what it made, in order.
 */
public final class TestBackendFactory implements ObjectFactory {

    private final Path dir;
    private final String type;
    private final List<SparseFileBackend> created = new ArrayList<>();
    private final List<String> closeLog;

    /**
     * Creates the factory.
     *
     * @param dir where backing files go
     * @param type the QOM type served
     */
    public TestBackendFactory(Path dir, String type) {
        this(dir, type, new ArrayList<>());
    }

    /**
     * Creates the factory; its backends record their closing in a shared log.
     *
     * @param dir where backing files go
     * @param type the QOM type served
     * @param closeLog ids of closed backends, in order
     */
    public TestBackendFactory(Path dir, String type, List<String> closeLog) {
        this.dir = dir;
        this.type = type;
        this.closeLog = closeLog;
    }

    @Override
    public List<PropertySpec> properties() {
        return List.of(
                new PropertySpec("size", PropertyType.SIZE, Optional.empty(), "size"),
                new PropertySpec("mem-path", PropertyType.STRING, Optional.empty(), "path"),
                new PropertySpec("share", PropertyType.BOOL, Optional.of("off"), "share"),
                new PropertySpec("readonly", PropertyType.BOOL, Optional.of("off"), "readonly"),
                new PropertySpec("align", PropertyType.SIZE, Optional.of("0"), "align"));
    }

    @Override
    public UserObject create(String id, Properties properties) throws ConfigurationException {
        long size = properties.size("size").orElseThrow(() -> new ConfigurationException("Parameter 'size' is missing"));
        long defaultAlign = type.equals("memory-backend-ram") ? 2L << 20 : 4096;
        long align = Math.max(defaultAlign, properties.size("align").orElse(0));
        SparseFileBackend backend = new SparseFileBackend(dir, id, type, size, align,
                properties.bool("readonly", false), closeLog);
        created.add(backend);
        return backend;
    }

    /** @return the backends made so far */
    public List<SparseFileBackend> created() {
        return created;
    }
}
