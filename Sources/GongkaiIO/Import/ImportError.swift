import GongkaiCore

/// Why a file could not be imported at all. Partial results are not errors: they come back as an ``ImportedReport``
/// with its ``ImportedReport/missing`` cells listed.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error as the one diagnostic type: code, message, file and line.
    public let diagnostic: Diagnostic

    /// A stable identifier (`I001`); tests refer to it, wording may change.
    public var code: String { diagnostic.code }
    /// What went wrong, and what to do about it when there is something.
    public var message: String { diagnostic.summary }
    /// The file name as the user gave it, if any.
    public var file: String? { diagnostic.file }
    /// 1-based line, when the problem has a place.
    public var line: Int? { diagnostic.line }

    /// An error; `line` is 1-based.
    public init(code: String, _ message: String, file: String? = nil, line: Int? = nil) {
        diagnostic = Diagnostic(code: code, message, line: line, file: file)
    }

    /// `上犹县政府办-2023.txt:12: the file is binary data, not a report text`
    public var description: String {
        var place = file ?? ""
        if let line { place += ":\(line)" }
        return (place.isEmpty ? "" : place + ": ") + message
    }
}

// The wording of every import error, apart from the call sites.
extension ImportError {
    static func unreadable(_ file: String?, _ reason: String) -> ImportError {
        ImportError(code: "I001", "cannot read the file: \(reason)", file: file)
    }
    static func empty(_ file: String?) -> ImportError {
        ImportError(code: "I002", "the file is empty", file: file)
    }
    static func binary(_ file: String?, offset: Int) -> ImportError {
        ImportError(
            code: "I003", "the file is binary data, not a report text (control byte at offset \(offset))", file: file)
    }
    static func undecodable(_ file: String?) -> ImportError {
        ImportError(
            code: "I004", "the text is neither UTF-8 nor GB18030/GBK; convert it to UTF-8 (e.g. with iconv)", file: file
        )
    }
    static func tooLarge(_ file: String?, bytes: Int) -> ImportError {
        ImportError(
            code: "I009",
            "the file is \(bytes) bytes, more than the \(ImportLimits.maxInputBytes >> 20) MiB a report may have; "
                + "published reports are a few hundred KB (is this the right file?)",
            file: file)
    }
    static func noTables(_ file: String?) -> ImportError {
        ImportError(
            code: "I005",
            "no recognisable report tables: found none of the headings 二、主动公开政府信息情况 / 三、收到和处理政府信息公开申请情况 / "
                + "四、政府信息公开行政复议、行政诉讼情况 with numbers under them",
            file: file)
    }
    static func popplerMissing(_ file: String?) -> ImportError {
        ImportError(
            code: "I007",
            "reading a PDF needs pdftotext from Poppler, which is not installed; install it with "
                + "`apt-get install poppler-utils` (macOS: `brew install poppler`), or load the text of the PDF instead",
            file: file)
    }
    static func popplerFailed(_ file: String?, _ reason: String) -> ImportError {
        ImportError(code: "I008", "cannot extract the text of the PDF: \(reason)", file: file)
    }
    static func pdfWithoutText(_ file: String?) -> ImportError {
        ImportError(
            code: "I012",
            "the PDF has no text layer (a scanned image?); run OCR on it first (e.g. ocrmypdf) and load the result",
            file: file)
    }
    static func notWord(_ file: String?, _ reason: String) -> ImportError {
        ImportError(code: "I013", "cannot read the Word document: \(reason)", file: file)
    }
}
