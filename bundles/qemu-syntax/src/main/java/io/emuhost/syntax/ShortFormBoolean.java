package io.emuhost.syntax;

/**
 * A deprecated bare boolean key in a QemuOpts string ({@code share}, {@code noshare}).
 *
 * @param written the key as written, e.g. {@code noshare}
 * @param key the property it sets, e.g. {@code share}
 * @param value {@code on} or {@code off}
 */
public record ShortFormBoolean(String written, String key, String value) {

    /**
     * QEMU's warning, without the {@code warning: } prefix.
     *
     * @return e.g. {@code short-form boolean option 'share' deprecated}
     */
    public String warning() {
        return "short-form boolean option '" + written + "' deprecated";
    }

    /**
     * QEMU's hint line that follows the warning.
     *
     * @return e.g. {@code Please use share=on instead}
     */
    public String hint() {
        return "Please use " + key + "=" + value + " instead";
    }
}
