package io.glance.testing.repository;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.RequestContext;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.MemberRepository;

import java.util.List;

/** What every part of the repository contract needs: the repository under test and a few shorthands. */
public interface RepositoryFixture {

    /** A fresh, migrated, empty database's repository. */
    ImageRepository repository();

    /** The same database's members. */
    MemberRepository members();

    default Image store(Image.Builder image) {
        Image built = image.build();
        repository().create(built);
        return built;
    }

    default List<Image> list(Queries query, RequestContext context) {
        return repository().list(query.build(), context);
    }

    default List<ImageId> listIds(Queries query, RequestContext context) {
        return list(query, context).stream().map(Image::id).toList();
    }

    default List<String> listNames(Queries query, RequestContext context) {
        return list(query, context).stream().map(Image::name).toList();
    }
}
