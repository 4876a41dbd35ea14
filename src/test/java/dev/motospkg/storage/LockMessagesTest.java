package dev.motospkg.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockMessagesTest {
    private static final Instant SINCE = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aHolderThatIsGoneIsNotGivenAnExpiry() {
        var e = LockMessages.locked("motos", "host/pid-42", "upgrade", SINCE, SINCE.plusSeconds(30), true);
        assertFalse(e.hint().contains("expires"), e.hint());
        assertTrue(e.hint().contains("takes the lock over at once"), e.hint());
    }

    @Test
    void aLiveOrRemoteHolderIsWaitedForUntilItsLockExpires() {
        var e = LockMessages.locked("motos", "other-host/pid-42", "upgrade", SINCE, SINCE.plusSeconds(30), false);
        assertTrue(e.hint().contains("expires at 2026-12-01T10:00:30Z"), e.hint());
    }
}
