package io.github.civis.catalog.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void documentedNamesBecomeJavaNames() {
        assertThat(Names.lowerCamel("delete_shares_groups")).isEqualTo("deleteSharesGroups");
        assertThat(Names.lowerCamel("get_object_type")).isEqualTo("getObjectType");
        assertThat(Names.pascal("git_repos")).isEqualTo("GitRepos");
        assertThat(Names.pascal("json_values")).isEqualTo("JsonValues");
        assertThat(Names.constant("list_shares")).isEqualTo("LIST_SHARES");
    }

    @Test
    void acronymsSplitLikeTheDocumentedNames() {
        assertThat(Names.snake("provideAPIKey")).isEqualTo("provide_api_key");
        assertThat(Names.member("provideAPIKey")).isEqualTo(Names.member("provide_api_key")).isEqualTo("provideApiKey");
        assertThat(Names.snake("remoteHostId")).isEqualTo("remote_host_id");
    }

    @Test
    void keywordsAndBaseClassMembersGetATrailingUnderscore() {
        assertThat(Names.member("default")).isEqualTo("defaultValue");
        assertThat(Names.member("default", "string")).isEqualTo("defaultValue");
        assertThat(Names.member("default", "boolean")).isEqualTo("isDefault");
        assertThat(Names.member("public", "boolean")).isEqualTo("isPublic");
        assertThat(Names.member("class")).isEqualTo("classValue");
        assertThat(Names.member("json")).isEqualTo("jsonValue");
        assertThat(Names.member("hashCode")).isEqualTo("hashCodeValue");
        assertThat(Names.member("2fa_enabled")).isEqualTo("_2faEnabled");
    }

    @Test
    void pluralsBecomeSingular() {
        Map<String, String> exceptions = Map.of("aliases", "alias");
        assertThat(Names.singular("credentials", exceptions)).isEqualTo("credential");
        assertThat(Names.singular("policies", exceptions)).isEqualTo("policy");
        assertThat(Names.singular("matches", exceptions)).isEqualTo("match");
        assertThat(Names.singular("aliases", exceptions)).isEqualTo("alias");
        assertThat(Names.singular("status", exceptions)).isEqualTo("status");
    }
}
