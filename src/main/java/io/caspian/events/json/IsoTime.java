package io.caspian.events.json;

import java.time.Instant;

/**
 * An instant in milliseconds as ISO-8601 text in UTC, exactly as {@link Instant#toString()} writes it
 * ({@code 2022-03-01T08:15:00Z}, with {@code .SSS} only when the milliseconds are not zero), without
 * the formatter's per-call work: a round writes a time for every start it weighed. Years outside
 * 1970-9999 go to {@link Instant#toString()}.
 */
final class IsoTime {

    private static final long DAY_MILLIS = 86_400_000L;
    /** 10000-01-01T00:00:00Z. */
    private static final long YEAR_10000_MILLIS = 253_402_300_800_000L;

    private IsoTime() {}

    static String of(long epochMillis) {
        if (epochMillis < 0 || epochMillis >= YEAR_10000_MILLIS) {
            return Instant.ofEpochMilli(epochMillis).toString();
        }
        long days = epochMillis / DAY_MILLIS;
        int millisOfDay = (int) (epochMillis % DAY_MILLIS);
        // the proleptic Gregorian date of a day count from 1970-01-01, in eras of 400 years from 0000-03-01
        long shifted = days + 719_468;
        long era = shifted / 146_097;
        long dayOfEra = shifted - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthFromMarch = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
        int month = (int) (monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));

        char[] text = new char[millisOfDay % 1000 == 0 ? 20 : 24];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, month, 2);
        text[7] = '-';
        digits(text, 8, day, 2);
        text[10] = 'T';
        digits(text, 11, millisOfDay / 3_600_000, 2);
        text[13] = ':';
        digits(text, 14, millisOfDay / 60_000 % 60, 2);
        text[16] = ':';
        digits(text, 17, millisOfDay / 1000 % 60, 2);
        if (text.length == 24) {
            text[19] = '.';
            digits(text, 20, millisOfDay % 1000, 3);
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int k = width - 1; k >= 0; k--) {
            text[at + k] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
