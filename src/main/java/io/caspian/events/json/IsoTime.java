package io.caspian.events.json;

import java.time.Instant;
import java.time.Month;
import java.time.Year;

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

    /**
     * The instant of text in exactly the shape {@link #of} writes ({@code 2022-03-01T08:15:00Z} or
     * {@code 2022-03-01T08:15:00.250Z}, years 1970-9999), read without the formatter: every reading and
     * record carries such a time. Null for any other text, valid or not (another offset, fraction length
     * or separator, a leap second, an impossible date): the caller parses that the general way.
     */
    static Long parse(String text) {
        int length = text.length();
        if ((length != 20 && length != 24) || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z'
                || (length == 24 && text.charAt(19) != '.')) {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        int millis = length == 24 ? number(text, 20, 3) : 0;
        if (hour < 0 || minute < 0 || second < 0 || millis < 0) {
            return null; // a character that is not a digit
        }
        if (year < 1970 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year)) || hour > 23
                || minute > 59 || second > 59) {
            return null;
        }
        // days from 1970-01-01 to the date, in eras of 400 years from 0000-03-01 (the inverse of of's)
        int y = month <= 2 ? year - 1 : year;
        int era = y / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        long days = era * 146_097L + dayOfEra - 719_468;
        return days * DAY_MILLIS + hour * 3_600_000L + minute * 60_000L + second * 1000L + millis;
    }

    /** The decimal number in {@code width} characters from {@code at}; -1 when one is not a digit. */
    private static int number(String text, int at, int width) {
        int value = 0;
        for (int k = at; k < at + width; k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int k = width - 1; k >= 0; k--) {
            text[at + k] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
