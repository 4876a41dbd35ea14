package dev.motospkg.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MemoryReleaseLocksTest {

    private final Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00.5Z"), ZoneOffset.UTC);
    private final MemoryReleaseLocks locks = new MemoryReleaseLocks(clock, "host-a/pid-7");

    @Test
    void secondAcquireWhileHeldFailsNamingHolderAndSince() {
        try (ReleaseLocks.Lock lock = locks.acquire("prod", "motos", "upgrade")) {
            assertNull(lock.takenOverFrom());
            MotosException e = assertThrows(MotosException.class, () -> locks.acquire("prod", "motos", "rollback"));
            assertEquals("release motos is locked by host-a/pid-7 (upgrade) since 2025-03-01T10:00:00Z",
                    e.getMessage());
            assertEquals("wait for it to finish", e.hint());
            assertEquals(ExitCode.FAILED, e.exitCode());
        }
    }

    @Test
    void closeReleasesAndOtherReleasesAreIndependent() {
        ReleaseLocks.Lock motos = locks.acquire("prod", "motos", "install");
        locks.acquire("prod", "api", "install").close();
        locks.acquire("dev", "motos", "install").close();
        motos.close();
        assertFalse(locks.isHeld("prod", "motos"));
        locks.acquire("prod", "motos", "upgrade").close();
        motos.close(); // idempotent, and does not free someone else's lock
    }

    @Test
    void simulatedLiveHolderIsRefused() {
        locks.simulateHolder("prod", "motos", "ci-runner/pid-99", "upgrade");
        MotosException e = assertThrows(MotosException.class, () -> locks.acquire("prod", "motos", "uninstall"));
        assertTrue(e.getMessage().contains("locked by ci-runner/pid-99 (upgrade)"), e.getMessage());
    }

    @Test
    void simulatedStaleHolderIsTakenOver() {
        locks.simulateStaleHolder("prod", "motos", "ci-runner/pid-99", "upgrade");
        try (ReleaseLocks.Lock lock = locks.acquire("prod", "motos", "rollback")) {
            assertEquals("ci-runner/pid-99 upgrade", lock.takenOverFrom());
            assertTrue(locks.isHeld("prod", "motos"));
        }
        assertFalse(locks.isHeld("prod", "motos"));
    }

    @Test
    void closingAnOldLockDoesNotReleaseAPlantedOne() {
        ReleaseLocks.Lock ours = locks.acquire("prod", "motos", "upgrade");
        locks.simulateHolder("prod", "motos", "other/pid-1", "upgrade");
        ours.close();
        assertTrue(locks.isHeld("prod", "motos"));
    }
}
