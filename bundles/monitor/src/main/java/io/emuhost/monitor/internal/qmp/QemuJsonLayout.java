package io.emuhost.monitor.internal.qmp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;
import java.io.IOException;

/**
 * The layout of QEMU's JSON writer ({@code qobject/json-writer.c}): compact is
 * {@code {"a": 1, "b": [1, 2]}}; pretty ({@code -qmp-pretty}, {@code -mon pretty=on}) puts each
 * member and element on its own line, indented by four spaces. Empty objects and arrays are
 * {@code {}} and {@code []} in both.
 */
final class QemuJsonLayout implements PrettyPrinter, Instantiatable<QemuJsonLayout> {

    private static final String INDENT = "    ";

    private final boolean pretty;
    private int level;

    QemuJsonLayout(boolean pretty) {
        this.pretty = pretty;
    }

    @Override
    public QemuJsonLayout createInstance() {
        return new QemuJsonLayout(pretty);
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator gen) {
        // one value per message
    }

    @Override
    public void writeStartObject(JsonGenerator gen) throws IOException {
        gen.writeRaw('{');
        level++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator gen) throws IOException {
        newLine(gen);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(',');
        separate(gen);
    }

    @Override
    public void writeEndObject(JsonGenerator gen, int entries) throws IOException {
        level--;
        if (entries > 0) {
            newLine(gen);
        }
        gen.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator gen) throws IOException {
        gen.writeRaw('[');
        level++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator gen) throws IOException {
        newLine(gen);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(',');
        separate(gen);
    }

    @Override
    public void writeEndArray(JsonGenerator gen, int values) throws IOException {
        level--;
        if (values > 0) {
            newLine(gen);
        }
        gen.writeRaw(']');
    }

    private void separate(JsonGenerator gen) throws IOException {
        if (pretty) {
            newLine(gen);
        } else {
            gen.writeRaw(' ');
        }
    }

    private void newLine(JsonGenerator gen) throws IOException {
        if (pretty) {
            gen.writeRaw('\n');
            for (int i = 0; i < level; i++) {
                gen.writeRaw(INDENT);
            }
        }
    }
}
