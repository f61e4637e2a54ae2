#!/usr/bin/env python3
"""Independent cross-check and generator for the vectors in this directory (python3, standard library only).

    python3 derive.py          # checks the upstream values, then rewrites the three *.json files it derives

It computes the RFC 6962 / RFC 9162 section 2.1 test tree directly from the definitions (MTH, PATH, PROOF by
recursion over the leaf list), asserts that every value copied from transparency-dev/merkle and
google/certificate-transparency-go (rfc6962-tree.json, which this script only reads) is reproduced, then writes

  rfc6962-tree-derived.json   every inclusion proof of trees 1..8 and every consistency proof 0 <= m <= n <= 8
  inclusion-tamper.json       named tampered inclusion proofs, wantErr from the RFC 9162 2.1.3.2 verifier below
  consistency-tamper.json     named tampered consistency proofs, wantErr from the RFC 9162 2.1.4.2 verifier below
"""
import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def sha(b):
    return hashlib.sha256(b).digest()


def leaf_hash(data):
    return sha(b"\x00" + data)


def node(left, right):
    return sha(b"\x01" + left + right)


def split(n):
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(d):
    if not d:
        return sha(b"")
    if len(d) == 1:
        return d[0]  # d holds leaf hashes
    k = split(len(d))
    return node(mth(d[:k]), mth(d[k:]))


def path(m, d):
    if len(d) == 1:
        return []
    k = split(len(d))
    if m < k:
        return path(m, d[:k]) + [mth(d[k:])]
    return path(m - k, d[k:]) + [mth(d[:k])]


def subproof(m, d, complete):
    n = len(d)
    if m == n:
        return [] if complete else [mth(d)]
    k = split(n)
    if m <= k:
        return subproof(m, d[:k], complete) + [mth(d[k:])]
    return subproof(m - k, d[k:], False) + [mth(d[:k])]


def proof(m, d):
    return [] if m == 0 or m == len(d) else subproof(m, d, True)


def verify_inclusion(index, size, leaf, proof_, root):
    """RFC 9162 2.1.3.2; True when the proof verifies."""
    if index >= size or index < 0:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof_:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(size1, size2, root1, root2, proof_):
    """RFC 9162 2.1.4.2, with transparency-dev's conventions for size1 == size2 and size1 == 0."""
    if size1 < 0 or size2 < size1:
        return False
    if size1 == size2:
        return not proof_ and root1 == root2
    if size1 == 0:
        return not proof_
    if not proof_:
        return False
    p = ([root1] if size1 & (size1 - 1) == 0 else []) + list(proof_)
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = p[0]
    for c in p[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node(c, fr), node(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == root1 and sr == root2


def hx(b):
    return b.hex()


def unhex(s):
    return bytes.fromhex(s)


def flip(h, byte, bit):
    b = bytearray(h)
    b[byte] ^= 1 << bit
    return bytes(b)


def main():
    with open(os.path.join(HERE, "rfc6962-tree.json")) as f:
        tree = json.load(f)
    data = [unhex(l["data"]) for l in tree["leaves"]]
    leaves = [leaf_hash(x) for x in data]

    # 1. Every upstream value is reproduced.
    for l in tree["leaves"]:
        assert hx(leaves[l["index"]]) == l["leafHash"], l
    for nd in tree["nodes"]:
        lv, i = nd["level"], nd["index"]
        assert hx(mth(leaves[i << lv:(i + 1) << lv])) == nd["hash"], nd
    for r in tree["roots"]:
        assert hx(mth(leaves[:r["size"]])) == r["hash"], r
    for c in tree["inclusion"]:
        assert [hx(h) for h in path(c["index"], leaves[:c["size"]])] == c["proof"], c
        assert verify_inclusion(c["index"], c["size"], leaves[c["index"]], [unhex(h) for h in c["proof"]],
                                mth(leaves[:c["size"]]))
    for c in tree["consistency"]:
        d = leaves[:c["size2"]]
        assert [hx(h) for h in proof(c["size1"], d)] == c["proof"], c
        assert verify_consistency(c["size1"], c["size2"], mth(leaves[:c["size1"]]), mth(d),
                                  [unhex(h) for h in c["proof"]])

    # 2. Every proof of the 8-leaf tree.
    derived = {
        "desc": "every inclusion proof (1 <= size <= 8) and every consistency proof (0 <= size1 <= size2 <= 8) of "
                "the RFC 6962 test tree of rfc6962-tree.json; each verifies against roots[size] of that file",
        "source": "derived by derive.py in this directory (independent Python, RFC 9162 section 2.1 recursion); "
                  "agrees with every upstream proof listed in rfc6962-tree.json",
        "inclusion": [],
        "consistency": [],
    }
    for n in range(1, 9):
        for i in range(n):
            pr = path(i, leaves[:n])
            assert verify_inclusion(i, n, leaves[i], pr, mth(leaves[:n]))
            derived["inclusion"].append({"index": i, "size": n, "proof": [hx(h) for h in pr]})
    for n in range(0, 9):
        for m in range(0, n + 1):
            pr = proof(m, leaves[:n])
            assert verify_consistency(m, n, mth(leaves[:m]), mth(leaves[:n]), pr)
            derived["consistency"].append({"size1": m, "size2": n, "proof": [hx(h) for h in pr]})

    # 3. Tampered inclusion proofs around index 5 of the 8-leaf tree (upstream {6, 8}).
    root = {n: mth(leaves[:n]) for n in range(0, 9)}
    i, n = 5, 8
    good = path(i, leaves[:n])
    inc = []

    def icase(name, desc, index, size, leaf, pr, rt):
        want = not verify_inclusion(index, size, leaf, pr, rt)
        inc.append({"name": name, "desc": desc, "index": index, "size": size, "leafHash": hx(leaf),
                    "proof": [hx(h) for h in pr], "root": hx(rt), "wantErr": want})

    icase("valid", "the untampered proof of leaf 5 in the tree of 8", i, n, leaves[i], good, root[n])
    for j in range(len(good)):
        pr = list(good)
        pr[j] = flip(pr[j], 0, 3)
        icase(f"proof-{j}-bit-flipped", f"proof[{j}] with bit 3 of its first byte flipped (0x08)", i, n, leaves[i],
              pr, root[n])
    pr = list(good)
    pr[31 % len(pr)] = flip(pr[31 % len(pr)], 31, 0)
    icase("proof-last-byte-bit-flipped", "proof[1] with bit 0 of its last byte flipped", i, n, leaves[i], pr,
          root[n])
    icase("proof-last-removed", "the last proof element removed", i, n, leaves[i], good[:-1], root[n])
    icase("proof-first-removed", "the first proof element removed", i, n, leaves[i], good[1:], root[n])
    icase("proof-extra-root", "the root appended as an extra element", i, n, leaves[i], good + [root[n]], root[n])
    icase("proof-extra-empty", "an empty element appended", i, n, leaves[i], good + [b""], root[n])
    icase("proof-extra-leading", "the leaf's sibling prepended again", i, n, leaves[i], [good[0]] + good, root[n])
    icase("proof-empty", "no proof elements at all", i, n, leaves[i], [], root[n])
    icase("wrong-index-4", "index 4 (the sibling's index) instead of 5", 4, n, leaves[i], good, root[n])
    icase("wrong-index-6", "index 6 instead of 5", 6, n, leaves[i], good, root[n])
    icase("wrong-index-7", "index 7 (5 xor 2) instead of 5", 7, n, leaves[i], good, root[n])
    icase("wrong-index-8", "index 8, not below the size", 8, n, leaves[i], good, root[n])
    icase("wrong-size-16", "size 16 (twice the size)", i, 16, leaves[i], good, root[n])
    icase("wrong-size-6", "size 6: leaf 5 is then the last leaf and the proof is one element too long", i, 6,
          leaves[i], good, root[n])
    icase("wrong-size-4", "size 4 (half the size): the index is not below it", i, 4, leaves[i], good, root[n])
    icase("other-size-7-same-shape",
          "NOT an error: size 7 gives leaf 5 the same sibling sides (left, right, left) as size 8, so the size-8 "
          "proof checks against the size-8 root; an inclusion proof does not bind the size, which must come "
          "authenticated with the root", i, 7, leaves[i], good, root[n])
    icase("wrong-root-size-7", "the root of the tree of 7", i, n, leaves[i], good, root[7])
    icase("wrong-root-empty", "the empty-tree root", i, n, leaves[i], good, root[0])
    icase("wrong-root-bit-flipped", "the root with bit 0 of its first byte flipped", i, n, leaves[i], good,
          flip(root[n], 0, 0))
    icase("swapped-leaf-and-root", "leaf hash and root swapped", i, n, root[n], good, leaves[i])
    icase("wrong-leaf", "the hash of leaf 4 instead of leaf 5", i, n, leaves[4], good, root[n])
    icase("leaf-data-not-hashed", "leaf 5's data instead of its leaf hash", i, n, data[i], good, root[n])
    i3 = path(2, leaves[:3])
    icase("valid-size-3-last", "the untampered proof of leaf 2 in the tree of 3 (upstream {3, 3})", 2, 3, leaves[2],
          i3, root[3])
    icase("size-3-last-extra", "leaf 2 of 3 with the root of 2 appended again", 2, 3, leaves[2], i3 + [i3[0]],
          root[3])
    icase("size-3-last-wrong-index", "leaf 2 of 3 checked as leaf 1", 1, 3, leaves[2], i3, root[3])
    icase("size-1-valid", "a tree of one leaf: empty proof, root = leaf hash", 0, 1, leaves[0], [], root[1])
    icase("size-1-extra", "a tree of one leaf with one proof element", 0, 1, leaves[0], [leaves[1]], root[1])
    icase("size-0", "index 0 of the empty tree", 0, 0, leaves[0], [], root[0])

    # 4. Tampered consistency proofs 6 -> 8 (upstream) and 2 -> 5 (size1 a power of two).
    con = []

    def ccase(name, desc, s1, s2, r1, r2, pr):
        want = not verify_consistency(s1, s2, r1, r2, pr)
        con.append({"name": name, "desc": desc, "size1": s1, "size2": s2, "root1": hx(r1), "root2": hx(r2),
                    "proof": [hx(h) for h in pr], "wantErr": want})

    for (m, n) in [(6, 8), (2, 5)]:
        good = proof(m, leaves[:n])
        t = f"{m}-{n}"
        ccase(f"{t}-valid", f"the untampered proof from {m} to {n}", m, n, root[m], root[n], good)
        for j in range(len(good)):
            pr = list(good)
            pr[j] = flip(pr[j], 0, 4)
            ccase(f"{t}-proof-{j}-bit-flipped", f"proof[{j}] with bit 4 of its first byte flipped (0x10)", m, n,
                  root[m], root[n], pr)
        ccase(f"{t}-proof-last-removed", "the last element removed", m, n, root[m], root[n], good[:-1])
        ccase(f"{t}-proof-first-removed", "the first element removed", m, n, root[m], root[n], good[1:])
        ccase(f"{t}-proof-extra-root2", "root2 appended", m, n, root[m], root[n], good + [root[n]])
        ccase(f"{t}-proof-extra-leading", "proof[0] prepended again", m, n, root[m], root[n], [good[0]] + good)
        ccase(f"{t}-proof-extra-root1-leading", "root1 prepended (what a verifier adds itself when size1 is a "
              "power of two)", m, n, root[m], root[n], [root[m]] + good)
        ccase(f"{t}-proof-empty", "no proof elements", m, n, root[m], root[n], [])
        ccase(f"{t}-swapped-roots", "root1 and root2 swapped", m, n, root[n], root[m], good)
        ccase(f"{t}-wrong-root1", f"root1 of the tree of {m - 1}", m, n, root[m - 1], root[n], good)
        ccase(f"{t}-wrong-root2", f"root2 of the tree of {n - 1}", m, n, root[m], root[n - 1], good)
        ccase(f"{t}-wrong-root2-bit-flipped", "root2 with bit 7 of its last byte flipped", m, n, root[m],
              flip(root[n], 31, 7), good)
        ccase(f"{t}-wrong-size1-minus-1", f"size1 {m - 1}", m - 1, n, root[m], root[n], good)
        ccase(f"{t}-wrong-size1-plus-1", f"size1 {m + 1}", m + 1, n, root[m], root[n], good)
        ccase(f"{t}-wrong-size1-xor-2", f"size1 {m ^ 2}", m ^ 2, n, root[m], root[n], good)
        ccase(f"{t}-wrong-size2-times-2", f"size2 {n * 2}", m, n * 2, root[m], root[n], good)
        ccase(f"{t}-wrong-size2-below-size1", f"size2 {m - 1} below size1", m, m - 1, root[m], root[n], good)
        ccase(f"{t}-wrong-size2-equal", f"size2 {m} equal to size1", m, m, root[m], root[n], good)
    good = proof(6, leaves[:8])
    ccase("6-8-other-size2-7-same-shape",
          "NOT an error: size2 7 has the same proof shape from 6 as size2 8 (0ebc.. then one right sibling then one "
          "left sibling), so the 6->8 proof checks with size2 = 7 against the size-8 root; a consistency proof "
          "does not bind the sizes, which must come authenticated with the roots", 6, 7, root[6], root[8], good)
    good = proof(2, leaves[:5])
    ccase("2-5-wrong-size2-3", "size2 3: the proof from 2 to 3 has one element, not two", 2, 3, root[2],
          root[5], good)
    ccase("0-8-valid", "from the empty tree: the proof is empty", 0, 8, root[0], root[8], [])
    ccase("0-8-extra", "from the empty tree with one proof element", 0, 8, root[0], root[8], [leaves[0]])
    ccase("8-8-valid", "equal sizes, equal roots, empty proof", 8, 8, root[8], root[8], [])
    ccase("8-8-wrong-root", "equal sizes, different roots", 8, 8, root[8], root[7], [])
    ccase("8-8-extra", "equal sizes with a proof element", 8, 8, root[8], root[8], [root[8]])
    ccase("1-1-valid", "upstream {1, 1, nil}", 1, 1, root[1], root[1], [])
    ccase("8-7-backwards", "size1 above size2", 8, 7, root[8], root[7], [])

    src_t = ("tampered copies of upstream proofs (transparency-dev/merkle proof/verify_test.go corruptInclusionProof "
             "and corruptConsistencyProof name the same kinds); values and wantErr derived by derive.py in this "
             "directory")
    out = {
        "rfc6962-tree-derived.json": derived,
        "inclusion-tamper.json": {"desc": "inclusion proofs of the RFC 6962 test tree (rfc6962-tree.json), "
                                          "untampered and tampered; wantErr says whether verification must fail",
                                  "source": src_t, "cases": inc},
        "consistency-tamper.json": {"desc": "consistency proofs of the RFC 6962 test tree (rfc6962-tree.json), "
                                            "untampered and tampered; wantErr says whether verification must fail",
                                    "source": src_t, "cases": con},
    }
    for name, doc in out.items():
        with open(os.path.join(HERE, name), "w") as f:
            json.dump(doc, f, indent=2)
            f.write("\n")
    print("upstream values reproduced;", len(derived["inclusion"]), "inclusion and", len(derived["consistency"]),
          "consistency proofs;", len(inc), "+", len(con), "tamper cases")
    for c in inc + con:
        print(c["name"], "wantErr" if c["wantErr"] else "VERIFIES")


if __name__ == "__main__":
    main()
