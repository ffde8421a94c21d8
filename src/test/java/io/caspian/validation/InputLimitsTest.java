package io.caspian.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.caspian.config.ConfigLoader;
import io.caspian.events.CarbonReading;
import io.caspian.events.Cluster;
import io.caspian.events.ClusterStatus;
import io.caspian.events.ForecastPoint;
import io.caspian.events.RawRecord;
import io.caspian.events.Resources;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.WorkloadSpec;
import io.caspian.events.json.InvalidRecordException;
import io.caspian.events.json.WorkloadEventJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputLimitsTest {

    static final long NOW = Instant.parse("2026-01-01T12:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000L;
    static final InputLimits LIMITS = new InputLimits(ConfigLoader.defaults().limits(), EventClock.fixedAt(NOW));

    static WorkloadSpec spec(double cpu, int runtime, int deadline) {
        return new WorkloadSpec(cpu, 4, 0, 1, runtime, deadline, List.of(), "python:3.12", List.of("python", "x.py"), null);
    }

    static WorkloadEvent submitted(String id, long at, WorkloadSpec spec) {
        return new WorkloadEvent(id, WorkloadAction.SUBMITTED, at, spec, null);
    }

    static InvalidRecordException refused(ThrowingCheck check) {
        InvalidRecordException e = catchThrowableOfType(InvalidRecordException.class, check::run);
        assertThat(e).as("the record must be refused").isNotNull();
        return e;
    }

    @FunctionalInterface
    interface ThrowingCheck {
        void run() throws InvalidRecordException;
    }

    @Test
    void anOrdinaryWorkloadPasses() {
        assertThatCode(() -> LIMITS.check(submitted("train-1", NOW - MINUTE, spec(16, 240, 720)))).doesNotThrowAnyException();
    }

    @Test
    void aHugeRuntimeNamesTheFieldTheLimitAndTheValue() {
        InvalidRecordException e = refused(() -> LIMITS.check(submitted("w", NOW, spec(1, 2_000_000_000, 2_000_000_000))));
        assertThat(e.reason()).isEqualTo(InputLimits.LIMIT_EXCEEDED);
        assertThat(e.getMessage()).isEqualTo("field 'runtime_minutes' is 2000000000, above limits.runtime-minutes (10080)");
    }

    @Test
    void resourcesBeyondTheLargestPlausibleClusterAreRefused() {
        assertThat(refused(() -> LIMITS.check(submitted("w", NOW, spec(1e12, 10, 20)))).getMessage())
                .startsWith("field 'cpu' is 1000000000000, above limits.cpu");
        Cluster giant = new Cluster("c", "KR", new Resources(1, 1e12, 0), Resources.NONE, null, ClusterStatus.READY, NOW);
        assertThat(refused(() -> LIMITS.check(giant)).getMessage()).startsWith("field 'resources.total.mem_gb' is");
    }

    @Test
    void identifiersAreBoundedInLengthAndAlphabet() {
        InvalidRecordException longId = refused(() -> LIMITS.check(submitted("x".repeat(600_000), NOW, spec(1, 10, 20))));
        assertThat(longId.reason()).isEqualTo(InputLimits.INVALID_IDENTIFIER);
        assertThat(longId.getMessage()).startsWith("field 'job_id' has 600000 characters, more than limits.id-length (128)");
        assertThat(longId.getMessage().length()).isLessThan(200);
        assertThat(refused(() -> LIMITS.check(submitted("a b/c", NOW, spec(1, 10, 20)))).reason())
                .isEqualTo(InputLimits.INVALID_IDENTIFIER);
        assertThat(refused(() -> LIMITS.check(submitted("-leading-dash", NOW, spec(1, 10, 20)))).reason())
                .isEqualTo(InputLimits.INVALID_IDENTIFIER);
        assertThatCode(() -> LIMITS.check(submitted("team.a:ml_job-7", NOW, spec(1, 10, 20)))).doesNotThrowAnyException();
        CarbonReading badZone = new CarbonReading("KR;drop", 400, NOW, "t", false, "average", List.of());
        assertThat(refused(() -> LIMITS.check(badZone)).reason()).isEqualTo(InputLimits.INVALID_IDENTIFIER);
    }

    @Test
    void eventTimeMayNotRunAheadOfTheClockNorStartBeforeAnyRealData() {
        InvalidRecordException future = refused(() -> LIMITS.check(submitted("w",
                Instant.parse("9999-01-01T00:00:00Z").toEpochMilli(), spec(1, 10, 20))));
        assertThat(future.reason()).isEqualTo(InputLimits.EVENT_TIME_OUT_OF_RANGE);
        assertThat(future.getMessage()).isEqualTo("field 'timestamp' is 9999-01-01T00:00:00Z, more than limits.future-skew "
                + "(PT2M) ahead of the job's clock (2026-01-01T12:00:00Z)");
        // a clock in microseconds read as milliseconds lands far in the future
        assertThat(refused(() -> LIMITS.check(submitted("w", NOW * 1000, spec(1, 10, 20)))).reason())
                .isEqualTo(InputLimits.EVENT_TIME_OUT_OF_RANGE);
        // seconds read as milliseconds land in January 1970
        assertThat(refused(() -> LIMITS.check(submitted("w", NOW / 1000, spec(1, 10, 20)))).getMessage())
                .contains("before limits.earliest-event-time (2000-01-01T00:00:00Z)");
        assertThatCode(() -> LIMITS.check(submitted("w", NOW + MINUTE, spec(1, 10, 20)))).doesNotThrowAnyException();
    }

    @Test
    void intensityAndForecastAreBounded() {
        CarbonReading extreme = new CarbonReading("KR", 1e308, NOW, "t", false, "average", List.of());
        InvalidRecordException e = refused(() -> LIMITS.check(extreme));
        assertThat(e.reason()).isEqualTo(InputLimits.LIMIT_EXCEEDED);
        assertThat(e.getMessage()).startsWith("field 'carbon_intensity_gco2_per_kwh' is 1.0E308, above limits.intensity-gco2-per-kwh");
        List<ForecastPoint> many = new ArrayList<>(Collections.nCopies(5000, new ForecastPoint(NOW + MINUTE, 300)));
        CarbonReading long_ = new CarbonReading("KR", 400, NOW, "t", false, "average", many);
        assertThat(refused(() -> LIMITS.check(long_)).getMessage()).startsWith("field 'forecast (points)' is 5000");
        CarbonReading far = new CarbonReading("KR", 400, NOW, "t", false, "average",
                List.of(new ForecastPoint(NOW + 400L * 24 * 60 * MINUTE, 300)));
        assertThat(refused(() -> LIMITS.check(far)).getMessage()).contains("beyond limits.forecast-horizon");
        CarbonReading negativePoint = new CarbonReading("KR", 400, NOW, "t", false, "average",
                List.of(new ForecastPoint(NOW + MINUTE, -1)));
        assertThat(refused(() -> LIMITS.check(negativePoint)).reason()).isEqualTo(InvalidRecordException.INVALID_FIELD);
    }

    @Test
    void commandsAndImagesAreBounded() {
        WorkloadSpec wide = new WorkloadSpec(1, 1, 0, 0, 10, 20, List.of(), "x".repeat(513), List.of(), null);
        assertThat(refused(() -> LIMITS.check(submitted("w", NOW, wide))).getMessage()).startsWith("field 'image (characters)' is 513");
        WorkloadSpec chatty = new WorkloadSpec(1, 1, 0, 0, 10, 20, List.of(), "i", Collections.nCopies(300, "a"), null);
        assertThat(refused(() -> LIMITS.check(submitted("w", NOW, chatty))).getMessage()).startsWith("field 'command (arguments)' is 300");
    }

    @Test
    void theSizeAndEncodingAsReceivedAreCheckedBeforeParsing() throws Exception {
        RawRecord big = new RawRecord("t", 0, 1, 0, "é".repeat(600_000));
        InvalidRecordException e = refused(() -> LIMITS.checkReceived(big));
        assertThat(e.reason()).isEqualTo(InputLimits.OVERSIZED);
        assertThat(e.getMessage()).startsWith("payload of 1200000 bytes exceeds limits.payload-bytes (1048576)");
        RawRecord binary = new RawRecord("t", 0, 2, 0, "//79", RawRecord.BASE64, 3);
        assertThat(refused(() -> LIMITS.checkReceived(binary)).reason()).isEqualTo(InputLimits.INVALID_ENCODING);
        LIMITS.checkReceived(new RawRecord("t", 0, 3, 0, WorkloadEventJson.write(submitted("ok", NOW, spec(1, 10, 20)))));
    }
}
