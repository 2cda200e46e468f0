package io.servicegrade.platform.security.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicegrade.account.Role;
import org.junit.jupiter.api.Test;

import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** How a verified token's claims describe a person (issue 16: single sign-on); pure code, no server. */
class OidcPersonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Predicate<String> KNOWN = role -> Role.of(role).isPresent();

    private static JsonNode claims(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void rolesAndUnitsAreReadFromNestedClaimsUnknownRolesSetAsideEachOnce() throws Exception {
        OidcPerson person = OidcPerson.of(claims("""
                {"sub": "f3a1", "email": "Li.Si@Example.org", "email_verified": true, "preferred_username": "lisi",
                 "realm_access": {"roles": ["offline_access", "manager", "uma_authorization", "manager", "viewer"]},
                 "units": ["SZ.GS", " SZ.GS ", 7, "", "SZ.FT"]}"""), "realm_access/roles", "units", KNOWN);
        assertThat(person.subject()).isEqualTo("f3a1");
        assertThat(person.roles()).containsExactly("manager", "viewer");
        assertThat(person.unknownRoles()).containsExactly("offline_access", "uma_authorization");
        assertThat(person.unitCodes()).containsExactly("SZ.GS", "SZ.FT");
        assertThat(person.emailVerified()).isTrue();
        assertThat(person.displayName()).isEqualTo("lisi");
    }

    @Test
    void aClaimMayBeOneStringAndAMissingClaimIsNoRoleAndNoUnit() throws Exception {
        OidcPerson one = OidcPerson.of(claims("""
                {"sub": "a", "name": "张三", "servicegrade_roles": "analyst"}"""), "servicegrade_roles",
                "servicegrade_units", KNOWN);
        assertThat(one.roles()).containsExactly("analyst");
        assertThat(one.unitCodes()).isEmpty();
        assertThat(one.displayName()).isEqualTo("张三");
        assertThat(one.emailVerified()).isFalse();

        OidcPerson none = OidcPerson.of(claims("""
                {"sub": "b", "servicegrade_roles": {"not": "a list"}}"""), "servicegrade_roles", "x/y", KNOWN);
        assertThat(none.roles()).isEmpty();
        assertThat(none.displayName()).isEqualTo("b");
    }

    @Test
    void aTokenWithoutAUsableSubjectIsNoPerson() throws Exception {
        assertThat(OidcPerson.of(claims("{\"email\": \"x@example.org\"}"), "r", "s", KNOWN)).isNull();
        assertThat(OidcPerson.of(claims("{\"sub\": 42}"), "r", "s", KNOWN)).isNull();
        assertThat(OidcPerson.of(claims("{\"sub\": \"" + "x".repeat(256) + "\"}"), "r", "s", KNOWN)).isNull();
    }

    @Test
    void aDisplayNameIsOneLineOfAtMost200Characters() throws Exception {
        OidcPerson person = OidcPerson.of(claims("{\"sub\": \"c\", \"name\": \"a\\nb" + "z".repeat(300) + "\"}"),
                "r", "s", KNOWN);
        assertThat(person.displayName()).startsWith("a b").hasSize(200);
    }

    @Test
    void ourKeysNeverLookLikeATokenOfTheProvider() {
        assertThat(OidcPeople.looksLikeJwt("sg_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCd")).isFalse();
        assertThat(OidcPeople.looksLikeJwt("sgp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCd")).isFalse();
        assertThat(OidcPeople.looksLikeJwt("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl")).isTrue();
        assertThat(OidcPeople.looksLikeJwt("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0")).isFalse();
    }
}
