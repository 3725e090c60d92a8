package io.emuhost.backend.file.internal;

import static io.emuhost.backend.file.internal.MemoryBackendOptions.spec;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.OnOffAuto;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The properties of {@code memory-backend-file} (QAPI {@code MemoryBackendFileProperties}).
 *
 * @param common the properties every backend has
 * @param memPath file, directory or device node
 * @param align requested alignment, 0 for the page size
 * @param offset where the mapping starts in the file (QEMU 8.1)
 * @param discardData MADV_REMOVE over the mapping on close
 * @param lock take the advisory lock of {@link BackingFileLock} (emuhost; not in QEMU)
 * @param pmem request MAP_SYNC
 * @param readonly open the file O_RDONLY
 * @param rom map the region read-only (QEMU 8.2; {@code auto} resolved from {@code readonly})
 * @param romProperty {@code rom} as given, which {@code qom-get} returns
 */
record FileBackendOptions(MemoryBackendOptions common, String memPath, long align, long offset,
        boolean discardData, boolean lock, boolean pmem, boolean readonly, boolean rom, OnOffAuto romProperty) {

    static final String TYPE = "memory-backend-file";

    static List<PropertySpec> specs() {
        List<PropertySpec> specs = new ArrayList<>(MemoryBackendOptions.specs());
        specs.add(spec("align", PropertyType.SIZE, "0", "Alignment of the mapping (0: the page size)"));
        specs.add(spec("discard-data", PropertyType.BOOL, "off", "Discard the file's data when the object goes away"));
        specs.add(spec("lock", PropertyType.BOOL, "on", "Lock the file against other users (emuhost):"
                + " exclusive for a writable shared mapping, else shared"));
        specs.add(spec("mem-path", PropertyType.STRING, null, "File, directory or device node to map"));
        specs.add(spec("offset", PropertyType.SIZE, "0", "Offset into the file of the mapping"));
        specs.add(spec("pmem", PropertyType.BOOL, "off", "Map with MAP_SYNC (persistent memory)"));
        specs.add(spec("readonly", PropertyType.BOOL, "off", "Open the file read-only"));
        specs.add(spec("rom", PropertyType.ON_OFF_AUTO, "auto", "Map the memory as ROM (auto: follow readonly)"));
        specs.sort(Comparator.comparing(PropertySpec::name));
        return List.copyOf(specs);
    }

    static FileBackendOptions parse(Properties properties) throws ConfigurationException {
        MemoryBackendOptions common = MemoryBackendOptions.parse(TYPE, properties);
        long align = properties.size("align").orElse(0);
        long offset = properties.size("offset").orElse(0);
        boolean discardData = properties.bool("discard-data", false);
        boolean lock = properties.bool("lock", true);
        String memPath = properties.string("mem-path");
        boolean pmem = properties.bool("pmem", false);
        boolean readonly = properties.bool("readonly", false);
        OnOffAuto rom = properties.onOffAuto("rom");
        return new FileBackendOptions(common, memPath, align, offset, discardData, lock, pmem, readonly,
                resolveRom(rom, readonly, common.share()), rom);
    }

    // QEMU 8.2 backends/hostmem-file.c file_backend_memory_alloc
    private static boolean resolveRom(OnOffAuto rom, boolean readonly, boolean share)
            throws ConfigurationException {
        return switch (rom) {
            case AUTO -> readonly;
            case ON -> {
                if (!readonly) {
                    throw new MemoryBackendException.RomOnWithoutReadonly();
                }
                yield true;
            }
            case OFF -> {
                if (readonly && share) {
                    throw new MemoryBackendException.RomOffWithReadonlyShare();
                }
                yield false;
            }
        };
    }
}
