package io.caspian.events;

/** Forecast carbon intensity of a zone for the period starting at {@code timestampMillis}. */
public record ForecastPoint(long timestampMillis, double intensityGco2PerKwh) {}
