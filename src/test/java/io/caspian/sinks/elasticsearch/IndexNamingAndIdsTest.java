package io.caspian.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.config.CaspianConfig.IndexMode;
import io.caspian.events.DeadLetter;
import io.caspian.events.RawRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IndexNamingAndIdsTest {

    @Test
    void dailyIndicesFollowTheEventsUtcDay() {
        IndexNaming naming = new IndexNaming("caspian", "audit-events", IndexMode.DAILY);
        assertThat(naming.indexFor(Instant.parse("2025-10-22T23:59:59.999Z").toEpochMilli())).isEqualTo("caspian-audit-events-2025.10.22");
        assertThat(naming.indexFor(Instant.parse("2025-10-23T00:00:00Z").toEpochMilli())).isEqualTo("caspian-audit-events-2025.10.23");
        assertThat(naming.pattern()).isEqualTo("caspian-audit-events-*");
    }

    @Test
    void rolloverModeWritesToTheAliasWhoseFirstIndexTheTemplateMatches() {
        IndexNaming naming = new IndexNaming("ops", "placements", IndexMode.ROLLOVER);
        assertThat(naming.indexFor(0)).isEqualTo("ops-placements");
        assertThat(naming.firstRolloverIndex()).isEqualTo("ops-placements-000001").startsWith("ops-placements-");
    }

    @Test
    void deadLetterIdsDependOnWhereAndWhatNotWhen() {
        DeadLetter letter = received(17, 1000);
        DeadLetter sameLater = received(17, 9000);
        DeadLetter otherOffset = received(18, 1000);
        assertThat(IndexedStreams.deadLetterId(letter)).isEqualTo(IndexedStreams.deadLetterId(sameLater)).hasSize(64);
        assertThat(IndexedStreams.deadLetterId(letter)).isNotEqualTo(IndexedStreams.deadLetterId(otherOffset));
    }

    private static DeadLetter received(long offset, long timestampMillis) {
        return DeadLetter.of(new RawRecord("caspian.workloads", 0, offset, timestampMillis, "{bad"), DeadLetter.PARSE,
                "invalid_json", "not JSON");
    }

    @Test
    void twoRefusalsOfOneRecordAreTwoDocuments() {
        RawRecord history = new RawRecord("caspian.carbon-intensity", 0, 5, 1000, null);
        DeadLetter first = DeadLetter.of(history, DeadLetter.ROUNDS, "late", "reading at 08:00 arrived late");
        DeadLetter second = DeadLetter.of(history, DeadLetter.ROUNDS, "late", "reading at 09:00 arrived late");
        assertThat(IndexedStreams.deadLetterId(first)).isNotEqualTo(IndexedStreams.deadLetterId(second));
    }

    @Test
    void hashedPartsCannotBeShiftedIntoEachOther() {
        assertThat(IndexedStreams.sha256("ab", "c")).isNotEqualTo(IndexedStreams.sha256("a", "bc"));
    }

    @Test
    void analyticsAndAlertIdsComeFromTheirFieldsAndAMissingFieldIsAnError() {
        String window = "{\"window\":\"1h\",\"scope\":\"carbon-kr\",\"window_start\":\"2025-10-22T08:00:00Z\",\"decisions\":3}";
        assertThat(JsonDocumentFields.analyticsId(window)).isEqualTo("1h@carbon-kr@2025-10-22T08:00:00Z");
        assertThat(JsonDocumentFields.analyticsTime(window)).isEqualTo(Instant.parse("2025-10-22T08:00:00Z").toEpochMilli());
        String alert = "{\"alert_id\":\"a-1\",\"state\":\"resolved\",\"timestamp\":\"2025-10-22T08:05:00Z\"}";
        assertThat(JsonDocumentFields.alertId(alert)).isEqualTo("a-1@resolved");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonDocumentFields.alertId("{\"state\":\"fired\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alert_id");
    }
}
