package dev.motospkg.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The streaming reader gives the tree and the errors JsonMapper.readTree gave before it. */
class SchemaJsonTest {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    @Test
    void sameTreeAsReadTree() throws Exception {
        String chartSchema = Files.readString(Path.of("schema/values.schema.json"));
        for (String json : new String[] {chartSchema, "null", "{}", "[1,2]", "\"s\"", "{\"x\":{\"y\":{}}}  \n\n",
                "{\"enum\": [\"a\\\"b\\\\c/d\", \"\\b\\t\\n\\f\\r\\u0001\\u001f\\u007f\\u2028 \u00e9\", \"\"]}",
                "{\"a\": 1.5, \"b\": 12345678901, \"c\": 123456789012345678901234567890, \"d\": 1e400,"
                        + " \"e\": -0.0, \"f\": 1E5, \"g\": [true, false, null, \"x\\u00e9\"]}"}) {
            JsonNode expected = MAPPER.readTree(json);
            JsonNode actual = SchemaJson.read(json);
            assertEquals(expected, actual, json);
            assertEquals(expected.toString(), actual.toString(), json);
        }
    }

    @Test
    void emptyInputIsNoDocument() {
        assertNull(SchemaJson.read(""));
        assertNull(SchemaJson.read("  \n"));
    }

    @Test
    void sameErrorsAsReadTree() {
        for (String json : new String[] {"{\"a\":1,\"a\":2}", "{\"type\": \"object\",\n  \"properties\": {,}}", "{} x",
                "{\"a\"", "{'a':1}", "// c\n{}", "{\"a\":1,}", "[1,]", "{\"a\": NaN}", "{}\n]"}) {
            JacksonException expected = assertThrows(JacksonException.class, () -> MAPPER.readTree(json));
            JacksonException actual = assertThrows(JacksonException.class, () -> SchemaJson.read(json));
            assertEquals(expected.getOriginalMessage(), actual.getOriginalMessage(), json);
            assertEquals(expected.getLocation().getLineNr(), actual.getLocation().getLineNr(), json);
            assertEquals(expected.getLocation().getColumnNr(), actual.getLocation().getColumnNr(), json);
        }
    }

    @Test
    void trailingTokensAreRefusedWithoutClassNames() {
        JacksonException e = assertThrows(JacksonException.class, () -> SchemaJson.read("{} {}"));
        assertEquals("Trailing token (`JsonToken.START_OBJECT`) found after value: not allowed", e.getOriginalMessage());
        assertEquals(4, e.getLocation().getColumnNr());
    }
}
