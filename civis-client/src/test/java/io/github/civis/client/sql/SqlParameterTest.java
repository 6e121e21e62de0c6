package io.github.civis.client.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link SqlParameter}: values print, except those of parameters named like secrets. */
class SqlParameterTest {

    @Test
    void anOrdinaryParameterPrintsItsValue() {
        assertThat(SqlParameter.of("schema", "public")).hasToString("SqlParameter[name=schema, type=STRING, value=public]");
        assertThat(ExportOptions.defaults().withParameter(SqlParameter.of("max_rows", 10)).toString())
            .contains("value=10");
    }

    @Test
    void aParameterNamedLikeASecretIsMaskedWhereverItPrints() {
        SqlParameter password = SqlParameter.of("db_password", "hunter2");
        SqlParameter token = SqlParameter.of("apiToken", "tok-123");

        assertThat(password).hasToString("SqlParameter[name=db_password, type=STRING, value=****]");
        assertThat(token.toString()).doesNotContain("tok-123").contains("value=****");
        assertThat(ExportOptions.defaults().withParameter(password).toString()).doesNotContain("hunter2");
        assertThat(password.value()).as("still sent as it is").isEqualTo("hunter2");
        assertThatIllegalArgumentException().isThrownBy(() -> new SqlParameter("pin_secret", SqlParameter.Type.INTEGER,
                "12ab34")).withMessage("SQL parameter 'pin_secret' is integer but its value '****' is not");
    }

}
