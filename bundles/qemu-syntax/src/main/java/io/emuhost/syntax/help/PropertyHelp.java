package io.emuhost.syntax.help;

import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import io.emuhost.syntax.SizeParser;
import io.emuhost.syntax.SizeSyntaxException;
import java.util.List;

/**
 * One line per property in QEMU's {@code object_property_help} format:
 * {@code   name=<type>}, padded to 24 columns, then {@code  - description (default: json)};
 * the lines sorted as strings, as QEMU sorts them.
 */
public final class PropertyHelp {

    private static final int COLUMN = 24;

    private PropertyHelp() {
    }

    /**
     * The help lines of a type's properties.
     *
     * @param specs the properties
     * @return the lines, sorted
     */
    public static List<String> lines(List<PropertySpec> specs) {
        return specs.stream().map(PropertyHelp::line).sorted().toList();
    }

    /**
     * One help line.
     *
     * @param spec the property
     * @return e.g. {@code   size=<size>}
     */
    public static String line(PropertySpec spec) {
        StringBuilder line = new StringBuilder("  ").append(spec.name())
                .append("=<").append(spec.type().qemuName()).append('>');
        boolean described = !spec.description().isEmpty();
        if (described || spec.defaultValue().isPresent()) {
            while (line.length() < COLUMN) {
                line.append(' ');
            }
            line.append(" - ");
        }
        if (described) {
            line.append(spec.description());
        }
        spec.defaultValue().ifPresent(d -> line.append(" (default: ").append(json(spec.type(), d)).append(')'));
        return line.toString();
    }

    /** QEMU prints the default as JSON: booleans and numbers bare, everything else quoted. */
    static String json(PropertyType type, String value) {
        switch (type) {
            case BOOL:
                if ("on".equals(value) || "true".equals(value) || "yes".equals(value)) {
                    return "true";
                }
                if ("off".equals(value) || "false".equals(value) || "no".equals(value)) {
                    return "false";
                }
                break;
            case SIZE:
            case UINT64:
            case UINT32:
                try {
                    return Long.toString(SizeParser.parse(value));
                } catch (SizeSyntaxException e) {
                    break;
                }
            default:
                break;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
