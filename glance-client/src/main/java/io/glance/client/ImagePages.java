package io.glance.client;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** Walks a listing page by page, following the server's {@code next} link only when the current page is used up. */
final class ImagePages implements Iterator<Image> {
    private final GlanceClient client;
    private String nextPage;
    private Iterator<Image> current = java.util.Collections.emptyIterator();

    ImagePages(GlanceClient client, String firstPage) {
        this.client = client;
        this.nextPage = firstPage;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && nextPage != null) {
            GlanceClient.Page page = client.page(nextPage);
            current = page.images().iterator();
            nextPage = page.next().orElse(null);
        }
        return current.hasNext();
    }

    @Override
    public Image next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more images");
        }
        return current.next();
    }
}
