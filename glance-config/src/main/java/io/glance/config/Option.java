package io.glance.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One option a settings record consumes: its name, its default (the value and how operators see it written), one line
 * for operators, and how its text becomes a value. Declare options as constants of the record that consumes them and
 * list them in its {@code OPTIONS}, e.g.
 *
 * <pre>{@code
 * public static final Option<Long> IMAGE_SIZE_CAP = Option.size("image_size_cap", 1L << 40, "1T",
 *         "largest accepted image (bytes, or with K/M/G/T); above it uploads get 413");
 * public static final List<Option<?>> OPTIONS = List.of(IMAGE_SIZE_CAP);
 * public static UploadLimits from(OptionValues values) { return new UploadLimits(values.get(IMAGE_SIZE_CAP)); }
 * }</pre>
 *
 * @param name         the option name, e.g. {@code image_size_cap} (flags accept {@code --image-size-cap} too)
 * @param defaultValue the value when the option is absent, or {@code null} when absence means "none"
 * @param defaultText  the default as documentation shows it (the README's options table), e.g. {@code 1T}
 * @param description  one line for operators
 * @param parser       turns the text into a value; throws {@link IllegalArgumentException} saying what is expected
 * @param <T>          the value's type
 */
public record Option<T>(String name, T defaultValue, String defaultText, String description, Parser<T> parser) {

    /** Text to value; the exception's message says what is expected, e.g. {@code "0 to 65535"}. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text);
    }

    public Option {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(defaultText, "defaultText is null");
        Objects.requireNonNull(description, "description is null");
        Objects.requireNonNull(parser, "parser is null");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("option names are lower case with underscores: " + name);
        }
    }

    /**
     * The value of {@code text}, given for the option named {@code key} (the name, or {@code section.name}).
     *
     * @throws ConfigurationException naming the key, the value and what is expected
     */
    public T parse(String key, String text) {
        try {
            return parser.parse(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ConfigurationException("Invalid " + key + ": '" + text + "' (" + e.getMessage() + ")", e);
        }
    }

    /** Whether the option is a boolean, which a flag may give without a value ({@code --verbose}). */
    public boolean isSwitch() {
        return defaultValue instanceof Boolean;
    }

    public static <T> Option<T> of(String name, T defaultValue, String defaultText, String description,
                                   Parser<T> parser) {
        return new Option<>(name, defaultValue, defaultText, description, parser);
    }

    /** {@code true/yes/1/on} or {@code false/no/0/off}. */
    public static Option<Boolean> bool(String name, boolean defaultValue, String description) {
        return of(name, defaultValue, Boolean.toString(defaultValue), description, Option::parseBoolean);
    }

    /** Text as given (trimmed); {@code null} default means absent. */
    public static Option<String> text(String name, String defaultValue, String defaultText, String description) {
        return of(name, defaultValue, defaultText, description, String::trim);
    }

    /** A whole number in {@code [min, max]}. */
    public static Option<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return of(name, defaultValue, Integer.toString(defaultValue), description, text -> parseInt(text, min, max));
    }

    /** A TCP port, 0 to 65535 (0: any free port). */
    public static Option<Integer> port(String name, int defaultValue, String description) {
        return integer(name, defaultValue, 0, 65535, description);
    }

    /** Seconds, fractions allowed ({@code 30}, {@code 0.5}), at least {@code min}. */
    public static Option<Duration> seconds(String name, Duration defaultValue, Duration min, String description) {
        return of(name, defaultValue, seconds(defaultValue), description, text -> parseSeconds(text, min));
    }

    /** Bytes, optionally with a binary suffix: {@code 1073741824}, {@code 1024M}, {@code 1G}, {@code 1T}. */
    public static Option<Long> size(String name, long defaultValue, String defaultText, String description) {
        return of(name, defaultValue, defaultText, description, Option::parseSize);
    }

    /** A file system path, made absolute. */
    public static Option<Path> path(String name, Path defaultValue, String defaultText, String description) {
        return of(name, defaultValue == null ? null : defaultValue.toAbsolutePath(), defaultText, description,
                text -> Path.of(text.trim()).toAbsolutePath());
    }

    /** One of {@code choices}, case-insensitive, as the lower-case choice. */
    public static Option<String> choice(String name, String defaultValue, Set<String> choices, String description) {
        return of(name, defaultValue, defaultValue, description, text -> {
            String value = text.trim().toLowerCase(Locale.ROOT);
            if (!choices.contains(value)) {
                throw new IllegalArgumentException(String.join(" or ", choices.stream().sorted().toList()));
            }
            return value;
        });
    }

    static boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("true or false");
        };
    }

    static int parseInt(String text, int min, int max) {
        String expected = max == Integer.MAX_VALUE ? "a whole number, at least " + min : min + " to " + max;
        try {
            int number = Integer.parseInt(text.trim());
            if (number < min || number > max) {
                throw new IllegalArgumentException(expected);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expected, e);
        }
    }

    static Duration parseSeconds(String text, Duration min) {
        Duration duration;
        try {
            duration = Duration.ofMillis(new BigDecimal(text.trim()).movePointRight(3).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("seconds, e.g. 30 or 0.5", e);
        }
        if (duration.compareTo(min) < 0) {
            throw new IllegalArgumentException("at least " + seconds(min) + " seconds");
        }
        return duration;
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    static long parseSize(String value) {
        String text = value.trim().toUpperCase(Locale.ROOT);
        int shift = text.isEmpty() ? 0 : switch (text.charAt(text.length() - 1)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            default -> 0;
        };
        if (shift > 0) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            long number = Long.parseLong(text);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(number, 1L << shift);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bytes, or with K/M/G/T", e);
        }
    }
}
