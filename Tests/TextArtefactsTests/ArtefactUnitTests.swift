import Testing

@testable import TextArtefacts

/// The scalar fast path of ``ArtefactText`` must classify every unit as `Character` does.
@Suite struct ArtefactUnitTests {
    /// For every Unicode scalar, the scalar unit's properties equal those of the one-scalar `Character`.
    @Test func scalarPropertiesMatchCharacterProperties() {
        var mismatches: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(value) else { continue }
            let c = Character(u)
            if u.isLetter != c.isLetter || u.isNumber != c.isNumber || u.isWhitespace != c.isWhitespace
                || u.isNewline != c.isNewline || u.isASCII != c.isASCII || u.isWordCharacter != c.isWordCharacter
            {
                mismatches.append(String(value, radix: 16))
            }
        }
        #expect(mismatches.isEmpty, "U+\(mismatches.prefix(10))")
    }

    /// Texts with multi-scalar graphemes take the `Character` path; the others the scalar path.
    @Test func unitsFollowTheGraphemes() {
        let cases: [(String, Bool)] = [
            ("plain ascii text", true), ("line\r\nbreak", false), ("café “quoted”", true), ("e\u{301} composes", true),
            ("x\u{301} does not", false),
            ("thumbs 👍🏽", false), ("heart ❤️", false), ("heart ❤", true),
        ]
        for (text, simple) in cases {
            #expect(ArtefactText(text).isSimple == simple, "\(text.debugDescription)")
        }
    }

    @Test func scalarSetsMatchTheirStrings() {
        let set = ScalarSet(":;=-^'xX8…\u{2018}")
        for value in UInt32(0)...0x3000 {
            guard let u = Unicode.Scalar(value) else { continue }
            #expect(set.contains(u) == set.string.unicodeScalars.contains(u))
        }
    }
}
