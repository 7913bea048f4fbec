import GongkaiCore

extension Shell {
    /// The names of a report: template cells in official order, text cells, then user names (empty when the report is
    /// not loaded).
    func names(in report: String) -> [String] {
        (try? workbook.cellNames(report: report)) ?? []
    }

    /// Everything `.explain` shows about a cell.
    func cellInfo(_ reference: String) throws -> CellInfo {
        try attempt { () throws(EngineError) in try workbook.info(of: reference) }
    }

    /// The session as plain data, for `.save`.
    func workbookDocument() throws -> WorkbookDocument { workbook.document() }
}
