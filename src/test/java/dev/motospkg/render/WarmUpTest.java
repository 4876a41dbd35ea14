package dev.motospkg.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WarmUpTest {
    @Test
    void theThrowawayRenderRunsTheEngine() {
        // a warm-up that fails swallows its error; this is where a broken one shows
        assertTrue(WarmUp.run(), "the warm-up render failed, so it warms nothing");
    }
}
