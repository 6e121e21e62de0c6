package io.github.civis.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import io.github.civis.client.model.UserMe;
import io.github.civis.client.request.AdminListAnnouncementsRequest;
import io.github.civis.client.request.StorageHostsPostS3Options;

/**
 * Tests for {@link CivisRuntimeHints}.
 */
class CivisRuntimeHintsTests {

    @Test
    void everyNamedTypeExists() throws ClassNotFoundException {
        Set<String> types = CivisRuntimeHints.generatedTypes(getClass().getClassLoader());
        assertThat(types).hasSizeGreaterThan(279 + 446);
        for (String type : types) {
            Class.forName(type, false, getClass().getClassLoader());
        }
    }

    @Test
    void coversModelsRequestsInputsAndTheirBuilders() {
        RuntimeHints hints = new RuntimeHints();
        new CivisRuntimeHints().registerHints(hints, getClass().getClassLoader());
        for (Class<?> type : new Class<?>[] { UserMe.class, AdminListAnnouncementsRequest.class,
                AdminListAnnouncementsRequest.Builder.class, StorageHostsPostS3Options.class,
                StorageHostsPostS3Options.Builder.class }) {
            assertThat(RuntimeHintsPredicates.reflection()
                .onType(type)
                .withMemberCategories(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS))
                .as(type.getName())
                .accepts(hints);
        }
        assertThat(RuntimeHintsPredicates.resource().forResource(CivisRuntimeHints.CATALOG)).accepts(hints);
    }

}
