package dev.motospkg.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
    private static final ObjectKey DEFAULT_NS = new ObjectKey("v1", "Namespace", null, "default");
    private static final ObjectKey MOTOS_NS = new ObjectKey("v1", "Namespace", null, "motos");
    private static final ObjectKey CREDENTIALS = new ObjectKey("v1", "Secret", "motos", "postgres-credentials");
    private static final ObjectKey OTHER = new ObjectKey("v1", "Secret", "motos", "other");

    private static Map<String, Object> named(String name) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("metadata", metadata);
        return object;
    }

    @Test
    void aCompleteListAnswersOnceForWhatItHeldAndForWhatItDidNot() {
        ReadAhead readAhead = new ReadAhead();
        readAhead.learn("v1", "Namespace", null, List.of(named("default")), true);

        assertEquals(Optional.of(Optional.of(named("default"))), readAhead.take(DEFAULT_NS));
        assertEquals(Optional.empty(), readAhead.take(DEFAULT_NS), "a second read goes to the server");
        assertEquals(Optional.of(Optional.empty()), readAhead.take(MOTOS_NS), "absent from a complete list");
        assertEquals(Optional.empty(), readAhead.take(MOTOS_NS));
    }

    @Test
    void aPartialListAnswersOnlyForWhatItHeld() {
        ReadAhead readAhead = new ReadAhead();
        readAhead.learn("v1", "Secret", "motos", List.of(named("postgres-credentials")), false);

        assertEquals(Optional.of(Optional.of(named("postgres-credentials"))), readAhead.take(CREDENTIALS));
        assertEquals(Optional.empty(), readAhead.take(OTHER), "the list's selector may have left it out");
    }

    @Test
    void aWriteForgetsWhatWasLearntAndALaterListDoesNotBringItBack() {
        ReadAhead readAhead = new ReadAhead();
        readAhead.learn("v1", "Secret", "motos", List.of(named("postgres-credentials")), false);
        readAhead.forget(CREDENTIALS);
        assertEquals(Optional.empty(), readAhead.take(CREDENTIALS));

        readAhead.learn("v1", "Secret", "motos", List.of(named("postgres-credentials")), false);
        assertEquals(Optional.empty(), readAhead.take(CREDENTIALS), "the list may predate the write");
    }

    @Test
    void anObjectAWriteReturnedIsAnsweredOnce() {
        ReadAhead readAhead = new ReadAhead();
        readAhead.learn("v1", "Namespace", null, List.of(), true);
        readAhead.forget(MOTOS_NS);
        readAhead.learn(MOTOS_NS, named("motos"));

        assertEquals(Optional.of(Optional.of(named("motos"))), readAhead.take(MOTOS_NS));
        assertEquals(Optional.empty(), readAhead.take(MOTOS_NS));
    }

    @Test
    void aNamespaceIsKnownAbsentOnlyFromACompleteListAndUntilItIsWritten() {
        ReadAhead readAhead = new ReadAhead();
        assertFalse(readAhead.namespaceAbsent("motos"), "nothing listed: unknown, not absent");

        readAhead.learn("v1", "Namespace", null, List.of(named("default")), true);
        assertTrue(readAhead.namespaceAbsent("motos"));
        assertTrue(readAhead.namespaceAbsent("motos"), "asking does not use the answer up");
        assertFalse(readAhead.namespaceAbsent("default"));

        readAhead.forget(MOTOS_NS);
        assertFalse(readAhead.namespaceAbsent("motos"), "written since: it may exist now");
    }

    @Test
    void anAnswerIsACopy() {
        ReadAhead readAhead = new ReadAhead();
        Map<String, Object> listed = named("default");
        readAhead.learn("v1", "Namespace", null, List.of(listed), true);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) readAhead.take(DEFAULT_NS).orElseThrow().orElseThrow()
                .get("metadata");
        metadata.put("name", "changed");
        assertEquals("default", ((Map<?, ?>) listed.get("metadata")).get("name"));
    }
}
