package io.hazardledger.integrity.merkle;

import java.util.HexFormat;

/** A proof does not verify: names what failed, with the expected and the computed root. */
public class ProofException extends Exception {

    private final String expected;
    private final String computed;

    public ProofException(String message, byte[] expected, byte[] computed) {
        super(message + (expected == null ? "" : "; expected root " + HexFormat.of().formatHex(expected)
                + ", computed " + (computed == null ? "nothing" : HexFormat.of().formatHex(computed))));
        this.expected = expected == null ? null : HexFormat.of().formatHex(expected);
        this.computed = computed == null ? null : HexFormat.of().formatHex(computed);
    }

    public String expected() {
        return expected;
    }

    public String computed() {
        return computed;
    }
}
