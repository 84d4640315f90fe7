package io.glance.http.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.glance.domain.Image;
import io.glance.domain.InvalidInputException;
import io.glance.registry.protocol.ImageDocument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The body of the registry client's whole-image POST, {@code {"image": {...}}}, read token by token: every image
 * glance-api creates through the registry arrives this way, and a tree of it was built only to be read field by
 * field (JFR of a registry create: the tree about 7 % of it).
 */
final class WholeImageBody {
    private static final JsonFactory JSON = new JsonFactory();

    private WholeImageBody() {
    }

    /**
     * @throws InvalidInputException when the body is not one JSON object with an image document in {@code image}
     */
    static Image read(byte[] body, Instant now) {
        try (JsonParser json = JSON.createParser(body)) {
            Image image = null;
            if (json.nextToken() == JsonToken.START_OBJECT) {
                for (String field = json.nextFieldName(); field != null; field = json.nextFieldName()) {
                    json.nextToken();
                    if (field.equals("image")) {
                        image = ImageDocument.read(json, now);
                    } else {
                        json.skipChildren();
                    }
                }
                if (json.nextToken() != null) {
                    throw new InvalidInputException("Malformed JSON in request body: more than one JSON value.");
                }
            }
            if (image == null) {
                throw new InvalidInputException("Expected a body of the form {\"image\": {...}}");
            }
            return image;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("Malformed JSON in request body.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the request body", e);
        }
    }
}
