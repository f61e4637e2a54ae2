package io.hazardledger.api;

import io.hazardledger.integrity.sig.InvalidSignatureException;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.StatementSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The ledger's own checkpoint signing key: read from its PKCS#8 PEM file, or generated there on first start
 * (readable by the owner only), with a log line saying so.
 */
final class CheckpointKey {

    private static final Logger log = LoggerFactory.getLogger(CheckpointKey.class);

    private CheckpointKey() {
    }

    /** A setting that cannot be used, named, with what is wrong with it (the server says so as it does not start). */
    private static io.hazardledger.InvalidInputException setting(String name, String message, Throwable cause) {
        io.hazardledger.InvalidInputException e = new io.hazardledger.InvalidInputException(name, message);
        e.initCause(cause);
        return e;
    }

    /** The timestamp authority's certificate, PEM or DER, as DER. */
    static byte[] certificate(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (text.contains("-----BEGIN CERTIFICATE-----")) {
                String b64 = text.substring(text.indexOf("-----BEGIN CERTIFICATE-----") + 27,
                        text.indexOf("-----END CERTIFICATE-----")).replaceAll("\\s", "");
                return java.util.Base64.getDecoder().decode(b64);
            }
            return bytes;
        } catch (IOException | RuntimeException e) {
            throw setting("ledger.log.tsa-certificate", file + " cannot be read as a certificate (" + e + ")", e);
        }
    }

    /** A key that must exist (an additional checkpoint key, for rotation). */
    static StatementSigner existing(Path file) {
        try {
            return ed25519("ledger.log.additional-key-files", file, PemSigner.fromFile(file));
        } catch (IOException e) {
            throw setting("ledger.log.additional-key-files", file + " cannot be read (" + e.getMessage() + ")", e);
        } catch (InvalidSignatureException e) {
            throw setting("ledger.log.additional-key-files", file + " is not an Ed25519 PKCS#8 PEM key: "
                    + e.getMessage(), e);
        }
    }

    /**
     * @param mayGenerate whether a missing key may be generated (the server may; a command that only reads may not)
     * @return the key, or null when it is missing and may not be generated
     */
    static StatementSigner load(Path file, boolean mayGenerate) {
        StatementSigner key = load("ledger.log.key-file", file, mayGenerate);
        return key == null ? null : ed25519("ledger.log.key-file", file, key);
    }

    /** The log's key, refused when it is not Ed25519: checkpoints are C2SP signed notes (docs/FORMAT.md 14.2). */
    private static StatementSigner ed25519(String setting, Path file, StatementSigner key) {
        if (key.verificationKey().algorithm() != SignatureAlgorithm.ED25519) {
            throw setting(setting, file + " holds an " + key.verificationKey().algorithm() + " key, but the log's "
                    + "checkpoints are signed notes (C2SP), signed with Ed25519 keys only: give it an Ed25519 key "
                    + "(a missing file is made as one at the first start; SM2 keys sign people's statements)", null);
        }
        return key;
    }

    /** As {@link #load(Path, boolean)}, for the key file of the setting named (the log's, the office's). */
    static StatementSigner load(String setting, Path file, boolean mayGenerate) {
        try {
            if (Files.exists(file)) {
                return PemSigner.fromFile(file);
            }
            if (!mayGenerate) {
                return null;
            }
            KeyPairs.Generated key = KeyPairs.generate(SignatureAlgorithm.ED25519);
            if (!writeNew(file, key.privateKeyPem())) {
                return PemSigner.fromFile(file);
            }
            log.info("generated a signing key (Ed25519) at {}: keep it, and back it up", file);
            return key.signer();
        } catch (IOException e) {
            throw setting(setting, file + " cannot be read or written (" + e + ")", e);
        } catch (InvalidSignatureException e) {
            throw setting(setting, file + " is not an Ed25519 PKCS#8 PEM key: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a new private key file readable by its owner only, unless one exists: written whole under another name
     * and moved into place, so that a second server starting beside this one (several nodes, one folder) never reads
     * half a key; if one got there first, its key is the key.
     *
     * @return whether this call wrote it (false: a key was there already)
     */
    static boolean writeNew(Path file, String pem) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            io.hazardledger.internal.OwnerOnly.createFolders(dir);   // readable by its owner only, as the keys are
        }
        Path temp = Files.createTempFile(dir == null ? Path.of(".") : dir, ".key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.warn("{} could not be made readable by its owner only on this file system", file);
            }
            Files.writeString(temp, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                try {
                    Files.createLink(file, temp); // fails if the key exists: never replaces another server's key
                } catch (UnsupportedOperationException noHardLinks) {
                    Files.move(temp, file); // fails if the key exists, too
                }
            } catch (java.nio.file.FileAlreadyExistsException another) {
                return false;
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return true;
    }

    /**
     * The office's earlier sealing keys, from {@code ledger.office.earlier-sealing-key-files} (paths separated by
     * commas; each must exist, none is generated): identities sealed for them are revealed with them.
     */
    static java.util.List<io.hazardledger.whistleblower.SealingKey> earlierSealingKeys(String files) {
        java.util.List<io.hazardledger.whistleblower.SealingKey> keys = new java.util.ArrayList<>();
        for (String file : files.split(",")) {
            if (file.isBlank()) {
                continue;
            }
            Path path = Path.of(file.strip());
            if (!Files.isRegularFile(path)) {
                throw new io.hazardledger.InvalidInputException("ledger.office.earlier-sealing-key-files",
                        path + " is not a file (an earlier sealing key is kept, never generated)");
            }
            try {
                keys.add(io.hazardledger.whistleblower.SealingKey.fromPem(Files.readString(path,
                        StandardCharsets.US_ASCII)));
            } catch (IOException | IllegalArgumentException e) {
                throw new io.hazardledger.InvalidInputException("ledger.office.earlier-sealing-key-files",
                        path + " is not an X25519 PKCS#8 PEM key (" + e.getMessage() + ")");
            }
        }
        return keys;
    }

    /**
     * The park office's sealing key for whistleblowers' identities (X25519, PKCS#8 PEM), generated on the first start
     * of a server ({@code mayGenerate}); null when missing and not generated.
     */
    static io.hazardledger.whistleblower.SealingKey sealingKey(Path file, boolean mayGenerate) {
        try {
            if (!Files.exists(file)) {
                if (!mayGenerate) {
                    return null;
                }
                io.hazardledger.whistleblower.SealingKey key = io.hazardledger.whistleblower.SealingKey.generate();
                if (writeNew(file, key.toPem())) {
                    log.info("generated the office's sealing key (X25519) {} at {}: whistleblowers' identities are "
                            + "sealed for it; keep it apart from the database, and back it up", key.keyId(), file);
                    return key;
                }
            }
            return io.hazardledger.whistleblower.SealingKey.fromPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw setting("ledger.office.sealing-key-file", file + " cannot be read or written (" + e + ")", e);
        } catch (IllegalArgumentException e) {
            throw setting("ledger.office.sealing-key-file", file + " is not an X25519 PKCS#8 PEM key: "
                    + e.getMessage(), e);
        }
    }
}
