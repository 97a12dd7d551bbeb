package org.openspr.ingest.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportFilesTest {
    @TempDir
    Path dir;

    @Test
    void shouldSayAPathDoesNotExistRatherThanThatItsExtensionIsUnknown() {
        Path missing = dir.resolve("no-such-bundle.json");

        assertThatThrownBy(() -> ImportFiles.expand(List.of(missing)))
                .hasMessage("SPR-2401: Cannot read " + missing + ": no such file or directory");
    }

    @Test
    void shouldRefuseANamedFileOfAnUnknownKindButSkipSuchFilesInADirectory() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not a message");
        Path bundle = Files.writeString(dir.resolve("b.json"), "{}");
        Path feed = Files.writeString(Files.createDirectory(dir.resolve("sub")).resolve("feed.hl7"), "MSH|");

        assertThatThrownBy(() -> ImportFiles.expand(List.of(notes))).hasMessageStartingWith("SPR-2402: " + notes);
        assertThat(ImportFiles.expand(List.of(dir))).containsExactly(bundle, feed);
    }
}
