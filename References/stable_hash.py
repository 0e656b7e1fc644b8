"""Reference values of the hashes in shard state format 1 (Sources/ShardStates/StableHash.swift), computed
independently in Python: FNV-1a 64 over UTF-8, the SplitMix64 finaliser, n-gram chaining and sampling keys.
Run: python3 References/stable_hash.py  (prints the values pinned in Tests/ShardStatesTests)."""

M = (1 << 64) - 1


def finalise(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return z ^ (z >> 31)


def text_hash(text):
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001B3) & M
    return finalise(h)


def ngram_hash(tokens):
    h = (0x9E3779B97F4A7C15 * len(tokens)) & M
    for token in tokens:
        h = (finalise(h ^ token) + 0x632BE59BD9B4E019) & M
    return finalise(h)


def sample_key(seed, row):
    return finalise(seed ^ finalise((row + 0x5851F42D4C957F2D) & M))


if __name__ == "__main__":
    for text in ["", "cat", "héllo wörld"]:
        print(f"text {text!r}: 0x{text_hash(text):016x}")
    print(f"ngram [cat, sat]: 0x{ngram_hash([text_hash('cat'), text_hash('sat')]):016x}")
    for row in [0, 1, 999_999]:
        print(f"sample key seed 20231012 row {row}: 0x{sample_key(20231012, row):016x}")
