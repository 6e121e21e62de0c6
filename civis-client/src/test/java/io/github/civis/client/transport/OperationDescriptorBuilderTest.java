package io.github.civis.client.transport;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.civis.client.transport.ParameterDescriptor.Location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The named-step builder the generated descriptors are written with. */
class OperationDescriptorBuilderTest {

    @Test
    void namedStepsGiveTheSameDescriptorAsTheCanonicalConstructor() {
        OperationDescriptor built = OperationDescriptor.builder("credentials", "put_shares_users")
            .javaMethod("CredentialsApi", "putSharesUsers")
            .route("PUT", "/credentials/{id}/shares/users")
            .path("id")
            .query("dryRun", "dry_run")
            .body("userIds").required().array()
            .body("permissionLevel").required()
            .body("isDefault", "default")
            .paginated()
            .responseStatus(201)
            .deprecation("use the groups route")
            .build();

        assertThat(built).isEqualTo(new OperationDescriptor("credentials", "put_shares_users", "putSharesUsers",
                "CredentialsApi", "PUT", "/credentials/{id}/shares/users", List.of(
                        new ParameterDescriptor("id", "id", Location.PATH, true, false),
                        new ParameterDescriptor("dryRun", "dry_run", Location.QUERY, false, false),
                        new ParameterDescriptor("userIds", "userIds", Location.BODY, true, true),
                        new ParameterDescriptor("permissionLevel", "permissionLevel", Location.BODY, true, false),
                        new ParameterDescriptor("isDefault", "default", Location.BODY, false, false)),
                true, 201, "use the groups route"));
    }

    @Test
    void unsaidStepsTakeTheCommonCase() {
        OperationDescriptor built = OperationDescriptor.builder("users", "list_me")
            .javaMethod("UsersApi", "getMe")
            .route("GET", "/users/me")
            .build();

        assertThat(built.parameters()).isEmpty();
        assertThat(built.paginated()).isFalse();
        assertThat(built.responseStatus()).isEqualTo(200);
        assertThat(built.deprecation()).isNull();
    }

    @Test
    void refiningBeforeAnyParameterIsAnErrorNamingTheOperation() {
        OperationDescriptor.Builder builder = OperationDescriptor.builder("users", "list_me");

        assertThatIllegalStateException().isThrownBy(builder::required)
            .withMessage("users.list_me: required() refines the parameter added before it, and there is none");
    }

    @Test
    void missingRouteOrJavaMethodIsAnErrorNamingTheOperation() {
        assertThatIllegalStateException()
            .isThrownBy(() -> OperationDescriptor.builder("users", "list_me").route("GET", "/users/me").build())
            .withMessage("users.list_me: javaMethod(...) is not set");
        assertThatIllegalStateException()
            .isThrownBy(() -> OperationDescriptor.builder("users", "list_me").javaMethod("UsersApi", "getMe").build())
            .withMessage("users.list_me: route(...) is not set");
    }
}
