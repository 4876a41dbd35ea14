package dev.motospkg.schema;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Reads a schema file into a Jackson tree with the streaming parser and the node factory only.
 * Why not {@code JsonMapper.readTree}: building a mapper loads ~450 databind classes, a quarter of
 * a {@code template} run's start-up, to read one small file; this gives the same tree (SchemaJsonTest
 * compares the two) and the same errors for bad JSON.
 */
final class SchemaJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Deeper than any schema a person writes, and far from a stack overflow. */
    private static final int MAX_DEPTH = 500;

    private SchemaJson() {
    }

    /** The document's root node; null for empty input (as {@code readTree} gives a missing node). */
    static JsonNode read(String json) throws JacksonException {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return null;
            }
            JsonNode root = value(p, first, 0);
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                // readTree's FAIL_ON_TRAILING_TOKENS, in its words minus the class names
                throw new StreamReadException(p, "Trailing token (`JsonToken." + trailing
                        + "`) found after value: not allowed", p.currentTokenLocation());
            }
            return root;
        }
    }

    private static JsonNode value(JsonParser p, JsonToken token, int depth) {
        if (depth > MAX_DEPTH) {
            throw new StreamReadException(p, "nested more than " + MAX_DEPTH + " levels deep");
        }
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String name = p.currentName();
                    object.set(name, value(p, p.nextToken(), depth + 1));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(value(p, t, depth + 1));
                }
                return array;
            }
            case VALUE_STRING:
                return new SchemaString(p.getString());
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new StreamReadException(p, "unexpected token " + token);
        }
    }

    /**
     * A string of the schema that prints itself: networknt prints every {@code enum} member while it
     * compiles the schema, and {@code StringNode.toString} would build a whole JsonMapper for that.
     * The same text as Jackson's (short escapes for \\b \\t \\n \\f \\r, else {@code \\u00XX}).
     */
    static final class SchemaString extends StringNode {
        SchemaString(String value) {
            super(value);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(_value.length() + 2).append('"');
            for (int i = 0; i < _value.length(); i++) {
                char c = _value.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\b' -> sb.append("\\b");
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\f' -> sb.append("\\f");
                    case '\r' -> sb.append("\\r");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04X", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.append('"').toString();
        }
    }
}
