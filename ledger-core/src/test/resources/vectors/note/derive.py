# Writes the *.json beside this script from values copied out of the public sources named in
# each file, after checking every signature, key ID and root with pyca/cryptography and hashlib (not the Java code).
import base64, hashlib, json, pathlib
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey, Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization
EM = '\u2014'
OUT = pathlib.Path(__file__).resolve().parent

def pub_of_vkey(v):
    name, kid, mat = v.split('+', 2)
    raw = base64.b64decode(mat, validate=True)
    assert raw[0] == 1 and len(raw) == 33
    assert hashlib.sha256(name.encode() + b'\n' + raw).digest()[:4].hex() == kid
    return raw[1:]

def from_skey(s):
    _, _, name, kid, mat = s.split('+', 4)
    raw = base64.b64decode(mat, validate=True)
    sk = Ed25519PrivateKey.from_private_bytes(raw[1:])
    pub = sk.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    vk = name + '+' + hashlib.sha256(name.encode() + b'\n\x01' + pub).digest()[:4].hex() + '+' + base64.b64encode(b'\x01' + pub).decode()
    assert vk.split('+')[1] == kid
    return sk, vk

def key(desc, vkey, skey=None):
    name, kid, _ = vkey.split('+', 2)
    pub = pub_of_vkey(vkey)
    if skey:
        assert from_skey(skey)[1] == vkey
    return {"desc": desc, "name": name, "keyId": kid, "publicKey": pub.hex(), "verifierKey": vkey, "signerKey": skey}

def outcome(note, vkey):
    """'verified', or 'rejected': the Go reference semantics for one trusted key."""
    name, kid, _ = vkey.split('+', 2)
    pub = pub_of_vkey(vkey)
    try:
        split = note.rindex('\n\n')
    except ValueError:
        return 'rejected'
    if not note.endswith('\n') or any(ord(ch) < 0x20 and ch != '\n' for ch in note):
        return 'rejected'
    text, sigs = note[:split + 1], note[split + 2:]
    if not sigs:
        return 'rejected'
    ok = False
    for line in sigs[:-1].split('\n'):
        if not line.startswith(EM + ' '):
            return 'rejected'
        n, _, b64 = line[2:].partition(' ')
        try:
            sig = base64.b64decode(b64, validate=True)
        except Exception:
            return 'rejected'
        if n == name and sig[:4].hex() == kid:
            try:
                Ed25519PublicKey.from_public_bytes(pub).verify(sig[4:], text.encode())
            except Exception:
                return 'rejected'
            ok = True
    return 'verified' if ok else 'rejected'

def note_case(desc, note, vkey, want, text=None, signer=None):
    got = outcome(note, vkey)
    assert got == want, (desc, got)
    c = {"desc": desc, "verifierKey": vkey, "note": note, "want": want,
         "wantText": note[:note.rindex('\n\n') + 1] if want == 'verified' else None}
    if signer:
        c["signerKey"] = signer
    return c

def write(name, obj):
    (OUT / name).write_text(json.dumps(obj, indent=2, ensure_ascii=False) + '\n', encoding='utf-8')

# ---- golang.org/x/mod/sumdb/note -----------------------------------------------------------------------------
PV = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'
PS = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz'
EV = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop'
text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
psig = EM + ' PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n'
esig = EM + ' EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n'
write('go-sumdb-note.json', {
    "source": "golang.org/x/mod, sumdb/note/note_test.go (github.com/golang/mod at 02c991387e35f9e4c0a9b7ce137717055f8d716d; "
              "BSD-style licence, The Go Authors): TestNewVerifier, TestNewSigner, TestSign, TestOpen",
    "desc": "The reference implementation's own vectors: the PeterNeumann signer and verifier keys, the note it signs in "
            "TestSign (Ed25519 is deterministic, so that signature is the only one), EnochRoot's signature of the same "
            "text, and the messages TestOpen must refuse. Outcomes are for a verifier that trusts the one key named.",
    "keys": [key("PeterNeumann: signer key of TestNewSigner/TestSign, verifier key of TestNewVerifier", PV, PS),
             key("EnochRoot: verifier key of TestVerifierList/TestOpen (no signer key is published)", EV)],
    "badVerifierKeys": [
        {"desc": "TestNewVerifier: wrong length key, with adjusted key hash",
         "verifierKey": "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="},
        {"desc": "TestNewVerifier: unknown algorithm, with adjusted key hash",
         "verifierKey": "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"}],
    "notes": [
        note_case("TestSign: the signed note, exactly as Sign writes it", text + '\n' + psig, PV, 'verified', signer=PS),
        note_case("TestOpen: Peter and Enoch signatures; Enoch's key is unknown and ignored", text + '\n' + psig + esig, PV, 'verified'),
        note_case("TestOpen: Peter and Enoch signatures, verified with Enoch's key", text + '\n' + psig + esig, EV, 'verified'),
        note_case("TestOpen: duplicated verified and unverified signatures",
                  text + '\n' + psig + psig + esig + esig + esig[:60] + 'ABCD' + esig[60:], PV, 'verified'),
        note_case("TestOpen: sixteen copies of the signature (c2sp.org/signed-note: verifiers MUST accept at least 16)",
                  text + '\n' + psig * 16, PV, 'verified'),
        note_case("TestOpen: invalid signature (ABCD inserted into Peter's)", text + '\n' + psig[:60] + 'ABCD' + psig[60:], PV, 'rejected'),
        note_case("TestOpen: only Enoch's signature, verifier trusts Peter (no verifiable signature)", text + '\n' + esig, PV, 'rejected'),
        note_case("TestOpen bad message: text alone", text, PV, 'rejected'),
        note_case("TestOpen bad message: text and blank line, no signature", text + '\n', PV, 'rejected'),
        note_case("TestOpen bad message: signature line without its newline", text + '\n' + psig[:-1], PV, 'rejected'),
        note_case("TestOpen bad message: control character U+0001 before the text", '\x01' + text + '\n' + psig, PV, 'rejected'),
        note_case("TestOpen bad message: key name with a space, no final newline",
                  text + '\n' + EM + ' Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=', PV, 'rejected'),
        note_case("TestOpen bad message: a line that is not a signature after the signature", text + '\n' + psig + 'Unexpected line.\n', PV, 'rejected'),
        note_case("TestOpen: Peter's signature under another name (CarmenSandiego)", text + '\n' + psig.replace('PeterNeumann', 'CarmenSandiego'), PV, 'rejected'),
        note_case("TestOpen: Peter's signature with another key ID (x08g -> xxxx)", text + '\n' + psig.replace('x08g', 'xxxx'), PV, 'rejected'),
    ]})

# ---- c2sp.org/signed-note --------------------------------------------------------------------------------------
FV = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k'
FOO = 'This is an example message.\n\n' + EM + ' example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n'
write('c2sp-signed-note.json', {
    "source": "c2sp.org/signed-note, the Example section of an earlier revision (github.com/C2SP/C2SP signed-note.md at "
              "d4c16da5e7687a016619074e78dad84b2c7238cc, as quoted with that commit by independent implementations' tests); "
              "the current revision's example (quasimodo.example/salvatore) publishes no verifier key",
    "desc": "The specification's example: verifier key example.com/foo+530d903a+... and the note it verifies",
    "keys": [key("example.com/foo, the specification's example verifier key", FV)],
    "notes": [
        note_case("the specification's example note", FOO, FV, 'verified'),
        note_case("the example with its text changed (message -> massage)", FOO.replace('message', 'massage'), FV, 'rejected'),
    ]})

# ---- sum.golang.org checkpoints ---------------------------------------------------------------------------------
SV = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8'
S1 = 'go.sum database tree\n6476701\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n\n' + EM + ' sum.golang.org Az3grsLX85Gz+s1SiTbgkuqxgItqFq7gsMUEyVnrsa9LM7Us9S+1xbFIGu95949rj4nPRYfvimWEPWL+o3GeoWwOoAw=\n'
S2 = 'go.sum database tree\n30055305\nmXfgRcJ0bG0j3CPdKwgGWtUzBUbX67saZGRmFuJGGsM=\n\n' + EM + ' sum.golang.org Az3grpgEild5qw7+5dtV13Kf1C2Xurm8q4fhdxvcsDHnqNTaxL2AFjBY+2TyGKevucFcAAlWFJJYle3EJlDCrQ+y3A8=\n'
write('sumdb-checkpoints.json', {
    "source": "The Go checksum database's verifier key (go/src/cmd/go/internal/modfetch/key.go) and two of its signed tree "
              "heads: size 6476701 from github.com/transparency-dev/formats log/note_test.go (TestSumDBNoteParsing), and "
              "size 30055305 from github.com/sigsum/sigsum-go pkg/checkpoint/checkpoint_test.go (TestGoSumDBCheckpoint, "
              "'Retrieved from https://sum.golang.org/latest, 2024-09-23')",
    "desc": "A production log's checkpoints. The verifier key's base64 holds '+' (three times), so a parser must split "
            "name+keyID+key on the first two '+' only. The key name (sum.golang.org) is not the origin line.",
    "keys": [key("sum.golang.org", SV)],
    "notes": [note_case("sum.golang.org checkpoint of size 6476701", S1, SV, 'verified'),
              note_case("sum.golang.org checkpoint of size 30055305", S2, SV, 'verified'),
              note_case("size 30055305 with the size of the other (6476701): text changed", S2.replace('30055305', '6476701'), SV, 'rejected')],
    "checkpoints": [
        {"desc": "sum.golang.org, 6476701", "text": S1[:S1.rindex('\n\n') + 1], "origin": "go.sum database tree",
         "size": 6476701, "root": "mb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk="},
        {"desc": "sum.golang.org, 30055305", "text": S2[:S2.rindex('\n\n') + 1], "origin": "go.sum database tree",
         "size": 30055305, "root": "mXfgRcJ0bG0j3CPdKwgGWtUzBUbX67saZGRmFuJGGsM="}]})

# ---- transparency-dev/serverless-log testdata --------------------------------------------------------------------
AS = 'PRIVATE+KEY+astra+cad5a3d2+ASgwwenlc0uuYcdy7kI44pQvuz1fw8cS5NqS8RkZBXoy'
AV = 'astra+cad5a3d2+AZJqeuyE/GnknsCNh1eCtDtwdAwKBddOlS8M2eI1Jt4b'
sigs = ['ytWj0vyk8mOOKGTcc4inCsUD4jQTYNX/r820NAqdU6Fsj8PpEU+m74Z6SMW0BGapHgIw2xsYd9P3+E8PdXWcj0zTeAs=',
'ytWj0qJ+vbcrczZs9oOK0B9o0Z2H0BJB+ekrNMeJclrjpCY60XqAE5CJV9q6jRnUqthwdpkXLMhxCkv/7OUUCtZvNwM=',
'ytWj0hjRw9ubRMzxxs+mNZaMlB9++99U9CUeomuJ+GkPOb+/fcbOk4mWcWEG6P0QW5saBs7v+GRFOfaPQg5+8GxXxgg=',
'ytWj0ueOKrf0tsoN1fnZzOcNi+KmijMdhv9niviS99k+jv3beiTCfPK0CVbltoKci4j0gFT5Lmm2zDl5xF9aFg87+gc=',
'ytWj0nB8tPqDn24svaVacHS7B4QftyzoBsxVVHBiAY9jR24WwxScVLzLzqEKw/GsKz1/ytIx94on45wiDlgMgXOMrws=',
'ytWj0sl3hjBnXaGvpD2sl/C0yObGIWtOeHjIASoBnKzhFYiJ/8g6hrzIQw/nLvcZEdc5It/ydHam4e3SOwvxz3R/qgM=',
'ytWj0v8bVfJyM+jmybi9OwGPU5CVfG/fiq3eQcZ+VjCQ1FmE2Ilbi9Mbx/90uZyHGFZ7dLD8x46SIjUnZFSClXePuQQ=',
'ytWj0mbLo8zw6TpvMVTJMPVVaZTul3QfYjC4BpORAFiglmHyFihMwVJHiHXWQmyyeCdPRKAaj8YpHEKjBfDMmKPL9Q0=',
'ytWj0vwkDwABoRkcTQlqDTO6gxjPW5yJKQ3ohF0v+6eQCGG3R2HRbQisMteoio9aJJp04zHT6WuVLQRO+XON8qAzzgY=',
'ytWj0p3+4cahzXg243Bi/EJ5hMKipsU5Zl8+7hbgqgzd+c2Qgy1N9pLkcDMUkrlj/aP0a1oyAkjMF7hjFiRkuCgs8gs=',
'ytWj0vy8CYTO6BiXMpCn3a9TC4NrU5dzXyTp3I52DXDtO7AJAd60D0v+cuAw4TaSPz/bynWW4jTkj2q6/TRSTfzXwgQ=',
'ytWj0omfGzZ0zxlY8JFZokkI8Z7px2eAY8UdMFbAt1Cweqg+caN6xcOMxxpFz0xHciHBkWsmg45qwfPQxGiQH/SibAY=',
'ytWj0kRBzdccQFu4IXx3NLOdZn84CkdyPeHs+9J0hKomAJEz/fP+lMmY2cQ9WWh9qNzvNhR+knpKgKWWCCyAU4b5hw4=',
'ytWj0mGI7Qtgio2aXV9ScWa+TLp5b05s6oW9ot698HWC03uQR//7FoxWqD6m+L78OzhiJTWUWnfQ1fHvrS7TU8azWQM=',
'ytWj0ggzIhG5oKP/aDQswtPy4K6isUFRcNPXnJAzd0f5KcYrbgmRDI4Na6WYw6eQXOscao6xwSkcyGMw8FXkTbzcdgo=',
'ytWj0iUyv3abfvt9ea52PCdTsNBiHBss+L7Z1nMhVcsoh+Re7YASWz78PrjiocC8gvkBUaDrV2Y3Ez2THNxCWnbpkQE=']
roots = ['47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=','0Nc2CrefWKseHj/mStd+LqC8B+NrX0btIiPt2SmN+ek=','T1X2GdkhUjV3iyufF9b0kVsWFxIU0VI4EpNml2Teci4=','Wqx3HImawpLnS/Gv4ubjAvi1WIOy0b8Ze0amvqbavKk=','zY1lN35vrXYAPixXSd59LsU29xUJtuW4o2dNNg5Y2Co=','gy5gl3aksFyiCO95a/1vLXz88A3dRq+0l9Sxte8ZqZQ=','a6sWvsc2eEzmj72vah7mZ5dwFltivehh2b11qwlp5Jg=','IrSXADBqJ7EQoUODSDKROySgNveeL6CFhik2w/+fS7U=','bC+VwvrJbalNVjfkdI8kUgs7mJoXrqiXCE7bgnD28pY=','CvhHViE3S9E3htHLR+25mapWoGCJ3WckMq1UtC3VmEY=','y8/gZsZCtitsMan09tY+k8I7Qpr7Y5fbO2tLi9GQnfU=','Yok1cS5VdokGLBy73BC2I16b3atss6KBN9jnIi6Fz/A=','uZo6M+IhVna+CLgWCrJs0xBPUHbozHkYTQASduHSLME=','av0kLH0VkkVDrTuZzBGIx7d9z5G1l/GlKz/nAV/8woQ=','SvCd38yNade7xEPY1a/aAc1M3A2AHYVF8lIiUnsH1ao=','rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=']
words = "one two three four five six seven eit nain ten ileven twelf threeten fourten fivten".split()
def mth(leaves):
    if not leaves: return hashlib.sha256(b'').digest()
    if len(leaves) == 1: return hashlib.sha256(b'\x00' + leaves[0]).digest()
    k = 1
    while k * 2 < len(leaves): k *= 2
    return hashlib.sha256(b'\x01' + mth(leaves[:k]) + mth(leaves[k:])).digest()
notes, cps = [], []
for s in range(16):
    assert base64.b64encode(mth([w.encode() for w in words[:s]])).decode() == roots[s]
    t = f'example.com/testdata\n{s}\n{roots[s]}\n'
    notes.append(note_case(f'checkpoint.{s}', t + '\n' + EM + ' astra ' + sigs[s] + '\n', AV, 'verified', signer=AS))
    cps.append({"desc": f'checkpoint.{s}', "text": t, "origin": "example.com/testdata", "size": s, "root": roots[s]})
write('serverless-log-checkpoints.json', {
    "source": "github.com/transparency-dev/serverless-log testdata: log.go (TestLogSecretKey, TestLogPublicKey), "
              "build_log.sh (origin example.com/testdata; leaves one, two, ... fivten, each the bytes of the word), "
              "log/checkpoint.0 to log/checkpoint.15 (Apache-2.0, Google LLC)",
    "desc": "A small RFC 6962/9162 log signed with golang.org/x/mod/sumdb/note: sixteen checkpoints of sizes 0 to 15 "
            "with the key named astra (not the origin). Each root is MTH over the leaf data in 'leaves'; each note "
            "is exactly what the signer key signs (Ed25519 is deterministic).",
    "keys": [key("astra, the serverless-log test log key", AV, AS)],
    "leaves": words,
    "notes": notes,
    "checkpoints": cps})

# ---- transparency-dev/formats keys -------------------------------------------------------------------------------
pairs = [('Log+2271c621+AemuH5ooBpEPcr+W8onrjA1NfuzBVHdezakU81Ekarvs', 'PRIVATE+KEY+Log+2271c621+AdEIq9FLRQni54Wg68T96VJO+iayOaulswav2DUMKgvQ'),
         ('Known+451c786d+AXAQ0T7lbwuY4ABJ9/MYY9bWV3hmSyOGVt2x42NkmdUH', 'PRIVATE+KEY+Known+451c786d+AQPRoE2+Z+Ed1HaHBA9F/FfracvcZ2rDU39kCecMEoci'),
         ('KnownAgain+4893b26c+AQ+LR7BFF/F/dkpIBjBpSvT0crkteizuUkavAoGeaYMj', 'PRIVATE+KEY+KnownAgain+4893b26c+ARhZda/l25zjGZswYLDZsLNRzNpmv5wYTN9IoTr1OJ2+'),
         ('Unknown+fdbb2e08+AWgRIYZ+8x1Vl+1Q+sR8zciNHiYI1SdlBjNw+RV0rots', 'PRIVATE+KEY+Unknown+fdbb2e08+Aav2knTC6orbhXX8pMWuNiWgO+Wwk2DB+h1eU2Q1W1nU')]
write('transparency-dev-formats-keys.json', {
    "source": "github.com/transparency-dev/formats log/note_test.go (logVK/logSK, known1VK/known1SK, known2VK/known2SK, "
              "unknownVK/unknownSK; Apache-2.0, Google LLC)",
    "desc": "Four signer/verifier key pairs made by golang.org/x/mod/sumdb/note.GenerateKey. Most hold '+' in their "
            "base64 (KnownAgain's signer key even ends with it): the verifier key computed from each seed must be the "
            "published one, byte for byte.",
    "keys": [key(v.split('+')[0], v, s) for v, s in pairs],
    "notes": []})

# ---- sigsum-go -------------------------------------------------------------------------------------------------
seed = bytes([17]) + bytes(31)
sk = Ed25519PrivateKey.from_private_bytes(seed)
pub = sk.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
origin = 'sigsum.org/v1/tree/' + hashlib.sha256(pub).hexdigest()
kid = hashlib.sha256(origin.encode() + b'\n\x01' + pub).digest()[:4].hex()
vk = origin + '+' + kid + '+' + base64.b64encode(b'\x01' + pub).decode()
skey = 'PRIVATE+KEY+' + origin + '+' + kid + '+' + base64.b64encode(b'\x01' + seed).decode()
body = origin + '\n10\nHA5HAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n'
valid = EM + ' ' + origin + ' gJ2ho0n8F8olcerUF1FFdv235A/5as/coWrpLrtE7ovMeP5whgwouYExowG/lTznxu6OUGjjt5yJQ6bXtTcf718MqAQ='
example = EM + ' example.org/log2 DEADBEEFAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='
alien = EM + ' example.org/log DEAD'
bad = EM + ' example.org/log DEADB'
cases = [note_case("validCheckpointASCII: the checkpoint signed by PrivateKey{17}", body + '\n' + valid + '\n', vk, 'verified', signer=skey),
         note_case("TestCheckpointVerifyIgnoreExtraSignature: valid and an alien (3-byte) signature line", body + '\n' + valid + '\n' + alien + '\n', vk, 'verified'),
         note_case("TestCheckpointVerifyIgnoreExtraSignature: example, valid and alien signature lines", body + '\n' + example + '\n' + valid + '\n' + alien + '\n', vk, 'verified'),
         note_case("TestCheckpointVerifyIgnoreExtraSignature: plus a line whose base64 is malformed (DEADB): refused", body + '\n' + example + '\n' + valid + '\n' + alien + '\n' + bad + '\n', vk, 'rejected')]
# the Go reference (note.Open) refuses signatures shorter than 5 bytes as malformed, sigsum-go ignores them: record it
write('sigsum-checkpoint.json', {
    "source": "github.com/sigsum/sigsum-go pkg/checkpoint/checkpoint_test.go (validCheckpointASCII, "
              "TestCheckpointVerifyIgnoreExtraSignature; the Sigsum project). The key is "
              "crypto.PrivateKey{17}: the Ed25519 seed 0x11 followed by 31 zero bytes; its verifier and signer key "
              "strings are not in the source and were computed here with pyca/cryptography from that seed",
    "desc": "A checkpoint signed by another independent implementation (origin = key name = sigsum.org/v1/tree/ + "
            "hex SHA-256 of the public key), and extra signature lines of unknown keys, which a verifier ignores as "
            "long as they are well-formed. Note: golang.org/x/mod's note.Open refuses the 3-byte 'alien' line as "
            "malformed (it wants at least 5 bytes); sigsum-go and this ledger ignore it.",
    "keys": [key("sigsum-go test log key (PrivateKey{17})", vk, skey)],
    "notes": cases,
    "checkpoints": [{"desc": "validCheckpointASCII", "text": body, "origin": origin, "size": 10,
                     "root": "HA5HAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}]})

# ---- c2sp.org/tlog-checkpoint ----------------------------------------------------------------------------------
write('c2sp-tlog-checkpoint.json', {
    "source": "c2sp.org/tlog-checkpoint (github.com/C2SP/C2SP tlog-checkpoint.md at 2793893976c835db049c194d8f2c4f946dcb70ba), "
              "the opening example; and github.com/transparency-dev/formats log/checkpoint_test.go (TestUnmarshalLogState)",
    "desc": "Checkpoint note texts only (the specification's example signature has no published key). 'want' is the "
            "parse outcome; transparency-dev/formats accepts the same texts and refuses the same refusals",
    "keys": [],
    "notes": [],
    "checkpoints": [
        {"desc": "tlog-checkpoint example", "text": "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
         "origin": "example.com/behind-the-sofa", "size": 20852163, "root": "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="}],
    "refusals": [
        {"desc": "formats: invalid - insufficient lines", "text": "Head\n9944\n"},
        {"desc": "formats: invalid - empty header", "text": "\n9944\ndGhlIHZpZXcgZnJvbSB0aGUgdHJlZSB0b3BzIGlzIGdyZWF0IQ==\n"},
        {"desc": "formats: invalid - missing newline on roothash", "text": "Log\n123\nYmFuYW5hcw=="},
        {"desc": "formats: invalid size - not a number", "text": "Log\nbananas\ndGhlIHZpZXcgZnJvbSB0aGUgdHJlZSB0b3BzIGlzIGdyZWF0IQ==\n"},
        {"desc": "formats: invalid size - negative", "text": "Log\n-34\ndGhlIHZpZXcgZnJvbSB0aGUgdHJlZSB0b3BzIGlzIGdyZWF0IQ==\n"},
        {"desc": "formats: invalid size - too large", "text": "Log\n3438945738945739845734895735\ndGhlIHZpZXcgZnJvbSB0aGUgdHJlZSB0b3BzIGlzIGdyZWF0IQ==\n"},
        {"desc": "formats: invalid roothash - not base64", "text": "Log\n123\nThisIsn'tBase64\n"},
        {"desc": "formats' valid one, refused here: its 'root' is 7 bytes (bananas); an RFC 6962 root is 32", "text": "Log\n123\nYmFuYW5hcw==\n"}]})
print('written')
