package io.glance.application.inspection;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A VMDK text descriptor, parsed the strict way of the 2024 fixes: blank lines, {@code #} comments, {@code ddb}
 * lines, {@code key=value} lines and extent lines ({@code rw}, {@code rdonly}, {@code noaccess}); anything else
 * makes it malformed. Lower-cased, as compared.
 *
 * @param createType the {@code createType} value without quotes, lower-cased, empty when absent
 * @param extents    the extent lines
 */
record VmdkDescriptor(String createType, List<String> extents) {

    /** The descriptor, or the reason it is malformed. */
    static Result parse(byte[] bytes, int length) {
        int end = 0;
        while (end < length && bytes[end] != 0) {
            end++;
        }
        String text;
        try {
            text = StandardCharsets.US_ASCII.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, end)).toString().toLowerCase(Locale.ROOT);
        } catch (CharacterCodingException e) {
            return Result.malformed("vmdk descriptor is not ASCII text");
        }
        String createType = "";
        List<String> extents = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("ddb")) {
                continue;
            }
            if (line.startsWith("rw ") || line.startsWith("rdonly ") || line.startsWith("noaccess ")) {
                extents.add(line);
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0 || line.charAt(equals - 1) == ' ') {
                return Result.malformed("vmdk descriptor has an unexpected line: " + abbreviate(line));
            }
            if (line.substring(0, equals).equals("createtype")) {
                createType = line.substring(equals + 1).strip().replace("\"", "");
            }
        }
        return new Result(Optional.of(new VmdkDescriptor(createType, extents)), null);
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }

    /** A parsed descriptor or why it could not be parsed. */
    record Result(Optional<VmdkDescriptor> descriptor, String malformed) {
        static Result malformed(String reason) {
            return new Result(Optional.empty(), reason);
        }
    }
}
