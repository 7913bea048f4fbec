import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Turns the bytes of a report file into text: UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK.
enum SourceDecoder {
    /// The eight bytes at `i` of `b`, when all are ASCII, widened to scalars at `o` of `out`: returned as one word;
    /// nil when fewer than eight are left or one is not ASCII. In bounds for a decoder making at most one scalar a
    /// byte (`o <= i`, and `i + 8 <= b.count`, the capacity).
    @inline(__always)
    static func widenASCII(
        _ b: UnsafeBufferPointer<UInt8>, at i: Int, into out: UnsafeMutableBufferPointer<Unicode.Scalar>, at o: Int
    ) -> UInt64? {
        guard i &+ 8 <= b.count, b[i] < 0x80, let source = b.baseAddress, let target = out.baseAddress else {
            return nil
        }
        let bytes = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<UInt8>.self)
        let word = unsafeBitCast(bytes, to: UInt64.self)
        guard word & 0x8080_8080_8080_8080 == 0 else { return nil }
        UnsafeMutableRawPointer(target + o).storeBytes(
            of: SIMD8<UInt32>(truncatingIfNeeded: bytes), as: SIMD8<UInt32>.self)
        return word
    }

    /// Whether one of a word's eight bytes may be below 0x20 (no false negatives: a word it says no for has none).
    @inline(__always)
    static func mayHoldControl(_ word: UInt64) -> Bool {
        (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 != 0
    }

    /// GB18030 (a superset of GBK and GB2312): `CFStringConvertEncodingToNSStringEncoding(kCFStringEncodingGB_18030_2000)`,
    /// written as its value because the CF function is not exported by Foundation on Linux; the value works on both.
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    struct Decoded {
        /// The text, folded by ``SourceDocument/fold(_:)``.
        var scalars: [Unicode.Scalar]
        var encoding: SourceEncoding
        var issues: [ImportIssue]
    }

    static func decode(_ bytes: [UInt8], file: String?) throws(ImportError) -> Decoded {
        guard !bytes.isEmpty else { throw .empty(file) }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            guard let text = String(data: Data(bytes), encoding: .utf16) else { throw .undecodable(file) }
            let scalars = text.unicodeScalars.map(SourceDocument.fold)
            var issues: [ImportIssue] = []
            if bytes.count % 2 == 1 {
                // Half a UTF-16 code unit at the end: the file was cut.
                let line = 1 + scalars.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
                let column = 1 + (scalars.lastIndex(of: "\n").map { scalars.count - $0 - 1 } ?? scalars.count)
                issues.append(
                    ImportIssue(
                        code: "I011", severity: .warning,
                        "the UTF-16 text ends in half a character: the file is cut (truncated?)",
                        line: line,
                        column: column, damage: .truncated))
            }
            return Decoded(scalars: scalars, encoding: .utf16, issues: issues)
        }
        var body = bytes[...]
        var encoding = SourceEncoding.utf8
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            body = bytes.dropFirst(3)
            encoding = .utf8WithBOM
        }
        // Text never holds NUL or many other C0 controls; a file that does is binary (an image, a .docx, a PDF).
        // The decoder notes control bytes as it goes; only a text holding some is scanned for binary data.
        var decoded = scalarsOfUTF8(body)
        let binaryAt =
            !(decoded?.hasControls ?? true)
            ? nil
            : body.withUnsafeBufferPointer { b -> Int? in
                var controls = 0
                var offset = 0
                while offset < b.count {
                    // Eight bytes at a time where none is below 0x20 (the test has no false negatives).
                    if offset &+ 8 <= b.count, let base = b.baseAddress,
                        !mayHoldControl(UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
                    {
                        offset &+= 8
                        continue
                    }
                    let byte = b[offset]
                    offset &+= 1
                    guard byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D else { continue }
                    if byte == 0 { return offset - 1 }
                    controls += 1
                    if controls > 8 && controls * 100 > b.count { return offset - 1 }
                }
                return nil
            }
        if let offset = binaryAt { throw .binary(file, offset: offset + body.startIndex) }
        if let scalars = decoded?.scalars {
            decoded = nil
            return Decoded(scalars: scalars, encoding: encoding, issues: [])
        }
        let check = validateUTF8(body)
        // A few bad sequences among many good multi-byte ones: UTF-8 damaged in transit. GB18030 read as UTF-8
        // instead fails on nearly every Chinese character.
        if check.validMultibyte >= 10 * check.invalid {
            let line = 1 + body[..<check.firstInvalid].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            let lineStart = body[..<check.firstInvalid].lastIndex(of: 0x0A).map { $0 + 1 } ?? body.startIndex
            let column = String(decoding: body[lineStart..<check.firstInvalid], as: UTF8.self).count + 1
            let issue = ImportIssue(
                code: "I010",
                severity: .warning,
                "\(check.invalid) invalid UTF-8 byte sequence(s) replaced by U+FFFD (first at byte \(check.firstInvalid))",
                line: line, column: column, damage: .invalidUTF8)
            return Decoded(
                scalars: String(decoding: body, as: UTF8.self).unicodeScalars.map(SourceDocument.fold),
                encoding: .utf8Repaired,
                issues: [issue])
        }
        guard let scalars = decodeGB18030(body) else { throw .undecodable(file) }
        return Decoded(scalars: scalars, encoding: .gb18030, issues: [])
    }

    /// GB18030 bytes as text, folded by ``SourceDocument/fold(_:)``; nil when they are not GB18030. ASCII and
    /// two-byte characters through ``GB18030Table`` (iconv's own mapping, asked once); any other text whole through
    /// ``decodeGB18030Converting(_:)``.
    static func decodeGB18030(_ bytes: ArraySlice<UInt8>) -> [Unicode.Scalar]? {
        GB18030Table.decode(bytes) ?? decodeGB18030Converting(bytes)
    }

    /// GB18030 bytes as text, folded, by a converter: the C library's iconv where there is one (a table converter:
    /// several times faster than Foundation's decoding on Linux), straight to UTF-32 code points; else Foundation.
    static func decodeGB18030Converting(_ bytes: ArraySlice<UInt8>) -> [Unicode.Scalar]? {
        #if canImport(Glibc)
            let converter = iconv_open("UTF-32LE", "GB18030")
            if converter != iconv_t(bitPattern: -1) {
                defer { iconv_close(converter) }
                var input = Array(bytes)
                // A GB18030 character of 1, 2 or 4 bytes is one code point.
                var output = [UInt32](repeating: 0, count: input.count + 4)
                let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
                    output.withUnsafeMutableBytes { outBuffer in
                        guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return 0 }
                        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase)
                            .assumingMemoryBound(to: CChar.self)
                        var outPointer: UnsafeMutablePointer<CChar>? = outBase.assumingMemoryBound(to: CChar.self)
                        var inLeft = inBuffer.count
                        var outLeft = outBuffer.count
                        // Invalid or truncated input fails (-1): the file is not GB18030.
                        guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else {
                            return nil
                        }
                        return (outBuffer.count - outLeft) / 4
                    }
                }
                guard let written else { return nil }
                return output[..<written].map { code in
                    let scalar = Unicode.Scalar(UInt32(littleEndian: code)) ?? "\u{FFFD}"
                    return SourceDocument.fold(scalar)
                }
            }
        #endif
        return String(data: Data(bytes), encoding: gb18030)?.unicodeScalars.map(SourceDocument.fold)
    }

    /// The scalars of well-formed UTF-8 (RFC 3629), decoded and folded in one pass, and whether C0 control bytes other
    /// than tab and line breaks occur; nil at the first ill-formed byte.
    static func scalarsOfUTF8(_ bytes: ArraySlice<UInt8>) -> (scalars: [Unicode.Scalar], hasControls: Bool)? {
        var ok = true
        var controls = false
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { out, initialized in
            initialized = 0
            bytes.withUnsafeBufferPointer { b in
                var i = 0
                var o = 0
                let n = b.count
                while i < n {
                    // A three-byte character led by E1…EC or EE…EF (nearly every CJK character) first: those have no
                    // overlong or surrogate forms, so two continuation bytes make a valid scalar. Anything else, and a
                    // sequence cut or broken here, goes the general way below.
                    let lead = b[i]
                    if lead >= 0xE1, lead != 0xED, lead <= 0xEF, i &+ 2 < n {
                        let c1 = b[i &+ 1]
                        let c2 = b[i &+ 2]
                        if c1 & 0xC0 == 0x80, c2 & 0xC0 == 0x80 {
                            let value = UInt32(lead & 0x0F) &<< 12 | UInt32(c1 & 0x3F) &<< 6 | UInt32(c2 & 0x3F)
                            out[o] = SourceDocument.fold(unsafeBitCast(value, to: Unicode.Scalar.self))
                            o &+= 1
                            i &+= 3
                            continue
                        }
                    }
                    // Eight ASCII bytes at a time (markup, digits, Latin text, line breaks): widened to scalars as they
                    // are, their control bytes looked at only when the word may hold one (the test has no false
                    // negatives). In bounds: a byte makes at most one scalar, so `o <= i` and `i + 8 <= n`, the capacity.
                    if let word = widenASCII(b, at: i, into: out, at: o) {
                        if mayHoldControl(word) {
                            for k in 0..<8 {
                                let c = b[i &+ k]
                                if c < 0x20 && c != 0x0A && c != 0x0D && c != 0x09 { controls = true }
                            }
                        }
                        o &+= 8
                        i &+= 8
                        // A run of ASCII (markup): sixteen bytes at a time while all are, as two words (Swift's
                        // wider vectors compile to element-by-element code). In bounds as above.
                        while i &+ 16 <= n, let source = b.baseAddress, let target = out.baseAddress {
                            let first = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<UInt8>.self)
                            let second = UnsafeRawPointer(source + (i &+ 8)).loadUnaligned(as: SIMD8<UInt8>.self)
                            let w1 = unsafeBitCast(first, to: UInt64.self)
                            let w2 = unsafeBitCast(second, to: UInt64.self)
                            guard (w1 | w2) & 0x8080_8080_8080_8080 == 0 else { break }
                            UnsafeMutableRawPointer(target + o).storeBytes(
                                of: SIMD8<UInt32>(truncatingIfNeeded: first), as: SIMD8<UInt32>.self)
                            UnsafeMutableRawPointer(target + (o &+ 8)).storeBytes(
                                of: SIMD8<UInt32>(truncatingIfNeeded: second), as: SIMD8<UInt32>.self)
                            if mayHoldControl(w1) || mayHoldControl(w2) {
                                for k in 0..<16 {
                                    let c = b[i &+ k]
                                    if c < 0x20 && c != 0x0A && c != 0x0D && c != 0x09 { controls = true }
                                }
                            }
                            o &+= 16
                            i &+= 16
                        }
                        continue
                    }
                    let c0 = b[i]
                    if c0 < 0x80 {
                        if c0 < 0x20 && c0 != 0x0A && c0 != 0x0D && c0 != 0x09 { controls = true }
                        out[o] = Unicode.Scalar(c0)
                        o &+= 1
                        i &+= 1
                        continue
                    }
                    var value: UInt32
                    if c0 & 0xF0 == 0xE0 {
                        // Three bytes: every CJK character. Wrapping arithmetic: the indices are bounded by `n`.
                        guard i &+ 2 < n else { break }
                        let c1 = b[i &+ 1]
                        let c2 = b[i &+ 2]
                        guard c1 & 0xC0 == 0x80, c2 & 0xC0 == 0x80 else { break }
                        // No overlong forms (E0 80…9F), no surrogates (ED A0…BF).
                        if (c0 == 0xE0 && c1 < 0xA0) || (c0 == 0xED && c1 >= 0xA0) { break }
                        value = UInt32(c0 & 0x0F) &<< 12 | UInt32(c1 & 0x3F) &<< 6 | UInt32(c2 & 0x3F)
                        i &+= 3
                    } else if c0 >= 0xC2 && c0 < 0xE0 {
                        guard i + 1 < n, b[i + 1] & 0xC0 == 0x80 else { break }
                        value = UInt32(c0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)
                        i += 2
                    } else if c0 >= 0xF0 && c0 <= 0xF4 {
                        guard i + 3 < n, b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80, b[i + 3] & 0xC0 == 0x80
                        else { break }
                        value =
                            UInt32(c0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6
                            | UInt32(b[i + 3] & 0x3F)
                        guard value >= 0x10000, value <= 0x10FFFF else { break }
                        i += 4
                    } else {
                        break
                    }
                    // A valid scalar: the checks above exclude surrogates and out-of-range values.
                    let scalar = unsafeBitCast(value, to: Unicode.Scalar.self)
                    out[o] = SourceDocument.fold(scalar)
                    o &+= 1
                }
                ok = i == n
                initialized = o
            }
        }
        return ok ? (scalars, controls) : nil
    }

    /// Counts well-formed multi-byte sequences and ill-formed bytes (RFC 3629: no overlongs, no surrogates). The
    /// count stops early once the well-formed sequences can no longer reach ten times the ill-formed bytes, even if
    /// every byte left began one (what text in another encoding does within its first Chinese lines): the counts
    /// then still say so.
    static func validateUTF8(_ bytes: ArraySlice<UInt8>) -> (validMultibyte: Int, invalid: Int, firstInvalid: Int) {
        var valid = 0
        var invalid = 0
        var first = bytes.endIndex
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            var length = 0
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: length = 0
            }
            var ok = length > 0 && i + length <= end
            if ok {
                for k in 1..<length {
                    let c = bytes[i + k]
                    let (lo, hi) = k == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                    if c < lo || c > hi {
                        ok = false
                        break
                    }
                }
            }
            if ok {
                valid += 1
                i += length
            } else {
                if invalid == 0 { first = i }
                invalid += 1
                i += 1
                if valid + (end - i) / 2 < 10 * invalid { break }
            }
        }
        return (valid, invalid, first)
    }
}
