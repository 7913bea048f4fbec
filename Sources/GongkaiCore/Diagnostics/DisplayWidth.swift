/// The number of terminal columns a string occupies: CJK and other East Asian wide characters count 2, combining marks
/// and format characters 0, everything else (East Asian Ambiguous included) 1.
///
/// Pure and locale-free, unlike `wcwidth`, which depends on `LC_CTYPE` and miscounts emoji sequences. Measured against
/// tmux 3.3a (docs/LIBEDIT.md §5). Used for table alignment and for placing diagnostic carets.
public func displayWidth(_ text: some StringProtocol) -> Int {
    displayWidth(String(text))
}

/// The number of terminal columns a string occupies (see the generic form); not generic, so that callers in other
/// modules run specialised code.
public func displayWidth(_ text: String) -> Int {
    // Printable ASCII (cell names, numbers): one column per byte, no grapheme breaking needed.
    let ascii = text.utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
    if ascii ?? text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
    // Printable ASCII and CJK ideographs and punctuation (report and body names): each scalar is a Character of its
    // own, neither a mark nor an emoji, one or two columns wide; anything else is measured Character by Character.
    var simple = 0
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x20..<0x7F: simple += 1
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xFF01...0xFF60, 0x3001...0x3011: simple += 2
        default: return characterWidth(text)
        }
    }
    return simple
}

/// ``displayWidth(_:)`` Character by Character.
private func characterWidth(_ text: String) -> Int {
    var width = 0
    for character in text {
        width += displayWidth(of: character)
    }
    return width
}

/// The terminal width of one grapheme cluster.
public func displayWidth(of character: Character) -> Int {
    let scalars = character.unicodeScalars
    // An emoji presentation anywhere in the cluster (or VS16) makes the whole sequence one wide glyph.
    if scalars.contains(where: { $0.properties.isEmojiPresentation || $0.value == 0xFE0F }) { return 2 }
    var width = 0
    for scalar in scalars {
        width += scalarWidth(scalar)
    }
    return width
}

private func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x7F { return v < 0x20 ? 0 : 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control: return 0
    default: break
    }
    return wideRanges.contains { $0.contains(v) } ? 2 : 1
}

/// East Asian Wide and Fullwidth blocks that occur in this domain's text (and a little beyond).
private let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
    0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
    0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
]
