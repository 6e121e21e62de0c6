package io.github.civis.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.civis.client.model.Group;
import io.github.civis.client.request.GroupsPostRequest;
import io.github.civis.client.transport.OperationDescriptor;

/**
 * The generated API is the platform's 2026-03 document (895 operations) plus the operations of
 * the first document that it no longer lists, which stay, deprecated, blocking and reactive, with
 * Javadoc saying why; so do the properties and parameters it dropped.
 */
class UnlistedOperationsTest {

    private static final String UNLISTED =
            "The platform's 2026-03 document no longer lists this operation: a call may answer 404.";

    private static List<OperationDescriptor> unlisted() {
        return CivisOperations.ALL.stream().filter(op -> UNLISTED.equals(op.deprecation())).toList();
    }

    @Test
    void theApiHasTheOperationsOfThe2026DocumentAndKeepsTheOnesItNoLongerLists() {
        assertThat(CivisOperations.ALL).hasSize(895 + 33);
        assertThat(unlisted()).hasSize(33);
        assertThat(unlisted()).filteredOn(op -> !op.group().equals("feature_flags")).hasSize(25)
            .extracting(op -> op.method() + " " + op.route())
            .contains("PATCH /scripts/{id}", "GET /admin/announcements", "POST /users/me/superadmin");
        assertThat(CivisOperations.ALL).filteredOn(op -> op.route().equals("/clusters/kubernetes/{id}/compute_metrics"))
            .singleElement().extracting(OperationDescriptor::deprecation).isNull();
    }

    @Test
    void everyUnlistedOperationIsDeprecatedBlockingAndReactive() throws ClassNotFoundException {
        for (OperationDescriptor op : unlisted()) {
            for (String prefix : List.of("", "Reactive")) {
                Class<?> api = Class.forName("io.github.civis.client.api." + prefix + op.apiInterface());
                List<Method> methods = Arrays.stream(api.getMethods()).filter(m -> m.getName().equals(op.javaName()))
                    .toList();
                assertThat(methods).as(api.getSimpleName() + "." + op.javaName()).isNotEmpty()
                    .allSatisfy(m -> assertThat(m.isAnnotationPresent(Deprecated.class)).as(m.toString()).isTrue());
            }
        }
        // an operation the document still lists is not deprecated
        assertThat(Arrays.stream(ScriptsApi.class.getMethods()).filter(m -> m.getName().equals("get")))
            .isNotEmpty().noneMatch(m -> m.isAnnotationPresent(Deprecated.class));
    }

    @Test
    void aPropertyAndAParameterTheDocumentNoLongerListsStayDeprecated() throws NoSuchMethodException {
        assertThat(Group.class.getMethod("mustAgreeToEula").isAnnotationPresent(Deprecated.class)).isTrue();
        assertThat(Group.class.getMethod("name").isAnnotationPresent(Deprecated.class)).isFalse();
        assertThat(GroupsPostRequest.Builder.class.getMethod("mustAgreeToEula", Boolean.class)
            .isAnnotationPresent(Deprecated.class)).isTrue();
    }
}
