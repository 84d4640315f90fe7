package io.glance.http.errors;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The body format of an error answer, chosen from the request's {@code Accept} header the way webob 1.8 does:
 * the better of {@code text/html} and {@code application/json} by q-value (HTML wins ties), otherwise plain text.
 * Unlike webob, a request without any {@code Accept} header gets HTML, as the spec (§6) requires.
 */
enum ErrorFormat {
    HTML, JSON, PLAIN;

    /**
     * @param acceptValues every {@code Accept} header value of the request; empty when the header is absent
     */
    static ErrorFormat choose(List<String> acceptValues) {
        if (acceptValues.isEmpty()) {
            return HTML;
        }
        List<MediaRange> ranges;
        try {
            ranges = MediaRange.parseAll(String.join(",", acceptValues));
        } catch (IllegalArgumentException invalid) {
            // webob treats an unparsable header as "anything goes", so the first offer (HTML) wins.
            return HTML;
        }
        double html = quality(ranges, "text", "html");
        double json = quality(ranges, "application", "json");
        if (html <= 0 && json <= 0) {
            return PLAIN;
        }
        return html >= json ? HTML : JSON;
    }

    /** The q-value of the most specific range that matches the offer; 0 when none does. */
    private static double quality(List<MediaRange> ranges, String type, String subtype) {
        int bestSpecificity = 0;
        double quality = 0;
        for (MediaRange range : ranges) {
            int specificity = range.specificity(type, subtype);
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                quality = range.quality();
            }
        }
        return quality;
    }

    private record MediaRange(String type, String subtype, double quality) {

        static List<MediaRange> parseAll(String header) {
            return Arrays.stream(header.split(","))
                    .map(String::trim)
                    .filter(element -> !element.isEmpty())
                    .map(MediaRange::parse)
                    .toList();
        }

        static MediaRange parse(String element) {
            String[] parts = element.split(";");
            String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
            if (mediaType.equals("*")) {
                mediaType = "*/*";
            }
            int slash = mediaType.indexOf('/');
            if (slash <= 0 || slash == mediaType.length() - 1) {
                throw new IllegalArgumentException("not a media range: " + element);
            }
            double quality = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.toLowerCase(Locale.ROOT).startsWith("q=")) {
                    quality = Double.parseDouble(parameter.substring(2).trim());
                    if (quality < 0 || quality > 1) {
                        throw new IllegalArgumentException("q out of range: " + element);
                    }
                }
            }
            return new MediaRange(mediaType.substring(0, slash), mediaType.substring(slash + 1), quality);
        }

        /** 3 for an exact match, 2 for {@code type/*}, 1 for {@code * / *}, 0 for no match. */
        int specificity(String offerType, String offerSubtype) {
            if (type.equals("*")) {
                return subtype.equals("*") ? 1 : 0;
            }
            if (!type.equals(offerType)) {
                return 0;
            }
            if (subtype.equals("*")) {
                return 2;
            }
            return subtype.equals(offerSubtype) ? 3 : 0;
        }
    }
}
