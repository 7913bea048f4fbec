#if canImport(Glibc)
    import Glibc
#endif

/// GB18030 decoding without a converter call per file: the text of a report is ASCII and two-byte characters (every
/// Han character of GB2312 and GBK), which this table decodes eight ASCII bytes or one character at a time.
///
/// The table is the C library's own iconv mapping of every two-byte code, asked once per process, so the fast path
/// cannot disagree with iconv: a byte it does not know (a four-byte sequence, a lead byte with a bad trail, a code
/// iconv refuses or maps outside the BMP, the single bytes 0x80 and 0xFF) makes ``decode(_:)`` return nil, and the
/// caller decodes the whole text with iconv, as before, which also decides whether the bytes are GB18030 at all.
enum GB18030Table {
    /// Two-byte codes: lead 0x81…0xFE, trail 0x40…0xFE without 0x7F; 190 trails per lead.
    static let trails = 190

    /// Each two-byte code's scalar, folded by ``SourceDocument/fold(_:)``, at `(lead − 0x81) × 190 + trail index`; 0
    /// where iconv does not give one BMP scalar (iconv decides those). Empty when this platform has no iconv.
    static let scalars: [UInt16] = makeTable()

    /// The index of a trail byte among the 190, or nil when it cannot end a two-byte code.
    @inline(__always)
    static func trailIndex(_ byte: UInt8) -> Int? {
        if byte >= 0x40 && byte <= 0x7E { return Int(byte) - 0x40 }
        if byte >= 0x80 && byte <= 0xFE { return Int(byte) - 0x41 }
        return nil
    }

    /// The text of `bytes`, folded, when every character is ASCII or a two-byte code the table knows; nil otherwise
    /// (the caller then decodes with iconv).
    static func decode(_ bytes: ArraySlice<UInt8>) -> [Unicode.Scalar]? {
        let table = scalars
        guard !table.isEmpty else { return nil }
        var ok = true
        let decoded = [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { out, initialized in
            initialized = 0
            bytes.withUnsafeBufferPointer { b in
                table.withUnsafeBufferPointer { t in
                    var i = 0
                    var o = 0
                    let n = b.count
                    while i < n {
                        // Eight ASCII bytes at a time (digits, markup, line breaks), widened as they are.
                        if SourceDecoder.widenASCII(b, at: i, into: out, at: o) != nil {
                            o &+= 8
                            i &+= 8
                            continue
                        }
                        let lead = b[i]
                        if lead < 0x80 {
                            out[o] = Unicode.Scalar(lead)
                            o &+= 1
                            i &+= 1
                            continue
                        }
                        guard lead != 0x80, lead != 0xFF, i &+ 1 < n, let trail = trailIndex(b[i &+ 1]) else {
                            ok = false
                            break
                        }
                        let value = t[(Int(lead) &- 0x81) &* trails &+ trail]
                        guard value != 0 else {
                            ok = false
                            break
                        }
                        // A BMP scalar that is no surrogate: the table holds only those (``makeTable()``).
                        out[o] = unsafeBitCast(UInt32(value), to: Unicode.Scalar.self)
                        o &+= 1
                        i &+= 2
                    }
                    initialized = o
                }
            }
        }
        return ok ? decoded : nil
    }

    /// Every two-byte code decoded by iconv, a lead byte's 190 codes in one call (each code alone when the row holds
    /// one iconv refuses); empty when iconv has no GB18030.
    static func makeTable() -> [UInt16] {
        #if canImport(Glibc)
            let converter = iconv_open("UTF-32LE", "GB18030")
            guard converter != iconv_t(bitPattern: -1) else { return [] }
            defer { iconv_close(converter) }
            /// The scalars iconv makes of `input`; nil when it refuses any byte of it.
            func convert(_ input: [UInt8]) -> [UInt32]? {
                var input = input
                var output = [UInt32](repeating: 0, count: input.count + 4)
                let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
                    output.withUnsafeMutableBytes { outBuffer in
                        guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return nil }
                        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase)
                            .assumingMemoryBound(to: CChar.self)
                        var outPointer: UnsafeMutablePointer<CChar>? = outBase.assumingMemoryBound(to: CChar.self)
                        var inLeft = inBuffer.count
                        var outLeft = outBuffer.count
                        // A fresh conversion state for every call: GB18030 has no shift state, but iconv keeps one.
                        iconv(converter, nil, nil, nil, nil)
                        guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else {
                            return nil
                        }
                        return (outBuffer.count - outLeft) / 4
                    }
                }
                return written.map { Array(output[..<$0].map { UInt32(littleEndian: $0) }) }
            }
            /// One BMP scalar, folded; 0 for anything else (a surrogate, a scalar beyond the BMP, several scalars).
            func entry(_ scalars: [UInt32]?) -> UInt16 {
                guard let scalars, scalars.count == 1, let scalar = Unicode.Scalar(scalars[0]) else { return 0 }
                let folded = SourceDocument.fold(scalar).value
                return folded > 0 && folded <= 0xFFFF ? UInt16(folded) : 0
            }
            let trailBytes = (0x40...0x7E).map(UInt8.init) + (0x80...0xFE).map(UInt8.init)
            var table = [UInt16](repeating: 0, count: 126 * trails)
            for lead in 0x81...0xFE {
                let row = (lead - 0x81) * trails
                let codes = trailBytes.flatMap { [UInt8(lead), $0] }
                if let scalars = convert(codes), scalars.count == trails {
                    for k in 0..<trails { table[row + k] = entry([scalars[k]]) }
                } else {
                    for k in 0..<trails { table[row + k] = entry(convert([UInt8(lead), trailBytes[k]])) }
                }
            }
            return table
        #else
            return []
        #endif
    }
}
