package io.emuhost.monitor.internal.qmp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes QMP messages as QEMU 7.2 does: members in QEMU's order ({@link QdictOrder}), QEMU's
 * spacing ({@link QemuJsonLayout}), every character outside printable ASCII escaped as
 * {@code \\uXXXX} (upper-case hex), floating-point numbers as {@code %.17g}, and each message
 * followed by {@code \r\n} (pretty messages have {@code \r\n} between their lines too: QEMU's
 * monitor output turns every newline into CR LF).
 */
final class QmpJson {

    private final ObjectWriter compact;
    private final ObjectWriter pretty;

    QmpJson() {
        JsonFactory factory = new JsonFactoryBuilder()
                .characterEscapes(new DeleteEscaped())
                .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                .build();
        ObjectMapper mapper = JsonMapper.builder(factory)
                .addModule(new SimpleModule().addSerializer(Double.class, new DoubleSerializer()))
                .build();
        this.compact = mapper.writer(new QemuJsonLayout(false));
        this.pretty = mapper.writer(new QemuJsonLayout(true));
    }

    /**
     * Encodes one message.
     *
     * @param message a JSON-shaped value (maps, lists, strings, numbers, booleans, null)
     * @param prettyLayout whether to spread it over indented lines
     * @return the bytes to send, {@code \r\n} included
     */
    byte[] encode(Object message, boolean prettyLayout) {
        try {
            String json = (prettyLayout ? pretty : compact).writeValueAsString(QdictOrder.forOutput(message));
            return (json.replace("\n", "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON-shaped value: " + message, e);
        }
    }

    /** QEMU escapes DEL (0x7f) too. */
    private static final class DeleteEscaped extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes = standardAsciiEscapesForJSON();

        DeleteEscaped() {
            escapes[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    private static final class DoubleSerializer extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        DoubleSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(CDoubleFormat.format(value));
        }
    }
}
