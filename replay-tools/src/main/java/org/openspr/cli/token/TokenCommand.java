package org.openspr.cli.token;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.query.auth.DevTokenIssuer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spr token}: mints a bearer token from the local platform's development issuer, for trying the APIs with
 * curl. Prints only the token, so {@code TOKEN=$(./spr token --user ...)} works.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Mint a development token from the local issuer (spr local's data directory) for a member of staff or a patient.")
public final class TokenCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "${env:SPR_DATA_DIR:-.spr-data}",
            description = "The data directory of 'spr local' (holds the dev issuer's key). Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    static final class Subject {
        @ArgGroup(exclusive = false)
        Staff staff;

        @Option(names = "--patient", description = "A patient's NHS number: the token lets them read their own record.")
        String patientNhsNumber;
    }

    static final class Staff {
        @Option(names = "--user", required = true, description = "Staff user id (e.g. an SDS user id).")
        String userId;

        @Option(names = "--role", defaultValue = "R8000",
                description = "National RBAC role code: R8000 clinical practitioner, R8001 nurse, R8003 health professional, "
                        + "R8008 admin/clerical, R0001 privacy officer, ... Default: ${DEFAULT-VALUE}")
        String roleCode;

        @Option(names = "--org", required = true, description = "ODS code of the organisation the user acts for.")
        String odsCode;
    }

    @Option(names = "--ttl", defaultValue = "PT8H", description = "Lifetime (ISO-8601 duration). Default: ${DEFAULT-VALUE}")
    Duration ttl;

    @Override
    public Integer call() {
        DevTokenIssuer issuer = DevTokenIssuer.open(LocalLayout.issuerDir(dataDir));
        String token = subject.patientNhsNumber != null
                ? issuer.mintPatient(NhsNumber.requireValid(subject.patientNhsNumber), ttl)
                : issuer.mintStaff(subject.staff.userId, subject.staff.roleCode, subject.staff.odsCode, ttl);
        System.out.println(token);
        return 0;
    }
}
