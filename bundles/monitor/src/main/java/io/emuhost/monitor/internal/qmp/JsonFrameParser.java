package io.emuhost.monitor.internal.qmp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one top-level value cut out by {@link JsonFramer} with Jackson's streaming parser into
 * plain Java values: {@code Map} (member order kept), {@code List}, {@code String}, {@code Long}
 * ({@code BigInteger} above {@code Long.MAX_VALUE} up to 2^64-1, as QEMU's unsigned numbers;
 * {@code Double} beyond), {@code Double}, {@code Boolean}, {@code null}. Accepts what QEMU's
 * parser accepts beyond RFC 8259: single-quoted strings and the {@code \'} escape. Rejects
 * duplicate keys and lone surrogate escapes as QEMU does.
 */
final class JsonFrameParser {

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** {@code -9223372036854775808}: no longer integer fits int64 or uint64 (JSON has no leading zeros). */
    private static final int MAX_INTEGER_CHARS = 20;

    private final JsonFactory factory;

    /**
     * Creates a parser for values up to a size.
     *
     * @param maxValueBytes the framer's limit, so that Jackson's own limits never come first
     */
    JsonFrameParser(int maxValueBytes) {
        this.factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(JsonFramer.MAX_NESTING + 1)
                        .maxNumberLength(maxValueBytes)
                        .maxStringLength(maxValueBytes)
                        .build())
                .build();
    }

    /**
     * Parses one value.
     *
     * @param bytes the value's bytes
     * @param length how many
     * @return the value
     * @throws QmpException {@code GenericError} with QEMU's {@code JSON parse error, ...} text
     */
    Object parse(byte[] bytes, int length) throws QmpException {
        JsonParser parser;
        try {
            parser = factory.createParser(bytes, 0, length);
        } catch (IOException e) {
            throw new QmpException(QmpError.generic("JSON parse error, " + e.getMessage()));
        }
        JsonToken last = null;
        try {
            Deque<Object> open = new ArrayDeque<>();
            Deque<String> names = new ArrayDeque<>();
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                Object value = switch (token) {
                    case START_OBJECT -> {
                        open.push(new LinkedHashMap<String, Object>());
                        yield null;
                    }
                    case START_ARRAY -> {
                        open.push(new ArrayList<>());
                        yield null;
                    }
                    case FIELD_NAME -> {
                        names.push(checked(parser.currentName(), bytes, length));
                        yield null;
                    }
                    case END_OBJECT, END_ARRAY -> open.pop();
                    case VALUE_STRING -> checked(parser.getText(), bytes, length);
                    case VALUE_NUMBER_INT -> integer(parser);
                    case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                    case VALUE_TRUE -> Boolean.TRUE;
                    case VALUE_FALSE -> Boolean.FALSE;
                    default -> null;
                };
                last = token;
                boolean complete = token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY
                        && token != JsonToken.FIELD_NAME;
                if (complete) {
                    if (open.isEmpty()) {
                        return value;
                    }
                    add(open.peek(), names, value);
                }
            }
            throw new QmpException(QmpError.generic("JSON parse error, premature end of input"));
        } catch (JsonParseException e) {
            throw new QmpException(QmpError.generic(
                    JsonSyntaxErrors.describe(e, bytes, length, parser.getParsingContext(), last)));
        } catch (IOException e) {
            throw new QmpException(QmpError.generic("JSON parse error, " + e.getMessage()));
        } finally {
            close(parser);
        }
    }

    private static void close(JsonParser parser) {
        try {
            parser.close();
        } catch (IOException e) {
            // a parser over a byte array has nothing to release
        }
    }

    @SuppressWarnings("unchecked")
    private static void add(Object container, Deque<String> names, Object value) {
        if (container instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(names.pop(), value);
        } else {
            ((List<Object>) container).add(value);
        }
    }

    /**
     * QEMU's parse_literal: int64, else uint64, else double. An integer longer than any uint64
     * or int64 is read as a double at once: BigInteger's parse is quadratic in the digits, and a
     * value may hold 64 MiB of them.
     */
    private static Object integer(JsonParser parser) throws IOException {
        if (parser.getTextLength() > MAX_INTEGER_CHARS) {
            return Double.parseDouble(parser.getText());
        }
        if (parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        BigInteger big = parser.getBigIntegerValue();
        return big.signum() > 0 && big.compareTo(UINT64_MAX) <= 0 ? big : big.doubleValue();
    }

    /** QEMU rejects a {@code \\u} escape of a lone surrogate, which Jackson lets through. */
    private static String checked(String text, byte[] bytes, int length) throws QmpException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new QmpException(QmpError.generic("JSON parse error, "
                        + JsonSyntaxErrors.escapeOf(c, bytes, length) + " is not a valid Unicode character"));
            }
        }
        return text;
    }
}
