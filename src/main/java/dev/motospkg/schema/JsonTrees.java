package dev.motospkg.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Plain Java values (as SnakeYAML produces them) to Jackson 3 nodes, and nodes to human-readable text. */
final class JsonTrees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_RENDERED = 80;

    private JsonTrees() {
    }

    static JsonNode toNode(Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                object.set(String.valueOf(e.getKey()), toNode(e.getValue()));
            }
            return object;
        } else if (value instanceof Collection<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            for (Object item : list) {
                array.add(toNode(item));
            }
            return array;
        } else if (value instanceof Object[] items) {
            ArrayNode array = NODES.arrayNode(items.length);
            for (Object item : items) {
                array.add(toNode(item));
            }
            return array;
        } else if (value instanceof String s) {
            return new SchemaJson.SchemaString(s);
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (value instanceof Integer i) {
            return NODES.numberNode(i.intValue());
        } else if (value instanceof Long l) {
            return NODES.numberNode(l.longValue());
        } else if (value instanceof Short s) {
            return NODES.numberNode(s.intValue());
        } else if (value instanceof Byte b) {
            return NODES.numberNode(b.intValue());
        } else if (value instanceof BigInteger bi) {
            return NODES.numberNode(bi);
        } else if (value instanceof Double d) {
            return NODES.numberNode(d.doubleValue());
        } else if (value instanceof Float f) {
            return NODES.numberNode(f.doubleValue());
        } else if (value instanceof BigDecimal bd) {
            return NODES.numberNode(bd);
        } else {
            // Dates, byte[] and anything exotic: validate their text form.
            return new SchemaJson.SchemaString(String.valueOf(value));
        }
    }

    /** Strings in double quotes, scalars as is, containers as compact JSON cut to a readable length. */
    static String render(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        String text = node.toString();
        if (text.length() > MAX_RENDERED) {
            text = text.substring(0, MAX_RENDERED - 3) + "...";
        }
        return text;
    }

    /** A user-facing name of the node's type: string, integer, number, boolean, null, map, list. */
    static String typeName(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        } else if (node.isString()) {
            return "string";
        } else if (node.isIntegralNumber()) {
            return "integer";
        } else if (node.isNumber()) {
            return "number";
        } else if (node.isBoolean()) {
            return "boolean";
        } else if (node.isObject()) {
            return "map";
        } else if (node.isArray()) {
            return "list";
        }
        return "value";
    }

    /** A value from the schema (enum member, bound) as plain text: strings unquoted unless empty or ambiguous. */
    static String plain(JsonNode node) {
        if (node.isString()) {
            String s = node.asString();
            return s.isEmpty() || s.contains(",") || !s.strip().equals(s) ? node.toString() : s;
        }
        return node.toString();
    }
}
