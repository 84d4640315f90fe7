package io.glance.http.connections;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.BadRequestException;
import io.helidon.http.HttpException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A request body whose chunked framing is broken (a chunk size such as {@code zz}, {@code -3} or
 * {@code 8000000000000000}, a line ending in LF alone) makes Helidon's decoder throw a parse exception from inside
 * {@code read}, which would surface as a 500; here it becomes the 400 it is.
 */
final class ChunkedFramingErrors extends FilterInputStream {
    ChunkedFramingErrors(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(RuntimeException error) {
        if (error instanceof UncheckedIOException || error instanceof HttpException
                || error instanceof DataReader.InsufficientDataAvailableException) {
            return error; // the client went away, or Helidon already said what is wrong
        }
        return new BadRequestException("The request body's chunked framing is malformed: each chunk needs a "
                + "hexadecimal size below 2^31 and lines ending in CR LF");
    }
}
