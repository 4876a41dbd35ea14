package dev.motospkg.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.motospkg.chart.ChartMetadata;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupersessionTest {
    private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");

    private static List<ReleaseStatus> read(ReleaseStatus... stored) {
        List<Release> revisions = new java.util.ArrayList<>();
        for (int i = 0; i < stored.length; i++) {
            revisions.add(new Release("motos", "ns", i + 1, stored[i], new ChartMetadata("motos", "0.1.0", "1.0", null),
                    Map.of(), "", T, T.plusSeconds(i), "r" + (i + 1)));
        }
        return Supersession.asRead(revisions).stream().map(Release::status).toList();
    }

    @Test
    void onlyTheNewestDeploymentReadsDeployed() {
        assertEquals(List.of(ReleaseStatus.SUPERSEDED, ReleaseStatus.SUPERSEDED, ReleaseStatus.DEPLOYED),
                read(ReleaseStatus.DEPLOYED, ReleaseStatus.DEPLOYED, ReleaseStatus.DEPLOYED));
    }

    @Test
    void failedAndPendingRevisionsReplaceNothing() {
        assertEquals(List.of(ReleaseStatus.SUPERSEDED, ReleaseStatus.DEPLOYED, ReleaseStatus.FAILED,
                        ReleaseStatus.PENDING_UPGRADE),
                read(ReleaseStatus.DEPLOYED, ReleaseStatus.DEPLOYED, ReleaseStatus.FAILED, ReleaseStatus.PENDING_UPGRADE));
    }

    @Test
    void anUninstalledOrUninstallingRevisionWasDeployedAndReplacedTheOlderOnes() {
        assertEquals(List.of(ReleaseStatus.SUPERSEDED, ReleaseStatus.UNINSTALLED),
                read(ReleaseStatus.DEPLOYED, ReleaseStatus.UNINSTALLED));
        assertEquals(List.of(ReleaseStatus.SUPERSEDED, ReleaseStatus.UNINSTALLING),
                read(ReleaseStatus.DEPLOYED, ReleaseStatus.UNINSTALLING));
    }

    @Test
    void aSupersededRevisionKeepsItsTimesAndDescription() {
        List<Release> stored = Arrays.asList(
                new Release("motos", "ns", 1, ReleaseStatus.DEPLOYED, new ChartMetadata("motos", "0.1.0", "1.0", null),
                        Map.of(), "", T, T.plusSeconds(5), "Install complete"),
                new Release("motos", "ns", 2, ReleaseStatus.DEPLOYED, new ChartMetadata("motos", "0.1.0", "1.0", null),
                        Map.of(), "", T, T.plusSeconds(9), "Upgrade complete"));
        Release first = Supersession.asRead(stored).get(0);
        assertEquals(T.plusSeconds(5), first.lastDeployed());
        assertEquals("Install complete", first.description());
    }
}
