package org.openspr.query.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openspr.query.QueryException;
import org.openspr.query.core.Caller;

class DevTokenIssuerTest {
    @TempDir
    Path dataDir;

    @Test
    void shouldKeepItsKeySoTokensSurviveARestart() {
        String token = DevTokenIssuer.open(dataDir).mintStaff("dr-1", "R8000", "A81001", Duration.ofMinutes(5));

        DevTokenIssuer reopened = DevTokenIssuer.open(dataDir);
        Caller caller = new TokenVerifier(new com.nimbusds.jose.jwk.source.ImmutableJWKSet<>(reopened.publicKeys()),
                reopened.issuer(), reopened.audience(), 30).verify(token);

        assertThat(caller.userId()).isEqualTo("dr-1");
        assertThat(caller.roleCode()).isEqualTo("R8000");
        assertThat(caller.odsCode()).isEqualTo("A81001");
        assertThat(caller.isPatient()).isFalse();
    }

    @Test
    void shouldMintPatientTokensWhoseSubjectIsTheNhsNumber() {
        DevTokenIssuer issuer = DevTokenIssuer.open(dataDir);
        TokenVerifier verifier = new TokenVerifier(new com.nimbusds.jose.jwk.source.ImmutableJWKSet<>(issuer.publicKeys()),
                issuer.issuer(), issuer.audience(), 30);

        Caller patient = verifier.verify(issuer.mintPatient("9434765919", Duration.ofMinutes(5)));

        assertThat(patient.isPatient()).isTrue();
        assertThat(patient.patientNhsNumber()).isEqualTo("9434765919");
        assertThat(patient.roleCode()).isNull();
    }

    @Test
    void shouldNotPublishThePrivateKey() {
        assertThat(DevTokenIssuer.open(dataDir).publicKeys().toString()).doesNotContain("\"d\"");
    }

    @Test
    void shouldRefuseTokensOfAnotherDevIssuer(@TempDir Path otherDir) {
        DevTokenIssuer mine = DevTokenIssuer.open(dataDir);
        String foreign = DevTokenIssuer.open(otherDir).mintStaff("dr-1", "R8000", "A81001", Duration.ofMinutes(5));
        TokenVerifier verifier = new TokenVerifier(new com.nimbusds.jose.jwk.source.ImmutableJWKSet<>(mine.publicKeys()),
                mine.issuer(), mine.audience(), 30);

        assertThatThrownBy(() -> verifier.verify(foreign)).isInstanceOf(QueryException.class).hasMessageStartingWith("SPR-4002");
    }
}
