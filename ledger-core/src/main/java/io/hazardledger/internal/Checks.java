package io.hazardledger.internal;

import io.hazardledger.InvalidInputException;
import io.hazardledger.integrity.Hashes;

import java.util.Collection;
import java.util.regex.Pattern;

/** Field checks shared by the command records; each failure names the field. */
public final class Checks {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]{0,14})(\\.[0-9]{1,2})?");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*");

    private Checks() {
    }

    public static String id(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(field, "is required");
        }
        if (!ID.matcher(value).matches()) {
            throw new InvalidInputException(field, "must be 1-64 letters, digits, '.', '_', ':' or '-', starting with "
                    + "a letter or digit (':' only in the ids the ledger makes, a flag's: a new record's id may not "
                    + "hold it)");
        }
        return value;
    }

    public static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        return optionalText(field, value, max);
    }

    public static String optionalText(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters (UTF-16 code units: a "
                    + "character outside the Basic Multilingual Plane, an emoji, counts two), got " + value.length());
        }
        // (these checks also run when a stored event is read back: what entries hold must stay readable, so the
        // characters refused since 2026-12-06 are refused in what a command asks to record: refuseInNewText)
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                    throw new InvalidInputException(field, String.format("must not contain control characters "
                            + "(U+%04X at %d; tab and line breaks are kept)", (int) c, i));
                }
            }
        }
        if (value != null && io.hazardledger.integrity.JsonText.hasLoneSurrogate(value)) {
            throw new InvalidInputException(field, "must be valid Unicode (it holds an unpaired surrogate)");
        }
        return value;
    }


    /**
     * Refuses, in every text a command asks the ledger to record (its string components, and those of the records
     * and lists in it, named by their path such as {@code evidence.name}), DEL and the C1 controls (U+007F to U+009F:
     * a terminal acts on U+009B as on ESC [) and the bidirectional embeddings, overrides and isolates (U+202A to
     * U+202E, U+2066 to U+2069), which make a text read otherwise than it is stored. Not in the records' own checks,
     * which also run when stored events are read back: entries recorded before this check may hold them.
     */
    public static void refuseInNewText(Object command) {
        refuseInNewText(null, command, 0);
    }

    private static void refuseInNewText(String path, Object value, int depth) {
        if (value instanceof String text) {
            if (text.isEmpty()) {   // as white space only is: a member with nothing in it is left out, not sent empty
                throw new InvalidInputException(path, "is empty: give it a value, or leave it out");
            }
            if (text.codePoints().allMatch(Checks::invisible)) {
                throw new InvalidInputException(path, "has no visible character (only white space or invisible "
                        + "characters such as U+00A0 or U+200B)");
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= 0x7f && c <= 0x9f) {
                    throw new InvalidInputException(path, String.format("must not contain control characters "
                            + "(U+%04X at %d; tab and line breaks are kept)", (int) c, i));
                }
                if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
                    throw new InvalidInputException(path, String.format("must not contain bidirectional embeddings, "
                            + "overrides or isolates, which make a text read otherwise than it is stored "
                            + "(U+%04X at %d)", (int) c, i));
                }
            }
        } else if (value instanceof Collection<?> items && depth < 8) {
            for (Object item : items) {
                refuseInNewText(path, item, depth + 1);
            }
        } else if (value != null && value.getClass().isRecord() && depth < 8) {
            for (java.lang.reflect.RecordComponent c : value.getClass().getRecordComponents()) {
                Object component;
                try {
                    component = c.getAccessor().invoke(value);
                } catch (IllegalAccessException e) {
                    // a record this code may not read (a private nested one) is no command of the ledger's
                    throw new InvalidInputException(path == null ? "command" : path, value.getClass().getName()
                            + " is not a record the ledger can read: its commands are public records");
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("a command's " + c.getName() + " could not be read", e);
                }
                refuseInNewText(path == null ? c.getName() : path + "." + c.getName(), component, depth + 1);
            }
        }
    }

    /**
     * White space (Unicode's, U+00A0 and U+3000 included), the format characters (U+00AD, U+200B to U+200F,
     * U+2060, U+FEFF, …), the variation selectors, the combining grapheme joiner, the Hangul fillers and the braille
     * blank: characters that show nothing by themselves.
     */
    private static boolean invisible(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT
                || (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xe0100 && c <= 0xe01ef) || c == 0x034f
                || c == 0x115f || c == 0x1160 || c == 0x3164 || c == 0xffa0 || c == 0x2800;
    }

    private static final java.time.Instant EARLIEST = java.time.Instant.parse("1970-01-01T00:00:00Z");
    private static final java.time.Instant LATEST = java.time.Instant.parse("2200-01-01T00:00:00Z");

    /** A time between 1970 and 2200 (null passes: use {@link #required} for required ones). */
    public static java.time.Instant plausible(String field, java.time.Instant value) {
        if (value != null && (value.isBefore(EARLIEST) || !value.isBefore(LATEST))) {
            throw new InvalidInputException(field, "must lie between 1970 and 2200");
        }
        return value;
    }

    /** A date between 1970 and 2200 (null passes). */
    public static java.time.LocalDate plausible(String field, java.time.LocalDate value) {
        if (value != null && (value.getYear() < 1970 || value.getYear() >= 2200)) {
            throw new InvalidInputException(field, "must lie between 1970 and 2200");
        }
        return value;
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        return value;
    }

    public static String amount(String field, String value) {
        if (value != null && !AMOUNT.matcher(value).matches()) {
            throw new InvalidInputException(field, "must be a decimal amount in yuan such as \"120000.00\" (at most 2 decimals)");
        }
        return value;
    }

    public static String sha256(String field, String value) {
        if (!Hashes.isSha256Hex(value)) {
            throw new InvalidInputException(field, "must be a SHA-256 content hash: 64 lowercase hex digits");
        }
        return value;
    }

    public static String mediaType(String field, String value) {
        if (value == null || !MEDIA_TYPE.matcher(value).matches() || value.length() > 100) {
            throw new InvalidInputException(field, "must be a media type such as image/jpeg");
        }
        return value;
    }

    /** At most {@code max} items, none of them null. */
    public static <T extends Collection<?>> T maxSize(String field, T values, int max) {
        if (values != null && values.size() > max) {
            throw new InvalidInputException(field, "must hold at most " + max + " items");
        }
        if (values != null && values.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInputException(field, "must not contain null items");
        }
        return values;
    }

    /** A page size: 1 to 1000, 100 when not given. */
    public static int limit(Integer limit) {
        if (limit == null) {
            return 100;
        }
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit", "must be between 1 and 1000");
        }
        return limit;
    }

    /** A page's offset: not negative, 0 when not given. */
    public static int offset(Integer offset) {
        if (offset == null) {
            return 0;
        }
        if (offset < 0) {
            throw new InvalidInputException("offset", "must not be negative");
        }
        return offset;
    }
}
