package org.openspr.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * RFC 6962 tree heads and proofs. The known answers are the Certificate Transparency reference vectors (the eight
 * leaves "", 00, 10, 2021, 3031, 40414243, 5051525354555657, 606162636465666768696a6b6c6d6e6f, used by the CT and
 * transparency-dev test suites); the property tests cover every tree size 1..64.
 */
class MerkleTreeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final List<byte[]> CT_LEAVES = Stream.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f").map(HEX::parseHex).map(MerkleHashes::leafHash).toList();
    private static final List<String> CT_ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    private static final int MAX = 64;

    @Test
    void shouldMatchTheReferenceTreeHeadsBothRecursivelyAndIncrementally() {
        MerkleFrontier frontier = new MerkleFrontier();
        assertThat(HEX.formatHex(frontier.root())).isEqualTo(CT_ROOTS.get(0));
        for (int n = 1; n <= CT_LEAVES.size(); n++) {
            frontier.appendLeafHash(CT_LEAVES.get(n - 1));
            assertThat(HEX.formatHex(MerkleProofs.root(CT_LEAVES, 0, n))).as("MTH size %d", n).isEqualTo(CT_ROOTS.get(n));
            assertThat(HEX.formatHex(frontier.root())).as("frontier size %d", n).isEqualTo(CT_ROOTS.get(n));
        }
    }

    @Test
    void shouldProduceTheReferenceInclusionProofs() {
        assertThat(hex(MerkleProofs.inclusionProof(CT_LEAVES, 0, 8))).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(hex(MerkleProofs.inclusionProof(CT_LEAVES, 5, 8))).containsExactly(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    }

    @Test
    void shouldProduceTheReferenceConsistencyProofs() {
        assertThat(hex(MerkleProofs.consistencyProof(CT_LEAVES, 2, 8))).containsExactly(
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(hex(MerkleProofs.consistencyProof(CT_LEAVES, 6, 8))).containsExactly(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    }

    @Test
    void shouldVerifyEveryInclusionProofForEverySizeUpTo64AndRejectAnyChangedNode() {
        List<byte[]> leaves = leaves(MAX);
        for (int n = 1; n <= MAX; n++) {
            byte[] root = MerkleProofs.root(leaves, 0, n);
            for (int i = 0; i < n; i++) {
                List<byte[]> proof = MerkleProofs.inclusionProof(leaves, i, n);
                assertThat(MerkleProofVerifier.verifyInclusion(leaves.get(i), i, n, proof, root)).as("%d of %d", i, n).isTrue();
                assertThat(MerkleProofVerifier.verifyInclusion(leaves.get((i + 1) % MAX), i, n, proof, root))
                        .as("other leaf %d of %d", i, n).isFalse();
                for (int node = 0; node < proof.size(); node++) {
                    assertThat(MerkleProofVerifier.verifyInclusion(leaves.get(i), i, n, flipped(proof, node), root))
                            .as("node %d changed, leaf %d of %d", node, i, n).isFalse();
                }
                if (!proof.isEmpty()) {
                    assertThat(MerkleProofVerifier.verifyInclusion(leaves.get(i), i, n, proof.subList(0, proof.size() - 1), root))
                            .as("truncated, %d of %d", i, n).isFalse();
                }
            }
        }
    }

    @Test
    void shouldVerifyEveryConsistencyProofForAllSizesUpTo64AndRejectAnyChangedNode() {
        List<byte[]> leaves = leaves(MAX);
        for (int n = 1; n <= MAX; n++) {
            byte[] second = MerkleProofs.root(leaves, 0, n);
            for (int m = 0; m <= n; m++) {
                byte[] first = MerkleProofs.root(leaves, 0, m);
                List<byte[]> proof = MerkleProofs.consistencyProof(leaves, m, n);
                assertThat(MerkleProofVerifier.verifyConsistency(m, n, first, second, proof)).as("%d -> %d", m, n).isTrue();
                for (int node = 0; node < proof.size(); node++) {
                    assertThat(MerkleProofVerifier.verifyConsistency(m, n, first, second, flipped(proof, node)))
                            .as("node %d changed, %d -> %d", node, m, n).isFalse();
                }
                if (m > 0 && m < n) {
                    byte[] forgedSecond = MerkleProofs.root(flipped(leaves, m - 1), 0, n);
                    assertThat(MerkleProofVerifier.verifyConsistency(m, n, first, forgedSecond, proof))
                            .as("history rewritten, %d -> %d", m, n).isFalse();
                }
            }
        }
    }

    @Test
    void shouldRestoreAFrontierFromItsBytes() {
        MerkleFrontier frontier = new MerkleFrontier();
        List<byte[]> leaves = leaves(37);
        leaves.subList(0, 21).forEach(frontier::appendLeafHash);

        MerkleFrontier restored = MerkleFrontier.fromBytes(frontier.toBytes());
        leaves.subList(21, 37).forEach(restored::appendLeafHash);

        assertThat(frontier.toBytes()).hasSize(8 + Long.bitCount(21) * 32);
        assertThat(restored.size()).isEqualTo(37);
        assertThat(restored.root()).isEqualTo(MerkleProofs.root(leaves, 0, 37));
    }

    private static List<byte[]> leaves(int count) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leaves.add(MerkleHashes.leafHash(("entry-" + i).getBytes()));
        }
        return leaves;
    }

    private static List<byte[]> flipped(List<byte[]> hashes, int index) {
        List<byte[]> copy = new ArrayList<>(hashes);
        byte[] changed = copy.get(index).clone();
        changed[7] ^= 0x01;
        copy.set(index, changed);
        return copy;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }
}
