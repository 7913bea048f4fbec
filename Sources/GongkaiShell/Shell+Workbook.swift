import GongkaiCore

// Engine calls the shell needs that the Workbook does not offer yet (ENGINE-API.md lists them). Each is named apart
// from the engine's future API so that both can coexist; switch the call sites over when the engine lands them.
extension Shell {
    /// The names of a report: its template's numeric and text cells (user-defined names need `Workbook.cellNames`).
    func names(in report: String) -> [String] {
        guard let template = try? workbook.template(of: report) else { return [] }
        return template.cells.map(\.name) + template.textCells.map(\.name)
    }

    /// `Workbook.info(of:)` is not there yet.
    func cellInfo(_ reference: String) throws -> CellInfo {
        throw ShellError(".explain needs Workbook.info(of:), which this build's engine does not provide yet")
    }

    /// `Workbook.document()` is not there yet.
    func workbookDocument() throws -> WorkbookDocument {
        throw ShellError(".save needs Workbook.document(), which this build's engine does not provide yet")
    }

    /// `Workbook(document:)` is not there yet.
    func restoredWorkbook(_ document: WorkbookDocument) throws -> Workbook {
        throw ShellError("loading a workbook file needs Workbook(document:), which this build's engine does not provide yet")
    }
}
